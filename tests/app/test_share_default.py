"""Issue 17 items 4 and 5: Share never hands over an empty file — with nothing marked it says so
and offers to pick entries — Write can mark an entry for the therapist, and the download comes
before a short preview whose raw text is folded away."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal
from components.state import checkin_key
from tests.factories import make_entry, make_member

Open = Callable[..., AppTest]


def test_nothing_marked_says_so_offers_to_pick_and_never_offers_a_file(
    app: Open, journal: Journal
) -> None:
    sam = make_member(journal, "Sam")
    now = datetime.now().astimezone()
    mine = make_entry(journal, sam, body="the river walk", occurred_at=now - timedelta(days=1))
    at = app("views/share.py", member_id=sam.id)
    assert at.get("button_group")[0].value == "therapist"
    assert [w.value for w in at.warning] == [messages.SHARE_NOTHING_MARKED]
    assert not at.get("download_button")
    assert not [b for b in at.button if b.label == messages.SHARE_PDF_PREPARE]
    at.button(key="share_pick_instead").click().run()
    assert at.get("button_group")[0].value == "picked"
    assert [w.value for w in at.warning] == [messages.SHARE_NOTHING_PICKED]
    at.checkbox(key=f"share.pick.{mine.uid}").check().run()
    assert not at.warning
    assert [
        b for b in at.button if b.label == messages.SHARE_PDF_PREPARE
    ]  # the PDF, made on demand


def test_download_first_and_the_raw_text_folded_away(app: Open, journal: Journal) -> None:
    sam = make_member(journal, "Sam")
    now = datetime.now().astimezone()
    make_entry(journal, sam, body="marked words", share_with_therapist=True,
               occurred_at=now - timedelta(days=2))  # fmt: skip
    at = app("views/share.py", member_id=sam.id)
    at.radio(key="share.format").set_value("json").run()
    tree = [type(n).__name__ for n in at.main]
    order = [n for n in ("DownloadButton", "Expander") if n in tree]
    assert order == ["DownloadButton", "Expander"], tree
    assert json.loads(at.code[0].value)["signature"]["algorithm"] == "Ed25519"
    assert "marked words" in "\n".join(str(c.value) for c in at.caption)


def test_write_marks_an_entry_for_the_therapist(app: Open, journal: Journal) -> None:
    sam = make_member(journal, "Sam")
    at = app("views/write.py", member_id=sam.id)
    assert at.checkbox(key=checkin_key("write", "therapist")).label == messages.WRITE_FOR_THERAPIST
