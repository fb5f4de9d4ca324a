"""Sharing with a therapist: gather what the member chose, then write it in a format.

    data = gather(journal, member.id, scope=Scope.THERAPIST, start=…, end=…)
    out = render(data, "pdf")            # Rendered(content, filename, mime_type, label)

Every entry comes through `Journal.list_entries`, i.e. the one visibility rule: another member's
private entries are never read, so they can never be exported. Entries another member shared
are kept with their author, and every format marks them ("shared by Alex").
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime

from attune import messages
from attune.domain.entries import Entry, EntryFilter
from attune.domain.errors import LockedError
from attune.domain.exports import (
    ExportAssessment,
    ExportData,
    ExportEntry,
    ExportError,
    ExportOptions,
    Scope,
    assemble,
    select,
)
from attune.domain.viewer import Viewer
from attune.exchange import EXPORTERS, pdf_report, signature
from attune.exchange.pdf_media import page_count, page_images
from attune.exchange.pdf_report import Progress
from attune.exchange.registry import MAX_IMPORT_BYTES, Exporter, collection_paused, size_label
from attune.exchange.report import when
from attune.exchange.signature import fingerprint
from attune.messages import limits as limit_words
from attune.storage import sealing

from . import together
from .journal import Journal

__all__ = [
    "FORMATS",
    "MAX_EXPORT_BYTES",
    "MAX_EXPORT_ENTRIES",
    "Rendered",
    "check_bounds",
    "client_id",
    "empty_reason",
    "export_signing_key",
    "exporter",
    "filename",
    "fingerprint",
    "formats_for",
    "gather",
    "page_count",
    "page_images",
    "render",
    "signing_key",
    "visible_entries",
    "when",
]

CLIENT_ID_KEY = "client_id:{member}"
ALL_ROWS = 10**9
HOUSEHOLD = "Shared entries"  # the export of nobody-selected (shared entries only)
FORMATS = ("pdf", "json", "md", "csv", "bundle")  # what the Share page and the CLI offer

# An export made for one request of a server (the Share page, an export sent to a practitioner:
# `gather(..., bounded=True)`, `render(..., bounded=True)`) is bounded, so one person cannot
# hold a hosted server's memory and time with a file of everything; the command line is not.
# Years of daily entries fit; a file larger than an import takes (MAX_IMPORT_BYTES, the review
# upload's bound too) could never be opened on the other side anyway.
MAX_EXPORT_ENTRIES = 20_000
MAX_EXPORT_BYTES = MAX_IMPORT_BYTES


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    mime_type: str
    label: str


def client_id(journal: Journal, member_id: int | None) -> str:
    """A stable random id for this member as a therapist's client (kept in preferences)."""
    key = CLIENT_ID_KEY.format(member=member_id if member_id is not None else "none")
    found = journal.preference(key)
    if found:
        return found
    new = str(uuid.uuid4())
    journal.set_preference(key, new)
    return new


def signing_key(journal: Journal, viewer: Viewer) -> signature.Ed25519PrivateKey | None:
    """The viewer's own signing key, made with their first export (None for nobody). It comes
    from their secret that is sealed with their data key (see attune.exchange.signature)."""
    if viewer.member_id is None:
        return None
    with journal.sessions.reading(viewer) as s:
        secret = sealing.import_secret(s, viewer)
    if secret is None:
        with journal.sessions.writing(viewer) as s:
            secret = sealing.import_secret(s, viewer, create=True)
    assert secret is not None
    return signature.signing_key(secret)


def export_signing_key(journal: Journal, viewer: Viewer) -> signature.Ed25519PrivateKey | None:
    """`signing_key` for an export: a locked journal is the export's one-line ExportError."""
    try:
        return signing_key(journal, viewer)
    except LockedError:
        raise ExportError(messages.EXPORT_LOCKED) from None


def visible_entries(
    journal: Journal, viewer: Viewer, start: date | None = None, end: date | None = None
) -> list[Entry]:
    """Every entry the viewer may see in the range (not trashed), newest first."""
    page = journal.list_entries(viewer, EntryFilter(start=start, end=end), page_size=ALL_ROWS)
    return list(page.items)


def _assessments(
    journal: Journal, viewer: Viewer, start: date | None, end: date | None
) -> list[ExportAssessment]:
    member_id = viewer.member_id
    if member_id is None:
        return []
    frame = together.assessments(journal, viewer)
    out = []
    for row in frame[frame["member_id"] == member_id].itertuples(index=False):
        taken = row.taken_at.to_pydatetime()
        if (start and taken.date() < start) or (end and taken.date() > end):
            continue
        out.append(
            ExportAssessment(
                str(row.kind), taken, tuple(int(a) for a in row.answers), int(row.score)
            )
        )
    return out


def _unreadable(entry: Entry, viewer: Viewer) -> bool:
    """A sealed (encrypted at rest) entry that the viewer has not unlocked: its words read as
    empty, so exporting it would silently drop them."""
    return entry.sealed and viewer.key_for(entry.member_id) is None


