"""Sample data as an import: each member's sample entries are one import batch, so the Import
page's Undo removes them, and a journal that holds anything real is left alone unless the
person running the demo insists.

    if sample.holds_real_data(journal) and not into_existing: refuse
    result = sample.add_sample(journal, viewer, rows, key="seed 7, 3 years, ending 2026-12-02")
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from attune.domain.entries import EntryDraft
from attune.domain.imports import ImportResult
from attune.domain.viewer import Viewer
from attune.exchange.registry import ImportedEntry, ImportPreview
from attune.storage import import_repo

from . import importing
from .journal import Journal

SAMPLE_FORMAT = "Sample data"  # the import batch's format, as the Import page lists it


def holds_real_data(journal: Journal) -> bool:
    """Whether the journal holds anything but sample data: an entry from elsewhere (anyone's,
    private ones included, counted and never read) or a member without sample data."""
    with journal.sessions.reading() as s:
        return import_repo.holds_other_than(s, fmt=SAMPLE_FORMAT)


def add_sample(
    journal: Journal,
    viewer: Viewer,
    rows: Iterable[tuple[str, EntryDraft]],
    *,
    key: str,
    progress: Callable[[float], None] | None = None,
) -> ImportResult:
    """Store (uid, draft) rows for the viewer as one import batch. `key` names what was
    generated (seed, length, last day): the same key and rows add nothing the second time."""
    entries = tuple(ImportedEntry(uid, draft.clean(), uid) for uid, draft in rows)
    days = [e.draft.occurred_at.date() for e in entries]
    preview = ImportPreview(
        format=SAMPLE_FORMAT,
        entries=entries,
        skipped=(),
        mood_names=(),
        file_sha256=hashlib.sha256(key.encode()).hexdigest(),
        first=min(days, default=None),
        last=max(days, default=None),
    )
    return importing.run_import(journal, viewer, preview, progress=progress)
