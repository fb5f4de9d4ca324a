"""Errors the use cases raise and the screens show. Each message is safe to show: it never
quotes entry text. (Entry errors live with the entry rules in `attune.domain.entries`.)"""

from __future__ import annotations


class LockedError(PermissionError):
    """A sealed entry was needed but its member's journal is not unlocked in this session."""


class CryptoError(ValueError):
    """Wrong passphrase, or data that was tampered with."""


class PassphraseError(ValueError):
    """A new passphrase that does not meet the rules."""


class ConversationError(ValueError):
    """An answer or close that the rules do not allow."""
