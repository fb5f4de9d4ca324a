"""Exports write what they wrote before, with less work: a gathered export is signed where it is
written as Attune JSON (a CSV of it never writes the JSON nor signs), the JSON's rows are written
once for the signature and the file alike, and the row and cell writers that skip the general
encoder write exactly what it wrote (hypothesis, hostile text)."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune.domain.entries import Visibility
from attune.domain.exports import Checkin, ExportData, ExportEntry, ExportOptions, Scope
from attune.domain.text import show_controls
from attune.exchange import attune_json, csv_export, signature
from attune.exchange.signature import Verdict
from attune.services import Journal, sharing
from attune.services.review import ReviewStore
from tests.data.payloads import PAYLOADS
from tests.factories import make_member
from tests.share_factory import client_month, export_entry, sample_export
from tests.viewers import V

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEY = signature.signing_key(bytes(range(32)))
FAST = ExportOptions(passphrase="correct horse battery", kdf_log2_n=14)
# Text with what the writers treat apart: controls, bidi overrides, backslashes before `u` and
# hex, quotes, formula starts, non-BMP characters, and the payloads the other tests use.
SPECIAL = st.sampled_from(
    ["\\", "\\u001b", "u202e", "\x1b", "\u202e", "\r", "\r\n", "\n", "\t", '"', "'", "=", "+",
     "-", "@", "\uff1d", " ", "\u3000", "\u00a0", "\x7f", "\x85", "\u2066", "\U0001f600", ";"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=8), SPECIAL, st.sampled_from(PAYLOADS)), max_size=6).map(
    "".join
)
WORDS = st.lists(TEXT, max_size=3).map(tuple)
ZONES = st.sampled_from([UTC, timezone(timedelta(hours=-7)), timezone(timedelta(minutes=345))])
MOMENTS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=ZONES
)
SCALE = st.integers(min_value=-3, max_value=12)


@st.composite
def entries(draw: st.DrawFn) -> ExportEntry:
    return ExportEntry(
        uid=draw(TEXT),
        author=draw(TEXT),
        occurred_at=draw(MOMENTS),
        valence=draw(SCALE),
        energy=draw(SCALE),
        connection=draw(st.none() | SCALE),
        feelings=draw(WORDS),
        tags=draw(WORDS),
        visibility=draw(st.sampled_from(Visibility)),
        share_with_therapist=draw(st.booleans()),
        prompt_id=draw(st.none() | TEXT),
        reading_id=draw(st.none() | TEXT),
        body=draw(TEXT),
    )


@PROPERTY
@given(entries())
def test_an_entry_line_is_what_the_json_encoder_writes(entry: ExportEntry) -> None:
    assert attune_json.entry_line(entry) == attune_json._ONE_LINE.encode(
        attune_json.entry_doc(entry)
    )


@PROPERTY
@given(MOMENTS, SCALE, SCALE, st.none() | SCALE, WORDS)
def test_a_checkin_line_is_what_the_json_encoder_writes(
    when: datetime, valence: int, energy: int, connection: int | None, feelings: tuple[str, ...]
) -> None:
    checkin = Checkin(when, valence, energy, connection, feelings)
    expected = attune_json._ONE_LINE.encode(attune_json.checkin_doc(checkin))
    assert attune_json.checkin_line(checkin) == expected


def test_scales_that_are_not_plain_ints_are_written_by_the_encoder() -> None:
    odd = export_entry(1, valence=True, share_with_therapist=1)
    line = attune_json.entry_line(odd)
    assert line == attune_json._ONE_LINE.encode(attune_json.entry_doc(odd))
    assert '"valence": true' in line and '"share_with_therapist": 1' in line


@PROPERTY
@given(TEXT)
def test_a_csv_cell_is_neutralised_and_shown_as_before(text: str) -> None:
    assert csv_export.cell(text) == csv_export.neutralise(show_controls(text))


def _whole_document(data: ExportData) -> bytes:
    """Attune JSON as written before the rows had their own writer: one json.dumps of the head,
    each row through the encoder."""
    doc = attune_json.to_document(data)
    tail = {key: doc.pop(key) for key in ("checkins", "assessments", "entries")}
    head = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    parts = [head[: head.rfind("}")].rstrip()]
    for key, items in tail.items():
        if key != "assessments" and items:
            lines = ",\n".join("    " + attune_json._ONE_LINE.encode(i) for i in items)
            value = f"[\n{lines}\n  ]"
        else:
            value = json.dumps(items, ensure_ascii=False, indent=2, allow_nan=False)
            value = value.replace("\n", "\n  ")
        parts.append(f',\n  "{key}": {value}')
    parts.append("\n}\n")
    return "".join(parts).encode("utf-8")


@PROPERTY
@given(st.lists(entries(), max_size=4))
def test_the_document_is_written_as_before(items: list[ExportEntry]) -> None:
    data = replace(sample_export(days=3), entries=tuple(items))
    assert attune_json.dumps(data) == _whole_document(data)
    signed = signature.sign(data, KEY)
    assert attune_json.dumps(signed) == _whole_document(signed)


def test_a_deferred_signature_writes_the_same_file_as_signing_first() -> None:
    plain = sample_export()
    deferred = signature.deferred(plain, KEY)
    written = attune_json.dumps(deferred)
    assert written == attune_json.dumps(signature.sign(plain, KEY))
    back = attune_json.parse_document(written)
    assert signature.verify(back) is Verdict.VALID
    assert back == deferred  # reading its signature makes it: the same export as the file's
    assert signature.verify(deferred) is Verdict.VALID
    assert deferred.signer is None  # the key is let go once the signature is made


def test_a_deferred_export_shows_no_key_and_pickles_once_signed() -> None:
    deferred = signature.deferred(sample_export(), KEY)
    assert "signer" not in repr(deferred) and "Ed25519" not in repr(deferred)
    again = pickle.loads(pickle.dumps(signature.sign(sample_export(), KEY)))
    assert again == deferred and signature.verify(again) is Verdict.VALID


def test_json_of_a_deferred_export_writes_its_rows_once_and_signs_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"rows": 0, "signed": 0}
    rows, sign = attune_json._tail, signature._Key.sign

    def counted_rows(data: ExportData) -> bytes:
        calls["rows"] += 1
        return rows(data)

    def counted_sign(self: signature._Key, content: bytes) -> str:
        calls["signed"] += 1
        return sign(self, content)

    monkeypatch.setattr(attune_json, "_tail", counted_rows)
    monkeypatch.setattr(signature._Key, "sign", counted_sign)
    attune_json.dumps(signature.deferred(sample_export(), KEY))
    assert calls == {"rows": 1, "signed": 1}


def _spy_on_json(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    dumps, sign = attune_json.dumps, signature._Key.sign

    def spied_dumps(data: ExportData) -> bytes:
        calls.append("json")
        return dumps(data)

    def spied_sign(self: signature._Key, content: bytes) -> str:
        calls.append("signed")
        return sign(self, content)

    monkeypatch.setattr(attune_json, "dumps", spied_dumps)
    monkeypatch.setattr(signature._Key, "sign", spied_sign)
    return calls


def test_a_csv_export_neither_writes_the_json_nor_signs(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    calls = _spy_on_json(monkeypatch)
    data = sharing.gather(journal, V(sam.id), scope=Scope.ALL)
    content = sharing.render(data, "csv").content
    assert calls == [] and content.count(b"\r\n") == 31
    assert data.public_key == signature.public_key_text(
        sharing.signing_key(journal, V(sam.id))  # type: ignore[arg-type]
    )


def test_a_gathered_export_is_signed_once_when_written_as_json(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    calls = _spy_on_json(monkeypatch)
    data = sharing.gather(journal, V(sam.id), scope=Scope.ALL)
    content = sharing.render(data, "json").content
    assert calls == ["json", "signed"]
    back = attune_json.parse_document(content)
    assert signature.verify(back) is Verdict.VALID and back == data


def test_a_gathered_export_opens_in_the_review_as_signed(journal: Journal, tmp_path: Path) -> None:
    sam = make_member(journal)
    client_month(journal, sam)
    data = sharing.gather(journal, V(sam.id), scope=Scope.THERAPIST)
    store = ReviewStore(tmp_path / "review")
    opened = store.open_export(sharing.render(data, "bundle", FAST).content, FAST.passphrase)
    assert opened.data == data and signature.verify(opened.data) is Verdict.VALID
