"""The exchange registry: importers turn bytes into a validated preview, exporters turn entries
into bytes. Each format is one module that registers itself here (like jrnl's plugins).

Importers never write: `parse` returns an `ImportPreview`, which the person looks at before
`attune.importing.run_import` stores it in one transaction. Every problem with a file is an
`ImportFailed` whose one-line message is safe to show: it never quotes the file's text.
"""

from __future__ import annotations

import gc
import hashlib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal

from attune import messages
from attune.domain.entries import EntryDraft
from attune.domain.exports import ExportData, ExportOptions

# A whole journal must move to a new machine in one file: the Attune JSON backup of 100,000
# entries (the largest journal Attune is built for) is about 54 MB, so the cap leaves room for
# notes twice as long. It also bounds memory: a file is read whole, and its text and parsed form
# are held briefly next to it (about 5x the file at the peak).
# One bound for every upload (Import, the Therapist's review, Restore, moving in) and every
# request on a server: Streamlit's own `server.maxUploadSize` in .streamlit/config.toml is this
# MAX_UPLOAD_MB (its megabytes are MiB), so a larger file is refused before it reaches Attune,
# and check_size refuses it here too (a test holds the two together).
MAX_UPLOAD_MB = 128
MAX_IMPORT_BYTES = MAX_UPLOAD_MB * 1024 * 1024

# Stable ids for imported entries: uuid5(ATTUNE_NS, "<format>:<key>"), so the same entry from
# the same kind of file always gets the same uid and re-importing a file adds nothing.
ATTUNE_NS = uuid.UUID("6f2d1c3e-8a4b-5c6d-9e7f-a1b2c3d4e5f6")


class ImportFailed(ValueError):
    """A file that cannot be imported. The message is one line, safe to show, and never quotes
    entry text."""


@dataclass(frozen=True)
class ImportOptions:
    """Choices that change how a file is read: Daylio mood names → pleasantness 1–5 (keys are
    matched case-insensitively), and the time zone for dates that carry none."""

    mood_map: dict[str, int] | None = None
    tz: tzinfo = field(default_factory=lambda: local_zone())
    passphrase: str = field(default="", repr=False, compare=False)  # opens an encrypted bundle


@dataclass(frozen=True)
class ImportedEntry:
    key: str  # what identifies the entry in its own format (a Day One uuid, a hash of a row)
    draft: EntryDraft  # already cleaned
    uid: str


@dataclass(frozen=True)
class Skipped:
    where: str  # "row 12", "entry 3", "line 40" — never the entry's text
    reason: str


@dataclass(frozen=True)
class ImportPreview:
    """What a file holds, ready to look at and then store. `unmapped` lists mood names that need
    a pleasantness before the import can run; `waiting` counts the entries held back by them."""

    format: str
    entries: tuple[ImportedEntry, ...]
    skipped: tuple[Skipped, ...]
    mood_names: tuple[str, ...]
    file_sha256: str
    first: date | None
    last: date | None
    unmapped: tuple[str, ...] = ()
    waiting: int = 0
    notes: tuple[str, ...] = ()  # what the format lacks and what was used instead
    member: str = ""  # whose entries the file says they are (an Attune export), else ""

    @property
    def ready(self) -> bool:
        return not self.unmapped

    def samples(self, n: int = 5) -> tuple[ImportedEntry, ...]:
        """Up to n entries spread evenly from the first to the last."""
        if len(self.entries) <= n:
            return self.entries
        step = (len(self.entries) - 1) / (n - 1)
        return tuple(self.entries[round(i * step)] for i in range(n))


class Importer(Protocol):
    name: str  # "daylio"
    label: str  # "Daylio"
    extensions: tuple[str, ...]  # ("csv",)

    def sniff(self, data: bytes, filename: str) -> bool:
        """Cheap check: does this look like my format? Never raises."""
        ...

    def parse(self, data: bytes, filename: str, options: ImportOptions) -> ImportPreview:
        """Read strictly; raise ImportFailed (only) on any problem with the file."""
        ...


class Exporter(Protocol):
    names: tuple[str, ...]  # ("json", "attune")
    label: str
    extension: str  # "json"
    mime_type: str  # "application/json"

    def export(self, data: ExportData, options: ExportOptions) -> bytes:
        """The file's bytes; raise ExportError when it cannot be written as asked."""
        ...


