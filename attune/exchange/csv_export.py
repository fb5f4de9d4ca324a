"""CSV: one row per entry, for a spreadsheet. UTF-8 with a byte-order mark (so spreadsheets pick
the right encoding), CRLF line ends, fields quoted when they hold a comma, quote or line break.

Formula injection: a spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or
`@` — some also after a tab or carriage return, after leading spaces, or with the full-width forms
`＝ ＋ － ＠`. Every such cell is written with a leading apostrophe (`'=1+1`), which spreadsheets
show as text. Only text cells can start that way; numbers and times never do.
"""

from __future__ import annotations

import csv
import io

from attune import messages

from .model import ExportData, ExportEntry, ExportError, ExportOptions, Scope
from .registry import register_exporter

COLUMNS = (
    "uid", "author", "occurred_at", "valence", "energy", "connection", "feelings", "tags",
    "visibility", "share_with_therapist", "prompt_id", "reading_id", "body",
)  # fmt: skip
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
LIST_SEP = "; "


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    first = cell[:1]
    lead = cell.lstrip(" \u3000\n\u00a0")[:1]
    if first in FORMULA_STARTS or lead in FORMULA_STARTS:
        return "'" + cell
    return cell


def row(e: ExportEntry) -> list[str]:
    cells = [
        e.uid, e.author, e.occurred_at.isoformat(), str(e.valence), str(e.energy),
        "" if e.connection is None else str(e.connection), LIST_SEP.join(e.feelings),
        LIST_SEP.join(e.tags), e.visibility.value, "yes" if e.share_with_therapist else "no",
        e.prompt_id or "", e.reading_id or "", e.body,
    ]  # fmt: skip
    return [neutralise(c) for c in cells]


def dumps(data: ExportData) -> bytes:
    if data.scope is Scope.SUMMARY:
        raise ExportError(messages.EXPORT_CSV_SUMMARY)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(e) for e in data.entries)
    return out.getvalue().encode("utf-8-sig")


@register_exporter
class CsvExporter:
    names = ("csv",)
    label = "CSV spreadsheet"
    extension = "csv"
    mime_type = "text/csv"

    def export(self, data: ExportData, options: ExportOptions) -> bytes:
        return dumps(data)
