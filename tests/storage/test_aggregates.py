"""The SQL aggregates behind Trends (attune.storage.aggregates via Journal.trend_aggregates) equal
the in-memory computations on the entries frame, never include another member's private entries,
and merge the words of opened sealed entries exactly as the entries frame does."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune import crypto, insights, security
from attune.config import load_settings
from attune.content import load_library
from attune.domain.entries import EntryDraft, Visibility
from attune.services import Journal, together
from attune.services import trends as trends_service
from tests import viewers as test_viewers
from tests.factories import make_entry, make_member
from tests.oracles import insights_oracle as oracle
from tests.sqlite_template import migrated
from tests.viewers import V

pytestmark = pytest.mark.both_backends

END = date(2026, 3, 20)
PROMPTS = [p.id for p in load_library().prompts[:3]]
WORDS = ["calm", "tired", "glad", "Calm"]
TAGS = ["walk", "work", "Walk", "sleep"]

entry_st = st.fixed_dictionaries(
    {
        "member": st.integers(0, 2),
        "days_ago": st.integers(0, 40),
        "minute": st.integers(0, 24 * 60 - 1),
        "offset": st.sampled_from([-600, -330, 0, 60, 345, 840]),
        "valence": st.integers(1, 5),
        "energy": st.integers(1, 5),
        "connection": st.none() | st.integers(1, 5),
        "tags": st.lists(st.sampled_from(TAGS), max_size=2, unique_by=str.casefold),
        "feelings": st.lists(st.sampled_from(WORDS), max_size=2, unique_by=str.casefold),
        "prompt": st.none() | st.sampled_from(PROMPTS),
        "shared": st.booleans(),
        "trashed": st.booleans(),
    }
)


def _draft(e: dict) -> EntryDraft:
    tz = timezone(timedelta(minutes=e["offset"]))
    day = END - timedelta(days=e["days_ago"])
    when = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=e["minute"])
    return EntryDraft(occurred_at=when, valence=e["valence"], energy=e["energy"],
                      connection=e["connection"], tags=tuple(e["tags"]),
                      feelings=tuple(e["feelings"]), body="words", prompt_id=e["prompt"],
                      visibility=Visibility.SHARED if e["shared"] else Visibility.PRIVATE)  # fmt: skip


def assert_same(journal: Journal, viewer: int | None, start: date | None, end: date) -> None:
    """Every Trends insight from the SQL aggregates equals the one from the entries frame."""
    frame = trends_service.entries_frame(journal, V(viewer), start=start, end=end)
    own = frame[frame["member_id"] == viewer]
    agg = trends_service.trend_aggregates(journal, V(viewer), start=start, end=end)
    if viewer is not None:  # the SQL aggregates are those `aggregate_entries` makes in pandas
        oracle.assert_same_aggregates(agg, insights.aggregate_entries(frame, viewer))
    # …and every insight on them equals the per-entry reference version
    pd.testing.assert_frame_equal(agg.daily, oracle.daily(frame), check_dtype=False)
    own_daily = agg.daily[agg.daily["member_id"] == viewer]
    assert insights.readiness(own_daily) == oracle.readiness(own)
    pd.testing.assert_frame_equal(insights.quadrant_grid(agg.grid), oracle.quadrant_grid(own))
    assert insights.top_feelings_by_quadrant(agg.words) == oracle.top_feelings_by_quadrant(own)
    pd.testing.assert_frame_equal(
        insights.feeling_counts(agg.words), oracle.feeling_counts(own), check_dtype=False
    )
    pd.testing.assert_frame_equal(insights.weekday_pattern(own_daily), oracle.weekday_pattern(own))
    pd.testing.assert_frame_equal(
        insights.time_of_day_pattern(agg.times), oracle.time_of_day_pattern(own)
    )
    oracle.assert_same_effects(
        insights.factor_effects(own_daily, agg.factor_days, None, min_days=1),
        oracle.factor_effects(own, None, min_days=1),
    )
    pd.testing.assert_frame_equal(
        insights.divergent_days(agg.daily), oracle.divergent_days(frame), check_dtype=False
    )
    pd.testing.assert_frame_equal(
        insights.calendar(own_daily, end, days=60),
        oracle.calendar(own, end, days=60),
        check_dtype=False,
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(entry_st, max_size=40), start_ago=st.none() | st.integers(0, 30))
def test_sql_aggregates_equal_the_in_memory_insights(
    entries: list[dict], start_ago: int | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATTUNE_DATABASE_URL", migrated(Path(tmp) / "attune.db"))
        mp.setenv("ATTUNE_DATA_DIR", tmp)
        journal = Journal(load_settings())
        try:
            people = [journal.add_member(n) for n in ("Ana", "Ben", "Cy")]
            for e in entries:
                made = journal.add_entry(V(people[e["member"]].id), _draft(e))
                if e["trashed"]:
                    journal.trash_entry(V(made.member_id), made.id)
            start = None if start_ago is None else END - timedelta(days=start_ago)
            for viewer in (people[0].id, people[1].id, None):
                assert_same(journal, viewer, start, END)
        finally:
            journal.close()


def test_another_members_private_entries_never_enter(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    when = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    for d in range(5):
        make_entry(journal, alex, occurred_at=when + timedelta(days=d), valence=1, energy=1,
                   tags=("zanzibar",), feelings=("jealous",))  # fmt: skip
        make_entry(journal, sam, occurred_at=when + timedelta(days=d), valence=5, energy=5)
    make_entry(journal, alex, occurred_at=when, valence=2, visibility=Visibility.SHARED,
               tags=("open-tag",), feelings=("open",))  # fmt: skip
    agg = trends_service.trend_aggregates(journal, V(sam.id), end=END)
    assert set(agg.daily["member_id"]) == {sam.id, alex.id}
    alex_days = agg.daily[agg.daily["member_id"] == alex.id]
    assert list(alex_days["n"]) == [1] and list(alex_days["valence"]) == [2.0]
    assert int(agg.grid["count"].sum()) == 5 and set(agg.grid["valence"]) == {5}
    assert "jealous" not in set(agg.words["feeling"]) and "open" not in set(agg.words["feeling"])
    assert set(agg.factor_days["factor"]) == {"walk"}
    assert int(agg.times["n"].sum()) == 5


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> dict[int, bytes]:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    return test_viewers.unlocked(monkeypatch)


def test_sealed_words_merge_only_when_unlocked(
    journal: Journal, fast_kdf: dict[int, bytes]
) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    when = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    for d in range(6):
        make_entry(journal, sam, occurred_at=when + timedelta(days=d), valence=1 + d % 5,
                   energy=5, tags=("okapi",) if d % 2 else ("walk",), feelings=("tender",))  # fmt: skip
        make_entry(journal, sam, occurred_at=when + timedelta(days=d, hours=3), valence=4,
                   visibility=Visibility.SHARED, tags=("walk",), feelings=("calm",))  # fmt: skip
    make_entry(journal, alex, occurred_at=when, visibility=Visibility.SHARED)
    key = together.set_passphrase(journal, sam.id, "river stones")
    assert key is not None
    locked = trends_service.trend_aggregates(journal, V(sam.id), end=END)
    assert "tender" not in set(locked.words["feeling"])  # sealed: not in the database
    assert "okapi" not in set(locked.factor_days["factor"])
    assert int(locked.grid["count"].sum()) == 12  # scores stay plain
    assert_same(journal, sam.id, None, END)
    fast_kdf[sam.id] = key
    unlocked = trends_service.trend_aggregates(journal, V(sam.id), end=END)
    assert int(unlocked.words.loc[unlocked.words["feeling"] == "tender", "count"].sum()) == 6
    assert "okapi" in set(unlocked.factor_days["factor"])
    assert_same(journal, sam.id, None, END)
    assert_same(journal, alex.id, None, END)
    assert "tender" not in set(
        trends_service.trend_aggregates(journal, V(alex.id), end=END).words["feeling"]
    )


@pytest.mark.parametrize(
    ("days", "start", "end"),
    [
        (("03-14",), None, date(2025, 12, 31)),
        (("02-28", "02-29"), None, date(2026, 2, 27)),
        (("03-14",), date(2021, 3, 14), date(2024, 3, 14)),
        (("03-14",), None, None),
    ],
)
def test_anniversaries_are_the_entries_on_those_days(
    journal: Journal, days: tuple[str, ...], start: date | None, end: date | None
) -> None:
    """entries_frame(month_days=…) (Trends' "on this day") equals filtering every entry."""
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    for year in range(2019, 2027):
        for month_day in ("02-28", "02-29", "03-01", "03-14", "03-15"):
            try:
                day = date.fromisoformat(f"{year}-{month_day}")
            except ValueError:
                continue
            for who, vis in ((sam, Visibility.PRIVATE), (alex, Visibility.SHARED),
                             (alex, Visibility.PRIVATE)):  # fmt: skip
                when = datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC)
                made = make_entry(journal, who, occurred_at=when - timedelta(hours=year % 3),
                                  visibility=vis, tags=(f"t{year}",))  # fmt: skip
                if year == 2022 and who is sam:
                    journal.trash_entry(V(sam.id), made.id)
    for member in (sam.id, None):
        got = trends_service.entries_frame(journal, V(sam.id), start=start, end=end, member_id=member,
                                    month_days=days)  # fmt: skip
        every = trends_service.entries_frame(
            journal, V(sam.id), start=start, end=end, member_id=member
        )
        want = every[every["day"].dt.strftime("%m-%d").isin(days)].reset_index(drop=True)
        assert len(want) > 0
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want)
