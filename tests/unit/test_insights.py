"""Insights on constructed frames with hand-computed answers, through the one path the Trends page
and the PDF report share: entries → `insights.aggregate_entries` → each analysis."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from attune import insights as ins

NAMES = {1: "Ana", 2: "Ben", 3: "Cy"}


def entry(
    when: str | datetime, valence: int = 3, member_id: int = 1, **over: Any
) -> dict[str, Any]:
    """One entry row following the service layer's contract."""
    t = pd.Timestamp(when)
    row: dict[str, Any] = {
        "uid": f"{member_id}-{t.isoformat()}-{valence}",
        "member_id": member_id,
        "member": NAMES[member_id],
        "occurred_local": t,
        "day": t.normalize(),
        "valence": valence,
        "energy": 3,
        "connection": pd.NA,
        "tags": [],
        "feelings": [],
        "prompt_theme": None,
        "reading_id": None,
    }
    row.update(over)
    return row


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = list(entry("2024-01-01").keys())
    df = pd.DataFrame(rows, columns=cols)
    df["occurred_local"] = pd.to_datetime(df["occurred_local"]).astype("datetime64[ns]")
    df["day"] = pd.to_datetime(df["day"]).astype("datetime64[ns]")
    df["connection"] = df["connection"].astype("Int64")
    return df


EMPTY = frame([])


def agg(e: pd.DataFrame) -> ins.TrendAggregates:
    return ins.aggregate_entries(e)


def effects(e: pd.DataFrame, practices: pd.DataFrame | None = None, **kw: Any) -> pd.DataFrame:
    a = agg(e)
    return ins.factor_effects(a.daily, a.factor_days, practices, **kw)


# ---------------------------------------------------------------- effects


