"""Whether a member's journal is protected by a passphrase: the one question every command and
screen asks before unlocking, kept apart from `together` (which loads pandas and the review
charts) so a quick command need not load them. `together` re-exports both."""

from __future__ import annotations

from attune.storage import together_repo as tr

from .journal import Journal


def is_protected(journal: Journal, member_id: int) -> bool:
    with journal.sessions.reading() as s:
        return tr.get_pass_hash(s, member_id=member_id) is not None


def protected_members(journal: Journal) -> set[int]:
    with journal.sessions.reading() as s:
        return tr.protected_members(s)
