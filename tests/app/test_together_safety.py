"""AppTest journeys for issue 15 on Together: the weekly check-in is private unless shared on
purpose (after a preview of exactly what the others will see) and can be made private again; a
prompt asked of some members reveals when those have answered; the safety screen appears once per
member; a low WHO-5 shows the Support line to its author only."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal, care, together
from tests.viewers import V

Open = Callable[..., AppTest]
TOGETHER = "views/together.py"


def seen_safety(journal: Journal, *member_ids: int) -> None:
    for member_id in member_ids:
        care.acknowledge_safety(journal, V(member_id))


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text] + [s.value for s in at.subheader]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def fill_weekly(at: AppTest, csi4: list[int], who5: list[int], note: str = "") -> None:
    for i, value in enumerate(csi4):
        at.radio(key=f"csi4_{i}").set_value(value)
    for i, value in enumerate(who5):
        at.radio(key=f"who5_{i}").set_value(value)
    if note:
        at.text_area(key="weekly.talk").input(note)


def test_weekly_checkin_is_private_unless_shared_on_purpose(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    seen_safety(journal, sam, alex)
    at = app(TOGETHER, member_id=sam)
    assert at.toggle(key="weekly.shared").value is False  # off from the start
    fill_weekly(at, [4, 4, 3, 4], [3] * 5, "the kitchen rota")
    at.button(key="weekly.save").click().run()
    assert at.success[0].value == messages.CHECKIN_KEPT_PRIVATE.format(csi4=15, who5=60)
    assert len(together.assessments(journal, V(sam))) == 2
    assert together.assessments(journal, V(alex)).empty  # nothing reached Alex
    assert together.appreciations(journal, V(alex)) == []
    assert "kitchen rota" not in page_text(app(TOGETHER, member_id=alex))

    # Shared on purpose: Save first shows exactly what Alex will see; nothing is stored yet.
    fill_weekly(at, [5, 5, 4, 5], [4] * 5, "a weekend away")
    at.toggle(key="weekly.shared").set_value(True)
    at.button(key="weekly.save").click().run()
    shown = page_text(at)
    assert messages.WEEKLY_PREVIEW_TITLE.format(names="Alex") in shown
    assert "CSI-4 19 of 21 and WHO-5 80 of 100" in shown
    assert messages.WEEKLY_PREVIEW_TALK.format(text="a weekend away") in shown
    assert together.assessments(journal, V(alex)).empty
    assert len(together.assessments(journal, V(sam))) == 2
    at.button(key="weekly.confirm_share").click().run()
    assert at.success[0].value == messages.CHECKIN_SHARED.format(csi4=19, who5=80)
    assert at.toggle(key="weekly.shared").value is False  # off again after a save
    assert sorted(together.assessments(journal, V(alex))["score"]) == [19, 80]
    assert all(a == [] for a in together.assessments(journal, V(alex))["answers"])
    assert "a weekend away" in page_text(app(TOGETHER, member_id=alex))

    # Taken back: Sam makes it private again; Alex no longer sees the scores or the note.
    at = app(TOGETHER, member_id=sam)
    [hide] = [b for b in at.button if b.key and b.key.startswith("hide_")]
    hide.click().run()
    assert at.success[0].value == messages.CHECKIN_HIDDEN
    assert together.assessments(journal, V(alex)).empty
    assert together.appreciations(journal, V(alex)) == []
    assert len(together.assessments(journal, V(sam))) == 4


def test_the_preview_can_go_back_or_save_privately(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    seen_safety(journal, sam)
    at = app(TOGETHER, member_id=sam)
    fill_weekly(at, [4, 4, 4, 4], [3] * 5)
    at.toggle(key="weekly.shared").set_value(True)
    at.button(key="weekly.save").click().run()
    at.button(key="weekly.back").click().run()
    assert not [b for b in at.button if b.key == "weekly.confirm_share"]
    assert at.radio(key="csi4_0").value == 4  # the form still holds the answers
    at.button(key="weekly.save").click().run()
    at.button(key="weekly.keep_private").click().run()
    assert at.success[0].value == messages.CHECKIN_KEPT_PRIVATE.format(csi4=16, who5=60)
    assert together.assessments(journal, V(alex)).empty


def test_a_prompt_asked_of_two_of_three_reveals_when_those_two_answered(
    app: Open, journal: Journal
) -> None:
    sam, alex, kim = (journal.add_member(n).id for n in ("Sam", "Alex", "Kim"))
    seen_safety(journal, sam, alex, kim)
    at = app(TOGETHER, member_id=sam)
    assert at.multiselect(key="ask.whom").value == [alex, kim]  # everyone at first
    at.text_input(key="ask.own").input("What helped this week?")
    at.multiselect(key="ask.whom").set_value([alex])
    at.button(key="ask.send").click().run()
    assert at.success[0].value == messages.ASKED
    [conv] = together.conversations(journal, V(sam))
    assert conv.participants == (sam, alex)
    assert together.conversations(journal, V(kim)) == []  # not asked: not listed for Kim

    together.answer(journal, V(sam), conv.id, "the long walk on sunday")
    assert "the long walk on sunday" not in page_text(app(TOGETHER, member_id=alex))
    at_alex = app(TOGETHER, member_id=alex)
    at_alex.text_area(key=f"answer_{conv.id}").input("cooking together")
    at_alex.button(key=f"send_{conv.id}").click().run()
    [conv] = together.conversations(journal, V(alex))
    assert conv.revealed  # the two asked have answered; Kim was never waited for
    shown = page_text(app(TOGETHER, member_id=sam))
    assert "the long walk on sunday" in shown and "cooking together" in shown
    kim_sees = page_text(app(TOGETHER, member_id=kim))
    assert "cooking together" not in kim_sees and "What helped" not in kim_sees


def test_asking_nobody_is_refused(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, _ = two_members
    seen_safety(journal, sam)
    at = app(TOGETHER, member_id=sam)
    at.text_input(key="ask.own").input("Anything?")
    at.multiselect(key="ask.whom").set_value([])
    at.button(key="ask.send").click().run()
    assert at.warning[0].value == messages.ASK_NOBODY
    assert together.conversations(journal, V(sam)) == []


def test_the_safety_screen_appears_once_per_member(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    at = app(TOGETHER, member_id=sam)
    assert at.subheader[0].value == messages.SAFETY_TITLE
    assert messages.SAFETY_BODY in page_text(at)
    assert not at.tabs  # nothing of Together until it is read
    at.button(key="safety.understand").click().run()
    assert at.tabs and messages.SAFETY_TITLE not in page_text(at)
    again = app(TOGETHER, member_id=sam)  # a new session, later: never again
    assert again.tabs and messages.SAFETY_TITLE not in page_text(again)
    assert app(TOGETHER, member_id=alex).subheader[0].value == messages.SAFETY_TITLE


def test_a_low_who5_shows_the_support_line_to_its_author_only(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    seen_safety(journal, sam, alex)
    at = app(TOGETHER, member_id=sam)
    assert messages.HEAVY_DAYS_LINE not in page_text(at)
    fill_weekly(at, [4, 4, 3, 4], [2, 2, 3, 2, 3])  # WHO-5 48 of 100: at the cut-off or below
    at.toggle(key="weekly.shared").set_value(True)
    at.button(key="weekly.save").click().run()
    at.button(key="weekly.confirm_share").click().run()  # even shared scores stay unremarked
    assert at.info[0].value == (
        messages.CHECKIN_SHARED.format(csi4=15, who5=48) + " " + messages.CHECKIN_GENTLE
    )
    assert messages.HEAVY_DAYS_LINE in page_text(at)
    assert messages.HEAVY_DAYS_LINE in page_text(app("views/today.py", member_id=sam))
    for page in (TOGETHER, "views/today.py"):
        shown = page_text(app(page, member_id=alex))
        assert messages.HEAVY_DAYS_LINE not in shown and messages.CHECKIN_GENTLE not in shown


def test_a_prompt_inviting_self_blame_carries_the_safety_line(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    seen_safety(journal, sam, alex)
    at = app(TOGETHER, member_id=sam)
    assert messages.REPAIR_SAFETY_LINE not in page_text(at)
    at.selectbox(key="ask.prompt").set_value("rep-03").run()  # "… could have done differently"
    assert messages.REPAIR_SAFETY_LINE in page_text(at)
    at.button(key="ask.send").click().run()
    assert messages.REPAIR_SAFETY_LINE in page_text(app(TOGETHER, member_id=alex))  # answering
    at.selectbox(key="ask.prompt").set_value("conn-03").run()
    assert page_text(at).count(messages.REPAIR_SAFETY_LINE) == 1  # Sam's own answer box only
