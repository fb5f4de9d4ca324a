"""Use cases for partners on one install (pages and CLI call these with the Journal service)."""

from __future__ import annotations

import pandas as pd

from attune import security
from attune.domain.entries import EntryFilter, EntryPage, Visibility
from attune.domain.together import Conversation
from attune.services import Journal
from attune.storage import together_repo as tr

LOCK_MINUTES_KEY = "lock_minutes"
DEFAULT_LOCK_MINUTES = 15


def is_protected(journal: Journal, member_id: int) -> bool:
    with journal.sessions.reading() as s:
        return tr.get_pass_hash(s, member_id=member_id) is not None


def protected_members(journal: Journal) -> set[int]:
    with journal.sessions.reading() as s:
        return tr.protected_members(s)


def set_passphrase(journal: Journal, member_id: int, new: str | None, *, current: str = "") -> None:
    """Set, change (needs the current one) or remove (new=None) a member's passphrase."""
    with journal.sessions.reading() as s:
        stored = tr.get_pass_hash(s, member_id=member_id)
    if stored is not None and not security.verify_passphrase(stored, current):
        raise security.PassphraseError("The current passphrase is not right.")
    pass_hash = security.hash_passphrase(new) if new is not None else None
    with journal.sessions.writing() as s:
        tr.set_pass_hash(s, member_id=member_id, pass_hash=pass_hash)


def unlock(journal: Journal, member_id: int, passphrase: str) -> bool:
    """True when the member has no passphrase, or this is it."""
    with journal.sessions.reading() as s:
        stored = tr.get_pass_hash(s, member_id=member_id)
    return stored is None or security.verify_passphrase(stored, passphrase)


def lock_minutes(journal: Journal) -> int:
    raw = journal.preference(LOCK_MINUTES_KEY)
    return int(raw) if raw.isdigit() else DEFAULT_LOCK_MINUTES


def set_lock_minutes(journal: Journal, minutes: int) -> None:
    journal.set_preference(LOCK_MINUTES_KEY, str(max(1, min(24 * 60, int(minutes)))))


# --- conversations ------------------------------------------------------------------------------
def open_conversation(
    journal: Journal, member_id: int, text: str, prompt_id: str | None = None
) -> int:
    with journal.sessions.writing() as s:
        return tr.open_conversation(s, member_id=member_id, text=text, prompt_id=prompt_id)


def answer(journal: Journal, member_id: int, conversation_id: int, body: str) -> None:
    with journal.sessions.writing() as s:
        tr.answer_conversation(s, member_id=member_id, conversation_id=conversation_id, body=body)


def close_early(journal: Journal, member_id: int, conversation_id: int) -> None:
    with journal.sessions.writing() as s:
        tr.close_conversation(s, member_id=member_id, conversation_id=conversation_id)


def conversations(journal: Journal, viewer_id: int | None) -> list[Conversation]:
    with journal.sessions.reading() as s:
        return tr.list_conversations(s, viewer_id=viewer_id)


# --- weekly check-in ------------------------------------------------------------------------------
def weekly_checkin(
    journal: Journal,
    member_id: int,
    *,
    csi4: list[int],
    who5: list[int],
    appreciation: str = "",
    talk_about: str = "",
    shared: bool = True,
) -> dict[str, int]:
    with journal.sessions.writing() as s:
        return tr.add_weekly_checkin(
            s,
            member_id=member_id,
            csi4=csi4,
            who5=who5,
            appreciation=appreciation,
            talk_about=talk_about,
            visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
        )


def assessments(journal: Journal, viewer_id: int | None) -> pd.DataFrame:
    """Scores the viewer may see: their own and the shared ones of others."""
    with journal.sessions.reading() as s:
        rows = tr.assessment_rows(s, viewer_id=viewer_id)
    cols = ["uid", "member_id", "member", "kind", "taken_at", "answers", "score", "visibility"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["taken_at"] = pd.to_datetime(frame["taken_at"], utc=True)
    return frame


def appreciations(journal: Journal, viewer_id: int | None) -> list[dict[str, object]]:
    with journal.sessions.reading() as s:
        return tr.appreciation_rows(s, viewer_id=viewer_id)


def shared_timeline(journal: Journal, viewer_id: int | None, page: int = 1) -> EntryPage:
    """Everyone's shared entries (the viewer's own shared ones included), newest first."""
    return journal.list_entries(viewer_id, EntryFilter(visibility=Visibility.SHARED), page=page)
