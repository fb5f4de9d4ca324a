"""Drafts (text being typed, kept across reloads) and install-wide preferences.

A protected member's drafts are sealed: `storage.sealing.load_draft` / `save_draft` read and
write those."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from attune.domain.entries import MAX_BODY_CHARS

from . import models as m
from .revision import bump_revision


def get_draft(session: Session, *, member_id: int, slot: str) -> str:
    return (
        session.scalar(
            select(m.Draft.body).where(m.Draft.member_id == member_id, m.Draft.slot == slot)
        )
        or ""
    )


def save_draft(session: Session, *, member_id: int, slot: str, body: str) -> None:
    row = session.scalar(
        select(m.Draft).where(m.Draft.member_id == member_id, m.Draft.slot == slot)
    )
    if not body.strip():
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(m.Draft(member_id=member_id, slot=slot, body=body[:MAX_BODY_CHARS]))
    else:
        row.body, row.updated_at = body[:MAX_BODY_CHARS], datetime.now(UTC)


def get_preference(session: Session, *, key: str) -> str:
    return session.scalar(select(m.Preference.value).where(m.Preference.key == key)) or ""


def all_preferences(session: Session) -> dict[str, str]:
    """Every preference of the session's journal (a few dozen short rows), by key."""
    return {k: v or "" for k, v in session.execute(select(m.Preference.key, m.Preference.value))}


def set_preference(session: Session, *, key: str, value: str) -> None:
    row = session.scalar(select(m.Preference).where(m.Preference.key == key))
    if row is None:
        session.add(m.Preference(key=key, value=value))
    else:
        row.value = value
    bump_revision(session)
