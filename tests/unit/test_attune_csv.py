"""Attune CSV read back: `unneutralise` undoes `neutralise` exactly, the word lists split back as
they were joined, an export parses back to the same entries (hypothesis, hostile text), and a
hostile or broken file only ever raises ImportFailed with one line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from attune import messages
from attune.domain.entries import EntryDraft, EntryError, Visibility
from attune.domain.exports import ExportEntry
from attune.exchange import IMPORTERS, ImportFailed, ImportOptions, csv_export, detect, registry
from attune.services.importing import preview_import
from tests.data.payloads import PAYLOADS
from tests.share_factory import export_entry, sample_export

ROOT = Path(__file__).resolve().parents[2]
BLNS = json.loads((ROOT / "tests" / "data" / "blns.json").read_text(encoding="utf-8"))
TOKYO = ImportOptions(tz=timezone(timedelta(hours=9)))
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = ",".join(csv_export.COLUMNS) + "\r\n"


def parse(data: bytes, options: ImportOptions = TOKYO) -> tuple[EntryDraft, ...]:
    preview = preview_import(data, "attune-export.csv", options=options)
    assert preview.format == "attune-csv" and not preview.skipped
    return tuple(e.draft for e in preview.entries)


def expected(entries: list[ExportEntry]) -> list[EntryDraft]:
    """What importing an entry gives: the same entry, private (as every import)."""
    out = [e.as_draft(Visibility.PRIVATE).clean() for e in entries]
    return sorted(out, key=lambda d: d.occurred_at)


def round_trip(entries: list[ExportEntry]) -> None:
    data = csv_export.dumps(sample_export(entries))
    assert detect(data, "x.csv").name == "attune-csv"
    preview = preview_import(data, "attune-export.csv", options=TOKYO)
    assert not preview.skipped
    assert [e.uid for e in preview.entries] == [
        e.uid for e in sorted(entries, key=lambda e: e.occurred_at)
    ]
    assert [e.draft for e in preview.entries] == expected(entries)


# --- the cell codec ----------------------------------------------------------------------------
TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"]
TRICKY = st.text(
    alphabet=st.sampled_from([*TRIGGERS, "'", " ", "\u3000", "\n", "\u00a0", "a", ";", '"']),
    max_size=12,
)


@PROPERTY
@given(cell=st.one_of(TRICKY, st.text(max_size=40)))
def test_unneutralise_undoes_neutralise_exactly(cell: str) -> None:
    written = csv_export.neutralise(cell)
    assert csv_export.unneutralise(written) == cell
    if written != cell:
        assert written == "'" + cell
    assert written[:1] not in csv_export.FORMULA_STARTS
    assert written.lstrip(" \u3000\n\u00a0")[:1] not in csv_export.FORMULA_STARTS


@pytest.mark.parametrize("cell", ["'=1+1", "''=1", "' =x", "'@", "'", "''", "'plain", "=1"])
def test_a_cell_that_already_starts_with_an_apostrophe_round_trips(cell: str) -> None:
    assert csv_export.unneutralise(csv_export.neutralise(cell)) == cell


@PROPERTY
@given(words=st.lists(st.text(alphabet="ab; ", min_size=1, max_size=6), max_size=5))
def test_word_lists_split_back_as_joined(words: list[str]) -> None:
    words = [" ".join(w.split()) for w in words]
    words = [w for w in words if w]
    assert csv_export.split_words(csv_export.join_words(tuple(words))) == words


def test_a_person_typing_semicolons_means_separate_words() -> None:
    assert csv_export.split_words("work;evening ; walk") == ["work", "evening", "walk"]
    assert csv_export.split_words("a;;b; c") == ["a;b", "c"]


# --- export → import ---------------------------------------------------------------------------
LABEL = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12)
ZONES = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@st.composite
def entries(draw: st.DrawFn) -> list[ExportEntry]:
    out = []
    for n in range(draw(st.integers(1, 4))):
        when = draw(st.datetimes(datetime(1700, 1, 1), datetime(2300, 1, 1), timezones=ZONES))
        raw = EntryDraft(
            occurred_at=when,
            valence=draw(st.integers(1, 5)),
            energy=draw(st.integers(1, 5)),
            connection=draw(st.none() | st.integers(1, 5)),
            feelings=tuple(draw(st.lists(LABEL, max_size=4))),
            tags=tuple(draw(st.lists(LABEL, max_size=4))),
            body=draw(st.text(max_size=200) | st.sampled_from(PAYLOADS + TRIGGERS)),
            prompt_id=draw(st.none() | st.sampled_from(["gratitude", "=cmd", "'-x"])),
            reading_id=draw(st.none() | st.text(min_size=1, max_size=64)),
            visibility=draw(st.sampled_from(list(Visibility))),
            share_with_therapist=draw(st.booleans()),
        )
        try:
            draft = raw.clean()
        except EntryError:
            assume(False)
            raise
        out.append(
            export_entry(
                n,
                author=draw(st.sampled_from(["Sam", "=Alex", "'@Kim"])),
                **{
                    k: getattr(draft, k)
                    for k in (
                        "occurred_at",
                        "valence",
                        "energy",
                        "connection",
                        "feelings",
                        "tags",
                        "body",
                        "prompt_id",
                        "reading_id",
                        "visibility",
                        "share_with_therapist",
                    )
                },
            )
        )
    return out


@PROPERTY
@given(items=entries())
def test_export_then_import_gives_the_same_entries(items: list[ExportEntry]) -> None:
    round_trip(items)


@pytest.mark.parametrize("start", range(0, len(BLNS), 100))
def test_naughty_strings_round_trip(start: int) -> None:
    items = []
    for i, text in enumerate(BLNS[start : start + 100]):
        text = text.replace("\x00", "")
        tag = " ".join(text.split())[:40]
        try:
            draft = EntryDraft(datetime(2026, 1, 1, tzinfo=UTC), 3, 3, body=text,
                               tags=(tag,) if tag else (), feelings=(tag,) if tag else ()).clean()  # fmt: skip
        except EntryError:
            draft = EntryDraft(datetime(2026, 1, 1, tzinfo=UTC), 3, 3, body=text).clean()
        items.append(export_entry(i, body=draft.body, tags=draft.tags, feelings=draft.feelings))
    round_trip(items)


def test_payloads_round_trip() -> None:
    round_trip([export_entry(i, body=p, tags=(p[:40].strip() or "x",)) for i, p in
                enumerate(PAYLOADS)])  # fmt: skip


def test_a_spreadsheet_edit_is_read() -> None:
    """Rows without a uid get a stable one; a time without an offset is read in the chosen zone;
    an unneutralised formula-looking cell is kept as text."""
    data = (
        "\ufeff" + HEADER
        + ",Sam,2026-03-01 09:30,4,2,,calm; hopeful,walk;park,private,no,,,=not a formula\r\n"
        + "00000000-0000-0000-0000-00000000000A,Sam,2026-03-02T10:00:00+01:00,3,3,5,,,shared,"
        + "YES,,,'+1 a spreadsheet's apostrophe\r\n"
    ).encode()  # fmt: skip
    first, second = preview_import(data, "edited.csv", options=TOKYO).entries
    assert first.draft.occurred_at == datetime(2026, 3, 1, 9, 30, tzinfo=TOKYO.tz)
    assert first.draft.tags == ("walk", "park") and first.draft.feelings == ("calm", "hopeful")
    assert first.draft.body == "=not a formula" and len(first.uid) == 36
    assert second.uid == "00000000-0000-0000-0000-00000000000a"
    assert second.draft.body == "+1 a spreadsheet's apostrophe"
    assert second.draft.share_with_therapist and second.draft.visibility is Visibility.PRIVATE
    again = preview_import(data, "edited.csv", options=TOKYO).entries
    assert [e.uid for e in again] == [first.uid, second.uid]


# --- hostile and broken files --------------------------------------------------------------------
def refuse(data: bytes, fmt: str | None = None) -> str:
    with pytest.raises(ImportFailed) as caught:
        preview_import(data, "x.csv", options=TOKYO, fmt=fmt)
    message = str(caught.value)
    assert message and "\n" not in message and message.strip() == message
    return message


def good_file() -> bytes:
    return csv_export.dumps(sample_export([export_entry(i) for i in range(5)]))


def test_bad_utf8_is_refused() -> None:
    data = good_file().replace(b"quiet day", "quiet d\xe9y".encode("latin-1"))
    assert refuse(data) == messages.IMPORT_NOT_UTF8


def test_oversized_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 500)
    assert refuse(good_file()).startswith("The file is larger than 500 bytes")


def test_wrong_columns() -> None:
    data = good_file().decode("utf-8-sig")
    other = data.replace("reading_id,body", "body", 1).encode()
    assert refuse(other) == messages.IMPORT_UNKNOWN_FORMAT
    assert refuse(other, fmt="attune-csv") == messages.IMPORT_NOT_FORMAT.format(label="Attune CSV")
    short = (HEADER + "a,b,c\r\n").encode()
    preview = preview_import(short, "x.csv", options=TOKYO)
    assert not preview.entries
    assert preview.skipped[0].reason == messages.IMPORT_SKIP_COLUMNS.format(n=13)


@pytest.mark.parametrize(
    ("column", "value"),
    [("valence", "9"), ("valence", "x"), ("energy", ""), ("connection", "3.5"),
     ("occurred_at", "yesterday"), ("occurred_at", "0001-01-01T00:00:00+05:00"),
     ("uid", "not-a-uid"), ("share_with_therapist", "maybe"), ("prompt_id", "p" * 65),
     ("body", "x\x00y"), ("tags", "; ".join(f"t{i}" for i in range(30)))],
)  # fmt: skip
def test_a_bad_row_is_skipped_with_a_reason(column: str, value: str) -> None:
    rows = list(csv.reader(io.StringIO(good_file().decode("utf-8-sig"), newline="")))
    rows[2][csv_export.COLUMNS.index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    preview = preview_import(out.getvalue().encode(), "x.csv", options=TOKYO)
    assert len(preview.entries) == 4
    [skip] = preview.skipped
    assert skip.where == "line 3" and "\n" not in skip.reason
    assert len(value) < 3 or value not in skip.reason


def test_broken_csv_is_refused() -> None:
    huge = (HEADER + ",Sam,2026-01-01T00:00:00+00:00,3,3,,,,private,no,,,\"" + "x" * 200_000
            + "\"\r\n").encode()  # fmt: skip
    # A field too large is named as such (issue 14 finding 12), not as a malformed file.
    assert refuse(huge) == messages.IMPORT_CSV_FIELD_TOO_LARGE.format(chars=131_072, line=2)


def refusal(read: Callable[[], object]) -> str:
    """What `read` refused with ("" when it read the file); any other exception fails the test."""
    try:
        read()
    except ImportFailed as exc:
        return str(exc)
    return ""


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=20) | st.sampled_from(TRIGGERS + BLNS[:50]),
                              max_size=15), max_size=4))  # fmt: skip
def test_fuzz_rows(rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerows([list(csv_export.COLUMNS), *rows])
    data = out.getvalue().encode("utf-8", "surrogatepass")
    for importer in IMPORTERS.values():
        assert "\n" not in refusal(partial(importer.parse, data, "x.csv", TOKYO))


@FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_bytes_after_the_header(data: bytes) -> None:
    assert "\n" not in refusal(
        lambda: IMPORTERS["attune-csv"].parse(HEADER.encode() + data, "x.csv", TOKYO)
    )


def test_private_and_shared_both_come_in_private() -> None:
    items = [export_entry(0, visibility=Visibility.SHARED), export_entry(1)]
    assert {d.visibility for d in parse(csv_export.dumps(sample_export(items)))} == {
        Visibility.PRIVATE
    }
    assert replace(items[0], visibility=Visibility.PRIVATE).as_draft() in parse(
        csv_export.dumps(sample_export(items))
    )


@PROPERTY
@given(fmt=st.sampled_from(["daylio", "jrnl", "dayone", "attune-csv"]), key=st.text(max_size=80))
def test_stable_uids_are_uuid5(fmt: str, key: str) -> None:
    """Imported entries keep the uids earlier versions gave them (re-importing adds nothing):
    `uuid.uuid5` gives what the hand-written copy it replaced gave."""
    assert registry.stable_uid(fmt, key) == _hand_written_uuid5(f"{fmt}:{key}")


def _hand_written_uuid5(name: str) -> str:
    """The copy of uuid5 that Attune used before `uuid.uuid5`: the oracle for existing uids."""
    digest = bytearray(
        hashlib.sha1(registry.ATTUNE_NS.bytes + name.encode(), usedforsecurity=False).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


@pytest.mark.parametrize(
    ("fmt", "key", "uid"),
    [
        ("daylio", "row-1", "24a616d7-7767-505b-a341-646bdaef8e6e"),
        ("jrnl", "2024-01-01 09:00 hello", "d363763d-e732-5759-a44e-b9bd9fc92b8f"),
        ("dayone", "ABCDEF0123456789", "eaf8b2b8-cd46-5b57-bbce-271a1c082a3e"),
    ],
)
def test_stable_uids_of_earlier_imports_are_unchanged(fmt: str, key: str, uid: str) -> None:
    assert registry.stable_uid(fmt, key) == uid
