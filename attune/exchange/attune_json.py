"""Attune JSON: the versioned, documented export (docs/attune-json.md), its exporter and importer.

`dumps(data)` writes an `ExportData`; `parse_document(bytes)` reads one back strictly — the shared
safe parsing (size cap, UTF-8, duplicate keys, NaN, depth), then every field checked against the
schema, every entry against Attune's own rules, every score against its answers — or raises
`ImportFailed` with one line that names the field, never its value. Unknown fields are refused:
a newer Attune writes a newer `version`.

The importer keeps each entry's `uid`, so importing the same file again adds nothing.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any

from pydantic import ValidationError

from attune import messages
from attune.domain.assessments import QUESTIONNAIRES, AssessmentError
from attune.domain.entries import EntryError, Visibility, clean_member_name
from attune.domain.exports import (
    FORMAT,
    VERSION,
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


def to_document(data: ExportData) -> dict[str, Any]:
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
        "checkins": [
            {
                "occurred_at": c.occurred_at.isoformat(),
                "valence": c.valence,
                "energy": c.energy,
                "connection": c.connection,
                "feelings": list(c.feelings),
            }
            for c in data.checkins
        ],
        "assessments": [
            {
                "kind": a.kind,
                "taken_at": a.taken_at.isoformat(),
                "answers": list(a.answers),
                "score": a.score,
            }
            for a in data.assessments
        ],
        "entries": [entry_doc(e) for e in data.entries],
    }


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
_TAIL = ("checkins", "assessments", "entries")  # the last fields, in the documented order
_ROWS = frozenset({"checkins", "entries"})  # arrays written one item per line


def dumps(data: ExportData) -> bytes:
    """UTF-8 JSON, keys in the documented order, non-ASCII kept as is: two-space indented, except
    that each check-in and each entry is one line (a 100,000-entry backup stays a third smaller,
    and is written by the C encoder, which `indent` would turn off)."""
    doc = to_document(data)
    tail = {key: doc.pop(key) for key in _TAIL}
    head = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    parts = [head[: head.rfind("}")].rstrip()]
    for key, items in tail.items():
        if key in _ROWS and items:
            lines = ",\n".join("    " + _ONE_LINE.encode(item) for item in items)
            value = f"[\n{lines}\n  ]"
        else:
            value = json.dumps(items, ensure_ascii=False, indent=2, allow_nan=False)
            value = value.replace("\n", "\n  ")
        parts.append(f',\n  "{key}": {value}')
    parts.append("\n}\n")
    return "".join(parts).encode("utf-8")


# --- reading ---------------------------------------------------------------------------------------
#: Entries are validated this many at a time, each batch let go of once read (a backup of
#: 100,000 entries would otherwise hold the parsed JSON and what was read from it at once).
_BATCH = 5_000


def looks_like(data: bytes) -> bool:
    return bool(_SNIFF.match(sp.head_text(data, 256)))


def parse_document(data: bytes) -> ExportData:
    """Read an Attune JSON export strictly; ImportFailed (one safe line) on any problem."""
    with _collection_paused():
        return _parse(sp.load_json(data))


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a file is read: the parsed JSON is a tree of
    millions of dicts and lists without a cycle, which every full collection would walk again
    (a third of the time of reading a 100,000-entry backup, for nothing)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _parse(doc: Any) -> ExportData:
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
    entries = _entries(raw_entries)
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
    )


def _entries(raw: list[Any]) -> tuple[ExportEntry, ...]:
    """Every entry, checked against the schema (a batch at a time) and then against Attune's own
    rules for an entry; no uid twice."""
    out: list[ExportEntry] = []
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
            entry = _checked(schema.to_entry(row), f"entries[{i}]", names)
            if entry.uid in seen:
                raise ImportFailed(messages.ATTUNE_JSON_REPEATED.format(where=f"entries[{i}]"))
            seen.add(entry.uid)
            out.append(entry)
    return tuple(out)


def _checked(entry: ExportEntry, where: str, names: set[str]) -> ExportEntry:
    """The entry when it is in the clean form Attune itself stores (valid author, scales in
    range, words normalised), else ImportFailed naming it."""
    try:
        if entry.author not in names:
            clean_member_name(entry.author)
            names.add(entry.author)
        draft = entry.as_draft().clean()
    except EntryError as exc:
        raise ImportFailed(messages.ATTUNE_JSON_ENTRY.format(where=where, reason=exc)) from None
    if draft.feelings != entry.feelings or draft.tags != entry.tags:
        raise ImportFailed(
            messages.ATTUNE_JSON_ENTRY.format(where=where, reason=messages.ATTUNE_JSON_WORDS)
        )
    return entry


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


def preview_of(name: str, data: bytes, doc: ExportData) -> ImportPreview:
    """An import preview of a parsed export: each entry keeps its uid and comes in private, as
    every import does (entries shared by someone else become the importing member's own)."""
    items = []
    others = 0
    for i, e in enumerate(doc.entries):
        others += doc.shared_by(e) is not None
        # parse_document checked that the entry is in clean form (`_entry`); only its visibility
        # changes, and any visibility is clean, so a second clean() would change nothing.
        draft = e.as_draft(Visibility.PRIVATE)
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
        return preview_of(self.name, data, parse_document(data))
