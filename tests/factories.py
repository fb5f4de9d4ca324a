"""Test data through the real service: make_member(journal, …), make_entry(journal, member, …)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from attune.domain.entries import Entry, EntryDraft, Member, Visibility
from attune.services import Journal
from tests.viewers import V

TZ = timezone(timedelta(hours=1))


def make_member(journal: Journal, name: str = "Sam") -> Member:
    return journal.add_member(name)


def make_entry(journal: Journal, member: Member, **overrides: Any) -> Entry:
    fields: dict[str, Any] = {
        "occurred_at": datetime(2026, 3, 14, 9, 30, tzinfo=TZ),
        "valence": 4,
        "energy": 3,
        "connection": 4,
        "feelings": ("calm",),
        "tags": ("walk",),
        "body": "A quiet walk by the river.",
        "visibility": Visibility.PRIVATE,
    }
    fields.update(overrides)
    return journal.add_entry(V(member.id), EntryDraft(**fields))