IMPORTERS: dict[str, Importer] = {}
EXPORTERS: dict[str, Exporter] = {}

_I = TypeVar("_I", bound=type)


def register_importer(cls: _I) -> _I:
    """Class decorator: add one instance of an importer to IMPORTERS under its name."""
    importer = cls()
    IMPORTERS[importer.name] = importer
    return cls


def register_exporter(cls: _I) -> _I:
    exporter = cls()
    for name in exporter.names:
        EXPORTERS[name] = exporter
    return cls


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a whole journal is read, written or stored: that
    makes millions of small objects that live on (entries, rows, parsed JSON), each full
    collection walks all of them again (seconds over 100,000 entries), and none of them is in a
    cycle to collect."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def check_size(data: bytes) -> None:
    check_length(len(data))


def check_length(size: int) -> None:
    """Refuse an empty file, or one over MAX_IMPORT_BYTES, before reading or parsing it."""
    if size <= 0:
        raise ImportFailed(messages.IMPORT_EMPTY)
    if size > MAX_IMPORT_BYTES:
        raise ImportFailed(messages.IMPORT_TOO_BIG.format(size=size_label(MAX_IMPORT_BYTES)))


def size_label(n: int) -> str:
    """50 MB, 900 KB or 100 bytes: how big a limit is, for messages."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{n // size:,} {unit}"
    return messages.plural(n, "{n:,} byte", "{n:,} bytes")


def detect(data: bytes, filename: str) -> Importer:
    """The importer whose format this file is in, or ImportFailed."""
    check_size(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: say so rather than "unknown"
        raise ImportFailed(messages.IMPORT_UTF16)
    for importer in IMPORTERS.values():
        if importer.sniff(data, filename):
            return importer
    raise ImportFailed(messages.IMPORT_UNKNOWN_FORMAT)


def importer_named(name: str) -> Importer:
    try:
        return IMPORTERS[name]
    except KeyError:
        raise ImportFailed(messages.IMPORT_UNKNOWN_FORMAT) from None


def stable_uid(fmt: str, key: str) -> str:
    """The same entry from the same file gets the same uid on every import."""
    return str(uuid.uuid5(ATTUNE_NS, f"{fmt}:{key}"))


def content_key(*parts: str) -> str:
    """A key for formats without ids: a hash of what identifies the entry."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def build_preview(
    fmt: str,
    data: bytes,
    entries: Iterable[tuple[str, ImportedEntry]],
    skipped: Iterable[Skipped],
    *,
    mood_names: Sequence[str] = (),
    unmapped: Sequence[str] = (),
    waiting: int = 0,
    notes: Sequence[str] = (),
) -> ImportPreview:
    """Assemble a preview from (where, entry) pairs: entries in time order; an entry the file
    holds twice is kept once and the repeat is listed as skipped."""
    seen: set[str] = set()
    kept: list[ImportedEntry] = []
    skips = list(skipped)
    for where, item in entries:
        if item.uid in seen:
            skips.append(Skipped(where, messages.IMPORT_SKIP_REPEATED))
            continue
        seen.add(item.uid)
        kept.append(item)
    kept.sort(key=lambda e: e.draft.occurred_at)
    days = [e.draft.occurred_at.date() for e in kept]
    return ImportPreview(
        format=fmt,
        entries=tuple(kept),
        skipped=tuple(skips),
        mood_names=tuple(mood_names),
        file_sha256=hashlib.sha256(data).hexdigest(),
        first=min(days) if days else None,
        last=max(days) if days else None,
        unmapped=tuple(unmapped),
        waiting=waiting,
        notes=tuple(notes),
    )


def zone(name: object) -> tzinfo | None:
    """The IANA time zone called `name`, or None when there is no such zone."""
    if not isinstance(name, str) or not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_zone() -> tzinfo:
    """This computer's time zone, with its daylight-saving rules (`TZ`, else the system's), read
    afresh each time as before (`get_localzone` would keep the first answer for the process)."""
    try:
        return tzlocal.reload_localzone()
    except (ZoneInfoNotFoundError, ValueError, OSError):  # e.g. TZ names no IANA zone
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")
