"""Trends: one cached analysis per (database, viewer, revision, range), aggregated in SQL, then a chart + a sentence
for each insight. Charts get aggregated frames only (see attune.charts.cap_points), and each chart's
Vega-Lite spec is cached with the analysis key, so a warm rerun sends ready specs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from attune import charts, insights, messages
from attune.domain.viewer import Viewer
from attune.services import trends

from . import safe, vega
from .services import _journal_for, journal_key
from .services import revision as run_revision

Key = tuple[str, tuple[int | None, str], int, date | None, date]


@dataclass(frozen=True)
class Analysis:
    key: Key  # (database, viewer, revision, start, end): what the cached charts are keyed by
    ready: dict[str, Any]
    own_daily: pd.DataFrame
    all_daily: pd.DataFrame
    grid: pd.DataFrame
    top_words: dict[str, list[tuple[str, int]]]
    calendar: pd.DataFrame
    feelings: pd.DataFrame
    weekdays: pd.DataFrame
    times: pd.DataFrame
    effects: pd.DataFrame
    on_this_day: pd.DataFrame
    divergent: pd.DataFrame
    members: int


def _practices(url: str, viewer: Viewer) -> pd.DataFrame | None:
    if viewer.member_id is None:
        return None
    return _journal_for(url).practice_sessions(viewer)


def _earlier(url: str, viewer: Viewer, end: date) -> pd.DataFrame:
    """The viewer's own entries on today's month and day in earlier years ("on this day"), read
    narrowly in SQL."""
    j = _journal_for(url)
    days = (f"{end:%m-%d}", "02-29") if (end.month, end.day) == (2, 28) else (f"{end:%m-%d}",)
    frame = trends.entries_frame(
        j,
        viewer,
        end=end.replace(month=1, day=1) - timedelta(days=1),
        member_id=viewer.member_id,
        month_days=days,
    )
    return (
        frame if viewer.member_id is not None else frame.iloc[:0]
    )  # nobody's own without a viewer


@st.cache_data(show_spinner="Working out your trends…", max_entries=32)
def _analyse(
    url: str,
    who: tuple[int | None, str],
    revision: int,
    start: date | None,
    end: date,
    _viewer: Viewer,
) -> Analysis:
    # Aggregated in SQL (member-days, counts), never entry by entry: decades of entries arrive
    # as a few thousand member-days; only "on this day" reads entries, and only today's date.
    j, viewer, me = _journal_for(url), _viewer, _viewer.member_id
    agg = trends.trend_aggregates(j, viewer, start=start, end=end)
    all_daily = insights.member_series(insights.with_rolling(agg.daily))
    own_daily = all_daily[all_daily["member_id"] == me].reset_index(drop=True)
    own = agg.daily[agg.daily["member_id"] == me]
    return Analysis(
        key=(url, who, revision, start, end),
        ready=dict(insights.readiness(own)),
        own_daily=own_daily,
        all_daily=all_daily,
        grid=insights.quadrant_grid(agg.grid),
        top_words=insights.top_feelings_by_quadrant(agg.words),
        calendar=insights.calendar(own, end, days=_calendar_days(own, start, end)),
        feelings=insights.feeling_counts(agg.words),
        weekdays=insights.weekday_pattern(own),
        times=insights.time_of_day_pattern(agg.times),
        effects=insights.factor_effects(own, agg.factor_days, _practices(url, viewer)),
        on_this_day=insights.on_this_day(_earlier(url, viewer, end), end),
        divergent=insights.divergent_days(agg.daily),
        members=int(agg.daily["member_id"].nunique()),
    )


def _calendar_days(own: pd.DataFrame, start: date | None, end: date) -> int:
    """The chosen range in days; for "All", from the first check-in on."""
    if start is None:
        start = min(own["day"].min().date(), end) if len(own) else end
    return max((end - start).days + 1, 1)


def analysis(viewer: Viewer, start: date | None, end: date) -> Analysis:
    """The viewer's trends for the range, cached by (database, viewer, revision, range)."""
    url, revision = journal_key(), run_revision()
    return _analyse(url, viewer.cache_key, revision, start, end, viewer)


