"""People come and go: archive a member, bring them back, and what leaving does to their rows.

Each function works in the caller's transaction. What happens to a member's private and shared
rows is their own choice (attune.services.people asks for it); this module only carries it out:

- `erase_private`: their private entries (the trash too), drafts, practice sessions, private
  scores and check-in notes, for good (`secure_delete`; the full-text index merged).
- `erase_shared`: their shared entries, shared scores and shared check-in notes.
- `leave_conversations`: they leave every open conversation that has not been revealed (their
  unrevealed answer goes too, since nobody has read it); one waiting only for them reveals.
- `archive` / `bring_back`: the stamp that keeps them out of every list (migration 0012).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from attune.domain import entries as d
from attune.domain.entries import Visibility
from attune.domain.together import is_revealed

from . import models as m
from .entries import optimize_index
from .revision import bump_revision


def _member(session: Session, member_id: int) -> m.Member:
    row = session.get(m.Member, member_id)
    if row is None:
        raise d.NotFoundError("No such member.")
    return row


def archive(session: Session, *, member_id: int) -> None:
    _member(session, member_id).archived_at = datetime.now(UTC)
    bump_revision(session)


def bring_back(session: Session, *, member_id: int) -> d.Member:
    row = _member(session, member_id)
    row.archived_at = None
    bump_revision(session)
    return d.Member(id=row.id, name=row.name, colour=row.colour)


def archived_members(session: Session) -> list[d.Member]:
    rows = session.scalars(
        select(m.Member).where(m.Member.archived_at.is_not(None)).order_by(m.Member.id)
    )
    return [d.Member(id=r.id, name=r.name, colour=r.colour) for r in rows]


def _erase(session: Session, member_id: int, visibility: Visibility) -> int:
    """Erase the member's rows of one visibility; returns how many entries went."""
    ids = session.scalars(
        select(m.Entry.id).where(
            m.Entry.member_id == member_id, m.Entry.visibility == visibility.value
        )
    ).all()
    if ids:
        session.execute(delete(m.Entry).where(m.Entry.id.in_(ids)))
    for model in (m.Assessment, m.Appreciation):
        session.execute(
            delete(model).where(model.member_id == member_id, model.visibility == visibility.value)
        )
    if visibility is Visibility.PRIVATE:
        session.execute(delete(m.Draft).where(m.Draft.member_id == member_id))
        session.execute(delete(m.PracticeSession).where(m.PracticeSession.member_id == member_id))
    optimize_index(session)
    bump_revision(session)
    return len(ids)


def erase_private(session: Session, *, member_id: int) -> int:
    return _erase(session, member_id, Visibility.PRIVATE)


def erase_shared(session: Session, *, member_id: int) -> int:
    return _erase(session, member_id, Visibility.SHARED)


def leave_conversations(session: Session, *, member_id: int) -> int:
    """Take the member out of every open, unrevealed conversation; returns how many."""
    part = m.ConversationParticipant
    open_ones = session.scalars(
        select(m.Conversation).where(
            m.Conversation.closed_at.is_(None),
            m.Conversation.id.in_(select(part.conversation_id).where(part.member_id == member_id)),
        )
    ).all()
    left = 0
    for conv in open_ones:
        participants = tuple(
            session.scalars(select(part.member_id).where(part.conversation_id == conv.id))
        )
        answered = tuple(
            session.scalars(
                select(m.ConversationAnswer.member_id).where(
                    m.ConversationAnswer.conversation_id == conv.id
                )
            )
        )
        if is_revealed(participants, answered, conv.closed_at):
            continue  # everyone has read everyone's answer: it stays as it was
        session.execute(
            delete(part).where(part.conversation_id == conv.id, part.member_id == member_id)
        )
        session.execute(
            delete(m.ConversationAnswer).where(
                m.ConversationAnswer.conversation_id == conv.id,
                m.ConversationAnswer.member_id == member_id,
            )
        )
        left += 1
    if left:
        bump_revision(session)
    return left
