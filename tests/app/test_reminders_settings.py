"""Settings › Reminders in AppTest: the times to choose, the privacy note, the download."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal, reminders
from components import reminders as section
from tests.factories import make_member
from tests.viewers import V

Open = Callable[..., AppTest]


def test_reminders_offer_a_calendar_file(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    reminders.keep_plan(journal, V(sam), reminders.ReminderPlan(time(7, 15), time(18, 0), 4))
    at = app("views/settings.py", member_id=sam.id)
    assert not at.exception
    assert messages.REMINDERS_PRIVATE in [c.value for c in at.caption]
    # the widgets start from the plan kept last time
    assert at.time_input(key=section.DAILY_AT).value == time(7, 15)
    assert at.selectbox(key=section.WEEKDAY).value == 4
    [button] = at.get("download_button")
    assert button.proto.label == messages.REMINDERS_DOWNLOAD
    assert button.proto.url.endswith(".ics")
    # no reminder chosen: no file, and a word saying why
    at.toggle(key=section.DAILY_ON).set_value(False).run()
    at.toggle(key=section.WEEKLY_ON).set_value(False).run()
    assert not at.get("download_button")
    assert messages.REMINDERS_NONE in [c.value for c in at.caption]