Colours = tuple[tuple[int, str], ...]
# name -> (the `attune.charts` chart of the analysis, its text alternative).
CHARTS: dict[
    str,
    tuple[Callable[[Analysis, dict[int, str]], Any], Callable[[Analysis], str]],
] = {
    "mood": (
        lambda a, _: charts.mood_over_time(a.own_daily),
        lambda a: insights.describe_trend(a.own_daily),
    ),
    "quadrants": (
        lambda a, _: charts.quadrant_heatmap(a.grid),
        lambda a: insights.describe_quadrants(a.grid),
    ),
    "calendar": (
        lambda a, _: charts.calendar_heatmap(a.calendar),
        lambda a: insights.describe_calendar(a.calendar),
    ),
    "feelings": (
        lambda a, _: charts.feelings_bar(a.feelings),
        lambda a: insights.describe_feelings(a.feelings),
    ),
    "weekdays": (
        lambda a, _: charts.weekday_bar(a.weekdays),
        lambda a: insights.describe_pattern(a.weekdays),
    ),
    "times": (
        lambda a, _: charts.time_of_day_bar(a.times),
        lambda a: insights.describe_pattern(a.times),
    ),
    "effects": (
        lambda a, _: charts.effects_chart(a.effects),
        lambda a: insights.describe_effects(a.effects),
    ),
    "side_by_side": (
        lambda a, colours: charts.members_side_by_side(a.all_daily, colours),
        lambda a: (
            f"Each member's pleasantness over time ({charts.trend_name(a.all_daily)}), "
            "from the entries you can see."
        ),
    ),
}


@st.cache_data(show_spinner=False, max_entries=256)
def _chart(
    url: str,
    who: tuple[int | None, str],
    revision: int,
    start: date | None,
    end: date,
    name: str,
    colours: Colours,
    _analysis: Analysis,
) -> tuple[vega.Spec, str]:
    """Keyed by the analysis key (`_analysis` itself is the analysis of exactly that key)."""
    draw, describe = CHARTS[name]
    return vega.spec(lambda: draw(_analysis, dict(colours))), describe(_analysis)


def chart(a: Analysis, name: str, colours: dict[int, str] | None = None) -> None:
    """One of `CHARTS`, from the cache when this analysis drew it before, then its text."""
    spec, alt_text = _chart(*a.key, name, tuple(sorted((colours or {}).items())), a)
    vega.draw(spec, alt_text)


def needs(a: Analysis, key: str) -> bool:
    """True (and a friendly line shown) when there is not enough data for `key` yet."""
    more = int(a.ready["needs"].get(key, 0))
    if more:
        st.caption(insights.describe_readiness(key, more))
    return bool(more)


def quadrant_words(a: Analysis) -> None:
    rows = [
        {
            "Quadrant": q.replace("-", ", ")
            .replace("high", "high energy")
            .replace("low", "low energy"),
            "Most frequent words": ", ".join(f"{w} ({n})" for w, n in a.top_words.get(q, [])),
        }
        for q in insights.QUADRANTS
    ]
    # A table, not a data grid: its cells wrap, so a phone shows every word.
    st.table(pd.DataFrame(rows), hide_index=True, border="horizontal")


def effects(a: Analysis) -> None:
    if a.effects.empty:
        st.caption(
            "Nothing to compare yet: a tag, prompt theme or practice needs at least 3 days "
            "with it and 3 days without."
        )
        return
    chart(a, "effects")
    findings = [row for _, row in a.effects.iterrows() if insights.is_finding(row)]
    for row in findings[:6]:
        safe.text("• " + insights.describe_effect(row))
    st.caption(messages.TRENDS_INTERVAL)
    if not findings:
        st.caption(messages.TRENDS_NO_FINDINGS)
    st.caption(messages.TRENDS_CAVEAT)


def on_this_day(a: Analysis) -> None:
    if a.on_this_day.empty:
        st.caption("Nothing from this date in earlier years yet.")
        return
    for _, row in a.on_this_day.head(5).iterrows():
        when = pd.Timestamp(row["occurred_local"]).strftime("%d %b %Y, %H:%M")
        safe.text(
            f"{when} — pleasantness {row['valence']}/5"
            + (f" — {', '.join(row['feelings'])}" if len(row["feelings"]) else "")
        )


def together(a: Analysis, colours: dict[int, str]) -> None:
    if a.members < 2:
        st.caption(
            "When other members share entries with you, your trends appear side by side here."
        )
        return
    chart(a, "side_by_side", colours)
    if a.divergent.empty:
        st.caption("No days yet when two of you checked in.")
        return
    st.write("Days when your moods differed most:")
    table = a.divergent.assign(day=a.divergent["day"].dt.strftime("%a %d %b %Y"))
    scores = [c for c in table.columns if c != "day"]  # a member without an entry that day: —
    table[scores] = table[scores].map(lambda v: "—" if pd.isna(v) else f"{v:.1f}")
    st.table(
        table.rename(columns={"day": "Day", "spread": "Difference (points)"}),
        hide_index=True,
        border="horizontal",
    )
