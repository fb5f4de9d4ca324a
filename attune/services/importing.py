"""Import use cases for pages and the CLI: preview a file, store the preview in one
transaction, list past imports, undo one.

    preview = preview_import(data, "daylio_export.csv", options=ImportOptions(mood_map=...))
    result = run_import(journal, member.id, preview, progress=bar.progress)

Previewing never writes. A file that cannot be read raises `ImportFailed` (one line, safe to
show) before anything is written; `run_import` writes everything or nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from attune import messages
from attune.domain.imports import ImportBatch, ImportResult
from attune.domain.viewer import Viewer
from attune.exchange import registry
from attune.exchange.bundle import is_bundle
from attune.exchange.daylio import mood_value
from attune.exchange.registry import (
    IMPORTERS,
    MAX_IMPORT_BYTES,
    ImportFailed,
    ImportOptions,
    ImportPreview,
    detect,
    importer_named,
    size_label,
)
from attune.storage import import_repo

from .journal import Journal

__all__ = [
    "IMPORTERS",
    "MAX_IMPORT_BYTES",
    "ImportFailed",
    "ImportOptions",
    "ImportPreview",
    "ImportResult",
    "already_present",
    "import_batches",
    "is_bundle",
    "mood_value",
    "preview_file",
    "preview_import",
    "run_import",
    "size_label",
    "undo_import",
]


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold off Python's cycle collector while a file is read or stored. Reading 100,000 entries
    makes millions of small objects that live on, and each full collection walks all of them
    again (seconds, over a whole import); what an import makes holds no cycles to collect."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def preview_import(
    data: bytes, filename: str, *, options: ImportOptions | None = None, fmt: str | None = None
) -> ImportPreview:
    """Read a file strictly and say what importing it would do. `fmt` skips detection."""
    registry.check_size(data)
    importer = importer_named(fmt) if fmt else detect(data, filename)
    with _no_gc_pauses():
        return importer.parse(data, filename, options or ImportOptions())


def preview_file(
    path: Path, *, options: ImportOptions | None = None, fmt: str | None = None
) -> ImportPreview:
    """`preview_import` for a file on disk; an oversized file is refused before it is read."""
    try:
        size = path.stat().st_size
    except OSError:
        raise ImportFailed(messages.IMPORT_CANNOT_OPEN) from None
    registry.check_length(size)
    try:
        data = path.read_bytes()
    except OSError:
        raise ImportFailed(messages.IMPORT_CANNOT_OPEN) from None
    return preview_import(data, path.name, options=options, fmt=fmt)


def already_present(journal: Journal, preview: ImportPreview) -> int:
    """How many of the preview's entries are stored already (what a dry run reports)."""
    with journal.sessions.reading() as s:
        return len(import_repo.existing_uids(s, uids=[e.uid for e in preview.entries]))


def run_import(
    journal: Journal,
    viewer: Viewer,
    preview: ImportPreview,
    progress: Callable[[float], None] | None = None,
) -> ImportResult:
    """Store a preview's entries for the member in one transaction; entries already here (same
    uid) are left out, so importing the same file twice adds nothing the second time."""
    if not preview.ready:
        raise ImportFailed(messages.IMPORT_NOT_READY)
    with _no_gc_pauses(), journal.sessions.writing() as s:
        return import_repo.add_import(
            s,
            viewer=viewer,
            fmt=preview.format,
            file_sha256=preview.file_sha256,
            entries=[(e.uid, e.draft) for e in preview.entries],
            skipped=len(preview.skipped),
            progress=progress,
        )


def undo_import(journal: Journal, viewer: Viewer, batch_id: int) -> int:
    """Erase the entries one import added (the viewer's own imports only); returns how many."""
    if viewer.member_id is None:
        return 0
    with journal.sessions.writing() as s:
        erased = import_repo.undo_batch(s, member_id=viewer.member_id, batch_id=batch_id)
    if erased or journal.log_pending:
        journal.checkpoint(result=erased)
    return erased


def import_batches(journal: Journal, viewer: Viewer) -> list[ImportBatch]:
    if viewer.member_id is None:
        return []
    with journal.sessions.reading() as s:
        return import_repo.list_batches(s, member_id=viewer.member_id)
