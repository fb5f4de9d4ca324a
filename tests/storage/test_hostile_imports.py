"""Hostile imports across every format: each bad file is refused with one clear line, quickly,
and the database is byte-identical afterwards (it is never opened for writing)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from attune.exchange import attune_json, bundle
from attune.exchange.registry import ImportFailed, ImportOptions
from attune.services import Journal
from attune.services.importing import preview_import, run_import
from tests.at_rest import digest
from tests.factories import make_entry, make_member
from tests.import_files import BAD_FILES
from tests.share_factory import sample_export
from tests.viewers import V

pytestmark = pytest.mark.both_backends

PASS = "correct horse battery"


def _good_json() -> bytes:
    return attune_json.dumps(sample_export())


def _sealed() -> bytes:
    return bundle.seal(_good_json(), PASS, log2_n=14)


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _edit_json(change: Callable[[dict], None]) -> bytes:
    doc = json.loads(_good_json())
    change(doc)
    return json.dumps(doc).encode()


ATTUNE_AND_BUNDLES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "attune: wrong version": ("x.json", lambda: _edit_json(lambda d: d.update(version=99)), ""),
    "attune: entry without uid": (
        "x.json",
        lambda: _edit_json(lambda d: d["entries"][0].pop("uid")),
        "",
    ),
    "attune: valence 9": (
        "x.json",
        lambda: _edit_json(lambda d: d["entries"][0].update(valence=9)),
        "",
    ),
    "attune: time without offset": (
        "x.json",
        lambda: _edit_json(lambda d: d["entries"][0].update(occurred_at="2026-01-01T10:00:00")),
        "",
    ),
    "attune: duplicate keys": (
        "x.json",
        lambda: _good_json().replace(b'"version"', b'"version": 1, "version"', 1),
        "",
    ),
    "attune: NaN": (
        "x.json",
        lambda: _good_json().replace(b'"valence": 4', b'"valence": NaN', 1),
        "",
    ),
    "bundle: wrong passphrase": ("x.attune", _sealed, "wrong passphrase!"),
    "bundle: flipped header byte": ("x.attune", lambda: _flip(_sealed(), 20), PASS),
    "bundle: flipped ciphertext byte": ("x.attune", lambda: _flip(_sealed(), 400), PASS),
    "bundle: flipped tag byte": ("x.attune", lambda: _flip(_sealed(), len(_sealed()) - 1), PASS),
    "bundle: truncated": ("x.attune", lambda: _sealed()[:-40], PASS),
    "bundle: absurd scrypt cost": (
        "x.attune",
        lambda: _sealed().replace(b'"n":16384', b'"n":1073741824', 1),
        PASS,
    ),
}
CASES = {**{k: (v[0], v[1], "") for k, v in BAD_FILES.items()}, **ATTUNE_AND_BUNDLES}


def test_at_least_25_hostile_files_across_every_format() -> None:
    assert len(CASES) >= 25
    endings = {Path(name).suffix for name, _, _ in CASES.values()}
    assert {".csv", ".json", ".txt", ".zip", ".attune"} <= endings, endings


def _preview_and_import(
    journal: Journal, member_id: int, data: bytes, name: str, passphrase: str
) -> None:
    preview = preview_import(data, name, options=ImportOptions(passphrase=passphrase))
    run_import(journal, V(member_id), preview)


def _refused_in_one_line_quickly_and_nothing_changes(journal: Journal, case: str) -> None:
    members = journal.members()
    sam = members[0] if members else make_member(journal)
    if not members:
        make_entry(journal, sam)
    journal.checkpoint()
    before = digest(journal)  # SQLite: the file's bytes; PostgreSQL: every row, as the owner
    name, build, passphrase = CASES[case]
    data = build()
    start = time.perf_counter()
    with pytest.raises(ImportFailed) as info:
        _preview_and_import(journal, sam.id, data, name, passphrase)
    took = time.perf_counter() - start
    message = str(info.value)
    assert message.strip()
    assert "\n" not in message
    assert "Traceback" not in message
    assert took < 2.0, f"{case}: {took:.2f} s"
    journal.checkpoint()
    assert digest(journal) == before, case


@pytest.mark.sqlite_only  # on PostgreSQL every case runs in the next test, in one database
@pytest.mark.parametrize("case", list(CASES))
def test_refused_in_one_line_quickly_and_nothing_changes(case: str, journal: Journal) -> None:
    _refused_in_one_line_quickly_and_nothing_changes(journal, case)


def test_every_hostile_file_is_refused_and_nothing_changes(journal: Journal, backend: str) -> None:
    """The test above, every case in turn in one database (a PostgreSQL database per case would
    cost half a second each to copy from the template)."""
    if backend == "sqlite":
        pytest.skip("on SQLite each case is its own test above")
    for case in CASES:
        _refused_in_one_line_quickly_and_nothing_changes(journal, case)
