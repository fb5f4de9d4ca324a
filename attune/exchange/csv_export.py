"""Attune CSV: one row per entry, for a spreadsheet — written by Share / `export --format csv`,
and read back by the importer below, so a journal can be edited in a spreadsheet and imported.

UTF-8 with a byte-order mark (so spreadsheets pick the right encoding), CRLF line ends, fields
quoted when they hold a comma, quote or line break. Columns: `COLUMNS`; feeling words and tags
are joined with "; " (a `;` inside a word is written `;;`).

Formula injection: a spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or
`@` — some also after a tab or carriage return, after leading spaces, or with the full-width forms
`＝ ＋ － ＠`. Every such cell is written with a leading apostrophe (`'=1+1`), which spreadsheets
show as text. So that reading it back is exact, a cell whose apostrophes already lead to such a
start gets one more (`'=x` is written `''=x`); the importer takes exactly one apostrophe off a cell
when what follows it would have been given one (`unneutralise`).

Terminal controls and bidi overrides (an ESC sequence, U+202E) are written out as `\u001b`,
`\u202e` (`show_controls`), so `cat` or a spreadsheet shows them instead of obeying them; the
importer reads them back exactly (`unshow_controls`).

Reading: the header must be exactly `COLUMNS`. Each row keeps its uid (a blank uid gets one made
from the row's content), so importing the same file again adds nothing; rows come in as the
importing member's private entries, like every import. A time without an offset (a spreadsheet
may rewrite it) is read in the chosen time zone. A row that breaks a rule is skipped, with the
reason; a file that is not this CSV is refused with one line.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import UTC, datetime

from attune import messages
from attune.domain.entries import EntryDraft, EntryError, Visibility
from attune.domain.exports import ExportData, ExportEntry, ExportError, ExportOptions, Scope
from attune.domain.text import show_controls, unshow_controls

from . import safe_parse as sp
from .registry import (
    ImportedEntry,
    ImportFailed,
    ImportOptions,
    ImportPreview,
    Skipped,
    build_preview,
    content_key,
    register_exporter,
    register_importer,
    stable_uid,
)

COLUMNS = (
    "uid",
    "author",
    "occurred_at",
    "valence",
    "energy",
    "connection",
    "feelings",
    "tags",
    "visibility",
    "share_with_therapist",
    "prompt_id",
    "reading_id",
    "body",
)
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
LIST_SEP = "; "
_LEAD_SPACE = " \u3000\n\u00a0"
_COL = {name: i for i, name in enumerate(COLUMNS)}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_YES = {"yes": True, "no": False}
MAX_ID_CHARS = 64
SNIFF_BYTES = 4096


# --- writing ---------------------------------------------------------------------------------------
def _formula_like(cell: str) -> bool:
    return cell[:1] in FORMULA_STARTS or cell.lstrip(_LEAD_SPACE)[:1] in FORMULA_STARTS


def needs_apostrophe(cell: str) -> bool:
    """Whether the export writes this cell with a leading apostrophe: it could be read as a
    formula, or its leading apostrophes are followed by something that could."""
    return _formula_like(cell.lstrip("'")) if cell[:1] == "'" else _formula_like(cell)


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate (and `unneutralise` reads back)."""
    return "'" + cell if needs_apostrophe(cell) else cell


def unneutralise(cell: str) -> str:
    """The exact inverse of `neutralise`: one apostrophe off, only where neutralise put one."""
    if cell[:1] == "'" and needs_apostrophe(cell[1:]):
        return cell[1:]
    return cell


def join_words(words: tuple[str, ...]) -> str:
    return LIST_SEP.join(w.replace(";", ";;") for w in words)


def split_words(cell: str) -> list[str]:
    """The words of a feelings or tags cell: a single `;` separates, `;;` is a `;` inside a word
    (a person typing `work;evening` in a spreadsheet means two tags)."""
    if ";;" not in cell:
        return [w for w in (part.strip() for part in cell.split(";")) if w]
    words: list[str] = []
    current: list[str] = []
    for piece in re.findall(r";;|;|[^;]+", cell):
        if piece == ";":
            words.append("".join(current))
            current = []
        else:
            current.append(";" if piece == ";;" else piece)
    words.append("".join(current))
    return [w for w in (word.strip() for word in words) if w]


_SUSPECT = FORMULA_STARTS | {"'"} | set(_LEAD_SPACE)  # what a cell neutralise changes starts with


def _nothing_to_show(cell: str) -> bool:
    """Whether `show_controls` leaves this cell as it is: no backslash, and no character but
    printable ones, tabs and line feeds (every control and bidi override it writes out is
    unprintable). Most cells, so most skip its regular expression."""
    if "\\" in cell:
        return False
    return cell.isprintable() or cell.replace("\n", " ").replace("\t", " ").isprintable()


def cell(text: str) -> str:
    """`neutralise(show_controls(text))`: what the export writes for a cell."""
    if not _nothing_to_show(text):
        text = show_controls(text)
    return neutralise(text) if text[:1] in _SUSPECT else text


def row(e: ExportEntry) -> list[str]:
    cells = [
        e.uid,
        e.author,
        e.occurred_at.isoformat(),
        str(e.valence),
        str(e.energy),
        "" if e.connection is None else str(e.connection),
        join_words(e.feelings),
        join_words(e.tags),
        e.visibility.value,
        "yes" if e.share_with_therapist else "no",
        e.prompt_id or "",
        e.reading_id or "",
        e.body,
    ]
    return [cell(c) for c in cells]


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


# --- reading ---------------------------------------------------------------------------------------
def _header(cells: list[str]) -> tuple[str, ...]:
    return tuple(c.strip().strip('"').strip().lower() for c in cells)


