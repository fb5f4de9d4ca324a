"""Issue 16 in AppTest: a saved form tells the browser it is empty, a draft follows its member,
the feeling words fit the answers, counts are said in good grammar, the Journal jumps to a date."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal, care, together
from components.frame import SIDEBAR_MEMBER
from tests.app.forms import save_button
from tests.factories import make_member
from tests.viewers import V

Open = Callable[..., AppTest]


def switch(at: AppTest, member_id: int) -> None:
    at.selectbox(key=SIDEBAR_MEMBER).set_value(member_id).run()


def test_a_draft_follows_its_member_across_a_switch(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, name="Sam"), make_member(journal, name="Alex")
    at = app("views/today.py", member_id=sam.id)
    at.text_area(key="today.note").input("Sam's half thought").run()
    switch(at, alex.id)
    assert at.text_area(key="today.note").value == ""
    at.text_area(key="today.note").input("Alex's words").run()
    switch(at, sam.id)
    # Sam sees Sam's draft, never the words Alex typed in this browser
    assert at.text_area(key="today.note").value == "Sam's half thought"
    assert journal.draft(V(alex.id), "today") == "Alex's words"
    assert journal.draft(V(sam.id), "today") == "Sam's half thought"


def test_saving_clears_the_draft_for_good(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, name="Sam"), make_member(journal, name="Alex")
    at = app("views/today.py", member_id=sam.id)
    at.segmented_control(key="today.valence").set_value(4).run()
    at.segmented_control(key="today.energy").set_value(3).run()
    at.text_area(key="today.note").input("said and done").run()
    save_button(at, "save_checkin").click().run()
    switch(at, alex.id)
    switch(at, sam.id)
    assert at.text_area(key="today.note").value == ""
    assert journal.draft(V(sam.id), "today") == ""
    again = app("views/today.py", member_id=sam.id)  # the next session
    assert again.text_area(key="today.note").value == ""
    assert journal.list_entries(V(sam.id)).total == 1


def test_a_saved_form_tells_the_browser_it_is_empty(app: Open, journal: Journal) -> None:
    """The browser keeps a widget's value unless the server sends one (`set_value`); a reset
    that only forgets the keys leaves the old choices on screen."""
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    at.segmented_control(key="today.valence").set_value(4).run()
    at.segmented_control(key="today.energy").set_value(3).run()
    at.text_area(key="today.note").input("said and done").run()
    save_button(at, "save_checkin").click().run()
    for widget in (
        at.segmented_control(key="today.valence"),
        at.segmented_control(key="today.energy"),
        at.text_area(key="today.note"),
    ):
        assert widget.proto.set_value, widget.key
    assert at.text_area(key="today.note").value == ""


def test_a_saved_weekly_check_in_leaves_an_empty_form(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, _ = two_members
    care.acknowledge_safety(journal, V(sam))  # Together's safety screen, read before
    at = app("views/together.py", member_id=sam)
    for i, value in enumerate([4, 4, 3, 4]):
        at.radio(key=f"csi4_{i}").set_value(value)
    for i in range(5):
        at.radio(key=f"who5_{i}").set_value(3)
    at.text_area(key="weekly.appreciation").input("you made soup when I was ill")
    at.button(key="weekly.save").click().run()
    assert at.success[0].value == messages.CHECKIN_KEPT_PRIVATE.format(csi4=15, who5=60)
    assert at.radio(key="csi4_0").value is None and at.radio(key="csi4_0").proto.set_value
    assert at.text_area(key="weekly.appreciation").value == ""
    assert at.text_area(key="weekly.appreciation").proto.set_value
    assert len(together.assessments(journal, V(sam))) == 2
    assert not at.warning  # no "set via the Session State API" warning about the defaults


def test_feeling_words_are_a_short_list_with_more_a_tap_away(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    at.segmented_control(key="today.valence").set_value(4).run()
    at.segmented_control(key="today.energy").set_value(3).run()
    shown = at.pills(key="today.feel_main").options
    assert 8 <= len(shown) <= 12
    more = at.pills(key="today.feel_more").options
    assert "relieved" in more or "relieved" in shown
    # a word chosen from More joins the short list and is saved with the check-in
    at.pills(key="today.feel_more").set_value(["relieved"]).run()
    assert "relieved" in at.pills(key="today.feel_main").options
    assert at.pills(key="today.feel_main").value == ["relieved"]
    save_button(at, "save_checkin").click().run()
    [entry] = journal.list_entries(V(sam.id)).items
    assert entry.feelings == ("relieved",)


def test_a_click_sent_before_the_browser_hears_of_the_save_stores_nothing(
    app: Open, journal: Journal
) -> None:
    """Ctrl+Enter then a click on Save (or a double click): the second arrives from a page
    that still shows the filled form and the button drawn with the saved form's key."""
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    at.segmented_control(key="today.valence").set_value(4).run()
    at.segmented_control(key="today.energy").set_value(3).run()
    at.text_area(key="today.note").input("once").run()
    # the page as the browser still holds it
    valence, energy = (
        at.segmented_control(key="today.valence"),
        at.segmented_control(key="today.energy"),
    )
    note, stale = at.text_area(key="today.note"), save_button(at, "save_checkin")
    stale.click().run()
    assert journal.list_entries(V(sam.id)).total == 1
    # the old page sends its values again, the note's last words committed with this press
    valence.set_value(4)
    energy.set_value(3)
    note.input("once only")
    stale.click().run()
    assert not at.exception
    assert journal.list_entries(V(sam.id)).total == 1
    # the next check-in, on the form drawn after the save, is a new entry
    at = app("views/today.py", member_id=sam.id)
    at.segmented_control(key="today.valence").set_value(2).run()
    at.segmented_control(key="today.energy").set_value(2).run()
    save_button(at, "save_checkin").click().run()
    assert journal.list_entries(V(sam.id)).total == 2


def test_a_repeated_write_save_stores_one_entry(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/write.py", member_id=sam.id)
    at.text_area(key="write.note").input("a page, once").run()
    at.segmented_control(key="write.valence").set_value(3).run()
    at.segmented_control(key="write.energy").set_value(3).run()
    valence, energy = (
        at.segmented_control(key="write.valence"),
        at.segmented_control(key="write.energy"),
    )
    stale = save_button(at, "save_writing")
    stale.click().run()
    valence.set_value(3)
    energy.set_value(3)
    stale.click().run()
    assert journal.list_entries(V(sam.id)).total == 1
