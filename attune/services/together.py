"""Use cases for partners on one install (pages and CLI call these with the Journal service)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Collection
from pathlib import Path

import pandas as pd

from attune import crypto, security
from attune.domain.entries import EntryFilter, EntryPage, Visibility
from attune.domain.errors import ConversationError, TryLater
from attune.domain.together import Conversation
from attune.domain.viewer import Viewer
from attune.recovery import list_backups
from attune.storage import revision as revisions
from attune.storage import sealing
from attune.storage import search as search_store
from attune.storage import together_repo as tr

from . import access, review
from .journal import Journal
from .preferences import Preferences

LOCK_MINUTES_KEY = "lock_minutes"
DEFAULT_LOCK_MINUTES = 15

# Unlock back-off, per member, kept in the database (a preference "failures:next try at"), so a
# reload, another browser session, a restarted server and the CLI all meet the same wait.
BACKOFF_KEY = "unlock_backoff.{member_id}"
FREE_TRIES = 3  # wrong passphrases before any wait: typos cost nothing
MAX_WAIT_SECONDS = 15 * 60  # then 1 s, 2 s, 4 s … doubling up to this
_clock = time.time  # the back-off's clock (tests move it by hand)


# Whether a member has a passphrase: in .access, which quick commands load without this module.
is_protected = access.is_protected
protected_members = access.protected_members


def set_passphrase(
    journal: Journal,
    member_id: int,
    new: str | None,
    *,
    current: str = "",
    progress: Callable[[float], object] | None = None,
) -> bytes | None:
    """Set, change (needs the current one) or remove (new=None) a member's passphrase.

    Setting one creates the member's data key and seals their private entries, drafts and import
    secret, in one transaction; changing it makes a NEW data key and re-seals all of them under it
    (so a backup from before the change and the old passphrase open nothing written after it;
    `progress` hears the fraction done); removing it unseals everything. The member's Therapist
    review records follow the same key (attune.services.review.rekey). Returns the data key when
    one is in force (so the session stays unlocked), else None."""
    if new is not None:
        security.check_new_passphrase(new)
    owner = Viewer(member_id)  # the member themself (their session, or their passphrase)
    with journal.sessions.reading(owner) as s:
        stored = tr.get_pass_hash(s, member_id=member_id)
        material = sealing.key_material(s, member_id)
    data_key = None
    if stored is not None:
        _attempt(journal, member_id)  # TryLater while a wait runs: checking it is a guess too
        if not security.verify_passphrase(stored, current):
            raise security.PassphraseError("The current passphrase is not right.")
        _succeeded(journal, member_id)
        if material is not None:
            data_key = crypto.unwrap(material[1], current, material[0])
    made = None if new is None else crypto.new_member_key(new)
    result = None if made is None else made[0]
    # The review records are files: sealed under the new key beside the old ones first, put in
    # their place once the database has the new key (a crash in between is settled when the
    # store is next opened: whichever key opens them).
    staged = review.rekey(journal.settings, member_id, data_key, result)
    try:
        with journal.sessions.writing(owner) as s:
            if made is None:
                if data_key is not None:
                    sealing.unseal_member(s, member_id, data_key)
                sealing.set_key_material(s, member_id, None, None)
                tr.set_pass_hash(s, member_id=member_id, pass_hash=None)
            else:
                assert new is not None
                new_key, salt, wrapped = made
                sealing.set_key_material(s, member_id, salt, wrapped)
                if data_key is None:
                    sealing.seal_member(s, member_id, new_key)
                else:
                    sealing.reseal_member(s, member_id, data_key, new_key, progress)
                tr.set_pass_hash(s, member_id=member_id, pass_hash=security.hash_passphrase(new))
    except BaseException:
        staged.discard()
        raise
    staged.commit()
    if progress:
        progress(1.0)
    # No plaintext copy left behind in the write-ahead log: LogNotCleared(result) while another
    # reader keeps it (the change is committed, so the session keeps `result`, its key).
    journal.checkpoint(result=result)
    return result


def unlock_viewer(journal: Journal, member_id: int, passphrase: str) -> Viewer | None:
    """The member as a viewer with their data key, or None for a wrong passphrase. A member
    without a passphrase opens with any (there is nothing to unlock)."""
    opened = open_journal(journal, member_id, passphrase)
    if opened is False:
        return None
    return Viewer(member_id, opened if isinstance(opened, bytes) else None)


def unlock(journal: Journal, member_id: int, passphrase: str) -> bool:
    """True when the member has no passphrase, or this is it."""
    return open_journal(journal, member_id, passphrase) is not False


def open_journal(journal: Journal, member_id: int, passphrase: str) -> bytes | bool | None:
    """False for a wrong passphrase; otherwise the member's data key (None when they have none).
    Raises TryLater, without checking anything, while this member's back-off wait runs."""
    with journal.sessions.reading() as s:
        stored = tr.get_pass_hash(s, member_id=member_id)
        material = sealing.key_material(s, member_id)
    if stored is None:
        return None
    _attempt(journal, member_id)
    if material is not None:
        try:
            key: bytes | bool | None = crypto.unwrap(material[1], passphrase, material[0])
        except crypto.CryptoError:
            key = False
    else:
        key = None if security.verify_passphrase(stored, passphrase) else False
    if key is not False:
        _succeeded(journal, member_id)
    return key


