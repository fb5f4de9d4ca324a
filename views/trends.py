"""Trends: what moves your mood, from your own check-ins — honestly, as associations."""

from datetime import date, timedelta

import streamlit as st

from attune import insights, messages
from components import trends_view as view
from components.lock import require_member
from components.services import members

me, viewer = require_member()

st.title("Trends")
today = date.today()
choice = st.segmented_control(
    "Range", [*insights.RANGES, "Custom"], default="90 days", key="trends_range", required=True
)
start: date | None
if choice == "Custom":
    picked = st.date_input("From – to", value=(today - timedelta(days=60), today), max_value=today)
    start, end = (picked[0], picked[-1]) if isinstance(picked, tuple) and picked else (None, today)
else:
    start, end = insights.range_start(str(choice), today), today
a = view.analysis(viewer, start, end)

if a.ready["days"] == 0:
    st.info(
        "Trends appear after your first check-ins: the calendar after one day, your mood over "
        "time after two, your weekly rhythm after two weeks."
    )
    st.stop()

st.subheader("Mood over time")
if not view.needs(a, "mood_over_time"):
    view.chart(a, "mood")
    view.needs(a, "rolling_mean")

st.subheader("Pleasantness and energy")
if not view.needs(a, "quadrants"):
    view.chart(a, "quadrants")
    view.quadrant_words(a)

st.subheader(messages.TRENDS_CALENDAR)
view.chart(a, "calendar")

st.subheader("Feeling words")
if not view.needs(a, "feelings"):
    view.chart(a, "feelings")

st.subheader("Rhythms")
if not view.needs(a, "weekday_pattern"):
    view.chart(a, "weekdays")
if not view.needs(a, "time_of_day"):
    view.chart(a, "times")

st.subheader("What goes with better days")
if not view.needs(a, "effects"):
    view.effects(a)

st.subheader("On this day")
view.on_this_day(a)

st.subheader("Side by side")
view.together(a, {m.id: m.colour for m in members()})