def looks_like(data: bytes) -> bool:
    lines = sp.head_text(data, SNIFF_BYTES).splitlines()[:1]
    return bool(lines) and _header(lines[0].split(",")) == COLUMNS


def _read_cell(cell: str) -> str:
    """What the author wrote in a cell: `neutralise` and `show_controls` undone (the latter
    only where there is a backslash: nothing else is written out)."""
    if cell[:1] == "'":
        cell = unneutralise(cell)
    return unshow_controls(cell) if "\\" in cell else cell


def _int(cell: str, field: str) -> int:
    """A whole number as the export writes it (`clean` then checks its range)."""
    cell = cell.strip()
    if not 0 < len(cell) <= 3 or not cell.isascii() or not cell.isdigit():
        raise sp.SkipEntry(messages.IMPORT_SKIP_FIELD.format(field=field))
    return int(cell)


def _id(cell: str, field: str) -> str | None:
    """A prompt or reading id as written (blank: none)."""
    if len(cell) > MAX_ID_CHARS:
        raise sp.SkipEntry(messages.IMPORT_SKIP_FIELD.format(field=field))
    return cell or None


def _uid(cell: str) -> str | None:
    """The row's uid in canonical form, None when blank, SkipEntry when it is no uuid."""
    cell = cell.strip()
    if not cell or _UUID.fullmatch(cell):
        return cell or None
    try:
        if len(cell) > 45:
            raise ValueError
        return str(uuid.UUID(cell))
    except ValueError:
        raise sp.SkipEntry(messages.IMPORT_SKIP_FIELD.format(field="uid")) from None


def _clean(draft: EntryDraft) -> EntryDraft:
    try:
        return draft.clean()
    except EntryError as exc:
        raise sp.SkipEntry(str(exc)) from None


@register_importer
class AttuneCsvImporter:
    name = "attune-csv"
    label = "Attune CSV"
    extensions = ("csv",)

    def sniff(self, data: bytes, filename: str) -> bool:
        return looks_like(data)

    def parse(self, data: bytes, filename: str, options: ImportOptions) -> ImportPreview:
        text = sp.decode_text(data)
        reader = csv.reader(io.StringIO(text, newline=""))
        entries: list[tuple[str, ImportedEntry]] = []
        skipped: list[Skipped] = []
        made_uids = 0
        try:
            if _header(next(reader, [])) != COLUMNS:
                raise ImportFailed(messages.IMPORT_NOT_FORMAT.format(label=self.label))
            for cells in reader:
                if not cells or cells == [""]:
                    continue
                where = messages.IMPORT_WHERE_LINE.format(n=reader.line_num)
                try:
                    item, made = self._entry(cells, options)
                except sp.SkipEntry as skip:
                    skipped.append(Skipped(where, str(skip)))
                    continue
                made_uids += made
                entries.append((where, item))
        except csv.Error as exc:
            raise sp.csv_failed(exc, reader.line_num) from None
        del text
        notes = [messages.IMPORT_NOTE_ATTUNE_UIDS]
        if made_uids:
            notes.append(messages.IMPORT_NOTE_CSV_NEW_UIDS.format(n=made_uids))
        notes.append(messages.IMPORT_NOTE_TZ.format(tz=options.tz))
        return build_preview(self.name, data, entries, skipped, notes=notes)

    def _entry(self, cells: list[str], options: ImportOptions) -> tuple[ImportedEntry, bool]:
        if len(cells) != len(COLUMNS):
            raise sp.SkipEntry(messages.IMPORT_SKIP_COLUMNS.format(n=len(COLUMNS)))
        cells = [_read_cell(c) for c in cells]
        stamp = cells[_COL["occurred_at"]].strip()
        try:
            if len(stamp) > 40:
                raise ValueError
            when = datetime.fromisoformat(stamp)
        except ValueError:
            raise sp.SkipEntry(messages.IMPORT_SKIP_DATE) from None
        if when.tzinfo is None or when.utcoffset() is None:
            when = when.replace(tzinfo=options.tz)
        try:  # any year Attune can store (its own export may hold old ones), as Attune JSON
            when.astimezone(UTC)
        except (OverflowError, ValueError):
            raise sp.SkipEntry(messages.IMPORT_SKIP_DATE) from None
        share = _YES.get(cells[_COL["share_with_therapist"]].strip().lower())
        if share is None:
            raise sp.SkipEntry(messages.IMPORT_SKIP_FIELD.format(field="share_with_therapist"))
        connection = cells[_COL["connection"]]
        draft = _clean(
            EntryDraft(
                occurred_at=when,
                valence=_int(cells[_COL["valence"]], "valence"),
                energy=_int(cells[_COL["energy"]], "energy"),
                connection=_int(connection, "connection") if connection.strip() else None,
                feelings=tuple(split_words(cells[_COL["feelings"]])),
                tags=tuple(split_words(cells[_COL["tags"]])),
                body=cells[_COL["body"]],
                prompt_id=_id(cells[_COL["prompt_id"]], "prompt_id"),
                reading_id=_id(cells[_COL["reading_id"]], "reading_id"),
                visibility=Visibility.PRIVATE,
                share_with_therapist=share,
            )
        )
        uid = _uid(cells[_COL["uid"]])
        if uid is not None:
            return ImportedEntry(key=uid, draft=draft, uid=uid), False
        key = content_key(
            when.isoformat(),
            str(draft.valence),
            str(draft.energy),
            str(draft.connection),
            "\x1e".join(draft.feelings),
            "\x1e".join(draft.tags),
            draft.body,
        )
        return ImportedEntry(key=key, draft=draft, uid=stable_uid(self.name, key)), True