def next_try(journal: Journal, member_id: int) -> float | None:
    """When this member's next unlock try is possible (epoch seconds), or None: now."""
    until = _backoff(journal, member_id)[1]
    return until if until > _clock() else None


def try_later(journal: Journal, member_id: int) -> TryLater | None:
    """The wait in force for this member, as the one line to show (its str), or None."""
    until = next_try(journal, member_id)
    return None if until is None else TryLater(until, _clock())


def _backoff(journal: Journal, member_id: int) -> tuple[int, float]:
    failures, _, until = journal.preference(BACKOFF_KEY.format(member_id=member_id)).partition(":")
    try:
        return int(failures), float(until)
    except ValueError:
        return 0, 0.0


def _attempt(journal: Journal, member_id: int) -> None:
    """Refuse (TryLater) while a wait runs; otherwise count this try as failed *before* the
    passphrase is checked, so tries fired in parallel each count. A right one clears it."""
    failures, until = _backoff(journal, member_id)
    now = _clock()
    if until > now:
        raise TryLater(until, now)
    failures += 1
    wait = (
        0.0 if failures <= FREE_TRIES else min(2.0 ** (failures - FREE_TRIES - 1), MAX_WAIT_SECONDS)
    )
    journal.set_preference(BACKOFF_KEY.format(member_id=member_id), f"{failures}:{now + wait}")


def _succeeded(journal: Journal, member_id: int) -> None:
    journal.set_preference(BACKOFF_KEY.format(member_id=member_id), "")


def backups_with_an_old_key(journal: Journal, member_id: int) -> list[Path]:
    """Backups (newest first) holding this member's data key wrapped under an earlier
    passphrase: that passphrase and such a backup open the words the backup holds (never what
    was written after a change, which is sealed under the new key). A backup that cannot be
    read is listed too: it may."""
    with journal.sessions.reading() as s:
        material = sealing.key_material(s, member_id)
    if material is None or journal.settings.sqlite_path is None:
        return []
    return [p for p in list_backups(journal.settings) if _other_key(p, member_id, material[1])]


def _other_key(path: Path, member_id: int, wrapped: bytes) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT key_wrapped FROM members WHERE id = ?", (member_id,)
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return True
    return row is not None and row[0] is not None and bytes(row[0]) != wrapped


def delete_backups_with_an_old_key(journal: Journal, member_id: int) -> int:
    """Delete the backups `backups_with_an_old_key` names now (with any -wal or -shm beside
    them); returns how many."""
    old = backups_with_an_old_key(journal, member_id)
    for path in old:
        for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            side.unlink(missing_ok=True)
    return len(old)


def lock_minutes(journal: Preferences) -> int:
    raw = journal.preference(LOCK_MINUTES_KEY)
    return int(raw) if raw.isdigit() else DEFAULT_LOCK_MINUTES


def set_lock_minutes(journal: Journal, minutes: int) -> None:
    journal.set_preference(LOCK_MINUTES_KEY, str(max(1, min(24 * 60, int(minutes)))))


