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


# Migration 0020's statement triggers that keep `journal_days` on PostgreSQL.
PG_DAY_TRIGGERS = (
    "journal_days_entries_ai",
    "journal_days_entries_ad",
    "journal_days_entries_au",
    "journal_days_tags_au",
    "journal_days_feelings_au",
    "journal_days_tag_names_au",
    "journal_days_members_au",
)
_PG_FINGERPRINT = text(
    "SELECT (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(:names)), "
    "(SELECT d.revision FROM journal_days AS d WHERE d.journal_id = :journal "
    "AND d.local_date < :before ORDER BY d.revision DESC LIMIT 1)"
)


def history_revision(session: Session, before: date) -> int:
    """A fingerprint of every day before ``before``: it changes with any write that can change
    those days' aggregates for anyone (entries, their tags and feelings, tag and member names),
    kept by the triggers of migration 0008 in `day_changes` (on PostgreSQL, 0020's in
    `journal_days`, per journal).

    Where any of the triggers is missing (another database, a schema made without migrations) it
    is ``-1 - revision``: then every write changes it (never equal to a trigger's stamp, ≥ 0)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        # One round trip: the triggers are there, and the newest stamp before `before` (down
        # ix_journal_days_revision, stopping at the first such day).
        params = {"names": list(PG_DAY_TRIGGERS), "journal": journal_of(session)}
        found_pg = session.execute(_PG_FINGERPRINT, {**params, "before": before.isoformat()}).one()
        if found_pg[0] == len(PG_DAY_TRIGGERS):
            return int(found_pg[1] or 0)
        return -1 - get_revision(session)
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
