"""Errors the use cases raise and the screens show. Each message is safe to show: it never
quotes entry text. (Entry errors live with the entry rules in `attune.domain.entries`.)"""

from __future__ import annotations

from datetime import datetime


class LockedError(PermissionError):
    """A sealed entry was needed but its member's journal is not unlocked in this session."""


class CryptoError(ValueError):
    """Wrong passphrase, or data that was tampered with."""


class PassphraseError(ValueError):
    """A new passphrase that does not meet the rules."""


class ConversationError(ValueError):
    """An answer or close that the rules do not allow."""


class DiskFull(OSError):
    """The disk holding the journal has no room left. Not damage: nothing needs restoring, and a
    write that met it was rolled back whole."""

    MESSAGE = "The disk is full: free some space, then try again (nothing was changed)."

    def __init__(self, detail: str = "") -> None:
        super().__init__(self.MESSAGE)
        self.detail = detail


class TryLater(PassphraseError):
    """Too many wrong passphrases for this member: the next try is possible at `until` (epoch
    seconds). While the wait runs, no passphrase is checked at all."""

    def __init__(self, until: float, now: float) -> None:
        self.until = until
        seconds = max(1, round(until - now))
        when = datetime.fromtimestamp(until).astimezone().strftime("%H:%M:%S")
        wait = f"{seconds} s" if seconds < 120 else f"{round(seconds / 60)} min"
        super().__init__(
            f"Too many wrong passphrases: the next try is possible at {when} (in {wait})."
        )


class BackupsAreOperators(RuntimeError):
    """The journal is on PostgreSQL: the database is backed up and restored by whoever runs the
    server (pg_dump and pg_restore, docs/hosting.md), never by the app, which copies SQLite
    files only. Said in one line by the CLI and instead of the backup controls in Settings."""

    MESSAGE = "On PostgreSQL, backups are the operator's: use pg_dump — see docs/hosting.md"

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


class LogNotCleared(RuntimeError):
    """A change that removed words (sealed, erased) is committed, but an old copy of them is still
    in the database's write-ahead log (the -wal file): another window or program kept reading
    the journal for longer than the checkpoint waits. `result` is what the change returned."""

    MESSAGE = (
        "Done — but an old copy of the words is still in the journal's log file, because another "
        "window or program is reading the journal. Close the other Attune windows (and any program "
        "that has the database open), then press “Clear old copies now” in Settings › Privacy."
    )

    def __init__(self, result: object = None) -> None:
        super().__init__(self.MESSAGE)
        self.result = result
