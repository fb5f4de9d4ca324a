"""Reminders as a calendar file (issue 16): parsed back with icalendar, the file holds a daily
and a weekly repeating event at the chosen times, in the local zone, with an alarm, stable UIDs
and neutral words only."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from attune import messages
from attune.domain.entries import EntryDraft
from attune.services import Journal, reminders
from attune.services.reminders import ReminderPlan, build_calendar
from tests.factories import make_member
from tests.viewers import V

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 25, 21, 0, tzinfo=UTC)  # a Wednesday, 22:00 in Paris (before DST)


def _events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_daily_and_weekly_events_parse_back() -> None:
    plan = ReminderPlan(daily=time(20, 30), weekly=time(19, 0), weekday=6)
    data = build_calendar(plan, "base", zone=PARIS, now=NOW)
    cal = Calendar.from_ical(data)
    events = _events(data)
    assert set(events) == {messages.REMINDER_DAILY_SUMMARY, messages.REMINDER_WEEKLY_SUMMARY}
    daily, weekly = (
        events[messages.REMINDER_DAILY_SUMMARY],
        events[messages.REMINDER_WEEKLY_SUMMARY],
    )
    # today's 20:30 has passed (22:00): the daily series starts tomorrow, in Paris time
    start = daily.decoded("dtstart")
    assert start == datetime(2026, 3, 26, 20, 30, tzinfo=PARIS)
    assert str(start.tzinfo) == "Europe/Paris"
    assert daily["rrule"]["FREQ"] == ["DAILY"]
    # the weekly one on the chosen weekday (Sunday), after the clocks change: still 19:00 local
    wstart = weekly.decoded("dtstart")
    assert (wstart.weekday(), wstart.hour, wstart.minute) == (6, 19, 0)
    assert wstart.date().isoformat() == "2026-03-29"
    assert weekly["rrule"]["FREQ"] == ["WEEKLY"] and weekly["rrule"]["BYDAY"] == ["SU"]
    # an alarm at the start of each
    for event in (daily, weekly):
        [alarm] = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == timedelta(0)
    # the zone is described in the file (daylight saving included)
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "Europe/Paris"
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert b"TZID=Europe/Paris" in data


def test_uids_are_stable_and_distinct() -> None:
    plan = ReminderPlan()
    one = _events(build_calendar(plan, "base", zone=PARIS, now=NOW))
    later = _events(
        build_calendar(
            ReminderPlan(daily=time(7, 0), weekly=time(9, 0), weekday=2),
            "base",
            zone=PARIS,
            now=NOW + timedelta(days=40),
        )
    )
    uids = {k: str(e["uid"]) for k, e in one.items()}
    assert uids == {k: str(e["uid"]) for k, e in later.items()}  # new times, same reminders
    assert len(set(uids.values())) == 2


def test_only_the_chosen_reminders() -> None:
    data = build_calendar(ReminderPlan(daily=None, weekly=time(18, 0)), "b", zone=PARIS, now=NOW)
    assert set(_events(data)) == {messages.REMINDER_WEEKLY_SUMMARY}
    data = build_calendar(ReminderPlan(daily=time(8, 0), weekly=None), "b", zone=PARIS, now=NOW)
    assert set(_events(data)) == {messages.REMINDER_DAILY_SUMMARY}
    with pytest.raises(ValueError, match="weekday"):
        ReminderPlan(weekday=7)


def test_the_file_says_nothing_private(journal: Journal) -> None:
    """No member name, no journal words: only the neutral summaries and descriptions."""
    ana = make_member(journal, "Anastasia")
    journal.add_entry(
        V(ana),
        EntryDraft(occurred_at=NOW, valence=2, energy=2, body="secretword", tags=("argument",)),
    )
    data = reminders.calendar_file(journal, V(ana), ReminderPlan(), zone=PARIS, now=NOW)
    text = data.decode("utf-8").casefold()
    for private in ("anastasia", "secretword", "argument"):
        assert private not in text
    texts = []
    for event in Calendar.from_ical(data).walk("VEVENT"):
        texts += [str(event["summary"]), str(event["description"])]
        assert str(event["class"]) == "PRIVATE"
    assert set(texts) == {
        messages.REMINDER_DAILY_SUMMARY,
        messages.REMINDER_DAILY_DESCRIPTION,
        messages.REMINDER_WEEKLY_SUMMARY,
        messages.REMINDER_WEEKLY_DESCRIPTION,
    }


def test_each_member_keeps_their_own_uids_and_plan(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    first = _events(reminders.calendar_file(journal, V(sam), ReminderPlan(), zone=PARIS, now=NOW))
    again = _events(reminders.calendar_file(journal, V(sam), ReminderPlan(), zone=PARIS, now=NOW))
    other = _events(reminders.calendar_file(journal, V(alex), ReminderPlan(), zone=PARIS, now=NOW))
    key = messages.REMINDER_DAILY_SUMMARY
    assert str(first[key]["uid"]) == str(again[key]["uid"]) != str(other[key]["uid"])
    plan = ReminderPlan(daily=time(6, 45), weekly=None, weekday=3)
    reminders.keep_plan(journal, V(sam), plan)
    assert reminders.plan_for(journal, V(sam)) == plan
    assert reminders.plan_for(journal, V(alex)) == ReminderPlan()
