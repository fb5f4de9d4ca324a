"""The practitioner mode: a therapist's client records on an install with no journal of theirs.

Whether this install has a practice is a stored preference (`PRACTICE_KEY`): the practice's own
data key, wrapped under its passphrase (scrypt, AES-256-GCM; attune.crypto, exactly as a member's
key). Its records are a `ReviewStore` in `<data_dir>/review/practice/`, every file sealed with
that key, apart from every member's. A journal (members) and a practice can live on one install:

    mode(journal) -> Mode(journal=<anyone here>, practice=<a practice set up>)

Unlock tries go through the same back-off as a member's (a preference "failures:next try at")."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from attune import crypto, security
from attune.domain.errors import TryLater

from . import together
from .journal import Journal
from .preferences import Preferences
from .review import ReviewStore

PRACTICE_KEY = "practice.key"  # {"salt": …, "wrapped": …} in base64
BACKOFF_MEMBER = 0  # the back-off row of the practice (no member has id 0)
OWNER = "practice"  # bound into every record file's associated data


@dataclass(frozen=True)
class Mode:
    journal: bool  # at least one member
    practice: bool  # a practice is set up

    @property
    def fresh(self) -> bool:
        return not (self.journal or self.practice)


def mode(journal: Journal) -> Mode:
    return Mode(journal=bool(journal.members()), practice=is_set_up(journal))


def is_set_up(journal: Preferences) -> bool:
    return bool(journal.preference(PRACTICE_KEY))


def set_up(journal: Journal, passphrase: str) -> bytes:
    """Make the practice and its key (checked like a member's passphrase); returns the key.
    Refused (ValueError) when one exists: its records would no longer open."""
    if is_set_up(journal):
        raise ValueError("A practice is already set up on this computer.")
    security.check_new_passphrase(passphrase)
    key, salt, wrapped = crypto.new_member_key(passphrase)
    doc = {"salt": _b64(salt), "wrapped": _b64(wrapped)}
    journal.set_preference(PRACTICE_KEY, json.dumps(doc))
    return key


def unlock(journal: Journal, passphrase: str) -> bytes | None:
    """The practice's key, or None for a wrong passphrase; TryLater while a wait runs."""
    doc = json.loads(journal.preference(PRACTICE_KEY) or "{}")
    if not doc:
        return None
    together._attempt(journal, BACKOFF_MEMBER)
    try:
        key = crypto.unwrap(
            base64.b64decode(doc["wrapped"]), passphrase, base64.b64decode(doc["salt"])
        )
    except crypto.CryptoError:
        return None
    together._succeeded(journal, BACKOFF_MEMBER)
    return key


def try_later(journal: Journal) -> TryLater | None:
    return together.try_later(journal, BACKOFF_MEMBER)


def store(journal: Journal, key: bytes) -> ReviewStore:
    """The practice's client records, sealed with its key."""
    return ReviewStore(journal.settings.data_dir / "review" / OWNER, key=key, member_id=OWNER)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
