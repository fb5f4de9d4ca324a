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
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from attune import messages
from attune.domain.assessments import QUESTIONNAIRES, AssessmentError
from attune.domain.entries import EntryError, Visibility, clean_member_name

from . import safe_parse as sp
from .model import (
    FORMAT,
    VERSION,
    Checkin,
    ExportAssessment,
    ExportData,
    ExportEntry,
    ExportOptions,
    Scope,
    Summary,
)
from .registry import (
    ImportedEntry,
    ImportFailed,
    ImportOptions,
    ImportPreview,
    build_preview,
    register_exporter,
    register_importer,
)

MAX_ID_CHARS = 64
_SNIFF = re.compile(r'^\s*\{\s*"format"\s*:\s*"attune"')
T = TypeVar("T")


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
def _bad(where: str) -> ImportFailed:
    return ImportFailed(messages.ATTUNE_JSON_FIELD.format(where=where))


def _object(value: Any, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(where)
    if set(value) - set(keys):
        raise ImportFailed(messages.ATTUNE_JSON_UNKNOWN.format(where=where or "the file"))
    missing = [k for k in keys if k not in value]
    if missing:
        raise _bad(f"{where}.{missing[0]}" if where else missing[0])
    return value


def _get(obj: dict[str, Any], key: str, where: str, check: Callable[[Any], bool]) -> Any:
    value = obj[key]
    if not check(value):
        raise _bad(f"{where}.{key}" if where else key)
    return value


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_opt_int(v: Any) -> bool:
    return v is None or _is_int(v)


def _is_num(v: Any) -> bool:
    return v is None or _is_int(v) or isinstance(v, float)


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_id(v: Any) -> bool:
    return v is None or (isinstance(v, str) and 0 < len(v) <= MAX_ID_CHARS)


def _is_words(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(w, str) for w in v)


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _is_uuid(v: Any) -> bool:
    """A UUID in its canonical form (`str(uuid.UUID(v)) == v`: lower-case hex, 8-4-4-4-12)."""
    return isinstance(v, str) and _CANONICAL_UUID.fullmatch(v) is not None


def _when(obj: dict[str, Any], key: str, where: str) -> datetime:
    raw = _get(obj, key, where, lambda v: isinstance(v, str) and len(v) <= 40)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise _bad(f"{where}.{key}" if where else key) from None
    if value.tzinfo is None or value.utcoffset() is None or not _in_utc_range(value):
        raise _bad(f"{where}.{key}" if where else key)
    return value


def _in_utc_range(value: datetime) -> bool:
    """Whether the time can be stored (in UTC): 0001-01-01T00:00+05:00 cannot."""
    try:
        value.astimezone(UTC)
    except OverflowError:
        return False
    return True


def _day_of(obj: dict[str, Any], key: str, where: str) -> date | None:
    raw = _get(obj, key, where, lambda v: v is None or (isinstance(v, str) and len(v) == 10))
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _bad(f"{where}.{key}") from None


def _list(doc: dict[str, Any], key: str, read: Callable[[Any, str], T]) -> tuple[T, ...]:
    """Read every item of a list, letting go of each parsed item once it is read (a backup of
    100,000 entries would otherwise hold the parsed JSON and what was read from it at once)."""
    items = _get(doc, key, "", lambda v: isinstance(v, list))
    out = []
    for i, item in enumerate(items):
        out.append(read(item, f"{key}[{i}]"))
        items[i] = None
    return tuple(out)


_ENTRY_KEYS = (
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


_VISIBILITY = {x.value: x for x in Visibility}
_ENTRY_KEY_SET = frozenset(_ENTRY_KEYS)


def _entry(raw: Any, where: str, names: set[str] | None = None) -> ExportEntry:
    """One entry, checked; `names` holds author names already found valid (a file has few)."""
    plain = type(raw) is dict and raw.keys() == _ENTRY_KEY_SET
    # The usual case is checked in one go; otherwise (or when that fails) field by field, to
    # say which field is wrong.
    entry = (_plain_entry(raw) if plain else None) or _checked_entry(raw, where)
    try:
        if names is None or entry.author not in names:
            clean_member_name(entry.author)
            if names is not None:
                names.add(entry.author)
        draft = entry.as_draft().clean()
    except EntryError as exc:
        raise ImportFailed(messages.ATTUNE_JSON_ENTRY.format(where=where, reason=exc)) from None
    if draft.feelings != entry.feelings or draft.tags != entry.tags:
        raise ImportFailed(
            messages.ATTUNE_JSON_ENTRY.format(where=where, reason=messages.ATTUNE_JSON_WORDS)
        )
    return entry


def _plain_entry(obj: dict[str, Any]) -> ExportEntry | None:
    """The entry when every field has the right type (as `_checked_entry` checks them), else
    None. `_when` and `_is_uuid` still parse, so a bad time or uid is found here too."""
    uid, author, when, valence, energy, connection, feelings, tags = (
        obj["uid"],
        obj["author"],
        obj["occurred_at"],
        obj["valence"],
        obj["energy"],
        obj["connection"],
        obj["feelings"],
        obj["tags"],
    )
    vis, share, prompt, reading, body = (
        obj["visibility"],
        obj["share_with_therapist"],
        obj["prompt_id"],
        obj["reading_id"],
        obj["body"],
    )
    if not (
        type(valence) is int
        and type(energy) is int
        and (connection is None or type(connection) is int)
        and type(author) is str
        and type(body) is str
        and type(vis) is str
        and vis in _VISIBILITY
        and type(share) is bool
        and type(when) is str
        and len(when) <= 40
        and type(feelings) is list
        and type(tags) is list
        and all(type(w) is str for w in feelings)
        and all(type(w) is str for w in tags)
        and _is_id(prompt)
        and _is_id(reading)
        and _is_uuid(uid)
    ):
        return None
    try:
        occurred = datetime.fromisoformat(when)
    except ValueError:
        return None
    if occurred.tzinfo is None or occurred.utcoffset() is None or not _in_utc_range(occurred):
        return None
    return ExportEntry(
        uid=uid,
        author=author,
        occurred_at=occurred,
        valence=valence,
        energy=energy,
        connection=connection,
        feelings=tuple(feelings),
        tags=tuple(tags),
        visibility=_VISIBILITY[vis],
        share_with_therapist=share,
        prompt_id=prompt,
        reading_id=reading,
        body=body,
    )


def _checked_entry(raw: Any, where: str) -> ExportEntry:
    obj = _object(raw, where, _ENTRY_KEYS)
    vis = _get(obj, "visibility", where, lambda v: isinstance(v, str) and v in _VISIBILITY)
    return ExportEntry(
        uid=_get(obj, "uid", where, _is_uuid),
        author=_get(obj, "author", where, _is_str),
        occurred_at=_when(obj, "occurred_at", where),
        valence=_get(obj, "valence", where, _is_int),
        energy=_get(obj, "energy", where, _is_int),
        connection=_get(obj, "connection", where, _is_opt_int),
        feelings=tuple(_get(obj, "feelings", where, _is_words)),
        tags=tuple(_get(obj, "tags", where, _is_words)),
        visibility=Visibility(vis),
        share_with_therapist=_get(obj, "share_with_therapist", where, lambda v: v in (True, False)),
        prompt_id=_get(obj, "prompt_id", where, _is_id),
        reading_id=_get(obj, "reading_id", where, _is_id),
        body=_get(obj, "body", where, _is_str),
    )


_CHECKIN_KEYS = ("occurred_at", "valence", "energy", "connection", "feelings")
_CHECKIN_KEY_SET = frozenset(_CHECKIN_KEYS)
_SCALE = frozenset(range(1, 6))


def _checkin(raw: Any, where: str) -> Checkin:
    if type(raw) is dict and raw.keys() == _CHECKIN_KEY_SET:  # the usual case, in one go
        when, valence, energy, connection, feelings = (raw[k] for k in _CHECKIN_KEYS)
        if (
            type(valence) is int
            and valence in _SCALE
            and type(energy) is int
            and energy in _SCALE
            and (connection is None or (type(connection) is int and connection in _SCALE))
            and type(feelings) is list
            and all(type(w) is str for w in feelings)
            and type(when) is str
            and len(when) <= 40
        ):
            try:
                occurred = datetime.fromisoformat(when)
            except ValueError:
                occurred = None
            if (
                occurred is not None
                and occurred.utcoffset() is not None
                and _in_utc_range(occurred)
            ):
                return Checkin(occurred, valence, energy, connection, tuple(feelings))
    obj = _object(raw, where, _CHECKIN_KEYS)
    scale = range(1, 6)
    return Checkin(
        occurred_at=_when(obj, "occurred_at", where),
        valence=_get(obj, "valence", where, lambda v: _is_int(v) and v in scale),
        energy=_get(obj, "energy", where, lambda v: _is_int(v) and v in scale),
        connection=_get(
            obj, "connection", where, lambda v: v is None or (_is_int(v) and v in scale)
        ),
        feelings=tuple(_get(obj, "feelings", where, _is_words)),
    )


def _assessment(raw: Any, where: str) -> ExportAssessment:
    obj = _object(raw, where, ("kind", "taken_at", "answers", "score"))
    kind = _get(obj, "kind", where, lambda v: v in QUESTIONNAIRES)
    answers = tuple(
        _get(obj, "answers", where, lambda v: isinstance(v, list) and all(map(_is_int, v)))
    )
    score = _get(obj, "score", where, _is_int)
    try:
        ok = QUESTIONNAIRES[kind].score(answers) == score
    except AssessmentError:
        ok = False
    if not ok:
        raise ImportFailed(messages.ATTUNE_JSON_SCORE.format(where=where))
    return ExportAssessment(kind, _when(obj, "taken_at", where), answers, score)


_SUMMARY_KEYS = (
    "checkins",
    "days",
    "first",
    "last",
    "valence_min",
    "valence_mean",
    "valence_max",
    "energy_mean",
    "connection_mean",
    "top_feelings",
)


def _summary(raw: Any) -> Summary:
    w = "summary"
    obj = _object(raw, w, _SUMMARY_KEYS)
    top = []
    for i, item in enumerate(_get(obj, "top_feelings", w, lambda v: isinstance(v, list))):
        pair = _object(item, f"{w}.top_feelings[{i}]", ("feeling", "count"))
        top.append(
            (
                _get(pair, "feeling", f"{w}.top_feelings[{i}]", _is_str),
                _get(pair, "count", f"{w}.top_feelings[{i}]", _is_int),
            )
        )
    return Summary(
        checkins=_get(obj, "checkins", w, _is_int),
        days=_get(obj, "days", w, _is_int),
        first=_day_of(obj, "first", w),
        last=_day_of(obj, "last", w),
        valence_min=_get(obj, "valence_min", w, _is_opt_int),
        valence_mean=_get(obj, "valence_mean", w, _is_num),
        valence_max=_get(obj, "valence_max", w, _is_opt_int),
        energy_mean=_get(obj, "energy_mean", w, _is_num),
        connection_mean=_get(obj, "connection_mean", w, _is_num),
        top_feelings=tuple(top),
    )


_TOP_KEYS = (
    "format",
    "version",
    "exported_at",
    "client_id",
    "member",
    "scope",
    "range",
    "summary",
    "checkins",
    "assessments",
    "entries",
)


def looks_like(data: bytes) -> bool:
    return bool(_SNIFF.match(sp.head_text(data, 256)))


def parse_document(data: bytes) -> ExportData:
    """Read an Attune JSON export strictly; ImportFailed (one safe line) on any problem."""
    doc = sp.load_json(data)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportFailed(messages.ATTUNE_JSON_NOT)
    version = doc.get("version")
    if version != VERSION:
        shown = version if _is_int(version) else "?"
        raise ImportFailed(messages.ATTUNE_JSON_VERSION.format(version=shown, ours=VERSION))
    _object(doc, "", _TOP_KEYS)
    rng = _object(doc["range"], "range", ("from", "to"))
    member = _get(doc, "member", "", _is_str)
    try:
        clean_member_name(member)
    except EntryError:
        raise _bad("member") from None
    names: set[str] = set()
    entries = _list(doc, "entries", lambda raw, where: _entry(raw, where, names))
    seen: set[str] = set()
    for i, e in enumerate(entries):
        if e.uid in seen:
            raise ImportFailed(messages.ATTUNE_JSON_REPEATED.format(where=f"entries[{i}]"))
        seen.add(e.uid)
    return ExportData(
        exported_at=_when(doc, "exported_at", ""),
        client_id=_get(doc, "client_id", "", _is_uuid),
        member=member,
        start=_day_of(rng, "from", "range"),
        end=_day_of(rng, "to", "range"),
        scope=Scope(_get(doc, "scope", "", lambda v: v in {s.value for s in Scope})),
        summary=_summary(doc["summary"]),
        checkins=_list(doc, "checkins", _checkin),
        entries=entries,
        assessments=_list(doc, "assessments", _assessment),
    )


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
    return build_preview(name, data, items, (), notes=notes)


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
