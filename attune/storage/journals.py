"""Journals (households) in one database: PostgreSQL holds many, a SQLite file one (number 1).

Adding a journal is the operator's (the owner's URL, `attune journals add`): the app's role may
read its own journal's row and nothing else (migration 0015)."""

from __future__ import annotations

from sqlalchemy import Connection, func, select, text

from . import models as m


def add_journal(conn: Connection, name: str) -> int:
    """A new journal and its revision row, in the caller's transaction; its number. The number
    is drawn first (row-level security lets the owner add a journal but not read it back)."""
    if conn.dialect.name == "sqlite":
        raise ValueError("a SQLite file holds one journal; PostgreSQL holds many")
    number = int(
        conn.execute(text("SELECT nextval(pg_get_serial_sequence('journals', 'id'))")).scalar_one()
    )
    # Plain statements: an insert that asks for its row back (RETURNING) needs a read policy,
    # which the owner has not (migration 0015).
    conn.execute(
        text("INSERT INTO journals (id, name, created_at) VALUES (:id, :name, :at)"),
        {"id": number, "name": name[:120], "at": m.utcnow().replace(tzinfo=None)},
    )
    conn.execute(text("INSERT INTO revision (journal_id, value) VALUES (:id, 0)"), {"id": number})
    return number


def count_journals(conn: Connection) -> int:
    """How many journals the connection may see (every one for a superuser; for the app's role,
    its own)."""
    return int(conn.execute(select(func.count()).select_from(m.JournalRecord)).scalar_one())
