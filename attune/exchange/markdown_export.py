"""Markdown: the same summary-first report as the PDF, as a text file.

User text can never become markup here: names, tags and feeling words are escaped with
`escape_markdown`, and each entry's body sits in a fenced `text` block whose fence is longer than
any run of tildes in it, so a viewer shows it literally (no HTML, links or images can form).
Control characters and bidi overrides are written out (`readable`): a terminal does not obey them.
"""

from __future__ import annotations

import re

from attune import messages
from attune.domain.entries import CONNECTION_LABELS, ENERGY_LABELS, VALENCE_LABELS
from attune.domain.exports import ExportData, ExportEntry, ExportOptions, readable
from attune.domain.text import escape_markdown as esc

from . import report
from .registry import register_exporter

_TILDES = re.compile(r"~+")


def fence(body: str) -> str:
    longest = max((len(m) for m in _TILDES.findall(body)), default=0)
    mark = "~" * max(3, longest + 1)
    return f"{mark}text\n{body}\n{mark}"


def _entry(data: ExportData, e: ExportEntry) -> list[str]:
    lines = [f"### {report.when(e.occurred_at)}", ""]
    who = data.shared_by(e)
    if who:
        lines += [f"*{messages.SHARE_SHARED_BY.format(name=esc(who))}*", ""]
    moods = [
        f"{messages.REPORT_PLEASANTNESS}: {e.valence} ({VALENCE_LABELS[e.valence]})",
        f"{messages.REPORT_ENERGY}: {e.energy} ({ENERGY_LABELS[e.energy]})",
    ]
    if e.connection is not None:
        moods.append(
            f"{messages.REPORT_CONNECTION}: {e.connection} ({CONNECTION_LABELS[e.connection]})"
        )
    lines.append("- " + " · ".join(moods))
    if e.feelings:
        lines.append(f"- {messages.REPORT_FEELINGS}: {', '.join(esc(f) for f in e.feelings)}")
    if e.tags:
        lines.append(f"- {messages.REPORT_TAGS}: {', '.join(esc(t) for t in e.tags)}")
    lines.append("")
    if e.body:
        lines += [fence(e.body), ""]
    return lines


def dumps(data: ExportData) -> bytes:
    data = readable(data)  # controls and bidi overrides shown written out, not obeyed
    s = data.summary
    out = [f"# {messages.REPORT_TITLE}", ""]
    out += [f"**{esc(data.member)}** · {report.period(data)}", ""]
    out += [
        f"{messages.REPORT_EXPORTED.format(when=report.when(data.exported_at))} · "
        f"{messages.REPORT_SCOPES[data.scope.value]}",
        "",
    ]
    out += [f"## {messages.REPORT_SUMMARY}", ""]
    out += [f"- {label}: {value}" for label, value in report.figures(s)]
    if s.top_feelings:
        words = ", ".join(f"{esc(w)} ({n})" for w, n in s.top_feelings)
        out.append(f"- {messages.REPORT_TOP_FEELINGS}: {words}")
    out.append("")
    out += [f"## {messages.REPORT_SCORES}", ""]
    if not data.assessments:
        out += [messages.REPORT_NO_SCORES, ""]
    for a in data.assessments:
        q = a.questionnaire
        out += [f"### {report.score_line(a)}", ""]
        for i, (item, answer) in enumerate(zip(q.items, a.answers, strict=True), start=1):
            out.append(f"{i}. {item.text} — **{item.options[answer]}** ({answer})")
        out += ["", f"*{q.threshold_note}*", ""]
    out += [f"## {messages.REPORT_ENTRIES}", ""]
    if not data.entries:
        out += [messages.REPORT_NO_ENTRIES, ""]
    for e in data.entries:
        out += _entry(data, e)
    out += ["---", "", messages.REPORT_FOOTER, ""]
    return "\n".join(out).encode("utf-8")


@register_exporter
class MarkdownExporter:
    names = ("md", "markdown")
    label = "Markdown"
    extension = "md"
    mime_type = "text/markdown"

    def export(self, data: ExportData, options: ExportOptions) -> bytes:
        return dumps(data)
