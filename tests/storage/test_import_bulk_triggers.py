"""The bulk insert of an import sets the per-row insert triggers (full-text index, day_changes of
migration 0008) aside with the `bulk_load` flag row (migration 0009) and does their work in one
statement each: the result must be what the triggers would have written, the index must pass
FTS5's own integrity check, and the schema and the flag table must be as before."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from attune.config import load_settings
from attune.services import Journal, importing
from attune.storage import bulk
from tests.import_files import fixture
from tests.viewers import V

TRIGGERS = {"entries_fts_ai", "day_changes_entries_ai"}


def _import_into(home: Path) -> tuple[Any, ...]:
    home.mkdir()
    db = home / "attune.db"
    journal = Journal(load_settings({"ATTUNE_DATABASE_URL": f"sqlite:///{db}",
                                     "ATTUNE_DATA_DIR": str(home)}))  # fmt: skip
    sam = journal.add_member("Sam").id
    for name in ("daylio_v2.csv", "jrnl_journal.txt", "dayone_export.zip"):
        importing.run_import(journal, V(sam), importing.preview_import(fixture(name), name))
    journal.close()
    con = sqlite3.connect(db)
    try:
        days = con.execute("SELECT local_date, revision FROM day_changes ORDER BY 1").fetchall()
        words = con.execute("SELECT rowid, body FROM entry_fts ORDER BY rowid").fetchall()
        triggers = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        con.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
        assert con.execute("SELECT count(*) FROM bulk_load").fetchone() == (0,)
    finally:
        con.close()
    return days, words, triggers


def test_bulk_import_writes_what_the_row_triggers_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    days, words, triggers = _import_into(tmp_path / "bulk")
    assert days and words and triggers >= TRIGGERS

    @contextlib.contextmanager
    def per_row(session: Session, before: int) -> Iterator[None]:  # the reference: rows fire them
        yield

    monkeypatch.setattr(bulk, "triggers_aside", per_row)
    assert _import_into(tmp_path / "per-row") == (days, words, triggers)
