"""Issue 14 finding 6: words sealed or erased must leave the write-ahead log too. A second
connection holding a read transaction keeps `wal_checkpoint(TRUNCATE)` from truncating the -wal
file; the checkpoint waits (bounded) for it, and never reports success while the words are still
in the -wal file: it raises LogNotCleared (what the screens show) instead."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from attune import crypto, security
from attune.domain.errors import LogNotCleared
from attune.services import Journal, together
from tests.factories import make_entry, make_member
from tests.viewers import V

SECRET = "zebra-okapi-quokka"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def _db(journal: Journal) -> Path:
    path = journal.settings.sqlite_path
    assert path is not None
    return path


def _wal(journal: Journal) -> bytes:
    wal = _db(journal).with_name(_db(journal).name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


@contextmanager
def reading(journal: Journal) -> Iterator[sqlite3.Connection]:
    """Another connection (another window, a backup tool) in the middle of a read."""
    conn = sqlite3.connect(_db(journal), isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN")
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] >= 1
    try:
        yield conn
    finally:
        conn.close()


def _secret_in_wal(journal: Journal) -> bool:
    return SECRET.encode() in _wal(journal)


def test_set_passphrase_with_a_reader_open_does_not_report_success(journal: Journal) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, body=f"I told nobody: {SECRET}")
    assert _secret_in_wal(journal)
    journal.checkpoint_wait = 0.5
    with reading(journal), pytest.raises(LogNotCleared) as info:
        together.set_passphrase(journal, sam.id, "correct horse battery")
    assert isinstance(info.value.result, bytes)  # committed: the session keeps its key
    assert journal.log_pending
    assert "reading" in str(info.value)
    # The reader gone, the next checkpoint clears it and says so.
    journal.checkpoint()
    assert not journal.log_pending
    assert _wal(journal) == b"" and not _secret_in_wal(journal)


def test_checkpoint_waits_for_a_reader_that_finishes(journal: Journal) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, body=f"I told nobody: {SECRET}")
    journal.checkpoint_wait = 10
    with reading(journal) as conn:
        threading.Timer(0.4, conn.rollback).start()
        together.set_passphrase(journal, sam.id, "correct horse battery")
    assert _wal(journal) == b"" and not _secret_in_wal(journal)


def test_empty_trash_with_a_reader_open_says_the_log_still_holds_words(journal: Journal) -> None:
    sam = make_member(journal)
    entry = make_entry(journal, sam, body=f"I told nobody: {SECRET}")
    journal.trash_entry(V(sam), entry.id)
    journal.checkpoint_wait = 0.3
    with reading(journal), pytest.raises(LogNotCleared) as info:
        journal.empty_trash(V(sam))
    assert info.value.result == 1  # erased from the database itself
    # Emptying again (nothing left to erase) tries the log again, now that nobody reads.
    assert journal.empty_trash(V(sam)) == 0
    assert not journal.log_pending and not _secret_in_wal(journal)
