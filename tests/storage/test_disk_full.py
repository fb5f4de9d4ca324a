"""A full disk is a full disk (issue 14, finding 8): one line that says so, never "damaged" with
advice to restore a backup, and never a traceback — at start, in a write, in an import (service,
command line and app).

Two ways SQLite meets a full disk, both reproduced on a 2 MB tmpfs: opening a WAL database whose
`-shm` cannot grow fails with SQLITE_IOERR_SHMSIZE ("disk I/O error"), and a write that needs a
page fails with SQLITE_FULL ("database or disk is full"). The first is injected here together with
a disk that reports no free space; the second is real, with `PRAGMA max_page_count` pinning the
file at its current size."""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from attune import recovery
from attune.cli import main
from attune.config import load_settings
from attune.domain.errors import DiskFull
from attune.recovery import CorruptDatabase
from attune.services import Journal, importing
from attune.storage import engine as engine_mod
from tests.factories import make_entry, make_member
from tests.viewers import V

APP = str(Path(__file__).resolve().parents[2] / "app.py")
Usage = namedtuple("Usage", "total used free")


def _shm_cannot_grow(monkeypatch: pytest.MonkeyPatch) -> None:
    """What SQLite says when it opens a WAL database on a disk with no room left."""
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "mode=ro" in str(args[0] if args else kwargs.get("database", "")):
            exc = sqlite3.OperationalError("disk I/O error")
            exc.sqlite_errorcode = 4874  # type: ignore[attr-defined]  # SQLITE_IOERR_SHMSIZE
            exc.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"  # type: ignore[attr-defined]
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(recovery.sqlite3, "connect", connect)
    monkeypatch.setattr(engine_mod.shutil, "disk_usage", lambda _p: Usage(2 << 20, 2 << 20, 0))


def _pin_size(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    """Every new connection may not grow the file past its current size: writes hit SQLITE_FULL."""
    con = sqlite3.connect(db)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    pragmas = (*engine_mod.SQLITE_PRAGMAS, f"PRAGMA max_page_count={pages}")
    monkeypatch.setattr(engine_mod, "SQLITE_PRAGMAS", pragmas)


@pytest.fixture
def db(journal: Journal, db_url: str) -> Path:
    sam = make_member(journal)
    make_entry(journal, sam, body="already here")
    journal.checkpoint()
    journal.close()
    return Path(db_url.split("///", 1)[1])


def test_full_disk_at_start_is_not_damage(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _shm_cannot_grow(monkeypatch)
    with pytest.raises(DiskFull, match="The disk is full") as caught:
        Journal(load_settings())
    assert not isinstance(caught.value, CorruptDatabase)
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 1
    assert "The disk is full" in result.output
    assert "damaged" not in result.output and "restore" not in result.output.lower()


def test_io_error_on_a_disk_with_room_is_not_called_full(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _shm_cannot_grow(monkeypatch)
    monkeypatch.setattr(engine_mod.shutil, "disk_usage", lambda _p: Usage(1 << 40, 0, 1 << 40))
    with pytest.raises(sqlite3.OperationalError) as caught:
        recovery.check_database(db)
    assert not isinstance(caught.value, DiskFull | CorruptDatabase)


def test_real_damage_still_offers_a_restore(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[:100] = b"\xff" * 100
    db.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase, match="damaged"):
        recovery.check_database(db)


def test_app_on_a_full_disk_says_so_in_one_line(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _shm_cannot_grow(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [DiskFull().args[0]]
    assert not at.button and not at.title


def test_a_write_on_a_full_disk_raises_disk_full_and_changes_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pin_size(monkeypatch, db)
    journal = Journal(load_settings())
    sam = journal.members()[0]
    saved = 0

    def fill() -> None:
        nonlocal saved
        for i in range(200):
            make_entry(journal, sam, body=f"entry {i} " + "words " * 400)
            saved += 1

    with pytest.raises(DiskFull):
        fill()
    assert 0 < saved < 200
    assert journal.stats(V(sam.id)).entries == 1 + saved  # the failed one left nothing behind
    journal.close()


def test_an_import_on_a_full_disk_is_one_line_not_a_traceback(
    db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dayone = tmp_path / "dayone.json"
    entries = [
        {
            "uuid": f"U{i}",
            "creationDate": f"2024-01-{1 + i % 28:02d}T10:{i % 60:02d}:00Z",
            "text": f"day {i} " + "long words " * 200,
        }
        for i in range(300)
    ]
    dayone.write_text(json.dumps({"metadata": {"version": "1.0"}, "entries": entries}))
    _pin_size(monkeypatch, db)
    result = CliRunner().invoke(main, ["import", str(dayone), "--format", "dayone"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "The disk is full" in result.output
    assert "Traceback" not in result.output
    journal = Journal(load_settings())
    preview = importing.preview_file(dayone, fmt="dayone")
    with pytest.raises(DiskFull):
        importing.run_import(journal, V(journal.members()[0].id), preview)
    assert journal.stats(V(journal.members()[0].id)).entries == 1  # all or nothing
    journal.close()
