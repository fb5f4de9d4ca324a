"""Bad files get one clear line and nothing else: every refusal is an ImportFailed whose message is
one line and quotes nothing from the file, and a fuzz shows no other exception escapes a parser."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune.exchange import IMPORTERS, ImportFailed, ImportOptions, detect, registry
from attune.services.importing import preview_import
from tests.import_files import BAD_FILES, MARKER, fixture

OPTIONS = ImportOptions(mood_map={"sad": 2})
FIXTURE_NAMES = ["daylio_v1.csv", "daylio_v2.csv", "daylio_v3_bom.csv", "jrnl_export.json",
                 "jrnl_journal.txt", "dayone_export.zip"]  # fmt: skip


def refuse(name: str, data: bytes) -> str:
    with pytest.raises(ImportFailed) as caught:
        preview_import(data, name, options=OPTIONS)
    message = str(caught.value)
    assert "\n" not in message and message.strip() == message and message
    assert MARKER not in message
    return message


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_refused_with_one_line(case: str) -> None:
    name, build, expected = BAD_FILES[case]
    assert refuse(name, build()).startswith(expected)


def test_oversized_file_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 100)
    data = fixture("daylio_v1.csv")
    assert len(data) > 100
    for importer in IMPORTERS.values():
        monkeypatch.setattr(importer, "parse", lambda *a: pytest.fail("parsed anyway"))
    assert "larger than 100 bytes" in refuse("daylio.csv", data)


def test_zip_unpacking_past_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.import_files import zipped

    data = zipped(("a.json", b"{}" + b" " * 5000), ("b.json", b"{}" + b" " * 5000))
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 8000)
    assert len(data) < 8000
    assert refuse("export.zip", data).startswith("The zip unpacks to more than")


def test_forced_format_still_parses_strictly() -> None:
    with pytest.raises(ImportFailed):
        preview_import(fixture("daylio_v1.csv"), "x.csv", fmt="dayone")
    with pytest.raises(ImportFailed):
        preview_import(fixture("dayone_export.zip"), "x.zip", fmt="jrnl")
    with pytest.raises(ImportFailed):
        preview_import(fixture("jrnl_journal.txt"), "x.txt", fmt="daylio")


# --- fuzz --------------------------------------------------------------------------------------
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_import_failed(data: bytes, name: str) -> None:
    """Parse with every importer and detect: nothing but ImportFailed (with one line) escapes."""
    messages = []
    for importer in IMPORTERS.values():
        try:
            importer.parse(data, name, OPTIONS)
        except ImportFailed as exc:
            messages.append(str(exc))
    try:
        detect(data, name)
    except ImportFailed as exc:
        messages.append(str(exc))
    assert all("\n" not in m for m in messages)


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(["x.csv", "x.json", "x.zip", ""]))
def test_fuzz_arbitrary_bytes(data: bytes, name: str) -> None:
    only_import_failed(data, name)


@FUZZ
@given(data=st.text(alphabet=st.sampled_from(list('{}[]":,0123456789.eE-+ \ntrufalsn\\NaI')),
                    max_size=400))  # fmt: skip
def test_fuzz_json_like_text(data: str) -> None:
    only_import_failed(('{"tags": {}, "entries": ' + data).encode(), "x.json")
    only_import_failed(('{"metadata": {}, "entries": ' + data).encode(), "x.json")


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    data = bytearray(fixture(draw(st.sampled_from(FIXTURE_NAMES))))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            del data[at:]
    return bytes(data)


@FUZZ
@given(data=mutated_fixture())
def test_fuzz_mutated_fixtures(data: bytes) -> None:
    only_import_failed(data, "export")


@FUZZ
@given(row=st.lists(st.text(max_size=30), min_size=0, max_size=9))
def test_fuzz_daylio_rows(row: list[str]) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([["full_date", "date", "weekday", "time", "mood", "activities",
                                "note_title", "note"], row])  # fmt: skip
    only_import_failed(out.getvalue().encode("utf-8", "surrogatepass"), "x.csv")
