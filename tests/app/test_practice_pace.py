"""AppTest: the practice screen offers a breathing pace, and the pacer follows the one chosen."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.content import load_library
from attune.services import Journal
from components.pacer import PACE_KEY, PACES, pace_label, pacer_html
from tests.factories import make_member

Open = Callable[..., AppTest]
LIB = load_library()


def _open(at: AppTest, practice_id: str) -> None:
    at.button(key=f"open_{practice_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_slow_breathing_offers_the_paces_and_the_pacer_follows_the_choice(
    app: Open, journal: Journal
) -> None:
    sam = make_member(journal)
    at = app("views/practices.py", member_id=sam.id)
    _open(at, "slow-breathing")
    chooser = at.segmented_control(key=PACE_KEY)
    assert chooser.label == messages.PACE_LABEL
    assert chooser.options == [pace_label(pace) for pace in PACES]
    assert chooser.value == "4-6"  # the practice's own 4 s in, 6 s out
    at.button(key="practice_start").click().run()
    [pacer] = at.get("html")
    assert pacer.proto.body == pacer_html("slow-breathing") == pacer_html("slow-breathing", (4, 6))
    for pace in PACES:
        at.segmented_control(key=PACE_KEY).set_value(f"{pace[0]}-{pace[1]}").run()
        [pacer] = at.get("html")
        assert pacer.proto.body == pacer_html("slow-breathing", pace)
    # deselecting goes back to the practice's own pace
    at.segmented_control(key=PACE_KEY).set_value(None).run()
    [pacer] = at.get("html")
    assert pacer.proto.body == pacer_html("slow-breathing")


def test_a_forged_pace_never_reaches_the_pacer(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/practices.py", member_id=sam.id)
    _open(at, "slow-breathing")
    at.session_state[PACE_KEY] = "<b>9-99</b>"
    at.run()
    assert not at.exception
    at.button(key="practice_start").click().run()
    [pacer] = at.get("html")
    assert pacer.proto.body == pacer_html("slow-breathing")


def test_only_plain_in_out_pacers_offer_a_pace(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/practices.py", member_id=sam.id)
    for practice in LIB.practices:
        _open(at, practice.id)
        offered = PACE_KEY in {control.key for control in at.segmented_control}
        assert offered == (practice.id in ("slow-breathing", "co-regulation-pause")), practice.id
        at.button(key="back_to_practices").click().run()


def test_the_practice_screen_shows_the_credit_and_the_rating_note(
    app: Open, journal: Journal
) -> None:
    sam = make_member(journal)
    at = app("views/practices.py", member_id=sam.id)
    _open(at, "self-compassion-break")
    captions = [c.value for c in at.caption]
    credit = LIB.practice("self-compassion-break").credit
    assert credit and credit in captions
    assert messages.RATING_NOTE in captions
