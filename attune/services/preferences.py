"""Reading preferences: from the journal (one transaction a key) or from a snapshot of all of
them taken at one revision (one transaction for a page run's dozen keys).

A service that only reads preferences takes a `Preferences`; `Journal` is one, and so is the
`PreferenceSnapshot` that `Journal.preferences()` returns. The snapshot holds the journal's
settings, not anyone's session: the screens cache it by journal and revision like the members."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


class Preferences(Protocol):
    def preference(self, key: str) -> str: ...


@dataclass(frozen=True)
class PreferenceSnapshot:
    """A journal's preferences as they were when read; a key never set reads as ""."""

    values: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:  # a copy: the caller's dict changing later changes nothing
        object.__setattr__(self, "values", dict(self.values))

    def preference(self, key: str) -> str:
        return self.values.get(key, "")
