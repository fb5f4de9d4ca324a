"""Right-to-left text in the PDF report: Hebrew and Arabic in visual order (fpdf2's bidi algorithm),
Arabic letters joined (HarfBuzz), names set inside our own lines isolated, shaping only where
needed, and hostile strings still giving a valid, reproducible file. The visual order is read
back from the PDF with pdfium: every character with its box, sorted left to right per line."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from attune import messages
from attune.domain.exports import Scope
from attune.exchange import pdf_layout, pdf_media, pdf_report
from attune.exchange.pdf_media import isolate, needs_shaping
from attune.exchange.pdf_report import dumps
from tests.share_factory import export_entry, sample_export

ROOT = Path(__file__).resolve().parents[2]
HEBREW = "שלום, היום היה יום טוב 3 פעמים"
ARABIC = "مرحبا، كان يوما جيدا"
MIXED = "I felt שמח today"
A4_WIDTH_PT, MARGIN_PT = 595.28, pdf_layout.MARGIN * 72 / 25.4

needs_dejavu = pytest.mark.skipif(
    pdf_media.find_fonts() is None, reason="fonts-dejavu-core is not installed"
)


def visual_lines(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """Each line of a page as (its characters left to right without spaces, left edge, right
    edge), top to bottom, in PDF points."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        text = doc[page].get_textpage()
        chars = []
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if char.strip():
                left, bottom, right, top = text.get_charbox(i, loose=True)
                chars.append(((bottom + top) / 2, left, right, char))
        # A row: characters whose middles lie within 2.5 pt of the row's first (a fixed grid
        # would split a line whose glyphs straddle one of its lines).
        rows: list[tuple[float, list[tuple[float, float, str]]]] = []
        for mid, left, right, char in sorted(chars, key=lambda c: -c[0]):
            if rows and rows[-1][0] - mid <= 2.5:
                rows[-1][1].append((left, right, char))
            else:
                rows.append((mid, [(left, right, char)]))
        return [
            (
                "".join(c for _, _, c in sorted(row)),
                min(r[0] for r in row),
                max(r[1] for r in row),
            )
            for _, row in rows
        ]
    finally:
        doc.close()


def line_of(pdf: bytes, page: int, visual: str) -> tuple[str, float, float]:
    """The first line holding `visual` on `page` or after it."""
    lines = [line for p in range(page, pdf_media.page_count(pdf)) for line in visual_lines(pdf, p)]
    found = [line for line in lines if visual in line[0]]
    assert found, (visual, [line[0] for line in lines])
    return found[0]


def entries_page(pdf: bytes) -> int:
    """The page where the excerpts begin (they come last, after the scores on the same page when
    there is room)."""
    heading = messages.REPORT_ENTRIES.replace(" ", "")
    pages = range(pdf_media.page_count(pdf))
    return next(p for p in pages if any(v == heading for v, _, _ in visual_lines(pdf, p)))


# --- which texts are shaped ----------------------------------------------------------------------
def test_every_right_to_left_character_is_shaped() -> None:
    for cp in range(sys.maxunicode + 1):
        if unicodedata.bidirectional(chr(cp)) in ("R", "AL", "AN"):
            assert needs_shaping(chr(cp)), hex(cp)
    for control in pdf_media.BIDI_CONTROLS:
        assert needs_shaping(f"abc{control}def")


def test_latin_and_other_left_to_right_text_is_left_alone() -> None:
    for text in ("Plain text", "ünïcødé — ✓ 😀 日本 Ελληνικά кириллица", "x" * 3000, ""):
        assert not needs_shaping(text) and isolate(text) == text
    assert isolate("דנה") == "\u2068דנה\u2069"


# --- visual order --------------------------------------------------------------------------------
@needs_dejavu
def test_hebrew_arabic_and_mixed_entries_print_in_visual_order() -> None:
    bodies = (HEBREW, ARABIC, MIXED, "Plain Latin text.")
    data = sample_export(
        [export_entry(n, body=b) for n, b in enumerate(bodies)], scope=Scope.PICKED
    )
    pdf = dumps(data)
    assert pdf.startswith(b"%PDF-") and pdf == dumps(data)
    page = entries_page(pdf)
    right_edge = A4_WIDTH_PT - MARGIN_PT
    # An all right-to-left line reads right to left: left to right it is the text reversed
    # (the single digit included), set flush right.
    for text in (HEBREW, ARABIC):
        visual, _, right = line_of(pdf, page, text.replace(" ", "")[::-1])
        assert visual == text.replace(" ", "")[::-1]
        assert right == pytest.approx(right_edge, abs=3)
    # A left-to-right line keeps its words in place, the Hebrew word reversed, flush left.
    visual, left, _ = line_of(pdf, page, "Ifelt")
    assert visual == "Ifeltחמשtoday"
    assert left == pytest.approx(MARGIN_PT, abs=3)
    assert line_of(pdf, page, "PlainLatintext.")[1] == pytest.approx(MARGIN_PT, abs=3)


