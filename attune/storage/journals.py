"""Journals (households) in one database: PostgreSQL holds many, a SQLite file one (number 1).

Adding a journal is the operator's (the owner's URL, `attune journals add`): the app's role may
read its own journal's row and nothing else (migration 0015)."""

from __future__ import annotations

from sqlalchemy import Connection, func, insert, select, text

from . import models as m


def add_journal(conn: Connection, name: str) -> int:
    """A new journal and its revision row, in the caller's transaction; its number. The number
    is drawn first (row-level security lets the owner add a journal but not read it back)."""
    if conn.dialect.name == "sqlite":
        raise ValueError("a SQLite file holds one journal; PostgreSQL holds many")
    number = int(
        conn.execute(text("SELECT nextval(pg_get_serial_sequence('journals', 'id'))")).scalar_one()
    )
    conn.execute(insert(m.JournalRecord).values(id=number, name=name[:120], created_at=m.utcnow()))
    conn.execute(insert(m.Revision).values(journal_id=number, value=0))
    return number


def count_journals(conn: Connection) -> int:
    """How many journals the connection may see (every one for a superuser; for the app's role,
    its own)."""
    return int(conn.execute(select(func.count()).select_from(m.JournalRecord)).scalar_one())
