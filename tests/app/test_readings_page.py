"""AppTest: a reading opens with its takeaway, badges and review date; "How we check sources"
opens from the library and leads back to it."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.content import load_library
from attune.services import Journal
from tests.app.test_reflection import texts
from tests.factories import make_member

Open = Callable[..., AppTest]
LIB = load_library()


def test_a_reading_shows_takeaway_badges_and_review_date_first(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/readings.py", member_id=sam.id)
    reading = LIB.reading("vasopressin-voles")
    at.button(key=f"open_{reading.id}").click().run()
    shown = texts(at)
    assert all(line in shown for line in reading.takeaway)
    assert shown.index(reading.takeaway[0]) < shown.index(reading.shows[:40])
    assert f"{reading.reviewed:%-d %B %Y}" in shown
    assert "Early evidence in people" in shown and "Strong evidence in animals" in shown
    assert messages.EVIDENCE_MEANING_ANIMALS["strong"] in shown


def test_how_we_check_sources_opens_from_the_library(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/readings.py", member_id=sam.id)
    at.button(key="how_we_check").click().run()
    assert at.title[0].value == messages.HOW_WE_CHECK_TITLE
    shown = texts(at)
    assert all(messages.EVIDENCE_MEANING[level] in shown for level in messages.EVIDENCE_MEANING)
    assert "Partly checked" in shown
    at.button(key="how_we_check_back").click().run()
    assert at.title[0].value == messages.READINGS_TITLE
    assert not at.exception
