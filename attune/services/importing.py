"""Import use cases for pages and the CLI: preview a file, store the preview in one
transaction, list past imports, undo one.

    preview = preview_import(data, "daylio_export.csv", options=ImportOptions(mood_map=...))
    result = run_import(journal, member.id, preview, progress=bar.progress)

Previewing never writes. A file that cannot be read raises `ImportFailed` (one line, safe to
show) before anything is written; `run_import` writes everything or nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from attune import crypto, messages
from attune.domain.entries import EntryDraft
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
    collection_paused,
    detect,
    importer_named,
    size_label,
)
from attune.storage import import_repo, sealing

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
    "keyed_uid",
    "mood_value",
    "preview_file",
    "preview_import",
    "run_import",
    "size_label",
    "undo_import",
]


def preview_import(
    data: bytes, filename: str, *, options: ImportOptions | None = None, fmt: str | None = None
) -> ImportPreview:
    """Read a file strictly and say what importing it would do. `fmt` skips detection."""
    registry.check_size(data)
    importer = importer_named(fmt) if fmt else detect(data, filename)
    with collection_paused():
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


# Formats whose entries carry their own Attune uid (an export of this app): a random (version
# 4) one is kept when nobody has it, so a journal moved to a new install keeps its uids.
KEEPS_UIDS = frozenset({"attune", "attune-csv", "bundle"})


def keyed_uid(secret: bytes, uid: str) -> str:
    """The uid an imported entry is stored under: HMAC-SHA256 of the format's stable uid (what
    `registry.stable_uid` makes from the entry's date, words…) under the member's import
    secret, shaped as a UUID (version 8). Without the secret, a guess at the words cannot be
    checked against it; with it, the same entry always gets the same uid (re-imports add
    nothing) — and for another member, another uid."""
    raw = bytearray(crypto.keyed_hash(secret, "attune-import-uid", uid)[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()  # as str(uuid.UUID(bytes=raw)) writes it, without making the UUID
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# A random (version 4, RFC 4122 variant) uuid as Attune writes one: most uids of an import.
_V4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _own_uid(uid: str) -> bool:
    if _V4.fullmatch(uid):
        return True
    try:
        return uuid.UUID(uid).version == 4
    except ValueError:
        return False


def _candidates(
    session: Session, viewer: Viewer, preview: ImportPreview, secret: bytes | None
) -> list[tuple[tuple[str, ...], EntryDraft]]:
    """Each entry's uids: the one to store it under first, then any it may be stored under
    already (the unkeyed uid of an import made before uids were keyed)."""
    keeps = preview.format in KEEPS_UIDS
    own = [keeps and _own_uid(e.uid) for e in preview.entries]
    taken: set[str] = set()
    if keeps:
        mine = [e.uid for e, is_own in zip(preview.entries, own, strict=True) if is_own]
        taken = import_repo.existing_uids(session, uids=mine)
    out: list[tuple[tuple[str, ...], EntryDraft]] = []
    for e, is_own in zip(preview.entries, own, strict=True):
        keyed = keyed_uid(secret, e.uid) if secret is not None else None
        if is_own and (e.uid not in taken or keyed is None):
            uids: tuple[str, ...] = (e.uid,) if keyed is None else (e.uid, keyed)
        else:
            uids = (e.uid,) if keyed is None else (keyed, e.uid)
        out.append((uids, e.draft))
    return out


def already_present(journal: Journal, viewer: Viewer, preview: ImportPreview) -> int:
    """How many of the preview's entries the viewer has already (what a dry run reports): their
    own entries only, never anyone else's."""
    if viewer.member_id is None:
        return 0
    with journal.sessions.reading(viewer) as s:
        secret = sealing.import_secret(s, viewer)
        entries = _candidates(s, viewer, preview, secret)
        return import_repo.present_count(s, member_id=viewer.member_id, entries=entries)


def run_import(
    journal: Journal,
    viewer: Viewer,
    preview: ImportPreview,
    progress: Callable[[float], None] | None = None,
) -> ImportResult:
    """Store a preview's entries for the member in one transaction, under uids keyed with the
    member's import secret; entries the member has already are left out, so importing the same
    file twice adds nothing the second time. The batch keeps a keyed hash of the file."""
    if not preview.ready:
        raise ImportFailed(messages.IMPORT_NOT_READY)
    with collection_paused(), journal.sessions.writing(viewer) as s:
        secret = sealing.import_secret(s, viewer, create=True)
        assert secret is not None
        file_hash = crypto.keyed_hash(secret, "attune-import-file", preview.file_sha256).hex()
        return import_repo.add_import(
            s,
            viewer=viewer,
            fmt=preview.format,
            file_sha256=file_hash,
            entries=_candidates(s, viewer, preview, secret),
            skipped=len(preview.skipped),
            progress=progress,
        )


def undo_import(journal: Journal, viewer: Viewer, batch_id: int) -> int:
    """Erase the entries one import added (the viewer's own imports only); returns how many."""
    if viewer.member_id is None:
        return 0
    with journal.sessions.writing(viewer) as s:
        erased = import_repo.undo_batch(s, member_id=viewer.member_id, batch_id=batch_id)
    if erased or journal.log_pending:
        journal.checkpoint(result=erased)
    return erased


def import_batches(journal: Journal, viewer: Viewer) -> list[ImportBatch]:
    if viewer.member_id is None:
        return []
    with journal.sessions.reading(viewer) as s:
        return import_repo.list_batches(s, member_id=viewer.member_id)
