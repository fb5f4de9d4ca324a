"""The export formats on data built without a database: Attune JSON (documented, strict), CSV
(formula cells neutralised, still parses), Markdown (bodies never markup), the PDF (rendered to
PNG with pdfium) and the encrypted bundle (every kind of damage is one clear line)."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from attune import messages
from attune.domain.exports import ExportError, ExportOptions, Scope
from attune.domain.text import unshow_controls
from attune.exchange import (
    EXPORTERS,
    IMPORTERS,
    ImportFailed,
    attune_json,
    bundle,
    csv_export,
    detect,
    markdown_export,
)
from attune.exchange.pdf_media import find_fonts, page_images
from attune.exchange.pdf_report import dumps as pdf_dumps
from tests.share_factory import export_entry, sample_export
from tests.unit.test_text import HOSTILE

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/shots")
FAST = 14  # scrypt 2**14 in tests; the default (2**17) is tested once


# --- the registry --------------------------------------------------------------------------------
def test_every_format_declares_names_extension_and_mime_type() -> None:
    for name in ("json", "csv", "md", "pdf", "bundle"):
        exporter = EXPORTERS[name]
        assert name in exporter.names and exporter.extension and "/" in exporter.mime_type
    assert {"attune", "bundle"} <= set(IMPORTERS)


def test_detect_finds_attune_json_and_bundles() -> None:
    data = sample_export()
    assert detect(attune_json.dumps(data), "x.json").name == "attune"
    sealed = bundle.seal(attune_json.dumps(data), "correct horse", log2_n=FAST)
    assert detect(sealed, "x.attune").name == "bundle"


# --- Attune JSON ---------------------------------------------------------------------------------
def _paths(value: Any, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            path = f"{prefix}.{key}" if prefix else key
            out |= {path} | _paths(child, path)
    elif isinstance(value, list):
        for child in value:
            out |= _paths(child, f"{prefix}[]")
    return out


def test_every_field_the_exporter_writes_is_documented() -> None:
    doc = (ROOT / "docs" / "attune-json.md").read_text(encoding="utf-8")
    written = _paths(json.loads(attune_json.dumps(sample_export())))
    assert "entries[].body" in written and "summary.top_feelings[].count" in written
    missing = sorted(p for p in written if f"`{p}`" not in doc)
    assert missing == []


def test_json_is_versioned_and_reads_back_the_same() -> None:
    data = sample_export()
    raw = attune_json.dumps(data)
    doc = json.loads(raw)
    assert (doc["format"], doc["version"]) == ("attune", 2)
    assert doc["entries"][0]["occurred_at"].endswith("+01:00")
    assert attune_json.parse_document(raw) == data


def _mutated(change: Any) -> bytes:
    doc = json.loads(attune_json.dumps(sample_export()))
    change(doc)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(version=3), "version 3"),
        (lambda d: d.update(format="other"), "not an Attune export"),
        (lambda d: d.update(extra=1), "the file holds a field"),
        (lambda d: d["entries"][1].update(valence=9), "entries[1]"),
        (lambda d: d["entries"][2].update(valence="4"), "entries[2].valence"),
        (lambda d: d["entries"][0].pop("uid"), "entries[0].uid"),
        (lambda d: d["entries"][0].update(uid="../../etc"), "entries[0].uid"),
        (lambda d: d["entries"][0].update(occurred_at="2026-03-01T09:30:00"), "occurred_at"),
        (lambda d: d["entries"][0].update(body="a\x00b"), "entries[0]"),
        (lambda d: d["entries"][3].update(uid=d["entries"][2]["uid"]), "entries[3] repeats"),
        (lambda d: d["assessments"][0].update(score=21), "assessments[0]"),
        (lambda d: d["assessments"][0].update(answers=[9, 9, 9, 9]), "assessments[0]"),
        (lambda d: d.update(client_id="not-a-uuid"), "client_id"),
        (lambda d: d["summary"].pop("days"), "summary.days"),
    ],
)
def test_json_reader_refuses_bad_documents_with_one_line(change: Any, expected: str) -> None:
    with pytest.raises(ImportFailed) as info:
        attune_json.parse_document(_mutated(change))
    assert expected in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"format": "attune", "format": "attune"}',
        b'{"format": "attune", "version": NaN}',
        b'{"format": "attune", "x": ' + b"[" * 100 + b"]" * 100 + b"}",
        b"",
    ],
)
def test_json_reader_uses_the_shared_safe_parsing(raw: bytes) -> None:
    with pytest.raises(ImportFailed):
        attune_json.parse_document(raw)


def test_json_never_quotes_the_file_in_errors() -> None:
    secret = "okapi-secret-text"
    bad = _mutated(lambda d: d["entries"][0].update(valence=secret))
    with pytest.raises(ImportFailed) as info:
        attune_json.parse_document(bad)
    assert secret not in str(info.value)


# --- CSV -----------------------------------------------------------------------------------------
PAYLOADS = [
    "=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＋1", "－1", "＠SUM(A1)",
    "  =HYPERLINK(\"http://example.invalid\")", '=cmd|" /C calc"!A0',
]  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_neutralises_formula_cells_and_still_parses(payload: str) -> None:
    entries = [export_entry(0, body=payload, author="Sam"), export_entry(1, body="plain text")]
    data = sample_export(entries)
    raw = csv_export.dumps(data)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(csv_export.COLUMNS)
    body = rows[1][csv_export.COLUMNS.index("body")]
    # A lone CR is a terminal control: written out (`\u000d`), it no longer starts a formula.
    assert body == ("\\u000d=1" if payload == "\r=1" else "'" + payload)
    assert rows[2][csv_export.COLUMNS.index("body")] == "plain text"
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in csv_export.FORMULA_STARTS
            assert cell.lstrip(" \u3000\n\u00a0")[:1] not in csv_export.FORMULA_STARTS


def test_csv_neutralises_tags_and_names_too() -> None:
    entries = [export_entry(0, tags=("=evil",), feelings=("@calm",))]
    rows = list(
        csv.reader(io.StringIO(csv_export.dumps(sample_export(entries)).decode("utf-8-sig")))
    )
    assert rows[1][csv_export.COLUMNS.index("tags")] == "'=evil"
    assert rows[1][csv_export.COLUMNS.index("feelings")].startswith("'@calm")


def test_csv_round_trips_hostile_text() -> None:
    entries = [export_entry(i, body=text) for i, text in enumerate(HOSTILE)]
    raw = csv_export.dumps(sample_export(entries))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    bodies = [r[csv_export.COLUMNS.index("body")] for r in rows[1:]]
    assert [unshow_controls(b.removeprefix("'")) for b in bodies] == [
        e.body for e in sorted(entries, key=lambda e: e.occurred_at)
    ]


def test_csv_is_not_offered_for_a_summary() -> None:
    with pytest.raises(ExportError):
        csv_export.dumps(sample_export(scope=Scope.SUMMARY))


# --- Markdown ------------------------------------------------------------------------------------
def test_markdown_bodies_render_as_literal_text() -> None:
    entries = [export_entry(i, body=text) for i, text in enumerate([*HOSTILE, "~~~\nescape\n~~~~"])]
    md = markdown_export.dumps(sample_export(entries)).decode()
    html = MarkdownIt("commonmark").render(md)
    assert "<script" not in html and "<img" not in html and "href=" not in html
    assert "<b>x</b>" not in html
    assert html.count('<code class="language-text">') == len(entries)


def test_markdown_marks_entries_shared_by_someone_else() -> None:
    entries = [export_entry(0), export_entry(1, author="Alex", visibility="shared")]
    md = markdown_export.dumps(sample_export(entries)).decode()
    assert md.count("shared by Alex") == 1
    assert messages.REPORT_FOOTER in md


# --- PDF ------------------------------------------------------------------------------------------
def _pdf_text(pdf: bytes, page: int) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        textpage = doc[page].get_textpage()
        return str(textpage.get_text_range())
    finally:
        doc.close()


def test_pdf_report_renders_summary_first(tmp_path: Path) -> None:
    entries = [export_entry(n) for n in range(24)]
    entries.append(export_entry(30, author="Alex", body="Alex wrote this; ünïcødé — ✓ 😀 日本"))
    entries.append(export_entry(31, body="x" * 3000 + "\n" + "word " * 400 + "\x07bell\ttab"))
    data = sample_export(entries, scope=Scope.PICKED)
    pdf = pdf_dumps(data)
    assert pdf.startswith(b"%PDF-") and pdf == pdf_dumps(data)  # same data, same bytes
    pages = page_images(pdf, scale=1.5)
    assert len(pages) >= 4
    for png in pages:
        assert png.startswith(b"\x89PNG") and len(png) > 5_000
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "report-page1.png").write_bytes(pages[0])
    (SHOTS / "report-page2.png").write_bytes(pages[1])
    cover = _pdf_text(pdf, 0)
    for text in ("Sam", "Days reflected", "1 Mar 2026 – 31 Mar 2026", "Feelings named most",
                 "CSI-4, 14 Mar 2026: 17 of 21", messages.REPORT_FOOTER, "Page 1 of"):  # fmt: skip
        assert text in cover, text
    everything = "\n".join(_pdf_text(pdf, i) for i in range(len(pages)))
    assert "In general, how satisfied are you with your relationship?" in everything
    assert "Almost Completely" in everything or "Mostly" in everything
    assert "Shared by Alex" in everything
    assert f"Page {len(pages)} of {len(pages)}" in everything


def test_pdf_falls_back_to_a_core_font(monkeypatch: pytest.MonkeyPatch) -> None:
    from attune.exchange import pdf_layout, pdf_media, pdf_report

    monkeypatch.setattr(pdf_layout, "find_fonts", lambda: None)
    data = sample_export([export_entry(0, body="ünïcødé — 日本 😀")], scope=Scope.PICKED)
    pdf = pdf_report.dumps(data)
    text = "\n".join(_pdf_text(pdf, i) for i in range(pdf_media.page_count(pdf)))
    assert "ünïcødé - ?? ?" in text


def test_pdf_summary_has_no_entry_text() -> None:
    pdf = pdf_dumps(sample_export(scope=Scope.SUMMARY))
    everything = "\n".join(_pdf_text(pdf, i) for i in range(len(page_images(pdf))))
    assert "Entry number" not in everything and "Days reflected" in everything


def test_a_unicode_font_is_found_where_make_test_installs_it() -> None:
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed")
    assert find_fonts() is not None


# --- the encrypted bundle ----------------------------------------------------------------------------
PASS = "correct horse battery"


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return bundle.seal(attune_json.dumps(sample_export()), PASS, log2_n=FAST)


def _one_line(data: bytes, passphrase: str = PASS) -> str:
    with pytest.raises(ImportFailed) as info:
        bundle.open_export(data, passphrase)
    message = str(info.value)
    assert message and "\n" not in message
    return message


def test_bundle_opens_with_the_passphrase(sealed: bytes) -> None:
    assert bundle.open_export(sealed, PASS) == sample_export()
    assert b"Entry number" not in sealed


def test_bundle_default_cost_round_trip() -> None:
    out = EXPORTERS["bundle"].export(sample_export(days=2), ExportOptions(passphrase=PASS))
    header, _, _ = bundle.read_header(out)
    assert (header["n"], header["r"], header["p"]) == (2**17, 8, 1)
    assert bundle.open_export(out, PASS) == sample_export(days=2)


def test_bundle_wrong_passphrase(sealed: bytes) -> None:
    assert _one_line(sealed, "wrong horse battery") == messages.BUNDLE_WRONG
    assert _one_line(sealed, "") == messages.BUNDLE_NEEDS_PASSPHRASE


def _regions(data: bytes) -> dict[str, list[int]]:
    size = struct.unpack(">H", data[8:10])[0]
    header = data[10 : 10 + size].decode()
    salt = header.index(json.loads(header)["salt"]) + 10
    nonce = header.index(json.loads(header)["nonce"]) + 10
    n_at = header.index('"n":') + 10 + 4
    end = len(data)
    return {
        "magic": [0, 7],
        "length": [8, 9],
        "header": [10, n_at, 10 + size - 1],
        "salt": [salt, salt + 5, salt + 20],
        "nonce": [nonce, nonce + 8],
        "ciphertext": [10 + size, 10 + size + 100, end - 17],
        "tag": [end - 16, end - 1],
    }


@pytest.mark.parametrize(
    "region", ["magic", "length", "header", "salt", "nonce", "ciphertext", "tag"]
)
def test_bundle_refuses_a_flipped_byte_anywhere(sealed: bytes, region: str) -> None:
    for at in _regions(sealed)[region]:
        for bit in (0x01, 0x80):
            damaged = bytearray(sealed)
            damaged[at] ^= bit
            _one_line(bytes(damaged))


def test_bundle_refuses_a_truncated_file(sealed: bytes) -> None:
    for keep in (0, 4, 9, 30, len(sealed) // 2, len(sealed) - 1):
        _one_line(sealed[:keep])


def _with_header(sealed: bytes, **changes: Any) -> bytes:
    size = struct.unpack(">H", sealed[8:10])[0]
    header = json.loads(sealed[10 : 10 + size])
    header.update(changes)
    raw = json.dumps(header, separators=(",", ":")).encode()
    return bundle.MAGIC + struct.pack(">H", len(raw)) + raw + sealed[10 + size :]


@pytest.mark.parametrize(
    "changes",
    [{"n": 2**30}, {"n": 2**21}, {"n": 3 * 2**14}, {"n": 2**10}, {"r": 17}, {"r": 0},
     {"p": 5}, {"n": 2**20, "r": 16}, {"n": 2**20, "r": 4, "p": 4}, {"n": True}],
)  # fmt: skip
def test_bundle_refuses_absurd_kdf_params_before_deriving(
    sealed: bytes, changes: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_derive(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a key was derived")

    monkeypatch.setattr(bundle, "Scrypt", no_derive)
    message = _one_line(_with_header(sealed, **changes))
    assert message in (messages.BUNDLE_KDF_LIMITS, messages.BUNDLE_DAMAGED)


def test_bundle_header_tricks_are_refused(sealed: bytes) -> None:
    assert _one_line(_with_header(sealed, extra=1)) == messages.BUNDLE_DAMAGED
    assert (
        _one_line(_with_header(sealed, salt=base64.b64encode(b"x" * 8).decode()))
        == messages.BUNDLE_DAMAGED
    )
    assert _one_line(_with_header(sealed, cipher="none")) == messages.BUNDLE_DAMAGED
    # A valid header with a different (allowed) cost is authenticated too: the tag fails.
    assert _one_line(_with_header(sealed, r=4)) == messages.BUNDLE_WRONG


def test_bundle_needs_a_real_passphrase() -> None:
    with pytest.raises(ExportError, match="at least 8"):
        EXPORTERS["bundle"].export(sample_export(days=1), ExportOptions(passphrase="short"))


def test_error_messages_never_hold_line_breaks() -> None:
    for name in dir(messages):
        if re.match(r"^(BUNDLE|ATTUNE_JSON|EXPORT)_", name):
            value = getattr(messages, name)
            if not isinstance(value, str):  # EXPORT_WROTE, said with its counts
                value = value.format(path="f", label="l", entries=1, checkins=2, scores=0)
            assert "\n" not in value, name


def test_pdf_with_charts_drawn_in_a_child_process_is_the_same_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Share page draws the charts in a short-lived process (vl-convert's engine then never
    stays in the server); the report is byte-identical, and progress reaches the caller."""
    from attune.exchange import pdf_media, pdf_report

    data = sample_export([export_entry(n) for n in range(12)], scope=Scope.THERAPIST)
    steps: list[tuple[float, str]] = []
    isolated = pdf_report.dumps(data, progress=lambda f, t: steps.append((f, t)),
                                isolate_charts=True)  # fmt: skip
    assert isolated == pdf_report.dumps(data)
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and len(steps) >= 3
    assert messages.REPORT_PROGRESS_PAGES in [t for _, t in steps]
    # A child that cannot start (or fails) costs memory, never the report.
    monkeypatch.setattr(pdf_media.sys, "executable", "/nonexistent/python")
    assert pdf_report.dumps(data, isolate_charts=True) == isolated
