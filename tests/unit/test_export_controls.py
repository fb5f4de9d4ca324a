"""Issue 14 finding 10: terminal controls and bidi overrides are shown, not obeyed, in what others
read — the CSV, Markdown and PDF exports (and the therapist's review, tests/app) — while the
author's own words are kept exactly (the CSV reads back to what they wrote)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from attune.domain.exports import readable
from attune.domain.text import show_controls, unshow_controls
from attune.exchange import csv_export, markdown_export
from attune.exchange.pdf_report import dumps as pdf_dumps
from attune.services.importing import preview_import
from tests.share_factory import export_entry, sample_export

ROOT = Path(__file__).resolve().parents[2]
BLNS = json.loads((ROOT / "tests" / "data" / "blns.json").read_text(encoding="utf-8"))
HOSTILE = [
    s for s in BLNS if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", s)
]
SPOOF = "\u202egnp.exe"
ESCAPE = "Roses are \x1b[0;31mred\x1b[0m, \x9b2J and \rover"
# What must never reach a reader raw: C0 but tab and line ends, DEL, C1, embeddings, overrides,
# isolates.
OBEYED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_blns_holds_what_this_is_about() -> None:
    assert len(HOSTILE) >= 4 and any("\x1b" in s for s in HOSTILE)


@pytest.mark.parametrize("text", [*HOSTILE, SPOOF, ESCAPE, "\\u202e", "\\\u202e", "a\r\nb"])
def test_shown_controls_are_visible_and_read_back_exactly(text: str) -> None:
    shown = show_controls(text)
    assert not OBEYED.search(shown.replace("\r\n", "\n"))
    assert unshow_controls(shown) == text
    assert show_controls("plain words, 1–5 · ünïcødé") == "plain words, 1–5 · ünïcødé"


def test_spoofed_extension_is_shown_written_out() -> None:
    assert show_controls(SPOOF) == "\\u202egnp.exe"
    assert (
        show_controls(ESCAPE) == "Roses are \\u001b[0;31mred\\u001b[0m, \\u009b2J and \\u000dover"
    )


def _hostile_export() -> list:
    return [
        export_entry(i, body=text, author="Sam" if i % 2 else SPOOF + "Alex",
                     tags=("walk",), feelings=("calm",))
        for i, text in enumerate([*HOSTILE, SPOOF, ESCAPE])
    ]  # fmt: skip


def test_csv_export_obeys_no_control_and_reads_back_what_was_written() -> None:
    entries = _hostile_export()
    data = csv_export.dumps(sample_export(entries))
    text = data.decode("utf-8-sig")
    assert not OBEYED.search(text.replace("\r\n", "\n")), OBEYED.search(text)
    assert "\\u202egnp.exe" in text
    preview = preview_import(data, "attune-export.csv")
    assert not preview.skipped
    bodies = {e.uid: e.draft.body for e in preview.entries}
    for e in entries:
        assert bodies[e.uid] == e.as_draft().clean().body  # exactly what the author wrote


def test_markdown_export_obeys_no_control() -> None:
    md = markdown_export.dumps(sample_export(_hostile_export())).decode()
    assert not OBEYED.search(md), OBEYED.search(md)
    html = MarkdownIt("commonmark").render(md)
    assert "\\u202egnp.exe" in html  # the body, in its fence, shows the override written out


def test_pdf_text_obeys_no_override() -> None:
    import pypdfium2

    pdf = pdf_dumps(sample_export(_hostile_export()))
    doc = pypdfium2.PdfDocument(pdf)
    try:
        text = "\n".join(str(p.get_textpage().get_text_range()) for p in doc)
    finally:
        doc.close()
    assert "\u202e" not in text and "\x1b" not in text
    assert "\\u202egnp.exe" in text


def test_readable_leaves_the_export_itself_alone() -> None:
    data = sample_export(_hostile_export())
    shown = readable(data)
    assert data.entries[-2].body == SPOOF  # the export (and the journal) keep the words
    assert shown.entries[-2].body == "\\u202egnp.exe"
    assert not OBEYED.search(shown.member + "".join(e.author for e in shown.entries))
