"""Import batches: where a set of entries came from, so an import can be repeated without
duplicates and undone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ImportBatch:
    id: int
    uid: str
    format: str  # an importer's name: "daylio", "jrnl", "dayone"
    file_sha256: str
    member_id: int
    created_at: datetime
    entry_count: int  # how many entries this import added
    undone_at: datetime | None

    @property
    def undone(self) -> bool:
        return self.undone_at is not None


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None  # None when nothing was new, so no batch was recorded
    added: int
    already_present: int
    skipped: int
