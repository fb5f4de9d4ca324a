"""AppTest, issue 15: Support with a country chosen (shipped helplines, local lines, the
directories, what a browser remembers), Settings › Support and prompts, the prompt of the day
per member, and the safety line under prompts that invite self-blame."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.content import DailyChoice, load_library
from attune.content.helplines import load_helplines
from attune.domain.text import escape_markdown as e
from attune.services import Journal
from components import state
from components.care_settings import daily_choice
from components.support import COUNTRY_KEY, LOCAL_KEY
from tests.app.conftest import APP, TIMEOUT
from tests.app.test_reflection import texts as all_texts
from tests.factories import make_member

Open = Callable[..., AppTest]
LIB = load_library()
BOOK = load_helplines()


def texts(at: AppTest) -> str:
    """The page's words, shipped numbers' no-break spaces read as spaces."""
    return all_texts(at).replace("\u00a0", " ")


def test_support_with_a_country_chosen_shows_its_lines(
    app: Open, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTUNE_HELPLINES", "Night nurse | 0161 000 0000")
    journal.set_preference(COUNTRY_KEY, "GB")
    journal.set_preference(LOCAL_KEY, "Parish counsellor | 01234 567890")
    sam = make_member(journal)
    at = app("views/support.py", member_id=sam.id)
    shown = texts(at)
    assert messages.SUPPORT_HELP_IN.format(country="United Kingdom") in shown
    assert messages.SUPPORT_EMERGENCY.format(number=e("999 (or 112)")) in shown
    assert f"**Samaritans**: 116 123 ({e('24/7, free')})" in shown
    assert "0808 2000 247" in shown
    assert "**Parish counsellor**: 01234 567890" in shown
    assert "**Night nurse**: 0161 000 0000" in shown
    for entry in BOOK.directory:
        assert e(entry.contact) in shown
    assert messages.SUPPORT_HISTORY in shown
    assert "988" not in shown  # another country's line
    assert not at.exception


def test_support_without_a_country_points_to_settings_and_the_directories(
    app: Open, journal: Journal
) -> None:
    journal.set_preference(COUNTRY_KEY, "-")
    at = app("views/support.py")
    shown = texts(at)
    assert messages.SUPPORT_NO_COUNTRY in shown
    assert messages.SUPPORT_DIRECTORY in shown
    assert "116 123" not in shown


def test_a_country_chosen_in_settings_wins_over_the_installers_number(
    app: Open, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTUNE_EMERGENCY_NUMBER", "000")
    journal.set_preference(COUNTRY_KEY, "FR")
    at = app("views/support.py")
    shown = texts(at)
    assert messages.SUPPORT_EMERGENCY.format(number=e("112 / 15 / 17")) in shown
    assert f"**{messages.SUPPORT_EMERGENCY_LOCAL}**: 000" in shown


def test_settings_chooses_the_country_and_saves_local_lines(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/settings.py", member_id=sam.id)
    at.selectbox(key=state.CARE_COUNTRY).set_value("NZ").run()
    assert journal.preference(COUNTRY_KEY) == "NZ"
    assert messages.CARE_COUNTRY_SAVED.format(country="New Zealand") in texts(at)
    at.text_area(key=state.CARE_LOCAL).input("Town helpline | 03 000 0000\n\n<b>x</b>|1")
    at.button(key=state.CARE_LOCAL_SAVE).click().run()  # a form sends its fields with the click
    assert journal.preference(LOCAL_KEY) == "Town helpline | 03 000 0000\n<b>x</b> | 1"
    at.switch_page("views/support.py").run()
    shown = texts(at)
    assert messages.SUPPORT_HELP_IN.format(country="New Zealand") in shown
    assert "1737" in shown and "**Town helpline**: 03 000 0000" in shown
    assert f"**{e('<b>x</b>')}**: 1" in shown and "<b>" not in shown


def test_prompt_choices_are_per_member_and_the_daily_prompt_follows_them(
    app: Open, journal: Journal
) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    at = app("views/settings.py", member_id=sam.id)
    at.segmented_control(key=f"{state.CARE_RELATIONSHIP}.{sam.id}").set_value("family")
    at.toggle(key=f"{state.CARE_LOSS}.{sam.id}").set_value(True)
    at.button(key=f"{state.CARE_PROMPTS_SAVE}.{sam.id}").click().run()
    sams = DailyChoice(relationship="family", loss=True)
    assert daily_choice(sam.id) == sams
    assert daily_choice(alex.id) == DailyChoice()
    at.switch_page("views/write.py").run()
    assert LIB.daily_prompt(date.today(), sams).text in texts(at)
    other = app("views/write.py", member_id=alex.id)
    assert LIB.prompt_of_the_day(date.today()).text in texts(other)


@pytest.mark.parametrize("prompt_id", ["rep-03", "rep-06", "secf-09"])
def test_a_prompt_that_invites_self_blame_carries_the_safety_line(
    app: Open, journal: Journal, prompt_id: str
) -> None:
    sam = make_member(journal)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["member_id"] = sam.id
    at.session_state[state.WRITE_PROMPT] = prompt_id
    at.run()
    at.switch_page("views/write.py").run()
    shown = texts(at)
    assert LIB.prompt(prompt_id).text in shown
    assert messages.REPAIR_SAFETY_LINE in shown


def test_an_ordinary_prompt_has_no_safety_line(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/write.py", member_id=sam.id)
    assert not LIB.prompt_of_the_day(date.today()).self_blame
    assert messages.REPAIR_SAFETY_LINE not in texts(at)
