"""AppTest of the Share page (therapist scope by default, a preview that is the downloaded file)
and of the Therapist page (open an export read-only, keep a note, see what is new)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.exchange import attune_json, bundle, pdf_report
from attune.exchange.pdf_media import page_images
from attune.services import Journal
from components import state
from tests.factories import make_entry, make_member
from tests.share_factory import TZ, client_month, export_entry, sample_export
from tests.viewers import V

Open = Callable[..., AppTest]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Bytes registered for download buttons (and images), by media file id."""
    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            seen[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return seen


def downloaded(at: AppTest, seen: dict[str, bytes]) -> bytes:
    button = at.get("download_button")[0]
    url = button.proto.url
    file_id = url.rsplit("/", 1)[-1].split(".")[0]
    return seen[file_id]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    parts += [h.value for h in (*at.header, *at.subheader)] + [t.value for t in at.text]
    return "\n".join(str(p) for p in parts)


# --- Share ------------------------------------------------------------------------------------------
def image_bytes(at: AppTest, seen: dict[str, bytes]) -> list[bytes]:
    """The bytes of every image on the page (the PDF's page previews)."""
    out = []
    for image in at.get("image"):
        for img in image.proto.imgs:
            out.append(seen[img.url.rsplit("/", 1)[-1].split(".")[0]])
    return out


def prepare_pdf(at: AppTest) -> AppTest:
    at.button(key="share_prepare").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_preview_is_the_download(at: AppTest, seen: dict[str, bytes]) -> bytes:
    """The page images shown are the first pages of exactly the bytes offered for download."""
    pdf = downloaded(at, seen)
    assert pdf.startswith(b"%PDF-")
    shown = image_bytes(at, seen)
    assert shown and shown == page_images(pdf, scale=1.3, limit=len(shown))
    return pdf


@pytest.fixture
def pdf_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per PDF drawn (the page must not draw it again on a rerun)."""
    calls: list[int] = []
    original = pdf_report.dumps

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(pdf_report, "dumps", counted)
    return calls


def test_share_defaults_to_therapist_scope_and_prepares_the_pdf_on_demand(
    app: Open, journal: Journal, downloads: dict[str, bytes], pdf_builds: list[int]
) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    at = app("views/share.py", member_id=sam.id)
    assert at.title[0].value == messages.SHARE_TITLE
    assert at.get("button_group")[0].value == "therapist"
    assert at.radio(key=state.SHARE_FORMAT).value == "pdf"
    assert "8 entries with their text" in texts(at)  # days 0, 4, … 28 of the month are flagged
    # Opening the page draws no PDF: it says what the PDF holds and offers to prepare it.
    assert not at.get("image") and not at.get("download_button") and not pdf_builds
    assert messages.SHARE_PDF_ON_DEMAND in texts(at)
    prepare_pdf(at)
    assert len(pdf_builds) == 1
    assert_preview_is_the_download(at, downloads)


def test_share_pdf_is_kept_across_reruns_and_formats(
    app: Open, journal: Journal, downloads: dict[str, bytes], pdf_builds: list[int]
) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    at = prepare_pdf(app("views/share.py", member_id=sam.id))
    first = assert_preview_is_the_download(at, downloads)
    at.run()
    at.radio(key=state.SHARE_FORMAT).set_value("md").run()
    at.radio(key=state.SHARE_FORMAT).set_value("pdf").run()
    assert len(pdf_builds) == 1  # drawn once, for these choices at this revision
    assert assert_preview_is_the_download(at, downloads) == first
    # New choices are a new file: prepared again, and again the preview is the download.
    at.get("button_group")[0].set_value("summary").run()
    assert not at.get("download_button") and not at.get("image")
    assert messages.SHARE_PDF_CHANGED not in texts(at)  # nothing changed in the journal
    prepare_pdf(at)
    assert len(pdf_builds) == 2
    assert assert_preview_is_the_download(at, downloads) != first


def test_share_new_entry_sets_the_prepared_pdf_aside(
    app: Open, journal: Journal, downloads: dict[str, bytes], pdf_builds: list[int]
) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    at = prepare_pdf(app("views/share.py", member_id=sam.id))
    before = assert_preview_is_the_download(at, downloads)
    make_entry(journal, sam, body="new-okapi", share_with_therapist=True,
               occurred_at=datetime.now(TZ) - timedelta(hours=1))  # fmt: skip
    at.run()
    assert not at.get("download_button") and not at.get("image")  # never a stale file
    assert messages.SHARE_PDF_CHANGED in texts(at)
    assert "9 entries with their text" in texts(at)
    prepare_pdf(at)
    after = assert_preview_is_the_download(at, downloads)
    assert len(pdf_builds) == 2 and after != before
    assert messages.SHARE_PDF_CHANGED not in texts(at)


def test_share_text_preview_follows_a_new_entry(
    app: Open, journal: Journal, downloads: dict[str, bytes]
) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    at = app("views/share.py", member_id=sam.id)
    at.radio(key=state.SHARE_FORMAT).set_value("md").run()
    assert "new-okapi" not in at.code[0].value
    make_entry(journal, sam, body="new-okapi", share_with_therapist=True,
               occurred_at=datetime.now(TZ) - timedelta(hours=1))  # fmt: skip
    at.run()
    assert "new-okapi" in at.code[0].value
    assert at.code[0].value.strip() == downloaded(at, downloads).decode("utf-8-sig").strip()


def test_share_preview_is_exactly_the_downloaded_file(
    app: Open, journal: Journal, downloads: dict[str, bytes]
) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    client_month(journal, sam)
    make_entry(journal, alex, body="alex-private-okapi", share_with_therapist=True,
               occurred_at=datetime.now(TZ) - timedelta(days=1))  # fmt: skip
    at = app("views/share.py", member_id=sam.id)
    for fmt in ("json", "md", "csv"):
        at.radio(key=state.SHARE_FORMAT).set_value(fmt).run()
        assert not at.exception
        preview = at.code[0].value
        content = downloaded(at, downloads)
        assert preview.strip() == content.decode("utf-8-sig").strip()  # st.code trims the ends
        assert "alex-private-okapi" not in preview
    doc_at = at.radio(key=state.SHARE_FORMAT).set_value("json").run()
    doc = json.loads(doc_at.code[0].value)
    assert doc["scope"] == "therapist" and all(e["share_with_therapist"] for e in doc["entries"])


def test_share_hand_picked_entries_and_shared_by_others(
    app: Open, journal: Journal, downloads: dict[str, bytes]
) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    mine = client_month(journal, sam)
    from attune.domain.entries import Visibility

    theirs = make_entry(journal, alex, body="alex-shared-okapi", visibility=Visibility.SHARED,
                        occurred_at=datetime.now(TZ) - timedelta(days=2))  # fmt: skip
    at = app("views/share.py", member_id=sam.id)
    at.get("button_group")[0].set_value("picked").run()
    at.radio(key=state.SHARE_FORMAT).set_value("json").run()
    labels = [c.label for c in at.checkbox]
    assert any("shared by Alex" in label for label in labels)
    at.checkbox(key=state.share_pick_key(mine[3].uid)).check()
    at.checkbox(key=state.share_pick_key(theirs.uid)).check().run()
    doc = json.loads(downloaded(at, downloads))
    assert {e["uid"] for e in doc["entries"]} == {mine[3].uid, theirs.uid}
    assert {e["author"] for e in doc["entries"]} == {"Sam", "Alex"}
    assert "shared with you by someone else" in texts(at)


def test_share_summary_has_no_csv_and_no_text(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    at = app("views/share.py", member_id=sam.id)
    at.get("button_group")[0].set_value("summary").run()
    assert "csv" not in at.radio(key=state.SHARE_FORMAT).options
    at.radio(key=state.SHARE_FORMAT).set_value("md").run()
    assert "marker-" not in at.code[0].value


def test_share_bundle_asks_for_the_passphrase_twice(
    app: Open, journal: Journal, downloads: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = bundle.seal
    monkeypatch.setattr(bundle, "seal", lambda data, p, **kw: original(data, p, log2_n=14))
    sam = make_member(journal)
    client_month(journal, sam)
    at = app("views/share.py", member_id=sam.id)
    at.radio(key=state.SHARE_FORMAT).set_value("bundle").run()
    assert not at.get("download_button")
    at.text_input(key=state.SHARE_PHRASE).input("correct horse battery")
    at.text_input(key=state.SHARE_SECOND_PHRASE).input("correct horse batterz")
    seal(at)
    assert messages.SHARE_PASSPHRASE_MISMATCH in texts(at) and not at.get("download_button")
    at.text_input(key=state.SHARE_PHRASE).input("correct horse battery")
    at.text_input(key=state.SHARE_SECOND_PHRASE).input("correct horse battery")
    seal(at)
    assert not at.exception
    sealed = downloaded(at, downloads)
    inside = bundle.unseal(sealed, "correct horse battery")
    assert inside.decode().strip() == at.code[0].value.strip()  # the preview is what is sealed


# --- Therapist --------------------------------------------------------------------------------------
def _open(at: AppTest, data: bytes, name: str = "client.json", passphrase: str = "") -> AppTest:
    at.file_uploader[0].upload(name, data, "application/octet-stream")
    at.run()
    if passphrase:
        at.text_input(key=state.REVIEW_PHRASE).input(passphrase)
    at.button(key="review_open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_therapist_opens_exports_read_only_with_notes_and_new_entries(
    app: Open, journal: Journal
) -> None:
    robin = make_member(journal, "Robin")
    first = sample_export([export_entry(n) for n in range(6)])
    items = [export_entry(n) for n in range(6)] + [
        export_entry(n, body=f"later-{n}") for n in (6, 7, 8)
    ]
    later = sample_export(items, exported_at=first.exported_at + timedelta(days=7))
    at = app("views/therapist.py", member_id=robin.id)
    assert at.title[0].value == messages.REVIEW_TITLE
    assert messages.REVIEW_NONE in texts(at)

    _open(at, attune_json.dumps(first))
    shown = texts(at)
    assert "Sam" in [h.value for h in at.header]
    assert messages.REVIEW_FIRST in shown and "Entry number 5" in shown
    assert messages.REPORT_SCORES.split(",")[0] in shown or at.dataframe
    assert not [b for b in at.button if "Save" in b.label or "Delete" in b.label]
    assert journal.stats(V(robin.id)).entries == 0  # never mixed with the therapist's journal

    at.text_area(key=state.REVIEW_NOTE).input("Ask about <b>sleep</b>.")
    next(b for b in at.button if b.label == messages.REVIEW_NOTE_SAVE).click().run()
    assert "Ask about <b>sleep</b>." in [t.value for t in at.text]  # st.text: shown as typed

    sealed = bundle.seal(attune_json.dumps(later), "correct horse battery", log2_n=14)
    _open(at, sealed, "later.attune", passphrase="correct horse battery")
    new_heading = [s.value for s in at.subheader if s.value.startswith("New since")]
    assert len(new_heading) == 1
    bodies = [t.value for t in at.text]
    # The new entries are listed under "New since…" and again among all entries; the old ones
    # only once.
    assert [bodies.count(f"later-{n}") for n in (6, 7, 8)] == [2, 2, 2]
    assert [bodies.count(export_entry(n).body) for n in range(6)] == [1] * 6
    assert "Ask about <b>sleep</b>." in bodies  # notes belong to the client, across exports


def test_therapist_refuses_a_damaged_bundle(app: Open, journal: Journal) -> None:
    robin = make_member(journal, "Robin")
    sealed = bytearray(bundle.seal(attune_json.dumps(sample_export()), "correct horse battery",
                                   log2_n=14))  # fmt: skip
    sealed[-1] ^= 1
    at = app("views/therapist.py", member_id=robin.id)
    _open(at, bytes(sealed), "x.attune", passphrase="correct horse battery")
    assert at.error[0].value == messages.BUNDLE_WRONG
    assert messages.REVIEW_NONE in texts(at)


def test_another_member_never_sees_a_members_review_records(app: Open, journal: Journal) -> None:
    """Issue 14, finding 1: the review store is per member (it was one folder for everyone)."""
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    at = app("views/therapist.py", member_id=sam.id)
    _open(at, attune_json.dumps(sample_export([export_entry(n) for n in range(3)])))
    at.text_area(key=state.REVIEW_NOTE).input("Private note about okapi.")
    next(b for b in at.button if b.label == messages.REVIEW_NOTE_SAVE).click().run()
    assert export_entry(1).body in [t.value for t in at.text]

    other = app("views/therapist.py", member_id=alex.id)  # a fresh session of Alex's
    shown = texts(other) + "\n".join(t.value for t in other.text)
    assert messages.REVIEW_NONE in shown
    assert export_entry(1).body not in shown and "okapi" not in shown
    assert not [b for b in other.selectbox if b.key == state.REVIEW_CLIENT]


def seal(at: AppTest) -> None:
    next(b for b in at.button if b.label == messages.SHARE_SEAL).click().run()
