"""Importers on real export files (tests/fixtures/import, see its README): counts, dates and time
zones, moods, tags, and the Daylio mood mapping. No database: parsing never writes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from attune import messages
from attune.exchange import IMPORTERS, ImportFailed, ImportOptions, ImportPreview, detect
from attune.exchange.daylio import parse_time
from attune.exchange.safe_parse import SkipEntry
from attune.services.importing import preview_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
LONDON = ZoneInfo("Europe/London")
OPTIONS = ImportOptions(tz=LONDON)


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str, options: ImportOptions = OPTIONS) -> ImportPreview:
    return preview_import(read(name), name, options=options)


def by_time(preview: ImportPreview) -> dict[str, tuple[int, int, tuple[str, ...], str]]:
    return {
        e.draft.occurred_at.isoformat(): (e.draft.valence, e.draft.energy, e.draft.tags,
                                          e.draft.body)
        for e in preview.entries
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("daylio_v1.csv", "daylio"),
        ("daylio_v2.csv", "daylio"),
        ("daylio_v3_bom.csv", "daylio"),
        ("jrnl_export.json", "jrnl"),
        ("jrnl_journal.txt", "jrnl"),
        ("dayone_export.zip", "dayone"),
    ],
)
def test_every_fixture_is_detected(name: str, fmt: str) -> None:
    assert detect(read(name), name).name == fmt


def test_daylio_year_header_with_12_hour_times() -> None:
    preview = parse("daylio_v1.csv")
    assert preview.format == "daylio" and preview.ready
    assert len(preview.entries) == 5 and preview.skipped == ()
    assert preview.mood_names == ("rad", "good", "meh", "bad", "awful")
    assert (preview.first.isoformat(), preview.last.isoformat()) == ("2018-05-14", "2018-05-18")  # type: ignore[union-attr]
    rows = by_time(preview)
    assert rows["2018-05-18T23:54:00+01:00"][:3] == (5, 3, ("friends", "party", "music"))
    assert rows["2018-05-18T23:54:00+01:00"][3] == "Went to Mia's party, danced until late"
    assert rows["2018-05-17T08:05:00+01:00"][2] == ("cook", "nature / walk")
    assert rows["2018-05-16T00:15:00+01:00"][:3] == (3, 3, ())  # 12:15 am
    assert rows["2018-05-15T12:30:00+01:00"][0] == 2  # 12:30 pm
    assert rows["2018-05-14T19:45:00+01:00"] == (1, 3, ("sick",), "")
    assert messages.IMPORT_NOTE_DAYLIO_ENERGY in preview.notes


def test_daylio_full_date_header_with_24_hour_times_and_multiline_notes() -> None:
    preview = parse("daylio_v2.csv")
    assert len(preview.entries) == 4 and preview.ready
    rows = by_time(preview)
    # January: London is on GMT
    assert rows["2020-01-04T23:40:00+00:00"][:3] == (5, 3, ("date night", "cinema", "family"))
    assert rows["2020-01-04T23:40:00+00:00"][3].splitlines() == [
        "We laughed the whole way home.", "Then we talked until 2."]  # fmt: skip
    assert rows["2020-01-03T18:05:00+00:00"][3] == "Long dinner\nwith Sam and Priya"  # <br>
    assert rows["2020-01-01T00:10:00+00:00"][:3] == (4, 3, ("family", "party"))


def test_daylio_note_title_header_with_bom_crlf_and_a_custom_mood() -> None:
    preview = parse("daylio_v3_bom.csv")
    assert preview.mood_names == ("sad", "meh", "good", "rad")  # "sad " and "Sad" are one mood
    assert preview.unmapped == ("sad",) and not preview.ready
    assert preview.waiting == 2 and len(preview.entries) == 3

    mapped = parse("daylio_v3_bom.csv", ImportOptions(mood_map={"SAD": 2}, tz=LONDON))
    assert mapped.ready and mapped.unmapped == () and len(mapped.entries) == 5
    rows = by_time(mapped)
    first = rows["2021-09-28T22:00:00+01:00"]
    assert first[:2] == (2, 3)
    assert first[2] == ("clean", "music", "movies / tv", "bad sleep", "tired")
    assert first[3] == "Rough day\nStomach ache all afternoon"  # note_title + note
    assert rows["2021-09-27T23:00:00+01:00"][2] == ("stressed / frustrated", "eat out", "relax")
    assert rows["2021-09-27T08:15:00+01:00"][3] == "Morning\nSun on the river, felt like myself"
    assert rows["2021-09-25T12:05:00+01:00"][3] == "Picnic"


def test_daylio_mapping_overrides_defaults_and_ignores_bad_values() -> None:
    options = ImportOptions(mood_map={"rad": 4, "good": 9, "sad": 0}, tz=LONDON)
    preview = parse("daylio_v3_bom.csv", options)
    values = {e.draft.body.split("\n")[0]: e.draft.valence for e in preview.entries}
    assert values["Picnic"] == 4  # rad → 4 as asked
    assert values["Morning"] == 4  # good: 9 is not 1–5, the default stays
    assert preview.unmapped == ("sad",)  # 0 is no mapping


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8:05 pm", (20, 5)), ("8:05 am", (8, 5)), ("12:00 am", (0, 0)), ("12:30 pm", (12, 30)),
     ("11:54 PM", (23, 54)), ("7:15 p.m.", (19, 15)), ("23:15", (23, 15)), ("07:30", (7, 30)),
     ("0:10", (0, 10))],
)  # fmt: skip
def test_daylio_times(text: str, expected: tuple[int, int]) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["13:00 pm", "0:30 am", "24:00", "7:60", "noon", ""])
def test_daylio_bad_times_skip_the_row(text: str) -> None:
    with pytest.raises(SkipEntry):
        parse_time(text)


def test_daylio_bad_rows_are_skipped_with_where_and_why() -> None:
    data = (
        b"full_date,date,weekday,time,mood,activities,note\n"
        b'2020-02-30,x,x,10:00,good,"",""\n'  # no such day
        b'2020-03-01,x,x,25:00,good,"",""\n'
        b'2020-03-02,x,x,10:00,,"",""\n'
        b"2020-03-03,x,x,10:00,good\n"
        b'2020-03-04,x,x,10:00,good,"",ok\n'
        b'2020-03-04,x,x,10:00,good,"",ok\n'  # the same row again
    )
    preview = preview_import(data, "x.csv", options=OPTIONS)
    assert len(preview.entries) == 1
    assert [s.where for s in preview.skipped] == ["line 2", "line 3", "line 4", "line 5", "line 7"]
    assert [s.reason for s in preview.skipped] == [
        messages.IMPORT_SKIP_DATE, messages.IMPORT_SKIP_TIME, messages.IMPORT_SKIP_MOOD,
        messages.IMPORT_SKIP_COLUMNS.format(n=7), messages.IMPORT_SKIP_REPEATED,
    ]  # fmt: skip


def test_jrnl_json_export() -> None:
    preview = parse("jrnl_export.json")
    assert preview.format == "jrnl" and len(preview.entries) == 8 and preview.skipped == ()
    rows = by_time(preview)
    walk = rows["2024-03-01T08:15:00+00:00"]
    assert walk == (3, 3, ("river",), "Morning walk.\nSaw the heron again by the canal with "
                    "@river and felt calm.")  # fmt: skip
    assert rows["2024-03-05T07:30:00+00:00"][2] == ("river", "running", "starred")
    assert rows["2024-03-10T10:00:00+00:00"][2] == ("starred",)
    assert rows["2024-03-12T23:05:00+00:00"][2] == ("alex", "gratitude")
    assert "\n\nWrote down" in rows["2024-03-12T23:05:00+00:00"][3]
    assert messages.IMPORT_NOTE_NO_MOOD.format(label="jrnl") in preview.notes


def test_jrnl_text_journal_matches_its_json_export() -> None:
    text, exported = parse("jrnl_journal.txt"), parse("jrnl_export.json")
    assert by_time(text) == by_time(exported)
    assert [e.uid for e in text.entries] == [e.uid for e in exported.entries]


def test_jrnl_times_are_read_in_the_chosen_zone() -> None:
    preview = parse("jrnl_journal.txt", ImportOptions(tz=ZoneInfo("America/New_York")))
    first = preview.entries[0].draft.occurred_at
    assert first.isoformat() == "2024-03-01T08:15:00-05:00"
    assert preview.entries[-1].draft.occurred_at.utcoffset() == timedelta(hours=-4)  # DST


def test_jrnl_text_before_the_first_date_is_reported() -> None:
    data = b"stray words\n[2024-01-01 09:00] Title. @tag\nbody\n"
    preview = preview_import(data, "journal.txt", options=OPTIONS, fmt="jrnl")
    assert len(preview.entries) == 1
    assert preview.skipped[0].reason == messages.IMPORT_SKIP_UNDATED


def test_dayone_zip_in_each_entrys_own_time_zone() -> None:
    preview = parse("dayone_export.zip")
    assert preview.format == "dayone" and len(preview.entries) == 5 and preview.skipped == ()
    rows = by_time(preview)
    berlin = rows["2023-06-01T08:30:12+02:00"]
    assert berlin == (3, 3, ("running", "river"), "Morning run by the Spree.\n\nLegs heavy but "
                      "head clear!")  # fmt: skip
    tokyo = rows["2023-06-02T08:30:00+09:00"]  # 23:30 UTC the day before
    assert tokyo[2] == ("travel", "starred")
    assert tokyo[3] == "Landed in Tokyo. Jet lag.\n\nTexted Alex that I arrived."  # photo gone
    assert rows["2023-06-02T21:15:00-04:00"][2] == ("family", "repair")
    assert rows["2023-06-04T12:00:00+00:00"][3] == "No time zone on this one."  # → UTC
    assert rows["2023-06-05T18:45:00+00:00"][2] == ("home", "connection", "starred")  # bad zone
    assert (preview.first.isoformat(), preview.last.isoformat()) == ("2023-06-01", "2023-06-05")  # type: ignore[union-attr]
    assert messages.IMPORT_NOTE_MEDIA.format(n=1) in preview.notes
    assert {e.key for e in preview.entries} == {
        "0B6C1D2E3F40414243444546474849AA", "1C7D2E3F405142434445464748494ABB",
        "2D8E3F40516243444546474849AB4BCC", "3E9F40516273444546474849ABCD4CDD",
        "4FA0516273844546474849ABCDEF4DEE",
    }  # fmt: skip


def test_dayone_bare_json_and_bad_entries() -> None:
    doc = {
        "metadata": {"version": "1.0"},
        "entries": [
            {"uuid": "A1", "creationDate": "2022-01-01T10:00:00Z", "timeZone": "Europe/Paris",
             "text": "ok", "tags": ["x"], "starred": False},
            {"uuid": "A2", "creationDate": "not a date", "text": "bad date"},
            {"creationDate": "2022-01-01T10:00:00Z", "text": "no uuid"},
            {"uuid": "A3", "creationDate": "2022-01-01T10:00:00Z", "tags": "not a list"},
            "not an object",
        ],
    }  # fmt: skip
    preview = preview_import(json.dumps(doc).encode(), "Journal.json", options=OPTIONS)
    assert preview.format == "dayone" and len(preview.entries) == 1
    assert preview.entries[0].draft.occurred_at == datetime(2022, 1, 1, 11, tzinfo=ZoneInfo(
        "Europe/Paris"))  # fmt: skip
    assert [s.where for s in preview.skipped] == ["entry 2", "entry 3", "entry 4", "entry 5"]


def test_uids_are_stable_and_differ_between_formats() -> None:
    once, again = parse("dayone_export.zip"), parse("dayone_export.zip")
    assert [e.uid for e in once.entries] == [e.uid for e in again.entries]
    assert len({e.uid for e in once.entries}) == 5
    jrnl = {e.uid for e in parse("jrnl_export.json").entries}
    assert not jrnl & {e.uid for e in once.entries}


def test_samples_spread_over_the_file() -> None:
    preview = parse("jrnl_export.json")
    samples = preview.samples(5)
    assert len(samples) == 5 and samples[0] == preview.entries[0]
    assert samples[-1] == preview.entries[-1]


def test_registry_lists_the_three_foreign_formats() -> None:
    labels = {name: importer.label for name, importer in IMPORTERS.items()}
    assert {"daylio": "Daylio", "jrnl": "jrnl", "dayone": "Day One"}.items() <= labels.items()
    for importer in IMPORTERS.values():
        assert importer.extensions and importer.sniff(b"", "") is False


def test_unknown_format_is_refused() -> None:
    with pytest.raises(
        ImportFailed, match=r"look like an Attune \(JSON or CSV\), Daylio, jrnl or Day One"
    ):
        detect(b"just some notes\nand more\n", "notes.txt")


@pytest.mark.parametrize("stamp", ["0001-01-01 00:00", "9999-12-31 23:59", "1899-12-31 10:00"])
def test_implausible_years_are_skipped(stamp: str) -> None:
    data = f"[{stamp}] Title.\nbody\n".encode()
    preview = preview_import(data, "journal.txt", options=ImportOptions(tz=ZoneInfo("Asia/Tokyo")))
    assert preview.entries == () and preview.skipped[0].reason == messages.IMPORT_SKIP_DATE


def test_dayone_dates_at_the_edge_of_time_are_skipped() -> None:
    doc = {"metadata": {}, "entries": [
        {"uuid": "A", "creationDate": "0001-01-01T00:00:00Z", "timeZone": "America/New_York"},
        {"uuid": "B", "creationDate": "9999-12-31T23:59:59Z", "timeZone": "Asia/Tokyo"}]}  # fmt: skip
    preview = preview_import(json.dumps(doc).encode(), "Journal.json", options=OPTIONS)
    assert preview.entries == () and len(preview.skipped) == 2
