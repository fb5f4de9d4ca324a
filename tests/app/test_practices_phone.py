"""Practices on a phone (issue 16): the intensity ratings are five numbers on one row with the
word of the one chosen below (words in the segments wrapped 3 + 2 at 390 px), and the pace
options are short enough for four on one row."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune.services import Journal
from components import state
from components.pacer import PACE_KEY
from tests.factories import make_member

Open = Callable[..., AppTest]


def test_ratings_are_numbers_with_their_word_below(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app()
    at.session_state["member_id"] = sam.id
    at.query_params["practice"] = "slow-breathing"
    at.switch_page("views/practices.py").run()
    before = at.segmented_control(key=state.PRACTICE_BEFORE)
    assert before.options == ["1", "2", "3", "4", "5"]
    assert "1 barely · 5 very intense" in [c.value for c in at.caption]
    before.set_value(4).run()
    assert "4 · Strong" in [c.value for c in at.caption]
    assert all(len(option) <= 5 for option in at.segmented_control(key=PACE_KEY).options)
