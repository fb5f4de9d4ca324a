"""Issue 16 item 7, on screen: a count of one said in the singular (Share, Import), no settings
names for people (Support, Settings), a time zone as people say it (Import), and a client by
name, never by id (Therapist review)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from attune.exchange import attune_json
from attune.services import Journal
from tests.app.test_import import upload
from tests.app.test_share import _open, texts
from tests.factories import make_entry, make_member
from tests.share_factory import CLIENT_ID, TZ, export_entry, sample_export

Open = Callable[..., AppTest]
ONE_DAYLIO_ROW = (
    b"full_date,date,weekday,time,mood,activities,note_title,note\n"
    b'2021-09-28,28 September,Tuesday,10:00 pm,good,"walk","",""\n'
)
PLURAL_AFTER_ONE = re.compile(r"\b1 (entries|check-ins|answers|questionnaire answers|pages)\b")


def _protos(node: Any) -> Iterator[str]:
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield str(proto)
    children = getattr(node, "children", None) or {}
    for child in children.values() if isinstance(children, dict) else children:
        yield from _protos(child)


def everything(at: AppTest) -> str:
    """Every element's whole description: text, labels, help, options and placeholders."""
    return "\n".join(_protos(at._tree))


def test_share_says_one_entry_with_its_text(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    earlier = datetime.now(TZ) - timedelta(hours=2)
    make_entry(journal, sam, share_with_therapist=True, occurred_at=earlier)
    at = app("views/share.py", member_id=sam.id)
    [info] = [i.value for i in at.info]
    assert info == (
        "This file holds 1 entry with its text, 1 of your check-ins as numbers and feeling words "
        "(for the charts) and no questionnaire answers."
    )
    assert not PLURAL_AFTER_ONE.findall(texts(at))


def test_import_says_one_entry_and_the_zone_as_people_say_it(
    app: Open, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Etc/UTC")
    sam = make_member(journal)
    at = upload(app("views/import.py", member_id=sam.id), "daylio_export.csv", ONE_DAYLIO_ROW)
    assert not at.exception, [e.value for e in at.exception]
    assert "this computer's time (UTC)." in texts(at)
    assert "Etc/" not in everything(at)
    at.button(key="run_import").click().run()
    assert [s.value for s in at.success] == ["Added 1 entry; 0 were already here; 0 skipped."]
    at = upload(at, "daylio_export.csv", ONE_DAYLIO_ROW)
    at.button(key="run_import").click().run()
    assert [s.value for s in at.success] == ["Added 0 entries; 1 was already here; 0 skipped."]
    assert not PLURAL_AFTER_ONE.findall(everything(at))


@pytest.mark.both_backends  # a server's Settings and Support say other words
@pytest.mark.parametrize("page", ["views/support.py", "views/settings.py"])
def test_no_settings_names_on_support_or_settings(app: Open, journal: Journal, page: str) -> None:
    sam = make_member(journal)
    at = app(page, member_id=sam.id)
    assert not re.findall(r"ATTUNE_\w*", everything(at))


def test_review_names_the_client_never_their_id(app: Open, journal: Journal) -> None:
    robin = make_member(journal, "Robin")
    at = app("views/therapist.py", member_id=robin.id)
    _open(at, attune_json.dumps(sample_export([export_entry(0), export_entry(1)])))
    assert at.selectbox(key="review.client").options == ["Sam"]
    shown = everything(at)
    assert CLIENT_ID not in shown
    assert not re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", shown)
