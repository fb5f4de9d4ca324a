"""AppTest: every page renders, and the main flows work as a person would use them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.domain.entries import EntryFilter, Visibility
from attune.services import Journal
from tests.app.forms import save_button
from tests.factories import make_entry, make_member
from tests.viewers import V

Open = Callable[..., AppTest]
PAGES = ["views/today.py", "views/journal.py", "views/settings.py"]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text]  # entry bodies are shown with st.text, exactly as typed
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def test_first_run_asks_for_a_name(app: Open, journal: Journal) -> None:
    at = app()
    assert at.title[0].value == messages.WELCOME_TITLE
    at.text_input[0].input("Sam")
    at.button[0].click().run()
    assert [m.name for m in journal.members()] == ["Sam"]
    at.switch_page("views/today.py").run()
    assert at.title[0].value == "Today"


def test_first_run_refuses_an_empty_name(app: Open, journal: Journal) -> None:
    at = app()
    at.button[0].click().run()
    assert at.error[0].value == "Please enter a name."
    assert journal.members() == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app: Open, journal: Journal, page: str) -> None:
    sam = make_member(journal)
    make_entry(journal, sam)
    at = app(page, member_id=sam.id)
    assert at.title
    assert not at.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_empty(app: Open, journal: Journal, page: str) -> None:
    make_member(journal)
    at = app(page)
    assert not at.exception


def test_check_in_is_stored_and_listed(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    assert messages.NOTHING_TODAY in texts(at)
    at.segmented_control(key="today.valence").set_value(4).run()
    at.segmented_control(key="today.energy").set_value(2).run()
    words = at.pills(key="today.feel_main").options
    assert "calm" in words
    at.pills(key="today.feel_main").set_value(["calm"]).run()
    at.segmented_control(key="today.connection").set_value(5).run()
    at.multiselect(key="today.tags").set_value(["walk"]).run()
    at.text_area(key="today.note").input("<b>x</b> by the river").run()
    save_button(at, "save_checkin").click().run()
    assert at.success[0].value == messages.SAVED
    [entry] = journal.list_entries(V(sam.id)).items
    assert (entry.valence, entry.energy, entry.connection) == (4, 2, 5)
    assert entry.feelings == ("calm",)
    assert entry.tags == ("walk",)
    assert entry.body == "<b>x</b> by the river"
    assert entry.visibility is Visibility.PRIVATE
    # the form is cleared and the entry is listed under "Earlier today", as plain text
    assert at.segmented_control(key="today.valence").value is None
    assert "<b>x</b> by the river" in [t.value for t in at.text]


def test_check_in_without_scores_is_refused(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    save_button(at, "save_checkin").click().run()
    assert at.warning[0].value == messages.NEED_VALENCE_ENERGY
    assert journal.list_entries(V(sam.id)).total == 0


def test_back_dated_check_in(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    at.segmented_control(key="today.valence").set_value(2).run()
    at.segmented_control(key="today.energy").set_value(4).run()
    at.toggle(key="today.backdate").set_value(True).run()
    at.date_input(key="today.date").set_value(datetime(2026, 1, 5).date()).run()
    save_button(at, "save_checkin").click().run()
    [entry] = journal.list_entries(V(sam.id)).items
    assert entry.local_date.isoformat() == "2026-01-05"


def test_note_draft_survives_a_new_session(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    at.text_area(key="today.note").input("half a thought").run()
    # a reload is a brand-new session
    again = app("views/today.py", member_id=sam.id)
    assert again.text_area(key="today.note").value == "half a thought"


def test_journal_search_and_filters(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, body="walked by the river", tags=("outdoors",))
    make_entry(journal, sam, body="long meeting at work", tags=("work",), valence=2)
    at = app("views/journal.py", member_id=sam.id)
    assert "2 entries" in texts(at)
    at.text_input(key="journal_search").input("river").run()
    assert "1 entry" in texts(at)
    assert "walked by the river" in texts(at)
    at.text_input(key="journal_search").input("nothing-like-this").run()
    assert messages.NO_MATCHES in texts(at)
    at.text_input(key="journal_search").input("").run()
    at.multiselect(key="journal_tags").set_value(["work"]).run()
    assert "1 entry" in texts(at)
    assert "long meeting at work" in texts(at)


def test_edit_saves_and_stale_edit_is_refused(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    entry = make_entry(journal, sam, body="first words")
    at = app("views/journal.py", member_id=sam.id)
    at.button(key=f"edit_{entry.id}").click().run()
    at.text_area(key="edit.note").input("second words").run()
    at.button(key="save_edit").click().run()
    assert at.success[0].value == messages.SAVED_EDIT
    assert journal.get_entry(V(sam.id), entry.id).body == "second words"

    at.button(key=f"edit_{entry.id}").click().run()
    at.text_area(key="edit.note").input("my edit").run()
    # meanwhile the same entry is changed elsewhere (another tab, the CLI)
    fresh = journal.get_entry(V(sam.id), entry.id)
    journal.update_entry(V(sam.id), entry.id, fresh.as_draft(), expected_version=fresh.version)
    at.button(key="save_edit").click().run()
    assert "changed somewhere else" in at.error[0].value
    assert journal.get_entry(V(sam.id), entry.id).body == "second words"


def test_delete_then_undo(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    entry = make_entry(journal, sam)
    at = app("views/journal.py", member_id=sam.id)
    at.button(key=f"trash_{entry.id}").click().run()
    assert messages.TRASHED in texts(at)
    assert journal.list_entries(V(sam.id)).total == 0
    at.button(key="undo_trash").click().run()
    assert journal.list_entries(V(sam.id)).total == 1
    assert at.success[0].value == messages.RESTORED


def test_trash_lists_and_restores(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    entry = make_entry(journal, sam)
    journal.trash_entry(V(sam.id), entry.id)
    at = app("views/journal.py", member_id=sam.id)
    at.toggle(key="journal_show_trash").set_value(True).run()
    assert "1 entry in the trash" in texts(at)
    at.button(key=f"restore_{entry.id}").click().run()
    assert journal.list_entries(V(sam.id), EntryFilter(trashed=True)).total == 0


def test_other_members_private_entries_never_show(app: Open, journal: Journal,
                                                  two_members: tuple[int, int]) -> None:  # fmt: skip
    _sam, alex = two_members
    sam_m = journal.members()[0]
    make_entry(journal, sam_m, body="marmoset private words")
    make_entry(journal, sam_m, body="shared words", visibility=Visibility.SHARED,
               occurred_at=datetime(2026, 3, 1, tzinfo=UTC))  # fmt: skip
    at = app("views/journal.py", member_id=alex)
    shown = texts(at)
    assert "shared words" in shown
    assert "marmoset" not in shown
    assert "1 entry" in shown


def test_settings_add_and_rename_members(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/settings.py", member_id=sam.id)
    assert journal.location in [c.value for c in at.code]

    def click(label: str) -> None:
        next(b for b in at.button if b.label == label).click().run()

    at.text_input(key="add_member").input("Alex")
    click("Add member")
    assert [m.name for m in journal.members()] == ["Sam", "Alex"]
    at.text_input(key=f"rename_{sam.id}").input("Samira")
    click("Rename")
    assert [m.name for m in journal.members()] == ["Samira", "Alex"]
    assert "Attune version" in texts(at)
