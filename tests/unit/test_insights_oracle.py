"""The one analytics path (entries → `insights.aggregate_entries` → each analysis), which the
Trends page (aggregates from SQL) and the PDF report share, equals the per-entry reference
versions in tests/oracles on generated entries: several members, gaps, repeated days, blank and
repeated words, themes and practices."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune import insights as ins
from tests.oracles import insights_oracle as oracle

END = date(2024, 3, 31)
NAMES = {1: "Ana", 2: "Ben", 3: "Ana"}  # two members share a name
TAGS = ["walk", "work", "sleep", " "]
WORDS = ["calm", "tired", "glad", ""]

COLUMNS = ["uid", "member_id", "member", "occurred_local", "day", "valence", "energy"]
COLUMNS += ["connection", "tags", "feelings", "prompt_theme", "reading_id"]

entry_st = st.fixed_dictionaries(
    {
        "member_id": st.sampled_from([1, 1, 2, 3]),
        "days_ago": st.integers(0, 45),
        "minute": st.integers(0, 24 * 60 - 1),
        "valence": st.integers(1, 5),
        "energy": st.integers(1, 5),
        "connection": st.none() | st.integers(1, 5),
        "tags": st.lists(st.sampled_from(TAGS), max_size=3, unique=True),
        "feelings": st.lists(st.sampled_from(WORDS), max_size=3, unique=True),
        "prompt_theme": st.none() | st.sampled_from(["gratitude", "repair"]),
    }
)


def entries_frame(items: list[dict[str, Any]]) -> pd.DataFrame:
    rows = []
    for i, e in enumerate(items):
        when = (
            pd.Timestamp(END) - pd.Timedelta(days=e["days_ago"]) + pd.Timedelta(minutes=e["minute"])
        )
        rows.append(
            {
                "uid": str(i),
                "member_id": e["member_id"],
                "member": NAMES[e["member_id"]],
                "occurred_local": when,
                "day": when.normalize(),
                "valence": e["valence"],
                "energy": e["energy"],
                "connection": e["connection"],
                "tags": e["tags"],
                "feelings": e["feelings"],
                "prompt_theme": e["prompt_theme"],
                "reading_id": None,
            }
        )
    out = pd.DataFrame(rows, columns=COLUMNS).astype({"member_id": "int64", "connection": "Int64"})
    out["occurred_local"] = out["occurred_local"].astype("datetime64[ns]")
    out["day"] = out["day"].astype("datetime64[ns]")
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(entry_st, max_size=60), min_days=st.integers(1, 4))
def test_the_one_path_equals_the_per_entry_oracle(
    items: list[dict[str, Any]], min_days: int
) -> None:
    e = entries_frame(items)
    own = e[e["member_id"] == 1]
    agg = ins.aggregate_entries(e, member_id=1)
    own_daily = agg.daily[agg.daily["member_id"] == 1]
    pd.testing.assert_frame_equal(agg.daily, oracle.daily(e), check_dtype=False)
    assert ins.readiness(own_daily) == oracle.readiness(own)
    assert ins.readiness(agg.daily) == oracle.readiness(e)
    pd.testing.assert_frame_equal(ins.quadrant_grid(agg.grid), oracle.quadrant_grid(own))
    assert ins.top_feelings_by_quadrant(agg.words) == oracle.top_feelings_by_quadrant(own)
    for n in (15, 2):
        pd.testing.assert_frame_equal(
            ins.feeling_counts(agg.words, n=n), oracle.feeling_counts(own, n=n), check_dtype=False
        )
    pd.testing.assert_frame_equal(ins.weekday_pattern(own_daily), oracle.weekday_pattern(own))
    pd.testing.assert_frame_equal(
        ins.time_of_day_pattern(agg.times), oracle.time_of_day_pattern(own)
    )
    pd.testing.assert_frame_equal(
        ins.calendar(own_daily, END, days=50), oracle.calendar(own, END, days=50), check_dtype=False
    )
    practices = pd.DataFrame(
        {
            "member_id": 1,
            "day": pd.to_datetime(
                [pd.Timestamp(END) - pd.Timedelta(days=d) for d in range(0, 40, 3)]
            ),
            "practice_id": "box-breathing",
        }
    )
    oracle.assert_same_effects(
        ins.factor_effects(own_daily, agg.factor_days, practices, min_days=min_days),
        oracle.factor_effects(own, practices, min_days=min_days),
    )
    oracle.assert_same_effects(
        ins.factor_effects(agg.daily, ins.aggregate_entries(e).factor_days, min_days=min_days),
        oracle.factor_effects(e, min_days=min_days),
    )
    pd.testing.assert_frame_equal(
        ins.divergent_days(agg.daily), oracle.divergent_days(e), check_dtype=False
    )


def test_aggregates_of_no_entries_are_empty_and_typed() -> None:
    agg = ins.aggregate_entries(entries_frame([]))
    assert list(agg.daily.columns) == ins.DAILY_COLUMNS
    assert list(agg.grid.columns) == ["valence", "energy", "count"]
    assert list(agg.times.columns) == ["bucket", "valence_sum", "n"]
    assert list(agg.words.columns) == ["valence", "energy", "feeling", "count"]
    assert list(agg.factor_days.columns) == ["kind", "member_id", "day", "factor"]
    assert all(f.empty for f in (agg.daily, agg.grid, agg.times, agg.words, agg.factor_days))
