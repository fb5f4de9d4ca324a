"""Imports read what they read before, with less work: the Attune JSON preview stores the drafts
its rule check made, a CSV cell without a backslash is not searched for written-out controls,
and an import's uids are shaped and recognised without building UUID objects — each equal to
the slower way it replaced (hypothesis, hostile text)."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune.domain.entries import Visibility
from attune.domain.text import show_controls, unshow_controls
from attune.exchange import attune_json, csv_export
from attune.services import importing
from tests.data.payloads import PAYLOADS
from tests.share_factory import export_entry, sample_export

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPECIAL = st.sampled_from(
    ["\\", "\\\\", "\\u001b", "\\\\u202e", "u001b", "\x1b", "\u202e", "\r", "\n", "'", "=",
     "'=", "''+", " -", "\uff1d", "@"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=8), SPECIAL, st.sampled_from(PAYLOADS)), max_size=6).map(
    "".join
)


def _old_keyed_uid(secret: bytes, uid: str) -> str:
    from attune import crypto

    raw = bytearray(crypto.keyed_hash(secret, "attune-import-uid", uid)[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


def _old_own_uid(uid: str) -> bool:
    try:
        return uuid.UUID(uid).version == 4
    except ValueError:
        return False


UIDS = st.one_of(
    TEXT,
    st.uuids().map(str),
    st.uuids(version=4).map(str),
    st.uuids(version=4).map(lambda u: str(u).upper()),
    st.uuids(version=4).map(lambda u: "{" + str(u) + "}"),
    st.uuids(version=4).map(lambda u: u.hex),
    st.uuids(version=4).map(lambda u: str(u)[:19] + "c" + str(u)[20:]),  # not RFC 4122's variant
)


@PROPERTY
@given(st.binary(min_size=32, max_size=32), UIDS)
def test_keyed_uids_and_own_uids_are_what_they_were(secret: bytes, uid: str) -> None:
    assert importing.keyed_uid(secret, uid) == _old_keyed_uid(secret, uid)
    assert importing._own_uid(uid) is _old_own_uid(uid)


@PROPERTY
@given(TEXT)
def test_a_csv_cell_reads_back_as_before(text: str) -> None:
    old = unshow_controls(csv_export.unneutralise(text) if text[:1] == "'" else text)
    assert csv_export._read_cell(text) == old


@PROPERTY
@given(TEXT)
def test_a_written_cell_reads_back_as_the_author_wrote_it(text: str) -> None:
    assert csv_export._read_cell(csv_export.cell(text)) == text
    assert csv_export.cell(text) == csv_export.neutralise(show_controls(text))


def test_the_attune_json_preview_stores_the_private_drafts_of_the_entries() -> None:
    items = [export_entry(n) for n in range(12)]
    items[3] = export_entry(3, visibility=Visibility.SHARED, author="Alex")
    items[5] = export_entry(5, prompt_id="p-1", reading_id="r-2", connection=None)
    data = attune_json.dumps(sample_export(items))
    preview = attune_json.AttuneJsonImporter().parse(data, "x.json", importing.ImportOptions())
    doc = attune_json.parse_document(data)
    slow = attune_json.preview_of("attune", data, doc)  # drafts made from the entries
    assert preview == slow
    assert [e.draft for e in preview.entries] == [
        e.as_draft(Visibility.PRIVATE) for e in sorted(doc.entries, key=lambda e: e.occurred_at)
    ]
    assert all(e.draft.visibility is Visibility.PRIVATE for e in preview.entries)
