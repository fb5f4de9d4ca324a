"""What the PDF report needs from outside fpdf2: the DejaVu fonts on disk, deciding which texts
need right-to-left shaping, drawing the charts with vl-convert (in a short-lived child process for
a long-running server), and reading pages back as images for the Share page's preview.

vl-convert (about 100 MB of V8 for the life of the process that loads it) and pypdfium2 are
imported inside the functions that use them, on purpose: the Share page opens without them, and a
server that never prints a report never pays for them.
"""

from __future__ import annotations

import io
import json
import logging
import re
import struct
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
CHART_TIMEOUT_S = 120
# Reads a JSON list of Vega-Lite specs on stdin, writes each PNG as an 8-byte length and the bytes.
_CHART_WORKER = """
import json, struct, sys
import vl_convert
out = sys.stdout.buffer
for spec in json.load(sys.stdin.buffer):
    png = bytes(vl_convert.vegalite_to_png(spec, scale=2))
    out.write(struct.pack(">Q", len(png)) + png)
out.flush()
"""
MISSING = "\u25a1"  # □, where the font has no glyph for a character
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The bidi controls (ALM, LRM, RLM, embeddings, overrides, isolates): instructions to the bidi
# algorithm, kept (never boxed) and invisible once shaped.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# What makes a text worth shaping: every character of bidi class R, AL or AN lies in these ranges
# (Hebrew to Arabic Extended, the Hebrew and Arabic presentation forms, the historic right-to-left
# blocks of planes 1), plus Lao (DejaVu positions its marks) and the bidi controls.
_SHAPED = re.compile(
    "[\u0590-\u08ff\u0e80-\u0eff\ufb1d-\ufdff\ufe70-\ufefe"
    "\U00010800-\U00010fff\U0001e800-\U0001efff" + BIDI_CONTROLS + "]"
)


def isolate(text: str) -> str:
    """`text` (a name, a feeling word, a tag) between FSI and PDI when it needs shaping, so that
    set inside one of our lines it takes its own direction and leaves the separators, digits and
    words around it in place ("Reflection summary · דנה · 1 Mar 2026", not "· · דנה1 Mar")."""
    return f"\u2068{text}\u2069" if needs_shaping(text) else text


def needs_shaping(text: str) -> bool:
    """Whether fpdf2 must shape `text` to print it right: right-to-left letters or digits, Lao,
    or bidi controls (Latin, Cyrillic, Greek, CJK... print the same without shaping)."""
    return _SHAPED.search(text) is not None


def find_fonts() -> dict[str, Path] | None:
    """DejaVu Sans regular, bold and oblique, from the first folder that has all three."""
    for folder in FONT_DIRS:
        found = {style: folder / name for style, name in FONT_FILES.items()}
        if all(p.is_file() for p in found.values()):
            return found
    return None


def render_chart(chart: Any) -> bytes:
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(for_vl_convert(chart.to_json()), scale=2))


def _split_pngs(blob: bytes, n: int) -> list[bytes] | None:
    out, at = [], 0
    while at + 8 <= len(blob):
        (size,) = struct.unpack(">Q", blob[at : at + 8])
        out.append(blob[at + 8 : at + 8 + size])
        at += 8 + size
    return out if len(out) == n and at == len(blob) else None


PDF_FONT = "DejaVu Sans"


def for_vl_convert(spec: str) -> str:
    """The spec with one font family, the PDF's own. vl-convert measures text through its own
    font lookup, and given the app's CSS family list it fails on labels holding a backslash
    ("Failed to deserialize text info" — a name like `\\u202e…` from `readable`); the PDF only
    ever has DejaVu Sans, so nothing changes on the page."""
    data = json.loads(spec)
    config = data.setdefault("config", {})
    if config.get("font", PDF_FONT) != PDF_FONT:
        config["font"] = PDF_FONT
        for part in ("title", "axis", "legend", "header", "text"):
            if isinstance(config.get(part), dict) and "font" in config[part]:
                config[part]["font"] = PDF_FONT
    return json.dumps(data)


def render_charts(specs: Sequence[str], *, isolate: bool = False) -> list[bytes]:
    """PNGs (scale 2) of Vega-Lite specs. With `isolate`, in one short-lived child process, so
    vl-convert's engine never stays in this one; if the child fails, here after all."""
    if not specs:
        return []
    specs = [for_vl_convert(spec) for spec in specs]
    if isolate:
        try:
            # Our own interpreter and a constant script; the specs travel on stdin.
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-I", "-c", _CHART_WORKER],
                input=json.dumps(list(specs)).encode(),
                capture_output=True,
                timeout=CHART_TIMEOUT_S,
                check=False,
            )
            pngs = _split_pngs(done.stdout, len(specs)) if done.returncode == 0 else None
            if pngs is not None:
                return pngs
            # stderr may quote the specs (feeling words), so only the exit code is logged.
            log.warning("chart process failed (exit %s); drawing here", done.returncode)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("chart process failed (%s); drawing here", type(exc).__name__)
    import vl_convert

    return [bytes(vl_convert.vegalite_to_png(spec, scale=2)) for spec in specs]


def page_images(pdf: bytes, *, scale: float = 1.0, limit: int | None = None) -> list[bytes]:
    """PNG images of a PDF's pages (the Share page's preview and the tests), via pdfium."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for i in range(len(doc) if limit is None else min(limit, len(doc))):
            image = doc[i].render(scale=scale).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            out.append(buf.getvalue())
        return out
    finally:
        doc.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()
