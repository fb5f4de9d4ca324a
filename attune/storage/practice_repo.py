"""Practice sessions: session-first, keyword-only, returning domain objects. The caller commits.

Practice sessions are private to their member. There is no "shared" form: every read takes the
viewer and returns only the viewer's own rows (none for a viewer of None).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from attune.domain.practices import PracticeSession, clean_rating

from . import models as m
from .revision import bump_revision


def _to_domain(row: m.PracticeSession) -> PracticeSession:
    return PracticeSession(
        id=row.id,
        uid=row.uid,
        member_id=row.member_id,
        practice_id=row.practice_id,
        started_at=row.started_at,
        before=row.before,
        after=row.after,
    )


def add_practice_session(
    session: Session,
    *,
    member_id: int,
    practice_id: str,
    before: int | None,
    after: int | None,
    started_at: datetime | None = None,
    uid: str | None = None,
) -> PracticeSession:
    row = m.PracticeSession(
        uid=uid or str(uuid.uuid4()),
        member_id=member_id,
        practice_id=practice_id,
        started_at=started_at or datetime.now(UTC),
        before=clean_rating(before, "before"),
        after=clean_rating(after, "after"),
    )
    session.add(row)
    session.flush()
    bump_revision(session)
    return _to_domain(row)


def list_practice_sessions(session: Session, *, viewer_id: int | None) -> list[PracticeSession]:
    """The viewer's own practice sessions, oldest first."""
    if viewer_id is None:
        return []
    rows = session.scalars(
        select(m.PracticeSession)
        .where(m.PracticeSession.member_id == viewer_id)
        .order_by(m.PracticeSession.started_at, m.PracticeSession.id)
    ).all()
    return [_to_domain(r) for r in rows]
