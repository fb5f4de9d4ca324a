"""Reminders without a server: a calendar file (iCalendar, RFC 5545) the person imports into the
calendar they already use, which then does the reminding.

Two repeating events, each with an alarm at its start: a daily check-in and a weekly check-in
together, at the times the person chose, in this computer's time zone (with its daylight-saving
rules). What the events say is neutral — no name, no entry, nothing from the journal — because a
calendar is often seen by others (a shared calendar, a lock screen, a phone on the table). Each
event's UID is random, made once per member and kept, so importing a file downloaded later with
new times updates the same reminders instead of adding a second set.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from attune import messages
from attune.domain.viewer import Viewer
from attune.exchange.registry import local_zone

from .journal import Journal
from .preferences import Preferences

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 BYDAY, Monday = 0
DAILY_MINUTES = 5
WEEKLY_MINUTES = 20
FILE_NAME = "check-in-reminders.ics"
MIME = "text/calendar"


@dataclass(frozen=True)
class ReminderPlan:
    """What the person chose: a time for each reminder (None: not wanted), and the weekday of
    the weekly one (Monday = 0)."""

    daily: time | None = time(20, 0)
    weekly: time | None = time(19, 0)
    weekday: int = 6

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")


def plan_for(journal: Preferences, viewer: Viewer) -> ReminderPlan:
    """The viewer's last chosen plan (the defaults until they download a file)."""
    saved = journal.preference(_pref(viewer, "plan"))
    if not saved:
        return ReminderPlan()
    daily, weekly, weekday = [*saved.split("|"), "", "", ""][:3]
    try:
        return ReminderPlan(_time(daily), _time(weekly), int(weekday or 6))
    except ValueError:
        return ReminderPlan()


def keep_plan(journal: Journal, viewer: Viewer, plan: ReminderPlan) -> None:
    text = "|".join(
        (_hhmm(plan.daily), _hhmm(plan.weekly), str(plan.weekday)),
    )
    journal.set_preference(_pref(viewer, "plan"), text)


def calendar_file(
    journal: Journal,
    viewer: Viewer,
    plan: ReminderPlan,
    *,
    zone: tzinfo | None = None,
    now: datetime | None = None,
) -> bytes:
    """The .ics file for the viewer's plan (their UIDs made once and kept)."""
    key = _pref(viewer, "uid")
    base = journal.preference(key)
    if not base:
        base = str(uuid.uuid4())
        journal.set_preference(key, base)
    return build_calendar(plan, base, zone=zone, now=now)


def build_calendar(
    plan: ReminderPlan, base_uid: str, *, zone: tzinfo | None = None, now: datetime | None = None
) -> bytes:
    """The calendar for `plan`: pure, so tests parse it back. `base_uid` makes the UIDs."""
    zone = zone or local_zone()
    now = (now or datetime.now(UTC)).astimezone(zone)
    cal = Calendar()
    cal.add("prodid", "-//Attune//Check-in reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", messages.REMINDER_CALENDAR_NAME)
    if plan.daily is not None:
        start = _next(now, plan.daily, None)
        cal.add_component(
            _event(
                f"{base_uid}-daily@attune.invalid",
                messages.REMINDER_DAILY_SUMMARY,
                messages.REMINDER_DAILY_DESCRIPTION,
                start,
                DAILY_MINUTES,
                {"freq": "daily"},
                now,
            )
        )
    if plan.weekly is not None:
        start = _next(now, plan.weekly, plan.weekday)
        cal.add_component(
            _event(
                f"{base_uid}-weekly@attune.invalid",
                messages.REMINDER_WEEKLY_SUMMARY,
                messages.REMINDER_WEEKLY_DESCRIPTION,
                start,
                WEEKLY_MINUTES,
                {"freq": "weekly", "byday": WEEKDAYS[plan.weekday]},
                now,
            )
        )
    if isinstance(zone, ZoneInfo):
        cal.add_missing_timezones()  # a VTIMEZONE for the TZID, daylight saving included
    return bytes(cal.to_ical())


def _event(
    uid: str,
    summary: str,
    description: str,
    start: datetime,
    minutes: int,
    rrule: dict[str, str],
    now: datetime,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    event.add("rrule", rrule)
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def _next(now: datetime, at: time, weekday: int | None) -> datetime:
    """The first moment at `at` (on `weekday`, if given) from today on, in `now`'s zone."""
    zone = now.tzinfo
    day: date = now.date()
    if weekday is not None:
        day += timedelta(days=(weekday - day.weekday()) % 7)
    start = datetime.combine(day, at.replace(second=0, microsecond=0), tzinfo=zone)
    if start < now:  # today's has passed: the series starts at the next one
        start = datetime.combine(
            day + timedelta(days=7 if weekday is not None else 1), start.time(), tzinfo=zone
        )
    return start


def _pref(viewer: Viewer, what: str) -> str:
    if viewer.member_id is None:
        raise ValueError("Choose who is writing first.")
    return f"reminders.{what}.{viewer.member_id}"


def _hhmm(at: time | None) -> str:
    return "" if at is None else at.strftime("%H:%M")


def _time(text: str) -> time | None:
    return time.fromisoformat(text) if text else None