# --- conversations ------------------------------------------------------------------------------
def open_conversation(
    journal: Journal,
    viewer: Viewer,
    text: str,
    prompt_id: str | None = None,
    asked: Collection[int] | None = None,
) -> int:
    """Ask the members in `asked` (None: everyone); the viewer takes part too."""
    with journal.sessions.writing(viewer) as s:
        return tr.open_conversation(
            s, member_id=_who(viewer), text=text, prompt_id=prompt_id, asked=asked
        )


def answer(journal: Journal, viewer: Viewer, conversation_id: int, body: str) -> None:
    with journal.sessions.writing(viewer) as s:
        tr.answer_conversation(
            s, member_id=_who(viewer), conversation_id=conversation_id, body=body
        )


def close_early(journal: Journal, viewer: Viewer, conversation_id: int) -> None:
    with journal.sessions.writing(viewer) as s:
        tr.close_conversation(s, member_id=_who(viewer), conversation_id=conversation_id)


def conversations(journal: Journal, viewer: Viewer) -> list[Conversation]:
    with journal.sessions.reading(viewer) as s:
        return tr.list_conversations(s, viewer_id=viewer.member_id)


def _who(viewer: Viewer) -> int:
    if viewer.member_id is None:
        raise ConversationError("Choose who you are first.")
    return viewer.member_id


# --- weekly check-in ------------------------------------------------------------------------------
def weekly_checkin(
    journal: Journal,
    viewer: Viewer,
    *,
    csi4: list[int],
    who5: list[int],
    appreciation: str = "",
    talk_about: str = "",
    shared: bool = False,
) -> dict[str, int]:
    """Store the check-in. A protected member's private note is sealed with their data key
    (LockedError while this session has not unlocked it), like their private entries."""
    visibility = Visibility.SHARED if shared else Visibility.PRIVATE
    with journal.sessions.writing(viewer) as s:
        member_id = _who(viewer)
        return tr.add_weekly_checkin(
            s,
            member_id=member_id,
            csi4=csi4,
            who5=who5,
            appreciation=appreciation,
            talk_about=talk_about,
            visibility=visibility,
            key=(
                sealing.sealing_key(s, viewer, member_id, visibility)
                if appreciation.strip() or talk_about.strip()
                else None
            ),
        )


def hide_checkin(journal: Journal, viewer: Viewer, uid: str) -> int:
    """Make one of the viewer's own shared weekly check-ins (found by either score's uid) private
    again: its scores and its note. Someone else's is NotFoundError."""
    with journal.sessions.writing(viewer) as s:
        member_id = _who(viewer)
        key = sealing.sealing_key(s, viewer, member_id, Visibility.PRIVATE)
        return tr.hide_weekly_checkin(s, member_id=member_id, uid=uid, key=key)


def assessments(journal: Journal, viewer: Viewer) -> pd.DataFrame:
    """Scores the viewer may see: their own and the shared ones of others."""
    with journal.sessions.reading(viewer) as s:
        rows = tr.assessment_rows(s, viewer_id=viewer.member_id)
    cols = ["uid", "member_id", "member", "kind", "taken_at", "answers", "score", "visibility"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["taken_at"] = pd.to_datetime(frame["taken_at"], utc=True)
    return frame


def appreciations(journal: Journal, viewer: Viewer) -> list[dict[str, object]]:
    with journal.sessions.reading(viewer) as s:
        return tr.appreciation_rows(s, viewer=viewer)


def shared_timeline(journal: Journal, viewer: Viewer, page: int = 1) -> EntryPage:
    """Everyone's shared entries (the viewer's own shared ones included), newest first. Their
    count is kept per journal, viewer and revision (every write moves it): at 100,000 entries
    counting them took a fifth of the page's time on PostgreSQL, each time it was shown."""
    with journal.sessions.reading(viewer) as s:
        key = (viewer.member_id, revisions.get_revision(s))
        total = journal.shared_counts.get_or_make(
            key, lambda: tr.shared_count(s, viewer_id=viewer.member_id)
        )
        return search_store.list_entries(
            s, viewer=viewer, filt=EntryFilter(visibility=Visibility.SHARED), page=page, total=total
        )
