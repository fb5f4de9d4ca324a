"""Partners on one install: passphrases, shared conversations, the weekly check-in.

Assessments and appreciations are read through `visibility.visible_to`, the one visibility rule.
Conversation answers follow `domain.together.readable_answers`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from attune.domain import entries as d
from attune.domain.assessments import QUESTIONNAIRES
from attune.domain.errors import ConversationError
from attune.domain.together import Answer, Conversation, is_revealed, readable_answers
from attune.domain.viewer import Viewer

from . import models as m
from . import sealing
from .revision import bump_revision
from .visibility import live, visible_to

MAX_ANSWER_CHARS = 20_000


# --- passphrases --------------------------------------------------------------------------------
def pass_hash_query(member_id: int) -> Select[str | None]:
    return select(m.Member.pass_hash).where(m.Member.id == member_id)


def get_pass_hash(session: Session, *, member_id: int) -> str | None:
    return session.scalar(pass_hash_query(member_id))


def set_pass_hash(session: Session, *, member_id: int, pass_hash: str | None) -> None:
    row = session.get(m.Member, member_id)
    if row is None:
        raise d.NotFoundError("No such member.")
    row.pass_hash = pass_hash
    bump_revision(session)


def protected_members(session: Session) -> set[int]:
    return set(session.scalars(select(m.Member.id).where(m.Member.pass_hash.is_not(None))))


# --- conversations --------------------------------------------------------------------------------
def open_conversation(
    session: Session,
    *,
    member_id: int,
    text: str,
    prompt_id: str | None,
    asked: Collection[int] | None = None,
) -> int:
    """The asker and the members in `asked` (None: everyone on the journal now, not the archived)
    take part; the answers are revealed when all of them have answered."""
    text = text.strip()
    if not text:
        raise ConversationError("A shared prompt needs a question.")
    everyone = set(session.scalars(select(m.Member.id).where(m.Member.archived_at.is_(None))))
    if member_id not in everyone:
        raise d.NotFoundError("No such member.")
    picked = everyone if asked is None else set(asked)
    if not picked <= everyone:
        raise ConversationError("Someone you chose is no longer in this journal.")
    if not picked - {member_id}:
        raise ConversationError("Choose at least one person to ask.")
    row = m.Conversation(
        uid=str(uuid.uuid4()),
        prompt_id=prompt_id,
        text=text[:2000],
        opened_by=member_id,
        opened_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    for mid in sorted(picked | {member_id}):
        session.add(m.ConversationParticipant(conversation_id=row.id, member_id=mid))
    bump_revision(session)
    return row.id


def answer_conversation(
    session: Session, *, member_id: int, conversation_id: int, body: str
) -> None:
    conv = session.get(m.Conversation, conversation_id)
    if conv is None:
        raise d.NotFoundError("That conversation is not there any more.")
    participants = set(
        session.scalars(
            select(m.ConversationParticipant.member_id).where(
                m.ConversationParticipant.conversation_id == conversation_id
            )
        )
    )
    if member_id not in participants:
        raise ConversationError("You were not part of this conversation.")
    if conv.closed_at is not None:
        raise ConversationError("This conversation was closed, so it takes no more answers.")
    if not body.strip():
        raise ConversationError("Write an answer first.")
    if len(body) > MAX_ANSWER_CHARS:
        raise ConversationError(f"An answer can be at most {MAX_ANSWER_CHARS:,} characters.")
    existing = session.scalar(
        select(m.ConversationAnswer).where(
            m.ConversationAnswer.conversation_id == conversation_id,
            m.ConversationAnswer.member_id == member_id,
        )
    )
    if existing is not None:
        raise ConversationError("You have already answered this one.")
    session.add(
        m.ConversationAnswer(
            conversation_id=conversation_id,
            member_id=member_id,
            body=body,
            answered_at=datetime.now(UTC),
        )
    )
    bump_revision(session)


def close_conversation(session: Session, *, member_id: int, conversation_id: int) -> None:
    conv = session.get(m.Conversation, conversation_id)
    if conv is None:
        raise d.NotFoundError("That conversation is not there any more.")
    if conv.opened_by != member_id:
        raise ConversationError("Only the person who asked can close it early.")
    if conv.closed_at is None:
        conv.closed_at = datetime.now(UTC)
        bump_revision(session)


def list_conversations(session: Session, *, viewer_id: int | None) -> list[Conversation]:
    """Conversations the viewer took part in, newest first, with only the answers they may read."""
    if viewer_id is None:
        return []
    names = dict(session.execute(select(m.Member.id, m.Member.name)).all())
    ids = select(m.ConversationParticipant.conversation_id).where(
        m.ConversationParticipant.member_id == viewer_id
    )
    rows = session.scalars(
        select(m.Conversation)
        .where(m.Conversation.id.in_(ids))
        .order_by(m.Conversation.opened_at.desc())
    ).all()
    out = []
    for row in rows:
        participants = tuple(
            sorted(
                session.scalars(
                    select(m.ConversationParticipant.member_id).where(
                        m.ConversationParticipant.conversation_id == row.id
                    )
                )
            )
        )
        answers = tuple(
            Answer(
                member_id=a.member_id,
                author=names.get(a.member_id, "?"),
                body=a.body,
                answered_at=a.answered_at,
            )
            for a in session.scalars(
                select(m.ConversationAnswer)
                .where(m.ConversationAnswer.conversation_id == row.id)
                .order_by(m.ConversationAnswer.id)
            )
        )
        answered = tuple(a.member_id for a in answers)
        revealed = is_revealed(participants, answered, row.closed_at)
        out.append(
            Conversation(
                id=row.id,
                uid=row.uid,
                prompt_id=row.prompt_id,
                text=row.text,
                opened_by=row.opened_by,
                opener=names.get(row.opened_by, "?"),
                opened_at=row.opened_at,
                closed_at=row.closed_at,
                participants=participants,
                answered=answered,
                answers=readable_answers(viewer_id, participants, answers, revealed),
            )
        )
    return out


# --- weekly check-in --------------------------------------------------------------------------------
def add_weekly_checkin(
    session: Session,
    *,
    member_id: int,
    csi4: list[int],
    who5: list[int],
    appreciation: str,
    talk_about: str,
    visibility: d.Visibility,
    at: datetime | None = None,
    key: bytes | None = None,
) -> dict[str, int]:
    """The questionnaires' scores, and the note (if any): with `key` (a protected member's private
    check-in), its words are sealed (`sealing.seal_note`) and its text columns stay empty."""
    at = at or datetime.now(UTC)
    scores = {}
    for kind, answers in (("csi4", csi4), ("who5", who5)):
        score = QUESTIONNAIRES[kind].score(answers)
        session.add(
            m.Assessment(
                uid=str(uuid.uuid4()),
                member_id=member_id,
                kind=kind,
                taken_at=at,
                answers=json.dumps(list(answers)),
                score=score,
                visibility=visibility.value,
            )
        )
        scores[kind] = score
    if appreciation.strip() or talk_about.strip():
        uid = str(uuid.uuid4())
        words = (appreciation.strip()[:2000], talk_about.strip()[:2000])
        session.add(
            m.Appreciation(
                uid=uid,
                member_id=member_id,
                created_at=at,
                appreciation="" if key else words[0],
                talk_about="" if key else words[1],
                visibility=visibility.value,
                sealed=sealing.seal_note(key, uid, *words) if key else None,
            )
        )
    bump_revision(session)
    return scores


def assessment_rows(session: Session, *, viewer_id: int | None) -> list[dict[str, Any]]:
    names = dict(session.execute(select(m.Member.id, m.Member.name)).all())
    rows = session.scalars(
        select(m.Assessment)
        .where(visible_to(viewer_id, m.Assessment))
        .order_by(m.Assessment.taken_at)
    ).all()
    return [
        {
            "uid": r.uid,
            "member_id": r.member_id,
            "member": names.get(r.member_id, "?"),
            "kind": r.kind,
            "taken_at": r.taken_at,
            # Item answers only on one's own rows: the others see a score (on the chart), and
            # the sharing preview says exactly that.
            "answers": json.loads(r.answers) if r.member_id == viewer_id else [],
            "score": r.score,
            "visibility": r.visibility,
        }
        for r in rows
    ]


def own_scores(
    session: Session, *, member_id: int, since: datetime
) -> list[tuple[str, int, datetime]]:
    """(kind, score, taken_at) of the member's own questionnaires taken since `since`."""
    rows = session.execute(
        select(m.Assessment.kind, m.Assessment.score, m.Assessment.taken_at).where(
            m.Assessment.member_id == member_id, m.Assessment.taken_at >= since
        )
    ).all()
    return [(kind, score, taken_at) for kind, score, taken_at in rows]


