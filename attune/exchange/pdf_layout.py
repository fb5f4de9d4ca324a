"""The typesetting layer of the PDF report: page set-up, fonts and the text primitives
(`clean`, `shape`, `cell`, `para`, `heading`, `rule`) that `pdf_report` lays its sections out with."""

from __future__ import annotations

import unicodedata
from typing import Any

from attune import messages
from attune.domain.exports import ExportData

from .pdf_media import BIDI_CONTROLS, CONTROL_CHARS, MISSING, find_fonts, needs_shaping

MARGIN = 18.0  # mm
INK, SOFT, RULE, ACCENT, TILE = (
    (34, 34, 34),
    (96, 96, 96),
    (200, 200, 200),
    (27, 107, 102),
    (243, 246, 245),
)


class Layout:
    """An A4 fpdf2 document and the text primitives the report is set with: DejaVu Sans when on
    disk, text cleaned to what the font can show, right-to-left text shaped only where needed.
    Subclasses draw `header` and `footer` (fpdf2 is imported lazily: the CLI need not load it)."""

    def __init__(self, data: ExportData) -> None:
        from fpdf import FPDF

        report_self = self

        class Doc(FPDF):
            def header(self) -> None:
                report_self.header()

            def footer(self) -> None:
                report_self.footer()

            def add_page(self, *args: Any, **kwargs: Any) -> None:
                # A page break inside a shaped paragraph runs the footer and header, which set
                # their own shaping; the rest of the paragraph gets its own back.
                shaping = self.text_shaping
                super().add_page(*args, **kwargs)
                self.text_shaping = shaping

        self.pdf = pdf = Doc(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.set_creation_date(data.exported_at)
        pdf.set_title(messages.REPORT_TITLE)
        pdf.set_creator("Attune")
        fonts = find_fonts()
        self.family = "helvetica"
        self.unicode = fonts is not None
        # Per style: DejaVu Sans Oblique has Hebrew but no Arabic, which the upright faces have.
        self.glyphs: dict[str, frozenset[int]] = {}
        if fonts:
            for style, path in fonts.items():
                pdf.add_font("DejaVu", style, str(path))
            self.family = "DejaVu"
            controls = frozenset(map(ord, BIDI_CONTROLS))
            for style in fonts:
                cmap = getattr(pdf.fonts[f"dejavu{style}"], "cmap", {})
                self.glyphs[style] = frozenset(cmap) | controls
        pdf.set_author(self.clean(data.member))
        self.width = pdf.w - 2 * MARGIN

    # --- text helpers ------------------------------------------------------------------------
    def clean(self, text: str, style: str = "") -> str:
        """Text the font can set: line ends folded, control characters gone, characters the font
        (in `style`) lacks shown as a box (without a Unicode font, characters outside Latin-1 become
        "?"). Bidi controls stay: they matter to the shaping that any right-to-left text gets."""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        text = CONTROL_CHARS.sub(" ", unicodedata.normalize("NFC", text))
        if self.unicode:
            glyphs = self.glyphs[style]
            return "".join(c if c == "\n" or ord(c) in glyphs else MISSING for c in text)
        text = text.replace("—", "-").replace("–", "-").replace("·", "-").replace("…", "...")
        return text.encode("latin-1", "replace").decode("latin-1")

    def upright(self, text: str, style: str) -> str:
        """`style`, or upright ("") when the oblique face lacks letters of `text` the upright one
        has (Arabic: set straight rather than as boxes)."""
        if style != "I" or not self.unicode:
            return style
        oblique, regular = self.glyphs["I"], self.glyphs[""]
        return "" if any(ord(c) not in oblique and ord(c) in regular for c in text) else style

    def shape(self, *texts: str) -> bool:
        """Turn fpdf2's text shaping on for the next text call if any of `texts` needs it (only
        with the Unicode font: the core font has no right-to-left letters), off otherwise."""
        on = self.unicode and any(needs_shaping(t) for t in texts)
        if (self.pdf.text_shaping is not None) != on:
            self.pdf.set_text_shaping(on)
        return on

    def font(self, size: float, style: str = "", colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(self.family, style, size)
        self.pdf.set_text_color(*colour)

    def cell(self, w: float, h: float, text: str, style: str = "", **kwargs: Any) -> None:
        """One line of text (the font already set, in `style`), shaped if it needs it."""
        text = self.clean(text, style)
        self.shape(text)
        self.pdf.cell(w, h, text, **kwargs)

    def para(
        self,
        text: str,
        size: float = 10,
        style: str = "",
        colour: tuple[int, int, int] = INK,
        height: float | None = None,
        flush: bool = False,
    ) -> None:
        """`text` wrapped to the width; with `flush`, each right-to-left paragraph flush right."""
        style = self.upright(text, style)
        self.font(size, style, colour)
        text, h = self.clean(text, style), height or size * 0.5
        if not self.shape(text) or not flush:
            self.pdf.multi_cell(self.width, h, text, align="L", new_x="LMARGIN", new_y="NEXT")
            return
        # fpdf2 takes one base direction per call, from the first strong letter: one call per
        # paragraph (a blank line is a line of height h, as within one call).
        from fpdf.bidi import auto_detect_base_direction
        from fpdf.enums import TextDirection

        for line in text.split("\n"):
            rtl = auto_detect_base_direction(line) == TextDirection.RTL
            self.pdf.multi_cell(
                self.width, h, line, align="R" if rtl else "L", new_x="LMARGIN", new_y="NEXT"
            )

    def heading(self, text: str, size: float = 15) -> None:
        if self.pdf.will_page_break(30):
            self.pdf.add_page()
        self.pdf.ln(3)
        self.para(text, size=size, style="B", colour=ACCENT)
        self.pdf.ln(2)

    def rule(self) -> None:
        self.pdf.set_draw_color(*RULE)
        y = self.pdf.get_y()
        self.pdf.line(MARGIN, y, MARGIN + self.width, y)

    def header(self) -> None:
        """Drawn at the top of every page (by the subclass)."""

    def footer(self) -> None:
        """Drawn at the foot of every page (by the subclass)."""
