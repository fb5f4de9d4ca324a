"""Settings › Reminders: a calendar file for a daily check-in and a weekly Together check-in."""

from __future__ import annotations

import calendar
from datetime import time

import streamlit as st

from attune import messages
from attune.domain.entries import Member
from attune.domain.viewer import Viewer
from attune.services import reminders

from . import place
from .services import journal, preferences

DAILY_ON, DAILY_AT = "reminders.daily_on", "reminders.daily_at"
WEEKLY_ON, WEEKLY_AT, WEEKDAY = "reminders.weekly_on", "reminders.weekly_at", "reminders.weekday"
LOADED = "reminders.loaded_for"  # whose saved plan the widgets hold


def section(me: Member, viewer: Viewer) -> None:
    st.subheader(messages.REMINDERS_TITLE, anchor="reminders")
    st.write(place.said(messages.REMINDERS_INTRO))
    _load(viewer)
    c1, c2 = st.columns(2)
    with c1:
        daily = st.toggle(messages.REMINDER_DAILY, key=DAILY_ON)
        st.time_input(messages.REMINDER_AT, key=DAILY_AT, step=900, disabled=not daily)
    with c2:
        weekly = st.toggle(messages.REMINDER_WEEKLY, key=WEEKLY_ON)
        w1, w2 = st.columns(2)
        w1.selectbox(
            messages.REMINDER_ON,
            range(7),
            format_func=calendar.day_name.__getitem__,
            key=WEEKDAY,
            disabled=not weekly,
        )
        w2.time_input(messages.REMINDER_AT, key=WEEKLY_AT, step=900, disabled=not weekly)
    st.caption(messages.REMINDERS_PRIVATE)
    plan = _plan()
    if plan.daily is None and plan.weekly is None:
        st.caption(messages.REMINDERS_NONE)
        return
    st.download_button(
        messages.REMINDERS_DOWNLOAD,
        data=reminders.calendar_file(journal(), viewer, plan),
        file_name=reminders.FILE_NAME,
        mime=reminders.MIME,
        icon=":material/event:",
        key="reminders.download",
        on_click=reminders.keep_plan,
        args=(journal(), viewer, plan),
    )
    st.caption(messages.REMINDERS_HOW)


def _load(viewer: Viewer) -> None:
    """Fill the widgets from the member's last downloaded plan, once per member per session."""
    s = st.session_state
    if s.get(LOADED) == viewer.member_id:
        return
    plan = reminders.plan_for(preferences(), viewer)
    s[DAILY_ON], s[DAILY_AT] = plan.daily is not None, plan.daily or time(20, 0)
    s[WEEKLY_ON], s[WEEKLY_AT] = plan.weekly is not None, plan.weekly or time(19, 0)
    s[WEEKDAY] = plan.weekday
    s[LOADED] = viewer.member_id


def _plan() -> reminders.ReminderPlan:
    s = st.session_state
    return reminders.ReminderPlan(
        daily=s.get(DAILY_AT) if s.get(DAILY_ON) else None,
        weekly=s.get(WEEKLY_AT) if s.get(WEEKLY_ON) else None,
        weekday=int(s.get(WEEKDAY) or 0),
    )
