"""The Attune JSON format as pydantic models: what a reader accepts, field by field.

`DocumentModel` is the whole file (docs/attune-json.md describes each field, and
docs/attune-json.schema.json is `DocumentModel.model_json_schema()`; a test compares them).
Validation is strict: JSON types only (no "3" for 3, no true for 1, no 3.0 for an integer),
every field present, no field that is not listed. `one_line(error)` turns pydantic's report into
the one line a person is shown, naming the field and never quoting its value.

Regenerate the documented schema with
`python -c "from attune.exchange.attune_json_schema import schema_text as t; print(t(), end='')" > docs/attune-json.schema.json`.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    with_config,
)
from typing_extensions import TypedDict

from attune import messages
from attune.domain.entries import Visibility
from attune.domain.exports import Checkin, ExportAssessment, ExportEntry, Summary

MAX_ID_CHARS = 64
MAX_TIME_CHARS = 40
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _aware_time(raw: str) -> datetime:
    """An ISO 8601 time with its UTC offset that can be stored in UTC (0001-01-01T00:00+05:00
    cannot)."""
    value = datetime.fromisoformat(raw)  # ValueError: pydantic reports the field
    if value.utcoffset() is None:
        raise ValueError("no UTC offset")
    value.astimezone(UTC)  # OverflowError is not a ValueError: say so
    return value


def _storable_time(raw: str) -> datetime:
    try:
        return _aware_time(raw)
    except OverflowError:
        raise ValueError("out of range") from None


Time = Annotated[
    str,
    Field(max_length=MAX_TIME_CHARS),
    AfterValidator(_storable_time),
    WithJsonSchema({"type": "string", "format": "date-time", "maxLength": MAX_TIME_CHARS}),
]
Day = Annotated[
    str,
    Field(min_length=10, max_length=10),
    AfterValidator(date.fromisoformat),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Uuid = Annotated[str, Field(pattern=UUID_PATTERN)]
Id = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]
Scale = Annotated[int, Field(ge=1, le=5)]


_STRICT = ConfigDict(strict=True, extra="forbid")


class _Strict(BaseModel):
    model_config = _STRICT


B64_KEY = r"^[A-Za-z0-9+/]{43}=$"  # 32 bytes
B64_SIGNATURE = r"^[A-Za-z0-9+/]{86}==$"  # 64 bytes


class SignatureModel(_Strict):
    model_config = ConfigDict(title="Signature")

    algorithm: Literal["Ed25519"]
    public_key: Annotated[str, Field(pattern=B64_KEY)]
    value: Annotated[str, Field(pattern=B64_SIGNATURE)]


class RangeModel(_Strict):
    model_config = ConfigDict(title="Range")

    from_: Day | None = Field(alias="from")
    to: Day | None


class TopFeelingModel(_Strict):
    model_config = ConfigDict(title="Feeling count")

    feeling: str
    count: int


class SummaryModel(_Strict):
    model_config = ConfigDict(title="Summary")

    checkins: int
    days: int
    first: Day | None
    last: Day | None
    valence_min: int | None
    valence_mean: float | None
    valence_max: int | None
    energy_mean: float | None
    connection_mean: float | None
    top_feelings: list[TopFeelingModel]

    def to_summary(self) -> Summary:
        return Summary(
            checkins=self.checkins,
            days=self.days,
            first=self.first,  # type: ignore[arg-type]  # a date once validated
            last=self.last,  # type: ignore[arg-type]
            valence_min=self.valence_min,
            valence_mean=self.valence_mean,
            valence_max=self.valence_max,
            energy_mean=self.energy_mean,
            connection_mean=self.connection_mean,
            top_feelings=tuple((t.feeling, t.count) for t in self.top_feelings),
        )


@with_config(ConfigDict(strict=True, extra="forbid", title="Checkin"))
class CheckinRow(TypedDict):
    """One of the client's own check-ins: numbers and feeling words, no text and no tags."""

    # A TypedDict rather than a model, as a backup holds tens of thousands: a validated dict is
    # made at a third of the cost of a model.

    occurred_at: Time
    valence: Scale
    energy: Scale
    connection: Scale | None
    feelings: list[str]


