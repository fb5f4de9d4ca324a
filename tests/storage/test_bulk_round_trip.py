"""Bulk inserts (imports, demo data) store every value exactly, on both databases.

On PostgreSQL each column goes in as one array literal (`storage.bulk._insert_unnest`): quotes,
backslashes, braces, commas, the word NULL and empty strings must all come back as written."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.services import Journal
from attune.storage import bulk
from tests.viewers import V

pytestmark = pytest.mark.both_backends

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('"\\{},\n\t '),
    max_size=30,
)
WORDS = st.sampled_from(["NULL", "", '"', "\\", "{}", "a,b", "\\x00ff", " "]) | TEXT


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    bodies=st.lists(WORDS, min_size=1, max_size=8), tag=st.from_regex(r"[a-z]{1,8}", fullmatch=True)
)
def test_bulk_values_come_back_as_written(journal: Journal, bodies: list[str], tag: str) -> None:
    members = journal.members()
    sam = members[0].id if members else journal.add_member("Sam").id
    start = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    before = journal.list_entries(V(sam), EntryFilter(), page_size=1000).total
    drafts = [
        EntryDraft(
            occurred_at=start + timedelta(minutes=i),
            valence=1 + i % 5,
            energy=1 + i % 5,
            connection=None if i % 2 else 3,
            visibility=Visibility.SHARED if i % 2 else Visibility.PRIVATE,
            body=body,
            tags=(tag,),
            feelings=("calm",) if i % 3 == 0 else (),
        )
        for i, body in enumerate(bodies)
    ]
    clean = [d.clean() for d in drafts]
    with journal.sessions.writing(V(sam)) as s:
        added = bulk.add_entries_bulk(
            s, viewer=V(sam), drafts=[(f"{before + i:08d}-bulk", d) for i, d in enumerate(drafts)]
        )
    assert added == len(drafts)
    page = journal.list_entries(V(sam), EntryFilter(), page_size=1000)
    stored = {e.uid: e for e in page.items}
    for i, want in enumerate(clean):
        got = stored[f"{before + i:08d}-bulk"]
        assert got.body == want.body
        assert got.occurred_at == want.occurred_at
        assert got.occurred_at.utcoffset() == want.occurred_at.utcoffset()
        assert (got.valence, got.energy, got.connection) == (
            want.valence,
            want.energy,
            want.connection,
        )
        assert got.visibility is want.visibility
        assert tuple(got.tags) == tuple(want.tags) and tuple(got.feelings) == tuple(want.feelings)
    assert all(e.occurred_at.tzinfo is not None for e in stored.values())
