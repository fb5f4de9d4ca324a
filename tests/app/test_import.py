"""AppTest of the Import page: upload → preview (with the Daylio mood step) → import → summary →
undo with a confirmation. Errors are one line and write nothing."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal
from attune.services.importing import import_batches
from components import state
from tests.factories import make_entry, make_member
from tests.import_files import BAD_FILES, MARKER, fixture
from tests.viewers import V

Open = Callable[..., AppTest]
PAGE = "views/import.py"


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text]  # entry text is shown with st.text, exactly as typed
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/octet-stream"))
    return at.run()


def test_page_renders_empty(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app(PAGE, member_id=sam.id)
    assert at.title[0].value == messages.IMPORT_TITLE
    assert messages.IMPORT_PAST_NONE in texts(at)
    assert at.file_uploader[0].allowed_type == [".csv", ".json", ".txt", ".zip", ".jrnl", ".attune"]


def test_daylio_preview_mapping_import_and_undo(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    mine = make_entry(journal, sam, body="my own words")
    at = app(PAGE, member_id=sam.id)
    at = upload(at, "daylio_export.csv", fixture("daylio_v3_bom.csv"))
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert messages.IMPORT_DETECTED.format(label="Daylio") in shown
    assert messages.IMPORT_NEEDS_MAPPING.format(names="sad") in shown
    assert messages.IMPORT_NOTE_DAYLIO_ENERGY in shown
    # one control per mood, standard moods filled in, the custom one empty
    assert at.segmented_control(key=state.import_mood_key("rad")).value == 5
    assert at.segmented_control(key=state.import_mood_key("meh")).value == 3
    assert at.segmented_control(key=state.import_mood_key("sad")).value is None
    assert at.button(key="run_import").disabled

    at.segmented_control(key=state.import_mood_key("sad")).set_value(2).run()
    shown = texts(at)
    assert messages.IMPORT_COUNTS.format(n=5, first="2021-09-25", last="2021-09-28") in shown
    assert "Morning\nSun on the river, felt like myself" in [t.value for t in at.text]
    assert not at.button(key="run_import").disabled
    assert journal.list_entries(V(sam.id)).total == 1  # previewing wrote nothing

    at.button(key="run_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value == messages.IMPORT_DONE.format(added=5, present=0, skipped=0)
    assert journal.list_entries(V(sam.id)).total == 6
    sad = [e for e in journal.list_entries(V(sam.id)).items if e.tags[:1] == ("clean",)]
    assert sad[0].valence == 2
    [batch] = import_batches(journal, V(sam.id))
    assert at.file_uploader[0].value is None  # the uploader starts empty again

    at.button(key=f"undo_import_{batch.id}").click().run()
    assert messages.IMPORT_UNDO_CONFIRM.format(n=5) in texts(at)
    assert journal.list_entries(V(sam.id)).total == 6  # not before confirming
    at.button(key="undo_import_yes").click().run()
    assert at.success[0].value == messages.IMPORT_UNDONE.format(n=5)
    assert [e.id for e in journal.list_entries(V(sam.id)).items] == [mine.id]
    assert import_batches(journal, V(sam.id))[0].undone
    assert not [b for b in at.button if b.key and b.key.startswith("undo_import_")]


def test_undo_can_be_cancelled(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app(PAGE, member_id=sam.id)
    at = upload(at, "Journal.zip", fixture("dayone_export.zip"))
    at.button(key="run_import").click().run()
    [batch] = import_batches(journal, V(sam.id))
    at.button(key=f"undo_import_{batch.id}").click().run()
    at.button(key="undo_import_no").click().run()
    assert messages.IMPORT_UNDO_CONFIRM.format(n=5) not in texts(at)
    assert journal.list_entries(V(sam.id)).total == 5


def test_reimport_reports_already_here(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app(PAGE, member_id=sam.id)
    upload(at, "export.json", fixture("jrnl_export.json")).button(key="run_import").click().run()
    upload(at, "journal.txt", fixture("jrnl_journal.txt")).button(key="run_import").click().run()
    assert at.success[0].value == messages.IMPORT_DONE.format(added=0, present=8, skipped=0)
    assert journal.list_entries(V(sam.id)).total == 8


def test_imported_text_is_escaped(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app(PAGE, member_id=sam.id)
    data = b"[2024-01-01 09:00] <b>bold</b> [link](javascript:alert(1)) @tag\n"
    at = upload(at, "journal.txt", data)
    body = "<b>bold</b> [link](javascript:alert(1)) @tag"
    assert [t.value for t in at.text] == [body]  # st.text: no Markdown, no HTML
    assert body not in [m.value for m in (*at.markdown, *at.caption)]


def test_bad_file_is_one_error_line_and_writes_nothing(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app(PAGE, member_id=sam.id)
    revision = journal.revision()
    for case in ("wrong format", "zip bomb", "NaN", "../ in zip"):
        name, build, expected = BAD_FILES[case]
        at = upload(at, name, build())
        assert not at.exception
        [error] = at.error
        assert error.value.startswith(expected) and "\n" not in error.value
        assert MARKER not in error.value
        assert not [b for b in at.button if b.key == "run_import"]
    assert journal.revision() == revision


def test_switching_member_drops_the_upload(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    at = app(PAGE, member_id=sam.id)
    at = upload(at, "journal.txt", fixture("jrnl_journal.txt"))
    assert "heron" in texts(at)
    at.session_state["member_id"] = alex.id
    at.run()
    assert "heron" not in texts(at)
    assert at.file_uploader[0].value is None
    assert not [b for b in at.button if b.key == "run_import"]


def test_encrypted_bundle_asks_for_its_passphrase_then_imports(app: Open, journal: Journal) -> None:
    from attune.domain.exports import Scope
    from attune.exchange import bundle
    from attune.services import sharing

    sam, robin = make_member(journal, "Sam"), make_member(journal, "Robin")
    make_entry(journal, sam, body="carried over in a sealed file")
    plain = sharing.render(sharing.gather(journal, V(sam.id), scope=Scope.ALL), "json").content
    sealed = bundle.seal(plain, "lantern by the door", log2_n=14)

    at = app(PAGE, member_id=robin.id)
    at = upload(at, "journal.attune", sealed)
    assert messages.IMPORT_BUNDLE_LOCKED in texts(at)
    assert not [b for b in at.button if b.key == "run_import"]  # nothing to import yet

    at.text_input[0].set_value("not the passphrase")
    open_bundle(at)
    assert messages.BUNDLE_WRONG in texts(at)

    at.text_input[0].set_value("lantern by the door")
    open_bundle(at)
    assert not at.exception, [e.value for e in at.exception]
    assert messages.IMPORT_DETECTED.format(label="Attune encrypted bundle") in texts(at)
    assert "carried over in a sealed file" in texts(at)
    kept = [k for k in at.session_state if "lantern" in repr(at.session_state[k])]
    assert kept == []  # the passphrase is kept in no state of the page
    at.button(key="run_import").click().run()
    # the same journal holds Sam's original, but "already here" looks at Robin's own entries
    # only (issue 14: another member's entries confirm nothing): Robin gets her own copy
    assert messages.IMPORT_DONE.format(added=1, present=0, skipped=0) in texts(at)


def open_bundle(at: AppTest) -> None:
    next(b for b in at.button if b.label == messages.IMPORT_BUNDLE_OPEN).click().run()
