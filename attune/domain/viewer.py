"""Who is looking: the viewer value that travels from a session through services into storage.

A `Viewer` is made by the UI once per browser session run (from that session's own state) and by
the CLI once per command. It carries the member whose session is open and, when that member's
journal is protected and unlocked, their data key — in memory only. Nothing shared between
sessions holds a key or anything opened with one: decrypted words are kept in the viewer's own
`Opened` memo, which belongs to one session.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Opened:
    """One session's memo of its viewer's opened (decrypted) entries: a single slot, replaced
    when the key that names it changes (another revision, the trash, another key)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slot: tuple[Any, Any] | None = None

    def get_or_make(self, key: Any, make: Callable[[], Any]) -> Any:
        with self._lock:
            if self._slot is not None and self._slot[0] == key:
                return self._slot[1]
        value = make()
        with self._lock:
            self._slot = (key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._slot = None


@dataclass(frozen=True)
class Viewer:
    """The member whose session is open (None: nobody, who sees shared entries only) and the
    data key they unlocked in this session, if any. Compare and hash by who and which key;
    the key itself never appears in a repr, a log or a cache key."""

    member_id: int | None
    key: bytes | None = field(default=None, repr=False)
    opened: Opened = field(default_factory=Opened, compare=False, repr=False)

    def key_for(self, member_id: int) -> bytes | None:
        """The data key for `member_id`'s sealed entries: only ever the viewer's own."""
        return self.key if member_id == self.member_id else None

    @property
    def unlocked(self) -> bool:
        return self.key is not None

    @property
    def cache_key(self) -> tuple[int | None, str]:
        """What a cached read is keyed by: who, and a one-way fingerprint of the key they hold
        (so a locked and an unlocked view of one member never share a cache entry)."""
        if self.key is None:
            return (self.member_id, "")
        digest = hashlib.sha256(b"attune-viewer-cache|" + self.key).hexdigest()
        return (self.member_id, digest[:24])

    def locked(self) -> Viewer:
        """The same member without their key (and with a fresh memo)."""
        return Viewer(self.member_id)


NOBODY = Viewer(None)
