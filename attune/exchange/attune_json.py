"""Attune JSON: the versioned, documented export (docs/attune-json.md), its exporter and importer.

`dumps(data)` writes an `ExportData`; `parse_document(bytes)` reads one back strictly — the shared
safe parsing (size cap, UTF-8, duplicate keys, NaN, depth), then every field checked against the
schema, every entry against Attune's own rules, every score against its answers — or raises
`ImportFailed` with one line that names the field, never its value. Unknown fields are refused:
a newer Attune writes a newer `version`.

The importer keeps each entry's `uid`, so importing the same file again adds nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from pydantic import ValidationError

from attune import messages
from attune.domain.assessments import QUESTIONNAIRES, AssessmentError
from attune.domain.entries import EntryDraft, EntryError, Visibility, clean_member_name
from attune.domain.exports import (
    FORMAT,
    VERSION,
    Checkin,
    ExportAssessment,
    ExportData,
    ExportEntry,
    ExportOptions,
    Scope,
)

from . import attune_json_schema as schema
from . import safe_parse as sp
from .registry import (
    ImportedEntry,
    ImportFailed,
    ImportOptions,
    ImportPreview,
    build_preview,
    collection_paused,
    register_exporter,
    register_importer,
)

READ_VERSIONS = (1, VERSION)  # version 1: the same, without `signature`
_SNIFF = re.compile(r'^\s*\{\s*"format"\s*:\s*"attune"')


# --- writing ---------------------------------------------------------------------------------------
def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def entry_doc(e: ExportEntry) -> dict[str, Any]:
    return {
        "uid": e.uid,
        "author": e.author,
        "occurred_at": e.occurred_at.isoformat(),
        "valence": e.valence,
        "energy": e.energy,
        "connection": e.connection,
        "feelings": list(e.feelings),
        "tags": list(e.tags),
        "visibility": e.visibility.value,
        "share_with_therapist": e.share_with_therapist,
        "prompt_id": e.prompt_id,
        "reading_id": e.reading_id,
        "body": e.body,
    }


def _head(data: ExportData) -> dict[str, Any]:
    """The document's fields before its rows (checkins, assessments, entries), in order."""
    s = data.summary
    return {
        "format": data.format,
        "version": data.version,
        "exported_at": data.exported_at.isoformat(),
        "client_id": data.client_id,
        "member": data.member,
        "scope": data.scope.value,
        "signature": (
            {"algorithm": "Ed25519", "public_key": data.public_key, "value": data.signature}
            if data.public_key
            else None
        ),
        "range": {"from": _day(data.start), "to": _day(data.end)},
        "summary": {
            "checkins": s.checkins,
            "days": s.days,
            "first": _day(s.first),
            "last": _day(s.last),
            "valence_min": s.valence_min,
            "valence_mean": s.valence_mean,
            "valence_max": s.valence_max,
            "energy_mean": s.energy_mean,
            "connection_mean": s.connection_mean,
            "top_feelings": [{"feeling": w, "count": n} for w, n in s.top_feelings],
        },
    }


def checkin_doc(c: Checkin) -> dict[str, Any]:
    return {
        "occurred_at": c.occurred_at.isoformat(),
        "valence": c.valence,
        "energy": c.energy,
        "connection": c.connection,
        "feelings": list(c.feelings),
    }


def assessment_doc(a: ExportAssessment) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "taken_at": a.taken_at.isoformat(),
        "answers": list(a.answers),
        "score": a.score,
    }


def to_document(data: ExportData) -> dict[str, Any]:
    return {
        **_head(data),
        "checkins": [checkin_doc(c) for c in data.checkins],
        "assessments": [assessment_doc(a) for a in data.assessments],
        "entries": [entry_doc(e) for e in data.entries],
    }


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
_STR = json.encoder.encode_basestring  # a string as _ONE_LINE writes it (ensure_ascii=False)


def _words(words: tuple[str, ...]) -> str:
    return "[" + ", ".join(map(_STR, words)) + "]"


def _id(value: str | None) -> str:
    return "null" if value is None else _STR(value)


def _plain(*numbers: object) -> bool:
    """Whether these scales are plain ints (or None), which `str` writes as JSON does."""
    return all(n is None or type(n) is int for n in numbers)


def entry_line(e: ExportEntry) -> str:
    """`_ONE_LINE.encode(entry_doc(e))`, without the dict: an export writes 100,000 of these."""
    if not (_plain(e.valence, e.energy, e.connection) and type(e.share_with_therapist) is bool):
        return _ONE_LINE.encode(entry_doc(e))
    connection = "null" if e.connection is None else e.connection
    share = "true" if e.share_with_therapist else "false"
    return (
        f'{{"uid": {_STR(e.uid)}, "author": {_STR(e.author)}, '
        f'"occurred_at": "{e.occurred_at.isoformat()}", "valence": {e.valence}, '
        f'"energy": {e.energy}, "connection": {connection}, "feelings": {_words(e.feelings)}, '
        f'"tags": {_words(e.tags)}, "visibility": {_STR(e.visibility.value)}, '
        f'"share_with_therapist": {share}, "prompt_id": {_id(e.prompt_id)}, '
        f'"reading_id": {_id(e.reading_id)}, "body": {_STR(e.body)}}}'
    )