@needs_dejavu
def test_a_paragraph_takes_its_own_direction_and_long_lines_wrap_in_reading_order() -> None:
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה", "תשע", "עשר"]
    body = f"First in English.\n{HEBREW}\n\n{' '.join(words * 6)}\n{'ש' * 300}"
    pdf = dumps(sample_export([export_entry(0, body=body)], scope=Scope.PICKED))
    pages = range(entries_page(pdf), pdf_media.page_count(pdf))
    lines = [v for p in pages for v, _, _ in visual_lines(pdf, p)]
    at = lines.index("FirstinEnglish.")
    assert lines[at + 1] == HEBREW.replace(" ", "")[::-1]
    # The first wrapped line starts (on its right) with the first words, and each line read right
    # to left, top to bottom, gives the text.
    wrapped = lines[at + 2 : next(i for i, v in enumerate(lines) if set(v) == {"ש"})]
    assert len(wrapped) > 2 and wrapped[0].endswith("".join(words[:3])[::-1])
    assert "".join(line[::-1] for line in wrapped) == "".join(words * 6)
    assert sum(line.count("ש") for line in lines if set(line) == {"ש"}) == 300


@needs_dejavu
def test_names_and_words_inside_our_lines_keep_their_neighbours_in_place() -> None:
    entry = export_entry(0, author="مريم", body="x", feelings=("calm", "שמח"), tags=("עבודה",))
    pdf = dumps(sample_export([entry, export_entry(1)], scope=Scope.PICKED, member="דנה"))
    page = entries_page(pdf)
    # "Reflection summary · דנה · 1 Mar 2026", not "· · דנה1 Mar".
    assert line_of(pdf, page, "Reflectionsummary")[0].startswith("Reflectionsummary·הנד·1Mar2026")
    assert line_of(pdf, page, "calm,")[0] == "calm,חמש,הדובע#"
    # DejaVu Sans Oblique has no Arabic: the name is set upright, not as boxes.
    pages = range(page, pdf_media.page_count(pdf))
    everything = "".join(v for p in pages for v, _, _ in visual_lines(pdf, p))
    assert pdf_media.MISSING not in everything and "ميرم"[::-1] in everything[::-1]


@needs_dejavu
def test_arabic_letters_are_joined() -> None:
    report = pdf_report._Report(sample_export([export_entry(0, body="مرحبا")], scope=Scope.PICKED))
    report.build()
    names = {glyph.glyph_name for glyph, _ in report.pdf.fonts["dejavu"].subset.items() if glyph}
    # meem initial, reh final, hah initial, beh medial, alef final: not the isolated letters.
    assert {"uniFEE3", "uniFEAE", "uniFEA3", "uniFE92", "uniFE8E"} <= names
    assert not {"uni0645", "uni0631", "uni062D", "uni0628"} & names


# --- robustness ----------------------------------------------------------------------------------
def test_the_report_with_hostile_strings_builds_the_same_file_twice() -> None:
    blns = json.loads((ROOT / "tests" / "data" / "blns.json").read_text(encoding="utf-8"))
    bidi = [
        "\u202eabc\u202c",
        "\u2067שלום abc\u2069 x",
        "a\u200fb\u200ec",
        "\u061c١٢٣",
        "\u2069\u2066",
    ]
    texts = [*blns, *bidi]
    entries = [
        export_entry(
            n,
            body=text,
            author=text[:40] or "x",
            feelings=(text[:20] or "x",),
            tags=(text[:20] or "x",),
        )
        for n, text in enumerate(texts)
    ]
    data = sample_export(entries, scope=Scope.PICKED, member="\u202eנועה 😀\u2069")
    pdf = dumps(data)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert pdf_media.page_count(pdf) > 10 and pdf == dumps(data)


def test_without_a_unicode_font_right_to_left_text_becomes_question_marks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_layout, "find_fonts", lambda: None)
    pdf = dumps(sample_export([export_entry(0, body=f"{HEBREW} ok")], scope=Scope.PICKED))
    text = "".join(v for v, _, _ in visual_lines(pdf, entries_page(pdf)))
    assert "????,????" in text and "ok" in text and not needs_shaping(text)