def hide_weekly_checkin(session: Session, *, member_id: int, uid: str, key: bytes | None) -> int:
    """Make one of the member's own weekly check-ins private again (both scores and its note,
    found by the uid of either score); with `key` (a protected member) the note is sealed like
    a private one. Someone else's check-in is NotFound. Returns how many rows changed."""
    row = session.scalar(
        select(m.Assessment).where(m.Assessment.uid == uid, m.Assessment.member_id == member_id)
    )
    if row is None:
        raise d.NotFoundError("That check-in is not one of yours.")
    private = d.Visibility.PRIVATE.value
    changed = 0
    for a in session.scalars(
        select(m.Assessment).where(
            m.Assessment.member_id == member_id, m.Assessment.taken_at == row.taken_at
        )
    ):
        changed += a.visibility != private
        a.visibility = private
    for note in session.scalars(
        select(m.Appreciation).where(
            m.Appreciation.member_id == member_id, m.Appreciation.created_at == row.taken_at
        )
    ):
        changed += note.visibility != private
        note.visibility = private
        if key is not None and note.sealed is None:
            note.sealed = sealing.seal_note(key, note.uid, note.appreciation, note.talk_about)
            note.appreciation = note.talk_about = ""
    if changed:
        bump_revision(session)
    return changed


def appreciation_rows(session: Session, *, viewer: Viewer) -> list[dict[str, Any]]:
    """Notes the viewer may see; a sealed one opened with the viewer's key (empty without it)."""
    viewer_id = viewer.member_id
    names = dict(session.execute(select(m.Member.id, m.Member.name)).all())
    rows = session.scalars(
        select(m.Appreciation)
        .where(visible_to(viewer_id, m.Appreciation))
        .order_by(m.Appreciation.created_at.desc())
    ).all()
    return [
        {
            "member_id": r.member_id,
            "member": names.get(r.member_id, "?"),
            "created_at": r.created_at,
            "appreciation": words[0],
            "talk_about": words[1],
            "visibility": r.visibility,
        }
        for r, words in (
            (
                r,
                (r.appreciation, r.talk_about)
                if r.sealed is None
                else sealing.open_note(viewer, r.member_id, r.uid, r.sealed),
            )
            for r in rows
        )
    ]


def shared_count(session: Session, *, viewer_id: int | None) -> int:
    """How many live shared entries the viewer may see: the total of Together's timeline (what
    `search.list_entries` counts for a filter of shared entries alone)."""
    shared = m.Entry.visibility == d.Visibility.SHARED.value
    query = select(func.count()).select_from(m.Entry).where(visible_to(viewer_id), live(), shared)
    return session.scalar(query) or 0
