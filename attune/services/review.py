"""Review mode: the exports a therapist opens, kept as separate, read-only client records.

Nothing here touches the therapist's own journal database. Each opened export is checked in full
(`attune_json.parse_document`, after unsealing a bundle) and stored as a snapshot file. The
records belong to the member whose session opened them (a practitioner is a member too): each
member has their own folder, which no other member's session lists or opens, and a protected
member's files are sealed with their data key (AES-256-GCM, the member, client and file name
bound as associated data), so they open only in that member's unlocked session:

    <data_dir>/review/member-<id>/<client_id>/<exported_at as UTC stamp>.json|.sealed
    <data_dir>/review/member-<id>/<client_id>/notes.json|.sealed   the therapist's private notes

`client_id` is a UUID (checked before it becomes a folder name), so no file name comes from the
export's text. Files are written to a temporary name and renamed into place, so a snapshot or a
note is stored whole or not at all. Opening a newer export of the same client shows which
entries are new since the previous one (uids not in it). When the member's key changes (a
passphrase set, changed or removed), `rekey` seals every file again under the new key.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from attune import crypto, messages
from attune.config import Settings, load_settings
from attune.domain.entries import EntryError, clean_member_name
from attune.domain.errors import LockedError
from attune.domain.exports import ExportData
from attune.domain.viewer import Viewer
from attune.exchange import attune_json, bundle, report, signature
from attune.exchange.registry import ImportFailed, check_size
from attune.exchange.report_charts import score_charts, trend_charts
from attune.exchange.signature import Verdict
from attune.storage import sealing

from .journal import Journal
from .review_files import PLAIN, SEALED, STAGED, STALE_SECONDS, promote, target, write_atomically
from .review_model import Authenticity, Client, ExportInfo, Note, Opened, Record, Trust

MAX_NOTE_CHARS = 20_000
NOTES_STEM = "notes"
RECORD_STEM = "record"  # the therapist's name for the client and the client's public key
_STAMP = "%Y%m%dT%H%M%S.%fZ"


def read_export(data: bytes, passphrase: str = "") -> ExportData:
    """An Attune JSON export or encrypted bundle, checked in full; ImportFailed otherwise."""
    check_size(data)
    if bundle.is_bundle(data):
        return bundle.open_export(data, passphrase)
    return attune_json.parse_document(data)


class ReviewStore:
    """One member's review records (or, built on a bare folder, records in that folder). With
    a `key`, every file is sealed with it; `member_id` is bound into the associated data."""

    def __init__(self, root: Path, *, key: bytes | None = None, member_id: int | str = 0) -> None:
        self.root = root
        self._key = key
        self._member_id = member_id
        self._suffix = SEALED if key is not None else PLAIN
        self._settle()

    @classmethod
    def for_settings(cls, settings: Settings | None = None) -> ReviewStore:
        """The folder all members' records sit under (each in their own `member-<id>`)."""
        return cls((settings or load_settings()).data_dir / "review")

    @property
    def sealed(self) -> bool:
        return self._key is not None

    # --- paths and files ---------------------------------------------------------------------
    def _folder(self, client_id: str) -> Path:
        try:
            ok = str(uuid.UUID(client_id)) == client_id
        except ValueError:
            ok = False
        if not ok:
            raise LookupError(messages.REVIEW_BAD_CLIENT)
        return self.root / client_id

    def _name(self, exported_at: datetime) -> str:
        return exported_at.astimezone(UTC).strftime(_STAMP) + self._suffix

    def _notes_path(self, client_id: str) -> Path:
        return self._folder(client_id) / (NOTES_STEM + self._suffix)

    def _snapshots(self, client_id: str) -> list[Path]:
        folder = self._folder(client_id)
        if not folder.is_dir():
            return []
        return sorted(
            p
            for p in folder.glob("*" + self._suffix)
            if p.stem not in (NOTES_STEM, RECORD_STEM) and p.is_file()
        )

    def _aad(self, path: Path) -> str:
        return f"attune-review|{self._member_id}|{path.parent.name}/{path.name}"

    def _read(self, path: Path, *, named: Path | None = None) -> bytes:
        """A file's content; `named`: the name it is sealed for, when it sits under another."""
        raw = path.read_bytes()
        if self._key is None:
            return raw
        try:
            return crypto.open_bytes(self._key, self._aad(named or path), raw)
        except crypto.CryptoError:
            raise LookupError(messages.REVIEW_BAD_CLIENT) from None

    def _write(self, path: Path, content: bytes) -> None:
        if self._key is not None:
            content = crypto.seal_bytes(self._key, self._aad(path), content)
        write_atomically(path, content)

    def _settle(self) -> None:
        """Finish or drop a re-key that stopped half-way (see `rekey`): a staged file that opens
        as this store reads takes its place; one that does not, and is older than a change can
        take, is from a change that never reached the database, and goes."""
        if not self.root.is_dir():
            return
        for staged in self.root.glob(f"*/*{STAGED}"):
            goal = target(staged)
            try:
                ok = goal.suffix == self._suffix and bool(self._read(staged, named=goal))
                old = time.time() - staged.stat().st_mtime > STALE_SECONDS
            except (OSError, LookupError):
                ok, old = False, True
            if ok:
                promote(staged)
            elif old:
                staged.unlink(missing_ok=True)

    # --- the record: the therapist's name for the client, the client's key ---------------------
    def record(self, client_id: str) -> Record:
        path = self._folder(client_id) / (RECORD_STEM + self._suffix)
        if not path.is_file():
            return Record()
        raw = json.loads(self._read(path).decode("utf-8"))
        return Record(str(raw.get("name", "")), str(raw.get("public_key", "")))

    def _keep_record(self, client_id: str, record: Record) -> None:
        doc = {"name": record.name, "public_key": record.public_key}
        body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        self._write(self._folder(client_id) / (RECORD_STEM + self._suffix), body)

    def rename(self, client_id: str, name: str) -> str:
        """Give the client the name the therapist knows them by (EntryError when not valid)."""
        if not self._snapshots(client_id):
            raise LookupError(messages.REVIEW_BAD_CLIENT)
        clean = clean_member_name(name)
        self._keep_record(client_id, replace(self.record(client_id), name=clean))
        return clean

    def authenticity(self, client_id: str, data: ExportData) -> Authenticity:
        """Whether `data` (one of the client's kept exports) is signed by the record's key."""
        key = self.record(client_id).public_key
        verdict = signature.verify(data)
        if verdict is not Verdict.VALID or not key or data.public_key != key:
            return Authenticity(Trust.UNSIGNED if verdict is Verdict.UNSIGNED else Trust.OTHER)
        signed = 0
        for at in self.exports(client_id):
            signed += bool(self.load(client_id, at).public_key)
        trust = Trust.SAME if signed > 1 else Trust.ONLY
        return Authenticity(trust, signature.fingerprint(key))

    # --- exports -----------------------------------------------------------------------------
    def open_export(self, data: bytes, passphrase: str = "") -> Opened:
        """Check an export and keep it as a snapshot of its client's record — only when its
        signature holds and, once the record knows the client's key, only signed by that key
        (an export signed by anyone else is refused, never kept: ImportFailed)."""
        export = read_export(data, passphrase)
        if signature.verify(export) is Verdict.BROKEN:
            raise ImportFailed(messages.REVIEW_SIGNATURE_BROKEN)
        record = self.record(export.client_id)
        if record.public_key and export.public_key != record.public_key:
            refused = messages.REVIEW_OTHER_KEY if export.public_key else messages.REVIEW_UNSIGNED
            raise ImportFailed(refused)
        path = self._folder(export.client_id) / self._name(export.exported_at)
        already = path.exists()
        if not already:
            self._write(path, attune_json.dumps(export))
        if export.public_key and not record.public_key:
            self._keep_record(export.client_id, replace(record, public_key=export.public_key))
        new, previous = self.new_since_previous(export.client_id, export.exported_at)
        return Opened(export, new, previous, already)

    def clients(self) -> list[Client]:
        """Every client with at least one export, most recent export first."""
        out: list[Client] = []
        if not self.root.is_dir():
            return out
        for folder in self.root.iterdir():
            try:
                snaps = self._snapshots(folder.name)
            except LookupError:
                continue
            if snaps:
                try:
                    latest = self.load(folder.name)
                except LookupError:
                    continue
                given = self.record(folder.name).name
                out.append(
                    Client(folder.name, latest.member, latest.exported_at, len(snaps), given)
                )
        return sorted(out, key=lambda c: c.latest, reverse=True)

    def describe(self, client_id: str) -> list[ExportInfo]:
        """What each of the client's exports holds, the newest first."""
        times = reversed(self.exports(client_id))
        return [ExportInfo.of(self.load(client_id, at)) for at in times]

    def exports(self, client_id: str) -> list[datetime]:
        """When each of the client's exports was made, oldest first."""
        return [
            datetime.strptime(p.stem, _STAMP).replace(tzinfo=UTC)
            for p in self._snapshots(client_id)
        ]

    def load(self, client_id: str, exported_at: datetime | None = None) -> ExportData:
        """One export of the client (the latest by default), checked again as it is read."""
        snaps = self._snapshots(client_id)
        if not snaps:
            raise LookupError(messages.REVIEW_BAD_CLIENT)
        path = (
            snaps[-1] if exported_at is None else self._folder(client_id) / self._name(exported_at)
        )
        try:
            return attune_json.parse_document(self._read(path))
        except OSError:
            raise LookupError(messages.REVIEW_BAD_CLIENT) from None

    def new_since_previous(
        self, client_id: str, exported_at: datetime
    ) -> tuple[frozenset[str], datetime | None]:
        """Uids of the export's entries that the client's previous export did not hold."""
        times = self.exports(client_id)
        at = exported_at.astimezone(UTC)
        earlier = [t for t in times if t < at]
        current = self.load(client_id, exported_at)
        if not earlier:
            return frozenset(e.uid for e in current.entries), None
        before = self.load(client_id, earlier[-1])
        known = {e.uid for e in before.entries}
        return frozenset(e.uid for e in current.entries if e.uid not in known), earlier[-1]

    # --- the therapist's notes ---------------------------------------------------------------
    def notes(self, client_id: str) -> list[Note]:
        path = self._notes_path(client_id)
        if not path.is_file():
            return []
        raw = json.loads(self._read(path).decode("utf-8"))
        return [Note(datetime.fromisoformat(n["written_at"]), str(n["text"])) for n in raw]

    def add_note(self, client_id: str, text: str, *, now: datetime | None = None) -> Note:
        text = text.strip()
        if not text:
            raise EntryError(messages.REVIEW_NOTE_EMPTY)
        if len(text) > MAX_NOTE_CHARS or "\x00" in text:
            raise EntryError(messages.REVIEW_NOTE_TOO_LONG.format(n=MAX_NOTE_CHARS))
        if not self._snapshots(client_id):
            raise LookupError(messages.REVIEW_BAD_CLIENT)
        note = Note(now or datetime.now(UTC), text)
        notes = [*self.notes(client_id), note]
        doc = [{"written_at": n.written_at.isoformat(), "text": n.text} for n in notes]
        body = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
        self._write(self._notes_path(client_id), body)
        return note


