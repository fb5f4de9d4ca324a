"""What a journal holds at rest, on either database, for tests that look past the app.

SQLite: the file and its write-ahead log, byte for byte. PostgreSQL: every row of every table
(the search vectors included) as text, read as the owner (`ATTUNE_ADMIN_DATABASE_URL`, which
the `db_url` fixture sets), past row-level security — what someone with the database itself
reads. Dead row versions that VACUUM has not yet removed are PostgreSQL's own storage (see
docs/hosting.md on erasing), not looked at here."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from attune.services import Journal


@contextmanager
def owner_engine(journal: Journal) -> Iterator[Engine]:
    """An engine as the database's owner (on SQLite, the file itself)."""
    url = os.environ.get("ATTUNE_ADMIN_DATABASE_URL") or str(
        journal.engine.url.render_as_string(hide_password=False)
    )
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _rows(journal: Journal) -> list[str]:
    with owner_engine(journal) as engine, engine.connect() as conn:
        tables = conn.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ).all()
        return [
            f"{name}: "
            + (
                conn.scalar(
                    text(f"SELECT string_agg(t::text, ' ' ORDER BY t::text) FROM \"{name}\" t")
                )
                or ""
            )
            for name in tables
        ]


def at_rest(journal: Journal) -> bytes:
    path = journal.settings.sqlite_path
    if path is not None:
        wal = Path(str(path) + "-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    return "\n".join(_rows(journal)).encode()


def digest(journal: Journal) -> str:
    """A fingerprint of everything stored: equal before and after means nothing was written."""
    return hashlib.sha256(at_rest(journal)).hexdigest()
