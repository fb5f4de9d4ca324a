"""The Trends aggregates compile each statement once per engine: a second run with other values
(another viewer, another range) reuses the compiled SQL. Compiling each query again on every run
cost a Trends page 2–3 ms a query."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy.sql import compiler

from attune.services import Journal
from attune.storage import aggregates
from tests.factories import make_entry, make_member

pytestmark = pytest.mark.both_backends


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each SQL statement compiled while the test runs (its first line)."""
    made: list[str] = []
    real = compiler.SQLCompiler.__init__

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        made.append(self.string.splitlines()[0] if self.string else "")

    monkeypatch.setattr(compiler.SQLCompiler, "__init__", counted)
    return made


def _all(journal: Journal, viewer: int | None, start: date) -> None:
    with journal.sessions.reading() as s:
        common: dict[str, Any] = {"viewer_id": viewer, "start": start, "end": date(2026, 12, 31)}
        aggregates.daily_means(s, **common)
        aggregates.mood_cells(s, **common)
        aggregates.feeling_words(s, **common)
        aggregates.tag_days(s, **common)
        aggregates.prompt_days(s, **common)


def test_a_second_run_compiles_nothing(journal: Journal, compiles: list[str]) -> None:
    ana, ben = make_member(journal, "Ana"), make_member(journal, "Ben")
    for who in (ana, ben):
        make_entry(journal, who)
    _all(journal, ana.id, date(2026, 1, 1))  # the first run compiles each statement
    _all(journal, None, date(2026, 1, 1))  # (the shared view's rule is another statement)
    assert compiles, "the first run compiled nothing: the counter does not see compiles"
    compiles.clear()
    _all(journal, ben.id, date(2025, 6, 1))  # other values, the same statements
    _all(journal, None, date(2024, 1, 1))
    assert compiles == [], f"compiled again: {compiles}"
