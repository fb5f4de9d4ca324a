"""What an export holds, and its pure assembly from entries and scores (no storage, no I/O).

`ExportData` is the one thing every exporter writes (Attune JSON, CSV, Markdown, PDF, bundle) and
the therapist's review mode reads back. `assemble` decides what is in it from entries the member
may already see (the visibility rule ran upstream, in storage) and the chosen scope:

- `therapist` (the default): the member's own entries flagged "share with therapist";
- `picked`: exactly the uids the member picked from what they may see;
- `summary`: no entries at all — figures, charts and scores only;
- `all`: every entry the member may see (the owner's backup).

Whatever the scope, `checkins` carries the member's own check-ins in the range as numbers and
feeling words only (never text or tags): the charts and figures of the summary come from them.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Protocol

from attune.domain.assessments import QUESTIONNAIRES, Questionnaire
from attune.domain.entries import Entry, EntryDraft, Visibility
from attune.domain.text import show_controls

FORMAT = "attune"
VERSION = 2  # 2 added `signature` (attune.exchange.signature); version 1 files are still read
TOP_FEELINGS = 8


class Scope(enum.StrEnum):
    THERAPIST = "therapist"
    PICKED = "picked"
    SUMMARY = "summary"
    ALL = "all"


class ExportError(ValueError):
    """An export that cannot be written as asked; the message is one line, safe to show."""


@dataclass(frozen=True)
class ExportOptions:
    """How to write: a bundle's passphrase (never shown, never logged) and its scrypt cost."""

    passphrase: str = field(default="", repr=False, compare=False)
    kdf_log2_n: int = 17


@dataclass(frozen=True)
class ExportEntry:
    uid: str
    author: str
    occurred_at: datetime  # timezone-aware, in the offset it was written in
    valence: int
    energy: int
    connection: int | None
    feelings: tuple[str, ...]
    tags: tuple[str, ...]
    visibility: Visibility
    share_with_therapist: bool
    prompt_id: str | None
    reading_id: str | None
    body: str

    @classmethod
    def of(cls, e: Entry) -> ExportEntry:
        return cls(  # by position (the fields' order): an export builds 100,000 of these
            e.uid,
            e.author,
            e.occurred_at,
            e.valence,
            e.energy,
            e.connection,
            e.feelings,
            e.tags,
            e.visibility,
            e.share_with_therapist,
            e.prompt_id,
            e.reading_id,
            e.body,
        )

    def as_draft(self, visibility: Visibility | None = None) -> EntryDraft:
        return EntryDraft(
            occurred_at=self.occurred_at,
            valence=self.valence,
            energy=self.energy,
            connection=self.connection,
            feelings=self.feelings,
            tags=self.tags,
            body=self.body,
            prompt_id=self.prompt_id,
            reading_id=self.reading_id,
            visibility=visibility or self.visibility,
            share_with_therapist=self.share_with_therapist,
        )


@dataclass(frozen=True)
class Checkin:
    """One of the member's own check-ins as numbers and feeling words (no text, no tags)."""

    occurred_at: datetime
    valence: int
    energy: int
    connection: int | None
    feelings: tuple[str, ...]


@dataclass(frozen=True)
class ExportAssessment:
    kind: str  # "csi4" or "who5" (attune.domain.assessments)
    taken_at: datetime
    answers: tuple[int, ...]  # index of the chosen option, per item
    score: int

    @property
    def questionnaire(self) -> Questionnaire:
        return QUESTIONNAIRES[self.kind]


@dataclass(frozen=True)
class Summary:
    checkins: int
    days: int
    first: date | None
    last: date | None
    valence_min: int | None
    valence_mean: float | None
    valence_max: int | None
    energy_mean: float | None
    connection_mean: float | None
    top_feelings: tuple[tuple[str, int], ...]


class Signer(Protocol):
    """A member's signing key, for an export signed once it is written or read
    (attune.exchange.signature.deferred)."""

    def content(self, data: ExportData) -> bytes:
        """What a signature of `data` covers: it written as Attune JSON, its signature empty."""
        ...

    def sign(self, content: bytes) -> str:
        """The signature (base64) of those bytes."""
        ...


