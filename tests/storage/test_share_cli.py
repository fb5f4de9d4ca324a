"""`python -m attune export` in every format, and `import` of Attune JSON and bundles, with
click's CliRunner on the test's fresh database. Passphrases come from the environment or a hidden
prompt — never from an option."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from attune.cli import main
from attune.config import load_settings
from attune.exchange import bundle
from attune.services import Journal
from tests.factories import make_member
from tests.share_factory import client_month

PASS = "correct horse battery"


@pytest.fixture
def sam_month(journal: Journal) -> int:
    sam = make_member(journal)
    client_month(journal, sam, start=date(2026, 1, 1))
    return sam.id


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seal with scrypt 2**14 in tests (the default cost is tested in the unit tests)."""
    original = bundle.seal
    monkeypatch.setattr(
        bundle, "seal", lambda data, passphrase, **kw: original(data, passphrase, log2_n=14)
    )


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env, input=input)


@pytest.mark.parametrize(("fmt", "magic"), [("json", b"{"), ("csv", b"\xef\xbb\xbfuid"),
                                            ("md", b"# "), ("pdf", b"%PDF-")])  # fmt: skip
def test_export_writes_each_format(sam_month: int, tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--out", str(out), "--scope", "all")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert "30 entries" in result.output and "marker-" not in result.output


def test_export_defaults_to_the_therapist_scope_and_dates(sam_month: int, tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    result = run("export", "--format", "json", "--out", str(out), "--from", "2026-01-01",
                 "--to", "2026-01-10")  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_bytes())
    assert doc["scope"] == "therapist" and doc["range"] == {
        "from": "2026-01-01",
        "to": "2026-01-10",
    }
    assert [e["body"] for e in doc["entries"]] == ["Day 0: marker-0 happened.",
                                                   "Day 4: marker-4 happened.",
                                                   "Day 8: marker-8 happened."]  # fmt: skip
    assert doc["summary"]["days"] == 10


def test_export_refuses_csv_of_a_summary_and_backwards_dates(
    sam_month: int, tmp_path: Path
) -> None:
    out = tmp_path / "s.csv"
    result = run("export", "--format", "csv", "--out", str(out), "--scope", "summary")
    assert result.exit_code == 1 and "summary" in result.output and not out.exists()
    result = run("export", "--format", "json", "--out", str(out), "--from", "2026-02-01",
                 "--to", "2026-01-01")  # fmt: skip
    assert result.exit_code == 2


def test_there_is_no_passphrase_option(sam_month: int, tmp_path: Path) -> None:
    result = run("export", "--format", "bundle", "--out", str(tmp_path / "b"), "--passphrase", PASS)
    assert result.exit_code == 2 and "No such option" in result.output


def _db_digest() -> str:
    path = load_settings().sqlite_path
    assert path is not None
    parts = [path, path.with_name(path.name + "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


def test_bundle_export_and_import_with_passphrase_env(
    sam_month: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_kdf: None
) -> None:
    sealed = tmp_path / "sam.attune"
    env = {"SHARE_PASS": PASS}
    result = run("export", "--format", "bundle", "--out", str(sealed), "--scope", "all",
                 "--passphrase-env", "SHARE_PASS", env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert bundle.is_bundle(sealed.read_bytes()) and b"marker-" not in sealed.read_bytes()

    # A second install: a fresh database, then import the bundle there.
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(other))
    monkeypatch.setenv("ATTUNE_DATABASE_URL", f"sqlite:///{other / 'attune.db'}")
    Journal(load_settings()).add_member("Robin")
    result = run("import", str(sealed), "--passphrase-env", "SHARE_PASS", env=env)
    assert result.exit_code == 0, result.output
    assert "Added 30 entries" in result.output and "marker-" not in result.output
    result = run("import", str(sealed), input=PASS + "\n")  # the hidden prompt
    assert result.exit_code == 0, result.output
    assert "Added 0 entries; 30 were already here" in result.output


def test_bad_bundles_are_refused_and_change_nothing(
    sam_month: int, tmp_path: Path, fast_kdf: None
) -> None:
    sealed = tmp_path / "sam.attune"
    env = {"SHARE_PASS": PASS, "WRONG": "wrong horse battery"}
    run("export", "--format", "bundle", "--out", str(sealed), "--scope", "all",
        "--passphrase-env", "SHARE_PASS", env=env)  # fmt: skip
    flipped = tmp_path / "flipped.attune"
    data = bytearray(sealed.read_bytes())
    data[len(data) // 2] ^= 0x40
    flipped.write_bytes(bytes(data))
    cut = tmp_path / "cut.attune"
    cut.write_bytes(sealed.read_bytes()[:-9])
    Journal(load_settings()).checkpoint()
    before = _db_digest()
    for path, var in ((sealed, "WRONG"), (flipped, "SHARE_PASS"), (cut, "SHARE_PASS")):
        result = run("import", str(path), "--passphrase-env", var, env=env)
        assert result.exit_code == 1, result.output
        error = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(error) == 1 and "passphrase is wrong" in error[0]
    result = run("import", str(sealed), "--passphrase-env", "UNSET_VAR")
    assert result.exit_code == 2 and "UNSET_VAR" in result.output
    assert _db_digest() == before


def test_import_reads_attune_json(sam_month: int, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    run("export", "--format", "json", "--out", str(out), "--scope", "all")
    result = run("import", str(out), "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "Attune JSON" in result.output
        and "Would add 0 entries; 30 are already here" in result.output
    )
