"""A first run that guides (issue 16): a short, skippable guide on Today for someone new —
a first check-in, where entries go, and with several people how Together works — never shown
again once done or skipped (per member)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal
from components import first_run
from tests.factories import make_entry, make_member

Open = Callable[..., AppTest]


def _guide(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value in (first_run.steps(True))]


def test_one_person_sees_two_steps_then_never_again(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    assert _guide(at) == [messages.GUIDE_CHECKIN]
    assert messages.GUIDE_STEP.format(n=1, of=2) in [c.value for c in at.caption]
    at.button(key="first_run_next").click().run()
    assert _guide(at) == [messages.GUIDE_WHERE]
    at.button(key="first_run_done").click().run()
    assert _guide(at) == []
    assert journal.preference(first_run.preference_key(sam.id)) == "done"
    assert _guide(app("views/today.py", member_id=sam.id)) == []  # a new session


def test_several_people_learn_how_together_works(app: Open, journal: Journal) -> None:
    sam, _ = make_member(journal, "Sam"), make_member(journal, "Alex")
    at = app("views/today.py", member_id=sam.id)
    at.button(key="first_run_next").click().run()
    at.button(key="first_run_next").click().run()
    assert _guide(at) == [messages.GUIDE_TOGETHER]
    assert messages.GUIDE_STEP.format(n=3, of=3) in [c.value for c in at.caption]


def test_skipping_is_for_good_and_for_that_member_only(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    at = app("views/today.py", member_id=sam.id)
    at.button(key="first_run_skip").click().run()
    assert _guide(at) == []
    assert _guide(app("views/today.py", member_id=sam.id)) == []
    assert _guide(app("views/today.py", member_id=alex.id)) == [messages.GUIDE_CHECKIN]


def test_someone_with_entries_is_not_guided(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    make_entry(journal, sam)
    at = app("views/today.py", member_id=sam.id)
    assert _guide(at) == []
    assert journal.preference(first_run.preference_key(sam.id))
