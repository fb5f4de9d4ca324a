"""Trends: one cached analysis per (database, viewer, revision, range), then a chart + a sentence
for each insight. Charts get aggregated frames only (see attune.charts.cap_points)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from attune import charts, insights
from attune.config import load_settings

from . import safe
from .services import _frame, journal, viewer_id


@dataclass(frozen=True)
class Analysis:
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


def _practices(url: str, viewer: int | None) -> pd.DataFrame | None:
    fetch = getattr(journal(), "practice_sessions", None)
    return fetch(viewer) if fetch and viewer is not None else None


@st.cache_data(show_spinner="Working out your trends…", max_entries=32)
def _analyse(
    url: str, viewer: int | None, revision: int, start: date | None, end: date
) -> Analysis:
    everything = _frame(url, viewer, revision)
    frame = insights.filter_range(everything, start, end)
    own = frame[frame["member_id"] == viewer]
    own_daily = insights.with_rolling(insights.daily(own))
    return Analysis(
        ready=dict(insights.readiness(own)),
        own_daily=own_daily,
        all_daily=insights.member_series(insights.with_rolling(insights.daily(frame))),
        grid=insights.quadrant_grid(own),
        top_words=insights.top_feelings_by_quadrant(own),
        calendar=insights.calendar(everything[everything["member_id"] == viewer], end),
        feelings=insights.feeling_counts(own),
        weekdays=insights.weekday_pattern(own),
        times=insights.time_of_day_pattern(own),
        effects=insights.factor_effects(own, _practices(url, viewer)),
        on_this_day=insights.on_this_day(everything[everything["member_id"] == viewer], end),
        divergent=insights.divergent_days(frame),
        members=int(frame["member_id"].nunique()) if len(frame) else 0,
    )


def analysis(start: date | None, end: date) -> Analysis:
    return _analyse(load_settings().database_url, viewer_id(), journal().revision(), start, end)


def needs(a: Analysis, key: str) -> bool:
    """True (and a friendly line shown) when there is not enough data for `key` yet."""
    more = int(a.ready["needs"].get(key, 0))
    if more:
        st.caption(insights.describe_readiness(key, more))
    return bool(more)


def chart(spec: alt.Chart | alt.LayerChart, alt_text: str) -> None:
    """A chart, then its text alternative (which may quote tag words, so it is escaped)."""
    st.altair_chart(spec, width="stretch", theme=None, alt=alt_text)
    safe.caption(alt_text)


def quadrant_words(a: Analysis) -> None:
    rows = [
        {"Quadrant": q.replace("-", ", ").replace("high", "high energy").replace("low", "low energy"),
         "Most frequent words": ", ".join(f"{w} ({n})" for w, n in a.top_words.get(q, []))}
        for q in insights.QUADRANTS
    ]  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def effects(a: Analysis) -> None:
    if a.effects.empty:
        st.caption("Nothing to compare yet: a tag, prompt theme or practice needs at least 3 days "
                   "with it and 3 days without.")  # fmt: skip
        return
    chart(charts.effects_chart(a.effects), insights.describe_effects(a.effects))
    findings = [row for _, row in a.effects.iterrows() if insights.is_finding(row)]
    for row in findings[:6]:
        safe.text("• " + insights.describe_effect(row))
    if not findings:
        st.caption("No clear associations yet. With more days the intervals narrow.")
    st.caption("These are associations in your own data, not proof that one thing causes another.")


def on_this_day(a: Analysis) -> None:
    if a.on_this_day.empty:
        st.caption("Nothing from this date in earlier years yet.")
        return
    for _, row in a.on_this_day.head(5).iterrows():
        when = pd.Timestamp(row["occurred_local"]).strftime("%d %b %Y, %H:%M")
        safe.text(f"{when} — pleasantness {row['valence']}/5" +
                  (f" — {', '.join(row['feelings'])}" if len(row["feelings"]) else ""))  # fmt: skip


def together(a: Analysis, colours: dict[int, str]) -> None:
    if a.members < 2:
        st.caption(
            "When other members share entries with you, your trends appear side by side here."
        )
        return
    chart(charts.members_side_by_side(a.all_daily, colours),
          "Each member's 7-day average pleasantness, from the entries you can see.")  # fmt: skip
    if a.divergent.empty:
        st.caption("No days yet when two of you checked in.")
        return
    st.write("Days when your moods differed most:")
    table = a.divergent.assign(day=a.divergent["day"].dt.strftime("%a %d %b %Y"))
    st.dataframe(table.rename(columns={"day": "Day", "spread": "Difference (points)"}),
                 hide_index=True, width="stretch")  # fmt: skip
