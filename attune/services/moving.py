"""Back up or move a journal: one member's own entries in an encrypted bundle, and a restore of
that bundle on another computer as a new member of the journal there.

    out, count = backup(journal, viewer, passphrase, again)   # Rendered: an .attune file
    preview = open_bundle(out.content, "bundle.attune", passphrase)
    member, viewer, result = restore(journal, preview, name, new_passphrase, again)

What a move carries is the member's *own* entries, private and shared (with their visibility),
never another member's — not even one they shared: imported, it would become the mover's own
words. Each person moves their own part; their shared entries are shared again once they have
restored theirs. The bundle is the Share page's format (attune.exchange.bundle: Attune JSON,
signed, sealed with AES-256-GCM under a scrypt key), and a restore goes through the import path
(`importing.run_import`), so it is one import batch that Undo on the Import page removes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from attune import messages
from attune.domain.entries import Member, Visibility
from attune.domain.exports import ExportData, ExportError, ExportOptions, Scope, assemble
from attune.domain.imports import ImportResult
from attune.domain.viewer import Viewer
from attune.exchange import attune_json, bundle, registry, signature
from attune.exchange.registry import ImportPreview

from . import importing, people, sharing
from .journal import Journal

__all__ = ["MIN_PASSPHRASE", "backup", "backup_data", "open_bundle", "restore"]

MIN_PASSPHRASE = bundle.MIN_PASSPHRASE
FORMAT = "bundle"


def backup_data(journal: Journal, viewer: Viewer, *, now: datetime | None = None) -> ExportData:
    """The member's own entries (private and shared, not trashed) and questionnaires, signed."""
    member_id = viewer.member_id
    if member_id is None:
        raise ExportError(messages.MOVE_NOBODY)
    own = [e for e in sharing.visible_entries(journal, viewer) if e.member_id == member_id]
    if any(e.sealed and viewer.key_for(e.member_id) is None for e in own):
        raise ExportError(messages.EXPORT_LOCKED)
    name = next(m.name for m in journal.members() if m.id == member_id)
    data = assemble(
        member=name,
        member_id=member_id,
        client_id=sharing.client_id(journal, member_id),
        scope=Scope.ALL,
        start=None,
        end=None,
        visible=own,
        assessments=sharing._assessments(journal, viewer, None, None),
        exported_at=(now or datetime.now(UTC)).astimezone(),
    )
    key = sharing.export_signing_key(journal, viewer)
    return data if key is None else signature.sign(data, key)


def backup(
    journal: Journal,
    viewer: Viewer,
    passphrase: str,
    again: str,
    *,
    now: datetime | None = None,
    kdf_log2_n: int = 17,
) -> tuple[sharing.Rendered, int]:
    """The encrypted bundle of `backup_data` and how many entries it holds; ExportError (one line) when the passphrase is
    short or typed differently twice, or the member's entries are locked."""
    if passphrase != again:
        raise ExportError(messages.MOVE_PASSPHRASES_DIFFER)
    if len(passphrase) < MIN_PASSPHRASE:
        raise ExportError(messages.EXPORT_NEEDS_PASSPHRASE.format(n=MIN_PASSPHRASE))
    data = backup_data(journal, viewer, now=now)
    out = sharing.render(data, FORMAT, ExportOptions(passphrase=passphrase, kdf_log2_n=kdf_log2_n))
    slug = re.sub(r"[^a-z0-9]+", "-", data.member.casefold()).strip("-")[:30] or "journal"
    day = data.exported_at.date().isoformat()
    return replace(out, filename=f"attune-{slug}-journal-{day}.attune"), len(data.entries)


def open_bundle(data: bytes, filename: str, passphrase: str) -> ImportPreview:
    """Read a bundle strictly (ImportFailed with one line otherwise) into an import preview in
    which the member's own shared entries stay shared; anyone else's come in private, as in
    every import. Nothing is written."""
    registry.check_size(data)
    doc = bundle.open_export(data, passphrase)
    preview = attune_json.preview_of(FORMAT, data, doc)
    shared = {
        e.uid for e in doc.entries if doc.shared_by(e) is None and e.visibility is Visibility.SHARED
    }
    entries = tuple(
        replace(i, draft=replace(i.draft, visibility=Visibility.SHARED)) if i.uid in shared else i
        for i in preview.entries
    )
    return replace(preview, entries=entries)


def restore(
    journal: Journal, preview: ImportPreview, name: str, passphrase: str = "", again: str = ""
) -> tuple[Member, Viewer, ImportResult]:
    """Add the member (`name`, with a passphrase when one is typed: their private entries are
    then sealed as they come in) and import the bundle's entries as one import batch."""
    member, key = people.add_person(journal, name, passphrase, again)
    viewer = Viewer(member.id, key)
    return member, viewer, importing.run_import(journal, viewer, preview)
