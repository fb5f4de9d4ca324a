"""The data revision (bumped by every write transaction: the key of cached reads) and the
history fingerprint of migration 0008's `day_changes`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, literal_column, select, text, update
from sqlalchemy.orm import Session

from . import models as m
from .visibility import journal_of


def bump_revision(session: Session) -> None:
    session.execute(
        update(m.Revision)
        .where(m.Revision.journal_id == journal_of(session))
        .values(value=m.Revision.value + 1)
    )


def get_revision(session: Session) -> int:
    found = session.scalar(
        select(m.Revision.value).where(m.Revision.journal_id == journal_of(session))
    )
    return int(found or 0)


# The triggers of migration 0008 (the insert one guarded by `bulk_load` since 0009) that keep
# `day_changes` (a migration that rebuilds one of their tables must make them again; without
# all of them the fingerprint falls back to the revision).
DAY_CHANGE_TRIGGERS = (
    "day_changes_entries_ai",
    "day_changes_entries_ad",
    "day_changes_entries_au",
    "day_changes_tags_au",
    "day_changes_feelings_au",
    "day_changes_tag_names_au",
    "day_changes_members_au",
)


def history_revision(session: Session, before: date) -> int:
    """A fingerprint of every day before ``before``: it changes with any write that can change
    those days' aggregates for anyone (entries, their tags and feelings, tag and member names),
    kept by the triggers of migration 0008 in `day_changes`.

    Where any of the triggers is missing (another database, a schema made without migrations) it
    is ``-1 - revision``: then every write changes it (never equal to a trigger's stamp, ≥ 0)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite" and session.scalar(
        select(func.count())
        .select_from(text("sqlite_master"))
        .where(text("type = 'trigger'"), literal_column("name").in_(DAY_CHANGE_TRIGGERS))
    ) == len(DAY_CHANGE_TRIGGERS):
        # Newest change first (its index), stopping at the first one before ``before``: recent
        # days are the ones that change, so this reads a row or two, not every earlier day.
        found = session.scalar(
            select(m.DayChange.revision)
            .where(m.DayChange.local_date < before.isoformat())
            .order_by(m.DayChange.revision.desc())
            .limit(1)
        )
        return int(found or 0)
    return -1 - get_revision(session)