def checkin_line(c: Checkin) -> str:
    """`_ONE_LINE.encode(checkin_doc(c))`, without the dict."""
    if not _plain(c.valence, c.energy, c.connection):
        return _ONE_LINE.encode(checkin_doc(c))
    connection = "null" if c.connection is None else c.connection
    return (
        f'{{"occurred_at": "{c.occurred_at.isoformat()}", "valence": {c.valence}, '
        f'"energy": {c.energy}, "connection": {connection}, "feelings": {_words(c.feelings)}}}'
    )


def _rows(lines: list[str]) -> str:
    """An array written one item per line (indented as a field of the document)."""
    return "[\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "[]"


def _tail(data: ExportData) -> bytes:
    """The document from its rows to its end: what a signature does not change."""
    assessments = json.dumps(
        [assessment_doc(a) for a in data.assessments], ensure_ascii=False, indent=2, allow_nan=False
    ).replace("\n", "\n  ")
    parts = (
        f',\n  "checkins": {_rows([checkin_line(c) for c in data.checkins])}',
        f',\n  "assessments": {assessments}',
        f',\n  "entries": {_rows([entry_line(e) for e in data.entries])}',
        "\n}\n",
    )
    return "".join(parts).encode("utf-8")


def _head_bytes(data: ExportData) -> bytes:
    head = json.dumps(_head(data), ensure_ascii=False, indent=2, allow_nan=False)
    return head[: head.rfind("}")].rstrip().encode("utf-8")


def dumps(data: ExportData) -> bytes:
    """UTF-8 JSON, keys in the documented order, non-ASCII kept as is: two-space indented, except
    that each check-in and each entry is one line (a 100,000-entry backup stays a third smaller).
    An export to be signed where it is written (`data.signer`, attune.exchange.signature) is
    signed here, over these very bytes with the signature empty: its rows are written once."""
    tail = _tail(data)
    if data.signer is not None:
        unsigned = replace(data, signature="", signer=None)
        value = data.signer.sign(_head_bytes(unsigned) + tail)
        data = replace(unsigned, signature=value)
    return _head_bytes(data) + tail


# --- reading ---------------------------------------------------------------------------------------
#: Entries are validated this many at a time, each batch let go of once read (a backup of
#: 100,000 entries would otherwise hold the parsed JSON and what was read from it at once).
_BATCH = 5_000


def looks_like(data: bytes) -> bool:
    return bool(_SNIFF.match(sp.head_text(data, 256)))


def parse_document(data: bytes) -> ExportData:
    """Read an Attune JSON export strictly; ImportFailed (one safe line) on any problem."""
    return _read(data)[0]


def _read(data: bytes) -> tuple[ExportData, list[EntryDraft]]:
    """The export, and each entry as the private draft an import stores (checked clean)."""
    with collection_paused():  # the parsed JSON is millions of dicts and lists, no cycle
        return _parse(sp.load_json(data))


def _parse(doc: Any) -> tuple[ExportData, list[EntryDraft]]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportFailed(messages.ATTUNE_JSON_NOT)
    version = doc.get("version")
    if version not in READ_VERSIONS or type(version) is not int:
        shown = version if type(version) is int else "?"
        raise ImportFailed(messages.ATTUNE_JSON_VERSION.format(version=shown, ours=VERSION))
    if version >= 2 and "signature" not in doc:
        raise ImportFailed(messages.ATTUNE_JSON_FIELD.format(where="signature"))
    if version < 2 and "signature" in doc:
        raise ImportFailed(messages.ATTUNE_JSON_UNKNOWN.format(where="the file"))
    raw_entries = doc.get("entries")
    if isinstance(raw_entries, list):
        doc["entries"] = []  # read in batches below
    try:
        head = schema.DocumentModel.model_validate(doc)
    except ValidationError as exc:
        raise ImportFailed(schema.one_line(exc)) from None
    try:
        clean_member_name(head.member)
    except EntryError:
        raise ImportFailed(messages.ATTUNE_JSON_FIELD.format(where="member")) from None
    assert isinstance(raw_entries, list)  # the model refused anything else
    entries, drafts = _entries(raw_entries)
    return ExportData(
        exported_at=head.exported_at,  # type: ignore[arg-type]  # a datetime once validated
        client_id=head.client_id,
        member=head.member,
        start=head.range.from_,  # type: ignore[arg-type]  # a date once validated
        end=head.range.to,  # type: ignore[arg-type]
        scope=Scope(head.scope),
        summary=head.summary.to_summary(),
        checkins=tuple(map(schema.to_checkin, head.checkins)),
        entries=entries,
        assessments=tuple(_scored(a, i) for i, a in enumerate(head.assessments)),
        version=version,
        public_key=head.signature.public_key if head.signature else "",
        signature=head.signature.value if head.signature else "",
    ), drafts


