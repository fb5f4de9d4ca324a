"""The PDF report, summary first: a cover with the figures that matter, the trend charts (the app's
own Altair builders rendered by vl-convert), questionnaire scores with every item answer, then the
moments the client chose. A4, printable (dark text on white, no colour needed to read it), page
numbers and the footer "Shared by the client from Attune — not a clinical record" on every page.

The charts are drawn by vl-convert, whose JavaScript engine (V8) keeps about 100 MB for the life of
the process that first uses it. A long-running server therefore draws them in a short-lived child
process (`isolate_charts=True`), so that memory is returned as soon as the report is written.

Text is set in DejaVu Sans when the font is on disk (Debian's fonts-dejavu-core), so any script
DejaVu covers prints as typed; otherwise in the PDF core font Helvetica, with characters it cannot
show replaced by "?". The same data gives the same bytes (the creation date is the export's).

Right-to-left text (Hebrew, Arabic, mixed with Latin and digits) goes through fpdf2's text shaping:
its Unicode bidi algorithm puts each line in visual order and HarfBuzz (`uharfbuzz`) joins Arabic
letters. Shaping every text took a year's report of 391 entries from 2.2 to 6.7 s and from 0.30
to 0.74 MB, so only the texts that need it are shaped: those holding right-to-left letters, Lao or
bidi control characters (`needs_shaping`); a report without them is the same file as unshaped. An entry paragraph whose first strong letter is
right-to-left is set flush right; a name or word set inside our own (left-to-right) lines is a
first-strong isolate (`isolate`), so its neighbours keep their places.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from attune import messages
from attune.domain.entries import CONNECTION_LABELS, ENERGY_LABELS, VALENCE_LABELS
from attune.domain.exports import (
    ExportAssessment,
    ExportData,
    ExportEntry,
    ExportOptions,
    readable,
)

from . import report
from .pdf_layout import ACCENT, MARGIN, SOFT, TILE, Layout
from .pdf_media import (
    isolate,
    render_chart,
    render_charts,
)
from .registry import register_exporter

if TYPE_CHECKING:
    from .report_charts import ReportChart

CHART_WIDTH_PX = 600
MAX_PDF_ENTRIES = 500  # entries printed, the newest: a bounded time (about 5 s) for any journal
Progress = Callable[[float, str], None]
log = logging.getLogger(__name__)


class _Report(Layout):
    """One report being laid out: the sections, in order, on the layout's pages."""

    def __init__(
        self, data: ExportData, progress: Progress | None = None, isolate_charts: bool = False
    ) -> None:
        super().__init__(data)
        self.data = readable(data)  # bidi overrides in what members wrote: shown, not obeyed
        self.progress = progress or (lambda fraction, text: None)
        self.isolate_charts = isolate_charts
        self.pngs: dict[int, bytes] = {}  # id(ReportChart) -> its PNG, drawn in one batch

    # --- page furniture ----------------------------------------------------------------------
    def header(self) -> None:
        if self.pdf.page_no() == 1:
            return
        self.font(8, colour=SOFT)
        member = isolate(self.data.member)
        line = f"{messages.REPORT_TITLE} · {member} · {report.period(self.data)}"
        self.cell(self.width, 5, line, new_x="LMARGIN", new_y="NEXT")
        self.rule()
        self.pdf.ln(5)

    def footer(self) -> None:
        self.pdf.set_y(-14)
        self.rule()
        self.pdf.ln(1.5)
        self.font(8, colour=SOFT)
        self.cell(self.width * 0.8, 5, messages.REPORT_FOOTER)
        page = messages.REPORT_PAGE.format(n=self.pdf.page_no(), total="{nb}")
        self.cell(self.width * 0.2, 5, page, align="R")

    # --- sections ----------------------------------------------------------------------------
    def cover(self, chart: ReportChart | None) -> None:
        d, s, pdf = self.data, self.data.summary, self.pdf
        pdf.add_page()
        self.para(messages.REPORT_TITLE.upper(), size=9, style="B", colour=ACCENT)
        pdf.ln(2)
        self.para(d.member, size=24, style="B", height=11)
        self.para(report.period(d), size=13, colour=SOFT, height=7)
        pdf.ln(1)
        exported = messages.REPORT_EXPORTED.format(when=report.when(d.exported_at))
        self.para(f"{exported} · {messages.REPORT_SCOPES[d.scope.value]}", size=9, colour=SOFT)
        pdf.ln(6)
        self.tiles(report.figures(s))
        if s.top_feelings:
            pdf.ln(4)
            self.para(messages.REPORT_TOP_FEELINGS, size=10, style="B")
            top = ", ".join(f"{isolate(w)} ({n})" for w, n in s.top_feelings)
            self.para(top, size=10.5, height=6)
        latest = report.latest_scores(d)
        if latest:
            pdf.ln(4)
            self.para(messages.REPORT_LATEST_SCORES, size=10, style="B")
            for a in latest:
                flag = (
                    f" — {a.questionnaire.threshold_note}"
                    if a.questionnaire.flagged(a.score)
                    else ""
                )
                self.para(report.score_line(a) + flag, size=10.5, height=6)
        if chart is not None:
            pdf.ln(6)
            self.image(chart)
        pdf.ln(4)
        self.rule()
        pdf.ln(3)
        self.para(
            messages.REPORT_ABOUT.format(n=s.checkins, entries=len(d.entries)),
            size=9,
            colour=SOFT,
            height=4.6,
        )

    def tiles(self, figures: list[tuple[str, str]]) -> None:
        """The key figures as a row of shaded tiles (label above, value below)."""
        pdf = self.pdf
        gap, per_row = 3.0, 3
        w = (self.width - gap * (per_row - 1)) / per_row
        for start in range(0, len(figures), per_row):
            y = pdf.get_y()
            for i, (label, value) in enumerate(figures[start : start + per_row]):
                x = MARGIN + i * (w + gap)
                pdf.set_fill_color(*TILE)
                pdf.rect(x, y, w, 20, style="F")
                pdf.set_xy(x + 3, y + 3)
                self.font(8, colour=SOFT)
                self.cell(w - 6, 4, label)
                pdf.set_xy(x + 3, y + 9)
                self.font(15 if len(value) < 14 else 11, "B")
                self.cell(w - 6, 8, value, style="B")
            pdf.set_xy(MARGIN, y + 20 + gap)

    def section(self, title: str, room: float) -> None:
        """A section starts where the last one ended when `room` mm (its heading and first
        item) fit there, else on a new page: a page is never given to one chart or one table."""
        if self.pdf.will_page_break(room + 14):
            self.pdf.add_page()
        else:
            self.pdf.ln(6)
        self.heading(title)

    def charts(self, items: list[ReportChart], title: str) -> None:
        if not items:
            return
        self.section(title, 80)
        for item in items:
            self.image(item)

    def image(self, item: ReportChart) -> None:
        from PIL import Image

        png = self.pngs.get(id(item)) or render_chart(item.chart)
        with Image.open(io.BytesIO(png)) as img:
            w_px, h_px = img.size
        w = min(self.width, w_px / 2 * 0.2646)  # px at scale 2 → mm at 96 dpi, never wider
        h = w * h_px / w_px
        text_h = 10 if item.alt_text else 0
        if self.pdf.will_page_break(h + text_h + 4):
            self.pdf.add_page()
        self.pdf.image(io.BytesIO(png), x=MARGIN, w=w, h=h)
        if item.alt_text:
            self.pdf.ln(1)
            self.para(item.alt_text, size=8.5, colour=SOFT, height=4.2)
        self.pdf.ln(5)

    def assessments(self) -> None:
        if not self.data.assessments:
            return
        self.section(messages.REPORT_SCORES, 50)
        for a in sorted(self.data.assessments, key=lambda x: (x.kind, x.taken_at)):
            self.assessment(a)

    def assessment(self, a: ExportAssessment) -> None:
        q, pdf = a.questionnaire, self.pdf
        if pdf.will_page_break(14 + 7 * len(q.items)):
            pdf.add_page()
        self.para(report.score_line(a), size=11, style="B", height=6)
        pdf.ln(1)
        self.font(9)
        rows = [[self.clean(x) for x in messages.REPORT_ITEM_HEADINGS]]
        rows += [
            [self.clean(item.text), self.clean(item.options[answer]), str(answer)]
            for item, answer in zip(q.items, a.answers, strict=True)
        ]
        self.shape(*(text for row in rows for text in row))  # the table sets its cells on exit
        with pdf.table(
            col_widths=(62, 30, 8),
            text_align=("LEFT", "LEFT", "RIGHT"),
            line_height=4.6,
            padding=1.2,
            first_row_as_headings=True,
            borders_layout="HORIZONTAL_LINES",
            width=self.width,
        ) as table:
            for row in rows:
                table.row(row)
        pdf.ln(1)
        self.para(q.threshold_note, size=8, style="I", colour=SOFT, height=4)
        pdf.ln(4)

    def excerpts(self) -> None:
        entries = self.data.entries  # oldest first
        if not entries:  # an empty section is left out (the cover counts the entries)
            return
        self.section(messages.REPORT_ENTRIES, 40)
        shown = entries[-MAX_PDF_ENTRIES:]
        if len(shown) < len(entries):
            more = len(entries) - len(shown)
            line = messages.REPORT_ENTRIES_CAPPED.format(
                shown=len(shown), total=len(entries), more=more
            )
            self.para(line, size=9.5, style="I", colour=ACCENT, height=5)
            self.pdf.ln(3)
        for n, e in enumerate(shown):
            if n % 50 == 0:
                self.progress(0.7 + 0.25 * n / len(shown), messages.REPORT_PROGRESS_PAGES)
            self.excerpt(e)

    def excerpt(self, e: ExportEntry) -> None:
        pdf = self.pdf
        if pdf.will_page_break(22):
            pdf.add_page()
        who = self.data.shared_by(e)
        title = report.when(e.occurred_at)
        self.para(title, size=10.5, style="B", height=5.5)
        if who:
            line = messages.SHARE_SHARED_BY.format(name=isolate(who))
            self.para(line[:1].upper() + line[1:], size=9, style="I", colour=ACCENT)
        moods = [
            f"{messages.REPORT_PLEASANTNESS} {e.valence} ({VALENCE_LABELS[e.valence]})",
            f"{messages.REPORT_ENERGY} {e.energy} ({ENERGY_LABELS[e.energy]})",
        ]
        if e.connection is not None:
            moods.append(
                f"{messages.REPORT_CONNECTION} {e.connection} ({CONNECTION_LABELS[e.connection]})"
            )
        self.para(" · ".join(moods), size=8.5, colour=SOFT, height=4.4)
        words = [isolate(w) for w in (*e.feelings, *(f"#{t}" for t in e.tags))]
        if words:
            self.para(", ".join(words), size=8.5, colour=SOFT, height=4.4)
        if e.body:
            pdf.ln(1.5)
            self.para(e.body, size=10, height=5.2, flush=True)
        pdf.ln(3)
        self.rule()
        pdf.ln(4)

    def build(self) -> bytes:
        from .report_charts import score_charts, trend_charts

        self.progress(0.05, messages.REPORT_PROGRESS_CHARTS)
        trends = trend_charts(self.data, width=CHART_WIDTH_PX)
        scores = score_charts(self.data, width=CHART_WIDTH_PX)
        every = [*trends, *scores]
        if every:
            self.progress(0.2, messages.REPORT_PROGRESS_DRAWING.format(n=len(every)))
            specs = [item.chart.to_json() for item in every]
            pngs = render_charts(specs, isolate=self.isolate_charts)
            self.pngs = {id(item): png for item, png in zip(every, pngs, strict=True)}
        self.progress(0.7, messages.REPORT_PROGRESS_PAGES)
        mood = next((c for c in trends if c.key == "mood"), None)
        self.cover(mood)
        self.charts([c for c in trends if c is not mood], messages.REPORT_TRENDS)
        self.charts(scores, messages.REPORT_SCORE_TRENDS)
        self.assessments()
        self.excerpts()
        return bytes(self.pdf.output())


def dumps(
    data: ExportData, progress: Progress | None = None, isolate_charts: bool = False
) -> bytes:
    """The report's bytes; `progress(fraction, text)` hears of each step."""
    return _Report(data, progress, isolate_charts).build()


@register_exporter
class PdfExporter:
    names = ("pdf",)
    label = "PDF report"
    extension = "pdf"
    mime_type = "application/pdf"

    def export(self, data: ExportData, options: ExportOptions) -> bytes:
        return dumps(data)