def effect_frame() -> pd.DataFrame:
    """30 days; "exercise" on even days (valence 4) vs odd days (3), noise that cancels exactly.

    Noise cycles through +0.5, −0.5, 0 within each group (two entries a day), so the daily means
    are 4.5/3.5/4.0 with the tag and 3.5/2.5/3.0 without: diff exactly 1.0. "reading" is on days
    0, 1, 4, 5, … (half tagged, half not) and "rare" on two days only.
    """
    rows = []
    for i in range(30):
        tagged = i % 2 == 0
        base = 4 if tagged else 3
        offsets = [(0, 1), (-1, 0), (0, 0)][(i // 2) % 3]
        tags = (["exercise"] if tagged else []) + (["reading"] if (i // 2) % 2 == 0 else [])
        tags += ["rare"] if i in (3, 17) else []
        day = pd.Timestamp("2024-03-01") + pd.Timedelta(days=i)
        for k, off in enumerate(offsets):
            rows.append(entry(day + pd.Timedelta(hours=9 + k), base + off, tags=tags))
    return frame(rows)


def test_tag_that_raises_pleasantness_by_one_is_found() -> None:
    fx = effects(effect_frame())
    row = fx.set_index("factor").loc["exercise"]
    assert row["kind"] == "tag"
    assert (row["days_with"], row["days_without"]) == (15, 15)
    assert row["diff"] == pytest.approx(1.0)
    assert row["ci_low"] > 0
    assert row["certainty"] == ins.FAIRLY_SURE
    assert fx.iloc[0]["factor"] == "exercise"  # sorted by |diff|


def test_interval_matches_scipy_welch() -> None:
    e = effect_frame()
    daily_v = e.groupby("day")["valence"].mean()
    tagged = e.groupby("day")["tags"].first().map(lambda t: "exercise" in t)
    res = stats.ttest_ind(daily_v[tagged], daily_v[~tagged], equal_var=False)
    ci = res.confidence_interval(0.95)
    row = effects(e).set_index("factor").loc["exercise"]
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high))


def test_tag_without_effect_is_not_worded_as_a_finding() -> None:
    row = effects(effect_frame()).set_index("factor").loc["reading"].copy()
    row["factor"] = "reading"
    assert row["ci_low"] < 0 < row["ci_high"]
    assert row["certainty"] != ins.FAIRLY_SURE
    assert not ins.is_finding(row)
    text = ins.describe_effect(row)
    assert "association" not in text
    assert "chance" in text or "too wide" in text


def test_tag_on_two_days_is_not_reported() -> None:
    fx = effects(effect_frame())
    assert "rare" not in set(fx["factor"])
    assert set(fx["factor"]) == {"exercise", "reading"}


def test_factor_on_almost_every_day_is_not_reported() -> None:
    rows = [
        entry(f"2024-01-{d:02d} 10:00", 3 + d % 2, tags=["x"] if d > 2 else [])
        for d in range(1, 21)
    ]
    assert effects(frame(rows)).empty


def test_themes_and_practices_are_compared_too() -> None:
    e = effect_frame()
    e["prompt_theme"] = [("gratitude" if t and "exercise" in t else None) for t in e["tags"]]
    even = sorted({d for d, t in zip(e["day"], e["tags"], strict=True) if "exercise" in t})
    practices = pd.DataFrame(
        {
            "member_id": 1,
            "day": pd.to_datetime(even).astype("datetime64[ns]"),
            "practice_id": "box-breathing",
            "before": pd.array([3] * len(even), dtype="Int64"),
            "after": pd.array([4] * len(even), dtype="Int64"),
        }
    )
    fx = effects(e, practices).set_index(["kind", "factor"])
    assert fx.loc[("theme", "gratitude"), "diff"] == pytest.approx(1.0)
    assert fx.loc[("practice", "box-breathing"), "diff"] == pytest.approx(1.0)
    text = ins.describe_effect(fx.reset_index().iloc[0], name="Box breathing")
    assert text.startswith("On days you")


def test_describe_effect_wording() -> None:
    row = {
        "kind": "tag", "factor": "exercise", "diff": 0.9, "ci_low": 0.5, "ci_high": 1.3,
        "certainty": ins.FAIRLY_SURE, "days_with": 12, "level": 0.95,
    }  # fmt: skip
    assert ins.describe_effect(row) == (
        "On days you tagged “exercise”, pleasantness averaged 0.9 higher (95% interval 0.5 to 1.3)."
    )
    low = {**row, "diff": -0.4, "ci_low": -1.9, "ci_high": 1.1, "certainty": ins.TOO_LITTLE}
    text = ins.describe_effect(low)
    assert "0.4 lower" in text
    assert "−1.9 to 1.1" in text
    assert "too wide" in text


def test_effects_on_empty_frame() -> None:
    fx = effects(EMPTY)
    assert fx.empty
    assert list(fx.columns) == ins.EFFECT_COLUMNS
    assert "Nothing" in ins.describe_effects(fx)


# ---------------------------------------------------------------- daily, rolling, calendar


def rolling_frame() -> pd.DataFrame:
    """Member 1: 1 Jan 2, 2 Jan 4, (3 Jan gap), 4 Jan 3 & 5, 8 Jan 5, 9 Jan 1; member 2: 4 Jan 1."""
    return frame(
        [
            entry("2024-01-01 08:00", 2, connection=4),
            entry("2024-01-02 08:00", 4),
            entry("2024-01-04 08:00", 3, connection=2),
            entry("2024-01-04 20:00", 5),
            entry("2024-01-08 08:00", 5),
            entry("2024-01-09 08:00", 1),
            entry("2024-01-04 09:00", 1, member_id=2),
        ]
    )


def test_daily_means_and_counts() -> None:
    d = ins.daily(rolling_frame())
    one = d[d["member_id"] == 1].set_index("day")
    assert one.loc["2024-01-04", "valence"] == 4.0
    assert one.loc["2024-01-04", "n"] == 2
    assert one.loc["2024-01-04", "connection"] == 2.0
    assert np.isnan(one.loc["2024-01-02", "connection"])
    assert list(d.columns) == ins.DAILY_COLUMNS


def test_rolling_is_a_calendar_window_per_member() -> None:
    r = ins.with_rolling(ins.daily(rolling_frame()))
    one = r[r["member_id"] == 1].set_index("day")["valence_7d"]
    assert one["2024-01-01"] == pytest.approx(2.0)
    assert one["2024-01-02"] == pytest.approx(3.0)
    assert one["2024-01-04"] == pytest.approx((2 + 4 + 4) / 3)  # the gap day is not a zero
    assert one["2024-01-08"] == pytest.approx((4 + 4 + 5) / 3)  # 2–8 Jan: 1 Jan has left
    assert one["2024-01-09"] == pytest.approx((4 + 5 + 1) / 3)  # 3–9 Jan
    conn = r[r["member_id"] == 1].set_index("day")["connection_7d"]
    assert conn["2024-01-04"] == pytest.approx(3.0)  # days without a rating are skipped
    two = r[r["member_id"] == 2].set_index("day")["valence_7d"]
    assert two["2024-01-04"] == pytest.approx(1.0)  # other members never mix in


def test_rolling_on_empty_frame() -> None:
    r = ins.with_rolling(ins.daily(EMPTY))
    assert r.empty
    assert "valence_7d" in r


def test_calendar_cells_keep_gaps() -> None:
    e = rolling_frame()
    cal = ins.calendar(ins.daily(e[e["member_id"] == 1]), end=date(2024, 1, 9), days=9)
    assert len(cal) == 9
    cells = cal.set_index("day")
    assert cells.loc["2024-01-04", "valence"] == pytest.approx((3 + 5) / 2)
    assert cells.loc["2024-01-04", "n"] == 2
    assert np.isnan(cells.loc["2024-01-03", "valence"])
    assert cells.loc["2024-01-03", "n"] == 0
    assert cells.loc["2024-01-07", "weekday"] == 6  # Sunday
    assert cells.loc["2024-01-07", "week"] == pd.Timestamp("2024-01-01")
    assert cells.loc["2024-01-08", "week"] == pd.Timestamp("2024-01-08")
    assert "9 of 9 days" not in ins.describe_calendar(cal)
    assert ins.describe_calendar(cal).startswith("You checked in on 5 of 9 days")


def test_filter_range_is_inclusive() -> None:
    e = rolling_frame()
    got = ins.filter_range(e, date(2024, 1, 2), date(2024, 1, 8))
    assert sorted(got["day"].dt.day.unique()) == [2, 4, 8]
    assert len(ins.filter_range(e, None, date(2024, 1, 1))) == 1
    assert ins.range_start("30 days", date(2024, 1, 30)) == date(2024, 1, 1)
    assert ins.range_start("All", date(2024, 1, 30)) is None


def test_member_series_only_has_given_members() -> None:
    e = rolling_frame()
    only_one = ins.member_series(ins.daily(e[e["member_id"] == 1]))
    assert set(only_one["member_id"]) == {1}
    assert "valence_7d" in only_one
    assert ins.divergent_days(ins.daily(e[e["member_id"] == 1])).empty


def test_describe_trend() -> None:
    d = ins.with_rolling(ins.daily(rolling_frame()))
    one = d[d["member_id"] == 1]
    assert ins.describe_trend(one, "the last 30 days") == (
        "Over the last 30 days pleasantness averaged 3.2 and stayed about level."
    )
    both = ins.describe_trend(d)
    assert "Ana's pleasantness" in both
    assert "Ben's pleasantness" in both
    assert ins.describe_trend(ins.daily(EMPTY)) == "No check-ins yet."


def test_describe_trend_compares_first_and_last_week_not_single_days() -> None:
    # One very pleasant first day, then a steady 3 that rises to 4 in the last fortnight.
    rows = [entry("2024-03-01 08:00", 5)]
    rows += [entry(f"2024-03-{d:02d} 08:00", 3) for d in range(2, 17)]
    rows += [entry(f"2024-03-{d:02d} 08:00", 4) for d in range(17, 31)]
    text = ins.describe_trend(ins.with_rolling(ins.daily(frame(rows))))
    assert text == "Pleasantness averaged 3.5 and rose from 3.3 to 4.0."


# ---------------------------------------------------------------- distributions


def test_quadrant_grid_counts() -> None:
    rows = [
        entry("2024-01-01 08:00", 5, energy=5, feelings=["glad", "proud"]),
        entry("2024-01-02 08:00", 5, energy=4, feelings=["glad"]),
        entry("2024-01-03 08:00", 1, energy=1, feelings=["tired"]),
        entry("2024-01-04 08:00", 3, energy=5, feelings=["restless"]),
    ]
    grid = ins.quadrant_grid(agg(frame(rows)).grid)
    assert len(grid) == 25
    assert grid["count"].sum() == 4
    cell = grid.set_index(["valence", "energy"])["count"]
    assert (cell[(5, 5)], cell[(5, 4)], cell[(1, 1)], cell[(3, 5)], cell[(2, 2)]) == (1, 1, 1, 1, 0)
    top = ins.top_feelings_by_quadrant(agg(frame(rows)).words)
    assert top == {
        "pleasant-high": [("glad", 2), ("proud", 1)],
        "pleasant-low": [],
        "unpleasant-high": [],
        "unpleasant-low": [("tired", 1)],
    }
    assert ins.describe_quadrants(grid).startswith("Of 4 check-ins, the most (50%) were pleasant")
    assert ins.quadrant_grid(agg(EMPTY).grid)["count"].sum() == 0


def test_feelings_weekday_and_time_of_day() -> None:
    rows = [
        entry("2024-01-01 00:30", 2, feelings=["tired", "calm"]),  # Monday night
        entry("2024-01-01 05:59", 4, feelings=["calm"]),
        entry("2024-01-01 06:00", 3, feelings=["calm", " "]),  # morning
        entry("2024-01-02 12:00", 5, feelings=["glad"]),  # Tuesday afternoon
        entry("2024-01-02 23:59", 1, feelings=["tired"]),  # evening
    ]
    e = frame(rows)
    counts = ins.feeling_counts(agg(e).words)
    assert list(zip(counts["feeling"], counts["count"], strict=True)) == [
        ("calm", 3),
        ("tired", 2),
        ("glad", 1),
    ]
    wk = ins.weekday_pattern(agg(e).daily).set_index("weekday_name")
    assert wk.loc["Mon", "valence"] == pytest.approx(3.0)
    assert wk.loc["Mon", "n"] == 1
    assert wk.loc["Tue", "valence"] == pytest.approx(3.0)
    assert wk.loc["Wed", "n"] == 0
    tod = ins.time_of_day_pattern(agg(e).times).set_index("bucket")
    assert list(tod.index) == ["night", "morning", "afternoon", "evening"]
    assert tod.loc["night", "valence"] == pytest.approx(3.0)
    assert tod.loc["night", "n"] == 2
    assert (tod.loc["morning", "n"], tod.loc["evening", "valence"]) == (1, 1.0)
    assert ins.describe_pattern(ins.time_of_day_pattern(agg(e).times)) == (
        "Pleasantness was highest in the afternoon (5.0) and lowest in the evening (1.0)."
    )
    assert ins.describe_feelings(counts) == "Most often you felt calm (3), tired (2) and glad (1)."


# ---------------------------------------------------------------- memories, partners, readiness


def test_on_this_day_with_leap_day() -> None:
    e = frame(
        [
            entry("2024-02-29 09:00", 4),
            entry("2024-02-28 09:00", 3),
            entry("2023-02-28 21:00", 2),
            entry("2025-02-28 08:00", 5),  # today: not a memory
            entry("2023-03-01 08:00", 5),
        ]
    )
    got = ins.on_this_day(e, date(2025, 2, 28))
    assert [t.strftime("%Y-%m-%d") for t in got["occurred_local"]] == [
        "2024-02-29",
        "2024-02-28",
        "2023-02-28",
    ]
    assert list(got["years_ago"]) == [1, 1, 2]
    leap = ins.on_this_day(e, date(2028, 2, 29))
    assert list(leap["occurred_local"].dt.strftime("%Y-%m-%d")) == ["2024-02-29"]
    assert len(ins.on_this_day(e, date(2024, 2, 28))) == 1  # leap year: 28 Feb only
    assert ins.on_this_day(EMPTY, date(2025, 1, 1)).empty


def test_divergent_days_ranking() -> None:
    e = frame(
        [
            entry("2024-05-01 08:00", 5, 1),
            entry("2024-05-01 09:00", 2, 2),  # spread 3
            entry("2024-05-02 08:00", 3, 1),
            entry("2024-05-02 09:00", 4, 2),
            entry("2024-05-02 10:00", 3, 3),  # spread 1
            entry("2024-05-03 08:00", 1, 1),  # only one member: excluded
            entry("2024-05-04 08:00", 1, 2),
            entry("2024-05-04 09:00", 4, 3),  # spread 3, later: first
            entry("2024-05-05 08:00", 3, 1),
            entry("2024-05-05 09:00", 3, 2),  # spread 0
        ]
    )
    got = ins.divergent_days(ins.daily(e), top=3)
    assert list(got["day"].dt.day) == [4, 1, 2]
    assert list(got["spread"]) == [3.0, 3.0, 1.0]
    assert list(got.columns) == ["day", "spread", "Ana", "Ben", "Cy"]
    assert np.isnan(got.loc[0, "Ana"])
    assert got.loc[0, "Cy"] == 4.0


def test_readiness_thresholds() -> None:
    e = frame([entry(f"2024-01-0{d} 09:00", 3) for d in (1, 2, 3)] + [entry("2024-01-01", 4, 2)])
    r = ins.readiness(ins.daily(e))
    assert (r["days"], r["entries"], r["members"], r["shared_days"]) == (3, 4, 2, 1)
    assert r["needs"]["mood_over_time"] == 0
    assert r["needs"]["rolling_mean"] == 4
    assert r["needs"]["weekday_pattern"] == 11
    assert r["needs"]["effects"] == 3
    assert r["needs"]["side_by_side"] == 1
    assert ins.describe_readiness("weekday_pattern", 11) == (
        "11 more days of check-ins and your weekday pattern appears."
    )
    empty = ins.readiness(ins.daily(EMPTY))
    assert empty["days"] == 0
    assert empty["needs"] == ins.THRESHOLDS


def test_every_function_accepts_an_empty_frame() -> None:
    a = agg(EMPTY)
    assert a.daily.empty and a.grid.empty and a.times.empty and a.words.empty
    assert a.factor_days.empty
    assert ins.feeling_counts(a.words).empty
    assert ins.weekday_pattern(a.daily)["n"].sum() == 0
    assert ins.time_of_day_pattern(a.times)["n"].sum() == 0
    assert ins.calendar(a.daily, date(2024, 1, 1), 7)["n"].sum() == 0
    assert ins.divergent_days(a.daily).empty
    assert ins.top_feelings_by_quadrant(a.words) == {q: [] for q in ins.QUADRANTS}
    assert "No check-ins" in ins.describe_calendar(ins.calendar(a.daily, date(2024, 1, 1), 7))
    assert "No check-ins" in ins.describe_quadrants(ins.quadrant_grid(a.grid))


# ---------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 5), st.sampled_from(["a", "b", "c"])),
        min_size=1,
        max_size=60,
    ),
    st.integers(2, 5),
)
def test_rolling_bounded_and_effects_respect_min_days(
    rows: list[tuple[int, int, str]], min_days: int
) -> None:
    e = frame(
        [
            entry(pd.Timestamp("2024-01-01 12:00") + pd.Timedelta(days=d), v, tags=[tag])
            for d, v, tag in rows
        ]
    )
    r = ins.with_rolling(ins.daily(e))
    assert r["valence_7d"].between(r["valence"].min() - 1e-9, r["valence"].max() + 1e-9).all()
    fx = effects(e, min_days=min_days)
    assert (fx["days_with"] >= min_days).all()
    assert (fx["days_without"] >= min_days).all()
    assert (fx["ci_low"] <= fx["diff"] + 1e-9).all()
    assert (fx["diff"] <= fx["ci_high"] + 1e-9).all()


def test_one_check_in_one_day_one_thing_are_said_in_the_singular() -> None:
    """Issue 16 item 7: no "Of 1 check-ins", "of 1 days" or "Of 1 things compared"."""
    one = pd.DataFrame({"valence": [5], "energy": [5], "count": [1]})
    assert ins.describe_quadrants(one).startswith("Of 1 check-in, the most (100%)")
    day = pd.DataFrame(
        {"day": [pd.Timestamp("2024-01-04")], "valence": [4.0], "n": [1], "weekday": [3]}
    )
    assert ins.describe_calendar(day).startswith("You checked in on 1 of 1 day;")
    assert ins.describe_calendar(day.assign(n=[0])) == "No check-ins on this day."
    effects = pd.DataFrame({"certainty": [ins.FAIRLY_SURE]})
    assert ins.describe_effects(effects) == (
        "Of 1 thing compared, 1 goes with a clear difference in pleasantness."
    )
