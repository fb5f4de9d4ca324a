"""People on a journal: adding someone with a passphrase, renaming with the right to, leaving
quickly, the discreet tab, and stepping away (archive, or remove by the member's own choice).

Who may act for a member: the member themselves (their session is open, so unlocked), or
anyone who types that member's passphrase. A member without a passphrase is only acted for from
their own session ("switch to them first"), so nobody changes another person's name or entries
from theirs."""

from __future__ import annotations

import contextlib
import enum
import time
from dataclasses import dataclass

from attune import security
from attune.domain.entries import EntryError, Member
from attune.domain.errors import LogNotCleared, TryLater
from attune.domain.exports import Scope
from attune.domain.viewer import Viewer
from attune.messages import people as words
from attune.storage import departures
from attune.storage import inbox as practitioners

from . import sharing, together
from .journal import Journal
from .preferences import Preferences

LEFT_AT_KEY = "left_quickly_at"  # epoch seconds of the last Leave quickly, journal-wide
DISCREET_KEY = "discreet_tab"  # "1": the browser tab's title and icon are neutral


# --- adding and renaming ------------------------------------------------------------------------
def add_person(
    journal: Journal, name: str, passphrase: str = "", again: str = ""
) -> tuple[Member, bytes | None]:
    """Add a member, with a passphrase when one is typed (checked before anyone is added).
    Returns the member and their data key (None without a passphrase)."""
    if passphrase or again:
        if passphrase != again:
            raise security.PassphraseError(words.PASSPHRASES_DIFFER)
        security.check_new_passphrase(passphrase)
    member = journal.add_member(name)
    if not passphrase:
        return member, None
    try:
        key = together.set_passphrase(journal, member.id, passphrase)
    except LogNotCleared as exc:  # set; an old copy of nothing much is in the log
        key = exc.result if isinstance(exc.result, bytes) else None
    return member, key


def acting_for(journal: Journal, viewer: Viewer, member: Member, passphrase: str = "") -> Viewer:
    """The viewer to act for `member` with: the session's own, or (another member) one opened
    with that member's passphrase. EntryError with one line otherwise."""
    if viewer.member_id == member.id:
        return viewer
    if not together.is_protected(journal, member.id):
        raise EntryError(words.RENAME_ONLY_SELF.format(name=member.name))
    try:
        opened = together.unlock_viewer(journal, member.id, passphrase)
    except TryLater as exc:
        raise EntryError(str(exc)) from None
    if opened is None:
        raise EntryError(words.RENAME_WRONG.format(name=member.name))
    return opened


def rename(
    journal: Journal, viewer: Viewer, member: Member, name: str, passphrase: str = ""
) -> Member:
    acting_for(journal, viewer, member, passphrase)
    return journal.rename_member(member.id, name)


# --- leave quickly and the discreet tab ------------------------------------------------------
def leave_quickly(journal: Journal) -> float:
    """Lock every member in every session: sessions opened before this stamp ask again."""
    now = time.time()
    journal.set_preference(LEFT_AT_KEY, repr(now))
    return now


def left_at(journal: Preferences) -> float:
    try:
        return float(journal.preference(LEFT_AT_KEY) or 0.0)
    except ValueError:
        return 0.0


def discreet(journal: Preferences) -> bool:
    return journal.preference(DISCREET_KEY) == "1"


def set_discreet(journal: Journal, on: bool) -> None:
    journal.set_preference(DISCREET_KEY, "1" if on else "")


# --- stepping away -------------------------------------------------------------------------------
class Private(enum.StrEnum):
    KEEP = "keep"
    EXPORT = "export"
    ERASE = "erase"


class Shared(enum.StrEnum):
    STAY = "stay"
    GO = "go"


@dataclass(frozen=True)
class Departure:
    private_erased: int
    shared_erased: int
    conversations_left: int

    @property
    def archived_only(self) -> bool:
        return not (self.private_erased or self.shared_erased)


def erases(private: Private, shared: Shared) -> bool:
    return private is not Private.KEEP or shared is Shared.GO


def export_file(journal: Journal, acting: Viewer) -> sharing.Rendered:
    """Everything the member can read, as Attune JSON: what they take along."""
    data = sharing.gather(journal, acting, scope=Scope.ALL)
    return sharing.render(data, "json")


def step_away(
    journal: Journal, acting: Viewer, member: Member, *, private: Private, shared: Shared
) -> Departure:
    """Carry out the member's choice in one transaction, then archive them. `acting` is from
    `acting_for` (their own session, or their passphrase)."""
    if acting.member_id != member.id:
        raise EntryError(words.RENAME_ONLY_SELF.format(name=member.name))
    if len(journal.members()) < 2:
        raise EntryError(words.LAST_ONE)
    with journal.sessions.writing(acting) as s:
        left = departures.leave_conversations(s, member_id=member.id)
        practitioners.leave(s, member.id)  # what they sent a practitioner is withdrawn
        private_erased = (
            departures.erase_private(s, member_id=member.id) if private is not Private.KEEP else 0
        )
        shared_erased = (
            departures.erase_shared(s, member_id=member.id) if shared is Shared.GO else 0
        )
        departures.archive(s, member_id=member.id)
    if erases(private, shared):
        with contextlib.suppress(LogNotCleared):  # committed; Settings › Privacy clears it later
            journal.checkpoint()
    return Departure(private_erased, shared_erased, left)


def archived(journal: Journal) -> list[Member]:
    with journal.sessions.reading() as s:
        return departures.archived_members(s)


def bring_back(journal: Journal, member_id: int) -> Member:
    with journal.sessions.writing() as s:
        return departures.bring_back(s, member_id=member_id)