def gather(
    journal: Journal,
    viewer: Viewer,
    *,
    scope: Scope = Scope.THERAPIST,
    start: date | None = None,
    end: date | None = None,
    picked: Collection[str] = (),
    now: datetime | None = None,
    bounded: bool = False,
) -> ExportData:
    """What an export of this member's view holds under `scope` (see attune.domain.exports).
    `bounded` (one request of a server): ExportError, before anything is assembled, for more
    entries or words than MAX_EXPORT_ENTRIES / MAX_EXPORT_BYTES. A member's export carries
    their public key and is signed where it is written as Attune JSON (signature.deferred): a
    CSV, Markdown or PDF of it never writes the JSON only to sign it."""
    with collection_paused():  # 100,000 entries are read and copied; none is in a cycle
        data = _gathered(journal, viewer, scope, start, end, picked, now, bounded)
    key = export_signing_key(journal, viewer)
    return data if key is None else signature.deferred(data, key)


def _gathered(
    journal: Journal,
    viewer: Viewer,
    scope: Scope,
    start: date | None,
    end: date | None,
    picked: Collection[str],
    now: datetime | None,
    bounded: bool,
) -> ExportData:
    member_id = viewer.member_id
    member = next((m.name for m in journal.members() if m.id == member_id), HOUSEHOLD)
    visible = visible_entries(journal, viewer, start, end)
    chosen = select(visible, member_id, Scope(scope), picked)
    if bounded:
        check_bounds(chosen)
    if any(_unreadable(e, viewer) for e in chosen):
        raise ExportError(messages.EXPORT_LOCKED)
    return assemble(
        member=member,
        member_id=member_id,
        client_id=client_id(journal, member_id),
        scope=Scope(scope),
        start=start,
        end=end,
        visible=visible,
        assessments=_assessments(journal, viewer, start, end),
        exported_at=(now or datetime.now(UTC)).astimezone(),
        picked=picked,
    )


def check_bounds(entries: Collection[Entry | ExportEntry]) -> None:
    """ExportError (one line: choose a narrower date range) when these entries are more than
    one bounded export holds, or their words alone are larger than MAX_EXPORT_BYTES."""
    if len(entries) > MAX_EXPORT_ENTRIES:
        raise ExportError(
            limit_words.EXPORT_TOO_MANY_ENTRIES.format(
                entries=len(entries), limit=MAX_EXPORT_ENTRIES
            )
        )
    if sum(len(e.body.encode("utf-8", "replace")) for e in entries) > MAX_EXPORT_BYTES:
        raise _too_big()


def _too_big() -> ExportError:
    return ExportError(limit_words.EXPORT_TOO_BIG.format(size=size_label(MAX_EXPORT_BYTES)))


def empty_reason(data: ExportData) -> str | None:
    """Why `data` would make an empty file (one line to show), or None when it holds something:
    a scope of entries with none in it, or nothing at all in the dates."""
    if data.scope in (Scope.THERAPIST, Scope.PICKED) and not data.entries:
        return (
            messages.SHARE_NOTHING_MARKED
            if data.scope is Scope.THERAPIST
            else messages.SHARE_NOTHING_PICKED
        )
    if not (data.entries or data.summary.checkins or data.assessments):
        return messages.SHARE_NOTHING_AT_ALL
    return None


def exporter(fmt: str) -> Exporter:
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise ExportError(messages.EXPORT_UNKNOWN_FORMAT) from None


def formats_for(scope: Scope) -> tuple[str, ...]:
    """A summary has no entries, so no CSV."""
    return tuple(f for f in FORMATS if not (scope is Scope.SUMMARY and f == "csv"))


def filename(data: ExportData, ext: str) -> str:
    """`attune-sam-2026-03-01-to-2026-03-31-therapist.pdf` (ASCII, no path characters)."""
    slug = re.sub(r"[^a-z0-9]+", "-", data.member.casefold()).strip("-") or "client"
    first = data.start or data.summary.first
    last = data.end or data.summary.last
    span = f"{first}-to-{last}" if first and last else "all"
    return f"attune-{slug[:30]}-{span}-{data.scope.value}.{ext}"


def render(
    data: ExportData,
    fmt: str,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
    isolate_charts: bool = False,
    bounded: bool = False,
) -> Rendered:
    """The file for `data` in `fmt`; ExportError when it cannot be written as asked.

    For a PDF, `progress(fraction, text)` hears of each step, and `isolate_charts` draws the
    charts in a short-lived child process (what a long-running server wants: see pdf_report).
    `bounded` (one request of a server): ExportError for a file larger than MAX_EXPORT_BYTES."""
    out = exporter(fmt)
    if bounded:
        check_bounds(data.entries)
    if fmt == "pdf" and (progress is not None or isolate_charts):
        content = pdf_report.dumps(data, progress=progress, isolate_charts=isolate_charts)
    else:
        with collection_paused():  # a row or a line per entry, none in a cycle
            content = out.export(data, options or ExportOptions())
    if bounded and len(content) > MAX_EXPORT_BYTES:
        raise _too_big()
    return Rendered(content, filename(data, out.extension), out.mime_type, out.label)