@dataclass(frozen=True)
class Rekeyed:
    """Files sealed again under a new key, staged beside the old ones (see `rekey`)."""

    staged: tuple[Path, ...]

    def commit(self) -> None:
        """The new key is in the database: the staged files take their places."""
        for staged in self.staged:
            promote(staged)

    def discard(self) -> None:
        """The change did not happen: the staged files go."""
        for staged in self.staged:
            staged.unlink(missing_ok=True)


def rekey(settings: Settings, member_id: int, old: bytes | None, new: bytes | None) -> Rekeyed:
    """Stage every review file of the member sealed under `new` (None: in clear), read with
    `old`; the caller commits once the database holds the new key, or discards."""
    root = member_root(settings, member_id)
    if not root.is_dir():
        return Rekeyed(())
    source = ReviewStore(root, key=old, member_id=member_id)
    into_store = ReviewStore(root, key=new, member_id=member_id)
    staged: list[Path] = []
    try:
        for path in sorted(root.glob("*/*" + source._suffix)):
            into = path.with_suffix(into_store._suffix)
            content = source._read(path)
            if new is not None:
                content = crypto.seal_bytes(new, into_store._aad(into), content)
            where = into.with_name(into.name + STAGED)
            write_atomically(where, content)
            staged.append(where)
    except BaseException:
        Rekeyed(tuple(staged)).discard()
        raise
    return Rekeyed(tuple(staged))


def member_root(settings: Settings, member_id: int) -> Path:
    return settings.data_dir / "review" / f"member-{member_id}"


def store_for(journal: Journal, viewer: Viewer) -> ReviewStore:
    """The viewer's own review store: theirs alone, sealed with their data key when they have a
    passphrase (LockedError while such a viewer holds no key)."""
    member_id = viewer.member_id
    if member_id is None:
        raise LockedError("Choose who you are first.")
    with journal.sessions.reading(viewer) as s:
        protected = sealing.is_protected(s, member_id)
    key = viewer.key_for(member_id)
    if protected and key is None:
        raise LockedError("Unlock this journal first: its review records are encrypted.")
    return ReviewStore(
        member_root(journal.settings, member_id),
        key=key if protected else None,
        member_id=member_id,
    )


__all__ = [
    "Authenticity",
    "Client",
    "ExportInfo",
    "ImportFailed",
    "Note",
    "Opened",
    "Record",
    "Rekeyed",
    "ReviewStore",
    "Trust",
    "member_root",
    "read_export",
    "rekey",
    "report",
    "score_charts",
    "store_for",
    "trend_charts",
]
