"""The Journal page (issue 16, defect 8): jump to a date among many pages, the author named on
others' entries only, and each own entry's Edit and Delete as one short row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.domain.entries import Visibility
from attune.services import Journal
from components import journal_view
from tests.factories import make_entry, make_member

Open = Callable[..., AppTest]
START = datetime(2025, 1, 1, 12, tzinfo=UTC)


def _headers(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**")]


def test_jump_to_a_date_moves_the_list_to_its_page(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    for i in range(100):  # one a day: 5 pages of 20
        make_entry(journal, sam, occurred_at=START + timedelta(days=i), body=f"day {i}")
    at = app("views/journal.py", member_id=sam.id)
    assert _headers(at)[0].startswith("**Thu 10 Apr 2025")  # the newest
    at.date_input(key=journal_view.JUMP).set_value(date(2025, 1, 30)).run()
    assert not at.exception
    # day 29 of 100 is the 71st newest: page 4 (entries 61–80)
    assert any("page 4 of 5" in c.value for c in at.caption)
    assert any(h.startswith("**Thu 30 Jan 2025") for h in _headers(at))
    # a day before every entry: the last page, and a word saying so
    at.date_input(key=journal_view.JUMP).set_value(date(2024, 6, 1)).run()
    assert any("page 5 of 5" in c.value for c in at.caption)
    assert messages.JUMP_NOTHING in [i.value for i in at.info]


def test_the_author_is_named_on_others_entries_only(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alexandra")
    make_entry(journal, sam, occurred_at=START, visibility=Visibility.SHARED)
    make_entry(journal, alex, occurred_at=START + timedelta(hours=1), visibility=Visibility.SHARED)
    at = app("views/journal.py", member_id=sam.id)
    alexs, sams = _headers(at)
    assert "Alexandra" in alexs
    assert "Sam" not in sams
    # Edit and Delete on one's own entry only, side by side in one horizontal row
    keys = [b.key for b in at.button]
    mine = [k for k in keys if k and k.startswith(("edit_", "trash_"))]
    assert len(mine) == 2
    [own] = [b for b in at.button if b.key and b.key.startswith("edit_")]
    assert own.label == messages.ENTRY_EDIT and own.proto.type == "tertiary"
