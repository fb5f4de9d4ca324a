"""AppTest: readings, writing to a prompt, practices, suggestions, support and the practitioner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.content import load_library
from attune.domain.text import escape_markdown
from attune.services import Journal
from components.pacer import pacer_html
from tests.app.conftest import APP, TIMEOUT
from tests.app.forms import save_button
from tests.factories import make_entry, make_member
from tests.viewers import V

Open = Callable[..., AppTest]
NEW_PAGES = ["views/write.py", "views/readings.py", "views/practices.py", "views/support.py"]
LIB = load_library()


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    parts += [t.value for t in at.title] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def page_links(at: AppTest) -> list[tuple[str, str, str]]:
    """(page url name, label, query string) of every st.page_link on the page."""
    return [(p.proto.page, p.proto.label, p.proto.query_string) for p in at.get("page_link")]


@pytest.mark.parametrize("page", NEW_PAGES)
def test_new_pages_render_with_data(app: Open, journal: Journal, page: str) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, prompt_id="conn-01", reading_id="loneliness-health")
    journal.record_practice(V(sam.id), "slow-breathing", 4, 2)
    at = app(page, member_id=sam.id)
    assert at.title
    assert not at.exception


@pytest.mark.parametrize("page", NEW_PAGES)
def test_new_pages_render_empty(app: Open, journal: Journal, page: str) -> None:
    make_member(journal)
    at = app(page)
    assert at.title
    assert not at.exception


def test_support_is_reachable_before_anyone_exists(app: Open) -> None:
    at = app("views/support.py")
    assert at.title[0].value == messages.SUPPORT_TITLE


def test_every_reading_opens(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/readings.py", member_id=sam.id)
    for reading in LIB.readings:
        at.button(key=f"open_{reading.id}").click().run()
        assert not at.exception
        assert at.title[0].value == reading.title
        shown = texts(at)
        for heading in ("What research shows", "What is still debated", "Try this", "Sources"):
            assert heading in shown
        assert all(ref.text in shown and ref.link in shown for ref in reading.references)
        assert messages.EVIDENCE_MEANING[reading.evidence] in shown
        if reading.practice:
            query = f"practice={reading.practice}"
            assert any(p == "practices" and q == query for p, _, q in page_links(at))
        at.button(key="back_to_readings").click().run()


def test_readings_filter_by_topic(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/readings.py", member_id=sam.id)
    assert len([b for b in at.button if b.key.startswith("open_")]) == len(LIB.readings)
    at.pills(key="readings_topic").set_value("touch").run()
    shown = {b.key for b in at.button if b.key.startswith("open_")}
    assert shown == {f"open_{r.id}" for r in LIB.readings if r.topic == "touch"}


def test_reading_to_write_to_saved_entry(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    reading = LIB.reading("affect-labelling")
    prompts = LIB.prompts_for_reading(reading.id)
    at = app("views/readings.py", member_id=sam.id)
    at.button(key=f"open_{reading.id}").click().run()
    assert len(at.radio(key=f"reading_prompt.{reading.id}").options) == 4 < len(prompts)
    at.toggle(key=f"reading_prompt.{reading.id}.all").set_value(True).run()
    assert len(at.radio(key=f"reading_prompt.{reading.id}").options) == len(prompts)
    second = prompts[-1]  # not among the first four
    at.radio(key=f"reading_prompt.{reading.id}").set_value(second.id).run()
    at.button(key="write_about").click().run()
    assert at.title[0].value == messages.WRITE_TITLE
    at.switch_page("views/write.py")  # AppTest re-runs its own page unless told; a browser stays
    assert second.text in texts(at)
    assert messages.FROM_READING.format(title=reading.title) in texts(at)
    assert ("readings", messages.OPEN_READING, f"reading={reading.id}") in page_links(at)
    at.text_area(key="write.note").input("One word: tender.").run()
    at.segmented_control(key="write.valence").set_value(2).run()
    at.segmented_control(key="write.energy").set_value(2).run()
    save_button(at, "save_writing").click().run()
    assert at.success[0].value == messages.SAVED_WRITING
    [entry] = journal.list_entries(V(sam.id)).items
    assert (entry.prompt_id, entry.reading_id) == (second.id, reading.id)
    assert (entry.body, entry.valence, entry.energy) == ("One word: tender.", 2, 2)
    assert journal.draft(V(sam.id), "write") == ""
    # the form is cleared and the page is back on the prompt of the day
    assert at.text_area(key="write.note").value == ""
    assert messages.PROMPT_OF_THE_DAY in texts(at)


def test_write_offers_the_prompt_of_the_day_first(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/write.py", member_id=sam.id)
    today = LIB.prompt_of_the_day(date.today())
    shown = texts(at)
    assert messages.PROMPT_OF_THE_DAY in shown
    assert today.text in shown
    at.segmented_control(key="write.valence").set_value(4).run()
    at.segmented_control(key="write.energy").set_value(4).run()
    save_button(at, "save_writing").click().run()
    [entry] = journal.list_entries(V(sam.id)).items
    assert (entry.prompt_id, entry.reading_id) == (today.id, None)


def test_write_needs_pleasantness_and_energy(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/write.py", member_id=sam.id)
    at.text_area(key="write.note").input("words").run()
    save_button(at, "save_writing").click().run()
    assert at.warning[0].value == messages.NEED_VALENCE_ENERGY
    assert journal.list_entries(V(sam.id)).total == 0


def test_write_choose_by_filters_then_blank_page(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/write.py", member_id=sam.id)
    at.pills(key="write_theme").set_value("repair").run()
    at.pills(key="write_depth").set_value("deep").run()
    at.pills(key="write_audience").set_value("solo").run()
    wanted = LIB.prompts_where(theme="repair", depth="deep", audience="solo")
    assert at.selectbox(key="write_pick").options == [p.text for p in wanted]
    at.selectbox(key="write_pick").set_value(wanted[-1].id).run()
    at.button(key="write_use").click().run()
    shown = texts(at)
    assert wanted[-1].text in shown and messages.YOUR_PROMPT in shown
    assert wanted[-1].close and wanted[-1].close in shown  # the grounding close line
    at.button(key="write_blank").click().run()
    assert messages.BLANK_PAGE in texts(at)
    at.segmented_control(key="write.valence").set_value(3).run()
    at.segmented_control(key="write.energy").set_value(3).run()
    save_button(at, "save_writing").click().run()
    [entry] = journal.list_entries(V(sam.id)).items
    assert entry.prompt_id is None


def test_stop_here_leaves_the_prompt_and_keeps_the_draft(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/write.py", member_id=sam.id)
    at.text_area(key="write.note").input("this is hard").run()
    at.button(key="write_stop").click().run()
    shown = texts(at)
    assert messages.STOPPED in shown
    assert messages.BLANK_PAGE in shown
    assert journal.list_entries(V(sam.id)).total == 0
    assert journal.draft(V(sam.id), "write") == "this is hard"


def test_practice_with_ratings_is_stored(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    practice = LIB.practice("slow-breathing")
    at = app("views/practices.py", member_id=sam.id)
    at.button(key=f"open_{practice.id}").click().run()
    assert at.title[0].value == practice.name
    assert at.warning[0].value == practice.safety
    assert not at.get("html")  # the pacer moves only once started
    at.segmented_control(key="practice.before").set_value(4).run()
    at.button(key="practice_start").click().run()
    [pacer] = at.get("html")
    assert pacer.proto.body == pacer_html(practice.id)
    assert "left" in at.get("progress")[0].proto.text
    at.button(key="practice_stop").click().run()
    assert not at.get("html")
    assert at.success[0].value == messages.TIMER_STOPPED
    at.segmented_control(key="practice.after").set_value(2).run()
    at.button(key="save_practice").click().run()
    assert at.success[0].value == messages.PRACTICE_SAVED
    frame = journal.practice_sessions(V(sam.id))
    assert frame[["practice_id", "before", "after"]].values.tolist() == [["slow-breathing", 4, 2]]
    assert "from 4.0 to 2.0" in texts(at)
    assert at.segmented_control(key="practice.before").value is None


def test_every_practice_opens_and_starts(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/practices.py", member_id=sam.id)
    for practice in LIB.practices:
        at.button(key=f"open_{practice.id}").click().run()
        at.button(key="practice_start").click().run()
        assert not at.exception
        shown = texts(at)
        assert practice.evidence_shows in shown and practice.evidence_limits in shown
        assert all(step in shown for step in practice.steps)
        assert len(at.get("html")) == (1 if practice.pacer else 0)
        at.button(key="back_to_practices").click().run()


def test_a_link_preselects_a_practice(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["member_id"] = sam.id
    at.query_params["practice"] = "cyclic-sighing"
    at.run()
    at.switch_page("views/practices.py").run()
    assert at.title[0].value == "Cyclic sighing"
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.session_state["member_id"] = sam.id
    again.query_params["practice"] = "<script>"
    again.run()
    again.switch_page("views/practices.py").run()
    assert again.title[0].value == messages.PRACTICES_TITLE


def test_today_suggests_a_calming_practice_for_unpleasant_high_energy(
    app: Open, journal: Journal
) -> None:
    sam = make_member(journal)
    at = app("views/today.py", member_id=sam.id)
    assert messages.SUGGEST_HEADING not in texts(at)
    at.segmented_control(key="today.valence").set_value(1).run()
    at.segmented_control(key="today.energy").set_value(5).run()
    assert messages.SUGGEST_HEADING in texts(at)
    practice, prompt = LIB.suggest(1, 5)
    assert practice is not None and practice.kind == "down-regulating"
    assert prompt is not None
    found = page_links(at)
    label = messages.SUGGEST_PRACTICE.format(name=practice.name)
    assert ("practices", label, f"practice={practice.id}") in found
    assert any(p == "write" and q == f"prompt={prompt.id}" for p, _, q in found)


def test_a_link_preselects_a_prompt(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["member_id"] = sam.id
    at.query_params["prompt"] = "rep-01"
    at.run()
    at.switch_page("views/write.py").run()
    assert LIB.prompt("rep-01").text in texts(at)
    assert messages.YOUR_PROMPT in texts(at)


def test_support_shows_the_configured_numbers(
    app: Open, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTUNE_EMERGENCY_NUMBER", "000")
    monkeypatch.setenv("ATTUNE_HELPLINES", "Lifeline | 13 11 14\n<b>Quiet</b> | 1800 184 527")
    sam = make_member(journal)
    at = app("views/support.py", member_id=sam.id)
    shown = texts(at)
    assert messages.SUPPORT_EMERGENCY.format(number="000") in shown
    assert "- **Lifeline**: 13 11 14" in shown
    assert escape_markdown("<b>Quiet</b>") in shown and "<b>" not in shown
    assert messages.SUPPORT_SAFETY in shown
    assert messages.SUPPORT_NOT_THERAPY in shown


def test_sidebar_links_to_support(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app(member_id=sam.id)  # the sidebar is checked on the first run (Today)
    labels = [p.proto.label for p in at.sidebar.get("page_link")]
    assert messages.SUPPORT_LINK in labels


def _set_practitioner(at: AppTest, name: str, url: str) -> AppTest:
    at.text_input(key="practitioner.name").input(name)
    at.text_input(key="practitioner.url").input(url)
    [save] = [b for b in at.button if b.label == messages.PRACTITIONER_SAVE]
    return save.click().run()


def test_practitioner_set_in_settings_shows_on_a_reading(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/settings.py", member_id=sam.id)
    _set_practitioner(at, "Dr. *Rivera*", "https://example.org/book")
    assert at.success[0].value == messages.PRACTITIONER_SAVED
    assert journal.preference("practitioner_name") == "Dr. *Rivera*"
    at.switch_page("views/readings.py").run()
    at.button(key="open_attachment").click().run()
    line = messages.PRACTITIONER_LINE.format(name=escape_markdown("Dr. *Rivera*"))
    assert line in texts(at)
    [book] = at.get("link_button")
    assert book.proto.url == "https://example.org/book"


@pytest.mark.parametrize(
    "url", ["http://example.org/book", "javascript:alert(1)", "example.org", "https://"]
)
def test_a_practitioner_url_that_is_not_https_is_refused(
    app: Open, journal: Journal, url: str
) -> None:
    sam = make_member(journal)
    at = app("views/settings.py", member_id=sam.id)
    _set_practitioner(at, "Dr. Rivera", url)
    assert at.error[0].value == messages.PRACTITIONER_URL_HTTPS
    assert journal.preference("practitioner_url") == ""
    assert journal.preference("practitioner_name") == ""


def test_practitioner_from_env_and_the_preference_wins(
    app: Open, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTUNE_PRACTITIONER_NAME", "Env Name")
    monkeypatch.setenv("ATTUNE_PRACTITIONER_URL", "http://insecure.example")
    sam = make_member(journal)
    at = app("views/readings.py", member_id=sam.id)
    at.button(key="open_touch").click().run()
    assert messages.PRACTITIONER_LINE.format(name="Env Name") in texts(at)
    assert not at.get("link_button")  # an http:// link from the environment is not shown
    journal.set_preference("practitioner_name", "Pref Name")
    at.run()
    assert messages.PRACTITIONER_LINE.format(name="Pref Name") in texts(at)
