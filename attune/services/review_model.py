"""What the review records are made of: a client, the therapist's record of them, an export as
the list of a client's exports shows it, an opened export, a note, and how far an export is
known to come from the client."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from attune.domain.exports import ExportData, Scope


@dataclass(frozen=True)
class Client:
    client_id: str
    member: str  # the name the client gave themselves in their latest export
    latest: datetime
    exports: int
    given: str = ""  # the name the therapist gave them ("" until they do)

    @property
    def name(self) -> str:
        return self.given or self.member


@dataclass(frozen=True)
class Record:
    name: str = ""
    public_key: str = ""  # the key the client's exports are signed with, from the first signed


class Trust(enum.StrEnum):
    SAME = "same"  # signed by the key of the client's earlier exports
    ONLY = "only"  # signed; the only signed export of the record so far
    UNSIGNED = "unsigned"  # made before exports were signed: nothing to check
    OTHER = "other"  # does not match the record's key (kept from before the record had one)


@dataclass(frozen=True)
class Authenticity:
    trust: Trust
    fingerprint: str = ""


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


@dataclass(frozen=True)
class ExportInfo:
    """One export of a client, as the list of their exports names it."""

    exported_at: datetime
    entries: int
    checkins: int
    start: date | None
    end: date | None
    scope: Scope
    signed: bool

    @classmethod
    def of(cls, data: ExportData) -> ExportInfo:
        start = data.start or data.summary.first
        end = data.end or data.summary.last
        return cls(
            data.exported_at,
            len(data.entries),
            data.summary.checkins,
            start,
            end,
            data.scope,
            bool(data.public_key),
        )
