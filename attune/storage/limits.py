"""The attempts the abuse limits count (migration 0019), shared by every replica.

`attempt_times` then `add_attempt`, in one writing transaction (`limit_sessions`): on SQLite
the transaction begins IMMEDIATE, so two writers queue; on PostgreSQL `attempt_times` takes an
advisory lock on the key until the transaction ends, so two replicas checking the same key queue
too — and neither takes the last slot the other took. On PostgreSQL both go through SECURITY
DEFINER functions (the app's role has no grant on the table)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session, sessionmaker

from attune.domain.limits import KEEP

from .limit_models import Attempt


def limit_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine.execution_options(attune_write=True), expire_on_commit=False)


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def attempt_times(session: Session, action: str, key: str, since: datetime) -> list[datetime]:
    """When `key` made `action` after `since` (aware UTC), oldest first."""
    if _postgresql(session):
        rows = session.execute(
            text("SELECT t FROM attune_attempt_times(:action, :key, :since) AS t"),
            {"action": action, "key": key, "since": _naive(since)},
        ).scalars()
        return sorted(t.replace(tzinfo=UTC) for t in rows)
    found = session.scalars(
        select(Attempt.at)
        .where(Attempt.key_hash == key, Attempt.action == action, Attempt.at > since)
        .order_by(Attempt.at)
    )
    return list(found)


def add_attempt(session: Session, action: str, key: str, at: datetime) -> None:
    """One more attempt; attempts older than KEEP (before `at` or now) are removed."""
    if _postgresql(session):
        session.execute(
            text("SELECT attune_attempt_add(:action, :key, :at)"),
            {"action": action, "key": key, "at": _naive(at)},
        )
        return
    session.add(Attempt(action=action, key_hash=key, at=at))
    cutoff = min(at, datetime.now(UTC)) - KEEP
    session.execute(delete(Attempt).where(Attempt.at < cutoff))
    session.flush()
