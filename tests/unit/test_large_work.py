"""Issue 14 finding 12: large work is bounded and says so. A PDF of a huge journal prints only the
newest entries, with a line saying how many more there are and how to get them all; a field too
large for an import is named as too large, with its line."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from attune import messages
from attune.exchange import ImportFailed, pdf_report
from attune.services.importing import preview_import
from tests.share_factory import export_entry, sample_export


def _pdf_text(pdf: bytes) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(str(p.get_textpage().get_text_range()) for p in doc)
    finally:
        doc.close()


def test_pdf_of_a_huge_journal_prints_the_newest_entries_and_says_how_many_more() -> None:
    small = sample_export([export_entry(n) for n in range(4)])
    many = pdf_report.MAX_PDF_ENTRIES * 8
    entries = tuple(
        replace(export_entry(n % 40), uid=f"u{n}", body=f"entry {n}") for n in range(many)
    )
    big = replace(small, entries=entries)
    started = time.perf_counter()
    pdf = pdf_report.dumps(big)
    took = time.perf_counter() - started
    text = _pdf_text(pdf).replace("\r\n", "\n")
    printed = [n for n in range(many) if f"entry {n}\n" in text + "\n"]
    assert printed == list(range(many - pdf_report.MAX_PDF_ENTRIES, many))  # the newest ones
    hidden = many - pdf_report.MAX_PDF_ENTRIES
    line = messages.REPORT_ENTRIES_CAPPED.format(
        shown=pdf_report.MAX_PDF_ENTRIES, total=many, more=hidden
    )
    assert " ".join(line.split()) in " ".join(text.split())
    assert took < 60, took  # 8× the cap costs what the cap costs (about 5 s here, 2 cores shared)


def test_a_small_pdf_says_nothing_about_a_cap() -> None:
    text = _pdf_text(pdf_report.dumps(sample_export([export_entry(n) for n in range(3)])))
    assert "JSON or CSV" not in text


@pytest.mark.parametrize("name", ["attune-export.csv", "daylio_export.csv"])
def test_a_huge_field_is_named_as_too_large_with_its_line(name: str) -> None:
    if name.startswith("daylio"):
        head = "full_date,date,weekday,time,mood,activities,note\r\n"
        row = '2026-03-01,March 1,Sunday,09:30,good,walk,"' + "x" * 200_000 + '"\r\n'
    else:
        from attune.exchange import csv_export

        head = ",".join(csv_export.COLUMNS) + "\r\n"
        row = ",Sam,2026-03-01 09:30,4,2,,,,private,no,,," + '"' + "x" * 200_000 + '"\r\n'
    with pytest.raises(ImportFailed) as info:
        preview_import((head + row).encode(), name)
    message = str(info.value)
    assert message == messages.IMPORT_CSV_FIELD_TOO_LARGE.format(line=2, chars=131_072), message
    assert "malformed" not in message
