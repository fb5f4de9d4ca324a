"""Issue 14 finding 9: every file Attune writes is its owner's alone — the database and its log,
backups (the automatic ones before an upgrade too), CLI exports — 0600 in a 0700 folder, whatever
the umask; a failed export leaves no temporary file behind."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from attune.cli import main
from attune.config import load_settings
from attune.services import Journal
from tests.factories import make_entry, make_member


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the usual default: files 0644, folders 0755
    yield
    os.umask(old)


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None) -> Iterator[Journal]:
    db = tmp_path / "data" / "journal" / "attune.db"
    monkeypatch.setenv("ATTUNE_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path / "data"))
    journal = Journal(load_settings())
    yield journal
    journal.close()


def test_database_and_its_log_are_0600_in_a_0700_folder(fresh: Journal) -> None:
    sam = make_member(fresh)
    make_entry(fresh, sam)
    db = fresh.settings.sqlite_path
    assert db is not None
    assert mode(db.parent) == 0o700 and mode(db.parent.parent) == 0o700
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        assert path.exists() and mode(path) == 0o600, path


def test_an_existing_database_is_narrowed_to_0600(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
) -> None:
    db = tmp_path / "attune.db"
    monkeypatch.setenv("ATTUNE_DATABASE_URL", f"sqlite:///{db}")
    Journal(load_settings()).close()
    os.chmod(db, 0o644)
    Journal(load_settings()).close()
    assert mode(db) == 0o600


def test_backups_are_0600_in_a_0700_folder(fresh: Journal) -> None:
    make_entry(fresh, make_member(fresh))
    backup = fresh.backup()
    assert mode(backup) == 0o600 and mode(backup.parent) == 0o700
    upgrade_backups = list(backup.parent.glob("*before-*"))
    for path in upgrade_backups:
        assert mode(path) == 0o600
    assert not list(backup.parent.glob("*.part"))


def test_cli_export_is_0600_and_a_failed_one_leaves_no_temporary_file(
    fresh: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam = make_member(fresh)
    make_entry(fresh, sam)
    out = tmp_path / "out" / "sam.csv"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--member", "Sam", "--scope", "all", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert mode(out) == 0o600
    assert os.listdir(out.parent) == ["sam.csv"]

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    again = tmp_path / "out" / "again.csv"
    result = CliRunner().invoke(
        main,
        ["export", "--format", "csv", "--member", "Sam", "--scope", "all", "--out", str(again)],
    )
    assert result.exit_code != 0
    assert os.listdir(out.parent) == ["sam.csv"]  # no .again.csv.tmp with words in it