def _entries(raw: list[Any]) -> tuple[tuple[ExportEntry, ...], list[EntryDraft]]:
    """Every entry, checked against the schema (a batch at a time) and then against Attune's own
    rules for an entry; no uid twice. With each, the private draft that rule check made."""
    out: list[ExportEntry] = []
    drafts: list[EntryDraft] = []
    names: set[str] = set()  # author names already found valid (a file has few)
    seen: set[str] = set()
    for start in range(0, len(raw), _BATCH):
        batch = raw[start : start + _BATCH]
        raw[start : start + _BATCH] = [None] * len(batch)
        try:
            rows = schema.ENTRIES.validate_python(batch)
        except ValidationError as exc:
            first = exc.errors(include_url=False, include_input=False)[0]["loc"]
            loc = ("entries", start + int(first[0]), *first[1:])
            raise ImportFailed(schema.one_line(exc, loc)) from None
        del batch
        for i, row in enumerate(rows, start):
            entry = schema.to_entry(row)
            drafts.append(_checked(entry, i, names))
            if entry.uid in seen:
                raise ImportFailed(messages.ATTUNE_JSON_REPEATED.format(where=f"entries[{i}]"))
            seen.add(entry.uid)
            out.append(entry)
    return tuple(out), drafts


def _checked(entry: ExportEntry, i: int, names: set[str]) -> EntryDraft:
    """The entry as a private draft, when it is in the clean form Attune itself stores (valid
    author, scales in range, words normalised), else ImportFailed naming it (`entries[i]`).
    Its visibility is any (the file's is one of two, and clean() only checks it is one), so
    the draft an import stores is the one checked."""
    try:
        if entry.author not in names:
            clean_member_name(entry.author)
            names.add(entry.author)
        draft = entry.as_draft(Visibility.PRIVATE).clean()
    except EntryError as exc:
        where = f"entries[{i}]"
        raise ImportFailed(messages.ATTUNE_JSON_ENTRY.format(where=where, reason=exc)) from None
    if draft.feelings != entry.feelings or draft.tags != entry.tags:
        raise ImportFailed(
            messages.ATTUNE_JSON_ENTRY.format(
                where=f"entries[{i}]", reason=messages.ATTUNE_JSON_WORDS
            )
        )
    return draft


def _scored(model: schema.AssessmentModel, i: int) -> ExportAssessment:
    """A questionnaire answer whose score matches its answers."""
    assessment = model.to_assessment()
    try:
        ok = QUESTIONNAIRES[assessment.kind].score(assessment.answers) == assessment.score
    except AssessmentError:
        ok = False
    if not ok:
        raise ImportFailed(messages.ATTUNE_JSON_SCORE.format(where=f"assessments[{i}]"))
    return assessment


def preview_of(
    name: str, data: bytes, doc: ExportData, drafts: Sequence[EntryDraft] | None = None
) -> ImportPreview:
    """An import preview of a parsed export: each entry keeps its uid and comes in private, as
    every import does (entries shared by someone else become the importing member's own).
    `drafts`: those `_read` made of the entries, else they are made here."""
    items = []
    others = 0
    if drafts is None:
        # parse_document checked that each entry is in clean form (`_checked`); only its
        # visibility changes, and any visibility is clean, so a second clean() would change
        # nothing.
        drafts = [e.as_draft(Visibility.PRIVATE) for e in doc.entries]
    for i, (e, draft) in enumerate(zip(doc.entries, drafts, strict=True)):
        others += doc.shared_by(e) is not None
        items.append(
            (messages.IMPORT_WHERE_ENTRY.format(n=i + 1), ImportedEntry(e.uid, draft, e.uid))
        )
    notes = [messages.IMPORT_NOTE_ATTUNE_UIDS]
    if others:
        notes.append(messages.IMPORT_NOTE_ATTUNE_OTHERS.format(n=others))
    if doc.assessments:
        notes.append(messages.IMPORT_NOTE_ATTUNE_SCORES.format(n=len(doc.assessments)))
    return replace(build_preview(name, data, items, (), notes=notes), member=doc.member)


# --- the registry entries -------------------------------------------------------------------------
@register_exporter
class AttuneJsonExporter:
    names = ("json", "attune")
    label = "Attune JSON"
    extension = "json"
    mime_type = "application/json"

    def export(self, data: ExportData, options: ExportOptions) -> bytes:
        return dumps(data)


@register_importer
class AttuneJsonImporter:
    name = "attune"
    label = "Attune JSON"
    extensions = ("json",)

    def sniff(self, data: bytes, filename: str) -> bool:
        return looks_like(data)

    def parse(self, data: bytes, filename: str, options: ImportOptions) -> ImportPreview:
        return preview_of(self.name, data, *_read(data))