def to_checkin(row: CheckinRow) -> Checkin:
    return Checkin(
        row["occurred_at"],  # type: ignore[arg-type]  # a datetime once validated
        row["valence"],
        row["energy"],
        row["connection"],
        tuple(row["feelings"]),
    )


class AssessmentModel(_Strict):
    model_config = ConfigDict(title="Assessment")

    kind: Literal["csi4", "who5"]  # attune.domain.assessments.QUESTIONNAIRES
    taken_at: Time
    answers: list[int]
    score: int

    def to_assessment(self) -> ExportAssessment:
        return ExportAssessment(self.kind, self.taken_at, tuple(self.answers), self.score)  # type: ignore[arg-type]


@with_config(ConfigDict(strict=True, extra="forbid", title="Entry"))
class EntryRow(TypedDict):
    """One entry with its text. Scales, words and text then meet Attune's own entry rules."""

    # A TypedDict, as check-ins are. The rules are `EntryDraft.clean`, as for an entry typed in
    # the app.

    uid: Uuid
    author: str
    occurred_at: Time
    valence: int
    energy: int
    connection: int | None
    feelings: list[str]
    tags: list[str]
    visibility: Literal["private", "shared"]
    share_with_therapist: bool
    prompt_id: Id | None
    reading_id: Id | None
    body: str


def to_entry(row: EntryRow) -> ExportEntry:
    return ExportEntry(  # by position (the fields' order): a backup holds 100,000 of these
        row["uid"],
        row["author"],
        row["occurred_at"],  # type: ignore[arg-type]  # a datetime once validated
        row["valence"],
        row["energy"],
        row["connection"],
        tuple(row["feelings"]),
        tuple(row["tags"]),
        _VISIBILITY[row["visibility"]],
        row["share_with_therapist"],
        row["prompt_id"],
        row["reading_id"],
        row["body"],
    )


_VISIBILITY = {v.value: v for v in Visibility}


class DocumentModel(_Strict):
    """An Attune JSON file, format version 2 (version 1: the same without `signature`)."""

    model_config = ConfigDict(title="Attune JSON, format version 2")

    format: Literal["attune"]
    version: Literal[1, 2]
    exported_at: Time
    client_id: Uuid
    member: str
    scope: Literal["therapist", "picked", "summary", "all"]
    signature: SignatureModel | None = None  # present (maybe null) in version 2, absent in 1
    range: RangeModel
    summary: SummaryModel
    checkins: list[CheckinRow]
    assessments: list[AssessmentModel]
    entries: list[EntryRow]


ENTRIES: TypeAdapter[list[EntryRow]] = TypeAdapter(list[EntryRow])
#: Lists whose items are objects: an error inside one names the item ("entries[3].valence");
#: inside any other list it names the field ("entries[3].feelings").
_OBJECT_LISTS = frozenset({"entries", "checkins", "assessments", "top_feelings"})


def where(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as the documentation writes it: `entries[3].occurred_at`."""
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            if i == 0 or loc[i - 1] not in _OBJECT_LISTS:
                break
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def one_line(error: ValidationError, loc: tuple[int | str, ...] | None = None) -> str:
    """The first problem pydantic found, in one line that names the field, never its value
    (`loc`: where it is in the whole file, when pydantic saw only part of it)."""
    first = error.errors(include_url=False, include_context=False, include_input=False)[0]
    loc = tuple(first["loc"]) if loc is None else loc
    if first["type"] == "extra_forbidden":
        return messages.ATTUNE_JSON_UNKNOWN.format(where=where(loc[:-1]) or "the file")
    return messages.ATTUNE_JSON_FIELD.format(where=where(loc))


def json_schema() -> dict[str, Any]:
    return DocumentModel.model_json_schema(by_alias=True)


def schema_text() -> str:
    """docs/attune-json.schema.json as it should read."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
