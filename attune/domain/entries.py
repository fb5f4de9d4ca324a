"""Entries, members and the rules for what a valid entry is."""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

SCALE = range(1, 6)
MAX_BODY_CHARS = 100_000
MAX_TAG_CHARS = 40
MAX_TAGS = 20
MAX_FEELINGS = 12
MAX_NAME_CHARS = 40
CACHED_LABEL_CHARS = (
    64  # labels up to this long are checked once per process (see normalise_labels)
)

VALENCE_LABELS = {
    1: "Very unpleasant",
    2: "Unpleasant",
    3: "Neutral",
    4: "Pleasant",
    5: "Very pleasant",
}
ENERGY_LABELS = {1: "Drained", 2: "Low", 3: "Steady", 4: "Lively", 5: "Buzzing"}
CONNECTION_LABELS = {
    1: "Very disconnected",
    2: "A bit distant",
    3: "Okay",
    4: "Connected",
    5: "Deeply connected",
}


class Visibility(enum.StrEnum):
    PRIVATE = "private"
    SHARED = "shared"


class EntryError(ValueError):
    """A draft that cannot be saved; the message is safe to show (it never quotes entry text)."""


class StaleEditError(Exception):
    """The entry changed after it was opened; saving would overwrite someone's edit."""


class NotFoundError(LookupError):
    """No such entry for this viewer (it does not exist, is not theirs, or is not visible)."""


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    colour: str


@dataclass(frozen=True)
class EntryDraft:
    """What a person writes; validated by `clean()` before it is stored."""

    occurred_at: datetime
    valence: int
    energy: int
    connection: int | None = None
    feelings: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    body: str = ""
    prompt_id: str | None = None
    reading_id: str | None = None
    visibility: Visibility = Visibility.PRIVATE
    share_with_therapist: bool = False

    def clean(self) -> EntryDraft:
        """Return a normalised copy, or raise EntryError saying what is wrong."""
        if self.occurred_at.tzinfo is None or self.occurred_at.utcoffset() is None:
            raise EntryError("The time of an entry needs a timezone.")
        for name, value in (("Pleasantness", self.valence), ("Energy", self.energy)):
            if not isinstance(value, int) or value not in SCALE:
                raise EntryError(f"{name} must be a whole number from 1 to 5.")
        if self.connection is not None and self.connection not in SCALE:
            raise EntryError("Connection must be a whole number from 1 to 5.")
        if len(self.body) > MAX_BODY_CHARS:
            raise EntryError(f"A note can be at most {MAX_BODY_CHARS:,} characters.")
        if "\x00" in self.body:
            raise EntryError("A note cannot contain NUL characters.")
        tags = normalise_labels(self.tags, max_chars=MAX_TAG_CHARS, what="tag")
        feelings = normalise_labels(self.feelings, max_chars=MAX_TAG_CHARS, what="feeling word")
        feelings = tuple(f.lower() for f in feelings)
        if len(tags) > MAX_TAGS:
            raise EntryError(f"An entry can have at most {MAX_TAGS} tags.")
        if len(feelings) > MAX_FEELINGS:
            raise EntryError(f"Choose at most {MAX_FEELINGS} feeling words.")
        return EntryDraft(
            occurred_at=self.occurred_at,
            valence=self.valence,
            energy=self.energy,
            connection=self.connection,
            feelings=tuple(dict.fromkeys(feelings)),
            tags=tags,
            body=self.body,
            prompt_id=self.prompt_id or None,
            reading_id=self.reading_id or None,
            visibility=Visibility(self.visibility),
            share_with_therapist=bool(self.share_with_therapist),
        )


@dataclass(frozen=True)
class Entry:
    id: int
    uid: str
    member_id: int
    author: str
    occurred_at: datetime  # timezone-aware, in the offset it was written in
    valence: int
    energy: int
    connection: int | None
    feelings: tuple[str, ...]
    tags: tuple[str, ...]
    body: str
    prompt_id: str | None
    reading_id: str | None
    visibility: Visibility
    share_with_therapist: bool
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    version: int
    sealed: bool = False  # its words are encrypted at rest (attune.crypto)

    @property
    def local_date(self) -> date:
        return self.occurred_at.date()

    def as_draft(self) -> EntryDraft:
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
            visibility=self.visibility,
            share_with_therapist=self.share_with_therapist,
        )


@dataclass(frozen=True)
class EntryFilter:
    """What the Journal page asks for. Empty fields do not filter."""

    text: str = ""
    start: date | None = None
    end: date | None = None
    tags: tuple[str, ...] = ()
    feelings: tuple[str, ...] = ()
    valence: tuple[int, ...] = ()
    on_day: date | None = None
    trashed: bool = False
    visibility: Visibility | None = None


@dataclass(frozen=True)
class EntryPage:
    items: tuple[Entry, ...]
    total: int
    page: int
    page_size: int
    more: bool = False  # a long search counts only so far: there are more than `total`

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class SearchHit:
    uid: str
    entry_id: int
    occurred_at: datetime
    author: str
    snippet: str  # plain text; matches wrapped in HIT_START / HIT_END


@dataclass(frozen=True)
class Stats:
    entries: int
    members: dict[str, int]
    first: date | None
    last: date | None
    mean_valence: float | None
    scope: str = field(default="")


_SPACE = re.compile(r"\s+")


def member_called(members: list[Member], name: str) -> Member | None:
    """The member whose name is `name`, compared as names are (trimmed, NFC, case folded)."""
    wanted = normalise_label(name).casefold()
    return next((member for member in members if member.name.casefold() == wanted), None)


def normalise_label(text: str) -> str:
    """Trim, fold inner white space, NFC-normalise. Used for tags, feeling words and names."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@functools.lru_cache(maxsize=4096)
def _checked_label(raw: str) -> tuple[str, str, bool]:
    """(label, its casefold, whether it holds a control character) for one short raw label.
    Cached: an import of 100,000 entries repeats a few hundred tags and feeling words."""
    label = normalise_label(raw)
    return label, label.casefold(), any(unicodedata.category(ch) == "Cc" for ch in label)


def normalise_labels(
    values: tuple[str, ...] | list[str], *, max_chars: int, what: str
) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for raw in values:
        text = str(raw)
        if len(text) <= CACHED_LABEL_CHARS:
            label, folded, control = _checked_label(text)
        else:  # long input is not worth keeping around (it is too long once trimmed, mostly)
            label = normalise_label(text)
            folded, control = (
                label.casefold(),
                any(unicodedata.category(ch) == "Cc" for ch in label),
            )
        if not label:
            continue
        if len(label) > max_chars:
            raise EntryError(f"A {what} can be at most {max_chars} characters.")
        if control:
            raise EntryError(f"A {what} cannot contain control characters.")
        seen.setdefault(folded, label)
    return tuple(seen.values())


def clean_member_name(name: str) -> str:
    label = normalise_label(name)
    if not label:
        raise EntryError("Please enter a name.")
    if len(label) > MAX_NAME_CHARS:
        raise EntryError(f"A name can be at most {MAX_NAME_CHARS} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in label):
        raise EntryError("A name cannot contain control characters.")
    return label
