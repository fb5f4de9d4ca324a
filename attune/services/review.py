"""Review mode: the exports a therapist opens, kept as separate, read-only client records.

Nothing here touches the therapist's own journal database. Each opened export is checked in full
(`attune_json.parse_document`, after unsealing a bundle) and stored as a snapshot file:

    <data_dir>/review/<client_id>/<exported_at as UTC stamp>.json   the validated export
    <data_dir>/review/<client_id>/notes.json                       the therapist's private notes

`client_id` is a UUID (checked before it becomes a folder name), so no file name comes from the
export's text. Files are written to a temporary name and renamed into place, so a snapshot or a
note is stored whole or not at all. Opening a newer export of the same client shows which
entries are new since the previous one (uids not in it).
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from attune import messages
from attune.config import Settings, load_settings
from attune.domain.entries import EntryError
from attune.domain.exports import ExportData
from attune.exchange import attune_json, bundle, report
from attune.exchange.registry import ImportFailed, check_size
from attune.exchange.report_charts import score_charts, trend_charts

MAX_NOTE_CHARS = 20_000
NOTES = "notes.json"
_STAMP = "%Y%m%dT%H%M%S.%fZ"


@dataclass(frozen=True)
class Client:
    client_id: str
    member: str
    latest: datetime
    exports: int


@dataclass(frozen=True)
class Opened:
    data: ExportData
    new: frozenset[str]  # uids of entries not in the previous export
    previous: datetime | None  # when that previous export was made (None: the first)
    already_open: bool


@dataclass(frozen=True)
class Note:
    written_at: datetime
    text: str


def read_export(data: bytes, passphrase: str = "") -> ExportData:
    """An Attune JSON export or encrypted bundle, checked in full; ImportFailed otherwise."""
    check_size(data)
    if bundle.is_bundle(data):
        return bundle.open_export(data, passphrase)
    return attune_json.parse_document(data)


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ReviewStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def for_settings(cls, settings: Settings | None = None) -> ReviewStore:
        return cls((settings or load_settings()).data_dir / "review")

    # --- paths -------------------------------------------------------------------------------
    def _folder(self, client_id: str) -> Path:
        try:
            ok = str(uuid.UUID(client_id)) == client_id
        except ValueError:
            ok = False
        if not ok:
            raise LookupError(messages.REVIEW_BAD_CLIENT)
        return self.root / client_id

    @staticmethod
    def _name(exported_at: datetime) -> str:
        return exported_at.astimezone(UTC).strftime(_STAMP) + ".json"

    def _snapshots(self, client_id: str) -> list[Path]:
        folder = self._folder(client_id)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.json") if p.name != NOTES)

    # --- exports -----------------------------------------------------------------------------
    def open_export(self, data: bytes, passphrase: str = "") -> Opened:
        """Check an export and keep it as a snapshot of its client's record."""
        export = read_export(data, passphrase)
        path = self._folder(export.client_id) / self._name(export.exported_at)
        already = path.exists()
        if not already:
            _write_atomically(path, attune_json.dumps(export))
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
                latest = self.load(folder.name)
                out.append(Client(folder.name, latest.member, latest.exported_at, len(snaps)))
        return sorted(out, key=lambda c: c.latest, reverse=True)

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
            return attune_json.parse_document(path.read_bytes())
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
        path = self._folder(client_id) / NOTES
        if not path.is_file():
            return []
        raw = json.loads(path.read_text(encoding="utf-8"))
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
        _write_atomically(self._folder(client_id) / NOTES, body)
        return note


__all__ = [
    "Client",
    "ImportFailed",
    "Note",
    "Opened",
    "ReviewStore",
    "read_export",
    "report",
    "score_charts",
    "trend_charts",
]