class _SignedWhenRead:
    """`ExportData.signature`: as given, or — when empty and the export has a `signer` — made
    the first time it is read, and kept (the signer is then let go). A CSV or a PDF of an
    export never reads it, so never writes the JSON to sign it; the Attune JSON writer signs
    the bytes it writes instead of reading it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._key = f"_{name}"

    def __get__(self, data: Any, owner: type | None = None) -> str:
        if data is None:
            return ""  # the field's default
        value: str = data.__dict__[self._key]
        signer = data.__dict__.get("signer")
        if not value and signer is not None:
            value = signer.sign(signer.content(data))
            data.__dict__[self._key] = value
            data.__dict__["signer"] = None
        return value

    def __set__(self, data: Any, value: str) -> None:
        data.__dict__[self._key] = value


@dataclass(frozen=True)
class ExportData:
    exported_at: datetime
    client_id: str
    member: str
    start: date | None
    end: date | None
    scope: Scope
    summary: Summary
    checkins: tuple[Checkin, ...]
    entries: tuple[ExportEntry, ...]
    assessments: tuple[ExportAssessment, ...]
    format: str = FORMAT
    version: int = VERSION
    public_key: str = ""  # the client's Ed25519 public key (base64), "" when unsigned
    # Over the export written with this field empty (base64); made when first read if empty
    # and `signer` is set (an export signed where it is written: _SignedWhenRead).
    signature: _SignedWhenRead = _SignedWhenRead()
    signer: Signer | None = field(default=None, compare=False, repr=False)  # never shown

    def shared_by(self, entry: ExportEntry) -> str | None:
        """The other member who shared this entry, or None when it is the client's own."""
        return entry.author if entry.author != self.member else None


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def summarise(checkins: Iterable[Checkin]) -> Summary:
    items = list(checkins)
    days = sorted({c.occurred_at.date() for c in items})
    valence = [c.valence for c in items]
    words = Counter(w for c in items for w in c.feelings)
    top = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_FEELINGS]
    return Summary(
        checkins=len(items),
        days=len(days),
        first=days[0] if days else None,
        last=days[-1] if days else None,
        valence_min=min(valence) if valence else None,
        valence_mean=_mean(valence),
        valence_max=max(valence) if valence else None,
        energy_mean=_mean([c.energy for c in items]),
        connection_mean=_mean([c.connection for c in items if c.connection is not None]),
        top_feelings=tuple(top),
    )


def select(
    visible: Sequence[Entry], member_id: int | None, scope: Scope, picked: Collection[str] = ()
) -> list[Entry]:
    """The entries a scope puts in an export, from those the member may see."""
    if scope is Scope.THERAPIST:
        return [e for e in visible if e.member_id == member_id and e.share_with_therapist]
    if scope is Scope.PICKED:
        wanted = set(picked)
        return [e for e in visible if e.uid in wanted]
    if scope is Scope.SUMMARY:
        return []
    return list(visible)


def assemble(
    *,
    member: str,
    member_id: int | None,
    client_id: str,
    scope: Scope,
    start: date | None,
    end: date | None,
    visible: Sequence[Entry],
    assessments: Sequence[ExportAssessment],
    exported_at: datetime,
    picked: Collection[str] = (),
) -> ExportData:
    """An export of `visible` (entries the member may see, in the range) under `scope`."""
    ordered = sorted(visible, key=lambda e: (e.occurred_at, e.uid))
    own = [e for e in ordered if member_id is not None and e.member_id == member_id]
    checkins = tuple(
        Checkin(e.occurred_at, e.valence, e.energy, e.connection, e.feelings) for e in own
    )
    return ExportData(
        exported_at=exported_at,
        client_id=client_id,
        member=member,
        start=start,
        end=end,
        scope=scope,
        summary=summarise(checkins),
        checkins=checkins,
        entries=tuple(ExportEntry.of(e) for e in select(ordered, member_id, scope, picked)),
        assessments=tuple(sorted(assessments, key=lambda a: (a.taken_at, a.kind))),
    )


def readable(data: ExportData) -> ExportData:
    """`data` as a reader is shown it (the Markdown, CSV and PDF exports, the therapist's review):
    control characters and bidi overrides in every word the member wrote — names, feeling words,
    tags, bodies — written out visibly (`show_controls`), so a terminal or a screen shows them
    instead of obeying them. The author's own journal keeps what they wrote."""

    def words(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(show_controls(w) for w in items)

    return replace(
        data,
        client_id=show_controls(data.client_id),
        member=show_controls(data.member),
        summary=replace(
            data.summary,
            top_feelings=tuple((show_controls(w), n) for w, n in data.summary.top_feelings),
        ),
        checkins=tuple(replace(c, feelings=words(c.feelings)) for c in data.checkins),
        entries=tuple(
            replace(
                e,
                author=show_controls(e.author),
                body=show_controls(e.body),
                feelings=words(e.feelings),
                tags=words(e.tags),
            )
            for e in data.entries
        ),
    )
