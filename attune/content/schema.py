"""The shape of each content file as pydantic models, and pydantic's errors as the one line a
`ContentError` says ("prompts.yaml prompt 'p-01': missing key 'text'").

Each model checks one object: its keys (all required ones, no unknown ones), the type of each
value (strings are stripped and must not be empty), the allowed words, the field's own rules.
Rules across objects and files (unique ids, links between files, a grounding close) are checked
by `attune.content.loading`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from .model import (
    AUDIENCES,
    DEPTHS,
    EVIDENCE_GROUPS,
    EVIDENCE_LEVELS,
    PRACTICE_KINDS,
    PRACTICE_SECONDS,
    RELATIONSHIPS,
    REVIEWED_SINCE,
    SENSITIVITIES,
    TAKEAWAY_LINE_CHARS,
    THEMES,
    TOPICS,
)


def _one_of(key: str, allowed: tuple[str, ...]) -> AfterValidator:
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{key!r} is {value!r}, expected one of {', '.join(allowed)}")
        return value

    return AfterValidator(check)


Text = Annotated[
    str, Field(min_length=1), BeforeValidator(lambda v: v.strip() if type(v) is str else v)
]


def _choice(key: str, allowed: tuple[str, ...]) -> Any:
    return Annotated[Text, _one_of(key, allowed)]


def _items_min(n: int) -> Callable[[list[Any]], list[Any]]:
    def check(value: list[Any]) -> list[Any]:
        if len(value) < n:
            raise ValueError(f"at least {n}")
        return value

    return check


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class WordModel(_Strict):
    word: Text
    definition: Text


class QuadrantModel(_Strict):
    id: Text
    label: Text
    valence: _choice("valence", ("pleasant", "unpleasant"))  # type: ignore[valid-type]
    energy: _choice("energy", ("high", "low"))  # type: ignore[valid-type]
    words: Annotated[list[WordModel], Field(min_length=1)]


class ReferenceModel(_Strict):
    text: Text
    title: Text | None = None
    doi: Text | None = None
    url: Text | None = None


class ReadingMeta(_Strict):
    id: Text
    title: Text
    topic: _choice("topic", TOPICS)  # type: ignore[valid-type]
    evidence: Any  # one level, or a level per group: see `evidence_levels`
    summary: Text
    takeaway: Annotated[list[Text], Field(min_length=2)]
    reviewed: Any  # a YAML date: see `reviewed_date`
    references: Annotated[list[ReferenceModel], Field(min_length=2)]
    practice: Text | None = None


class PromptModel(_Strict):
    id: Text
    theme: _choice("theme", THEMES)  # type: ignore[valid-type]
    audience: _choice("audience", AUDIENCES)  # type: ignore[valid-type]
    depth: _choice("depth", DEPTHS)  # type: ignore[valid-type]
    relationship: _choice("relationship", RELATIONSHIPS)  # type: ignore[valid-type]
    sensitivity: _choice("sensitivity", SENSITIVITIES)  # type: ignore[valid-type]
    readings: Annotated[list[Text], Field(min_length=1)]
    text: Text
    close: Text | None = None
    self_blame: bool = False


class PhaseModel(_Strict):
    label: Text
    seconds: Annotated[float, Field(gt=0, le=30)]


class PracticeModel(_Strict):
    id: Text
    name: Text
    kind: _choice("kind", PRACTICE_KINDS)  # type: ignore[valid-type]
    audience: _choice("audience", AUDIENCES)  # type: ignore[valid-type]
    summary: Text
    evidence_shows: Text
    evidence_limits: Text
    safety: Text
    duration_seconds: Annotated[int, Field(ge=PRACTICE_SECONDS[0], le=PRACTICE_SECONDS[1])]
    pacer: Annotated[list[PhaseModel], Field(min_length=1)] | None
    steps: Annotated[list[Text], Field(min_length=3)]
    references: Annotated[list[ReferenceModel], Field(min_length=1)]
    readings: Annotated[list[Text], Field(min_length=1)]
    credit: Text | None = None


def evidence_levels(raw: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    """'evidence: early', or a mapping of group to level such as {animals: strong, people:
    early}; a mapping needs 'people', whose level is the reading's headline level."""
    if not isinstance(raw, dict):
        return _level(raw, "'evidence'"), ()
    if any(g not in EVIDENCE_GROUPS for g in raw) or "people" not in raw:
        raise ValueError(f"'evidence' groups must include people and come from {EVIDENCE_GROUPS}")
    groups = [g for g in EVIDENCE_GROUPS if g in raw]
    levels = {g: _level(raw[g], f"'evidence' of {g}") for g in groups}
    return levels["people"], tuple((g, levels[g]) for g in groups)


def _level(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
    if value.strip() not in EVIDENCE_LEVELS:
        raise ValueError(f"{what} is {value!r}, expected one of {', '.join(EVIDENCE_LEVELS)}")
    return value.strip()


def takeaway_lines(lines: list[str]) -> tuple[str, ...]:
    if len(lines) != 2 or any(len(line) > TAKEAWAY_LINE_CHARS for line in lines):
        raise ValueError(
            f"'takeaway' must be two lines of at most {TAKEAWAY_LINE_CHARS} characters"
        )
    return tuple(lines)


def reviewed_date(value: Any) -> datetime.date:
    if type(value) is not datetime.date:
        raise ValueError("'reviewed' must be a date written as YYYY-MM-DD")
    if not REVIEWED_SINCE <= value <= datetime.date.today():
        raise ValueError(f"'reviewed' {value} must be from {REVIEWED_SINCE} up to today")
    return value


# --- pydantic's errors as one line ----------------------------------------------------------------
#: Lists of objects: a problem inside one names it ("... reference 2: needs a 'doi' or a 'url'").
_ITEMS = {"references": "reference", "words": "word", "pacer": "pacer phase"}


def one_line(where: str, error: ValidationError) -> str:
    """The first problem pydantic found, as `ContentError` words: "<where>: <problem>"."""
    first = error.errors(include_url=False)[0]
    loc = list(first["loc"])
    while len(loc) >= 3 and isinstance(loc[1], int) and str(loc[0]) in _ITEMS:
        where = f"{where} {_ITEMS[str(loc[0])]} {loc[1] + 1}"
        loc = loc[2:]
    return f"{where}: {_problem(first, loc)}"


def _problem(error: ErrorDetails, loc: list[int | str]) -> str:
    kind, value = error["type"], error.get("input")
    fields = [str(part) for part in loc if isinstance(part, str)]
    key = fields[-1] if fields else ""
    if kind == "missing":
        return f"missing key {key!r}"
    if kind == "extra_forbidden":
        return f"unknown key {key!r}"
    if kind == "bool_type":
        return f"{key!r} must be true or false"
    if kind in ("model_type", "dict_type"):
        return f"expected a mapping, got {type(value).__name__}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if loc and isinstance(loc[-1], int):  # an item of a list of strings
        return f"every item of {key!r} must be a non-empty string"
    if kind in ("list_type", "too_short") and key in ("takeaway",):
        return f"'takeaway' must be two lines of at most {TAKEAWAY_LINE_CHARS} characters"
    if kind in ("list_type", "too_short"):
        least = error.get("ctx", {}).get("min_length", 1)
        return f"{key!r} must be a list of at least {least}"
    if key == "duration_seconds":
        low, high = PRACTICE_SECONDS
        return f"'duration_seconds' must be a whole number from {low} to {high}"
    if key == "seconds":
        return "pacer 'seconds' must be a number above 0 and at most 30"
    return f"{key!r} must be a non-empty string"
