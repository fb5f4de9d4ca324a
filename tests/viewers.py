"""Viewers for tests: `V(member)`, `V(member_id)`, `V(None)` (nobody), or a Viewer as it is.

`unlocked(monkeypatch)` gives a dict that tests fill with member id -> data key; while it is in
force, `V(member)` carries that member's key (as if they had unlocked in their session)."""

from __future__ import annotations

from typing import Any

import pytest

from attune.domain.viewer import NOBODY, Viewer

UNLOCKED: dict[int, bytes] = {}


def V(who: Any, key: bytes | None = None) -> Viewer:
    if isinstance(who, Viewer):
        return who
    if who is None:
        return NOBODY
    member_id = who.id if hasattr(who, "id") else int(who)
    return Viewer(member_id, key if key is not None else UNLOCKED.get(member_id))


def unlocked(monkeypatch: pytest.MonkeyPatch) -> dict[int, bytes]:
    keys: dict[int, bytes] = {}
    monkeypatch.setattr(__import__(__name__, fromlist=["UNLOCKED"]), "UNLOCKED", keys)
    return keys
