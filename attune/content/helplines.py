"""The helplines Attune ships (``data/helplines.yaml``): emergency numbers, crisis lines and
domestic-abuse lines by country, and international directories.

Strictly validated like the other content files: any problem is a `ContentError` naming the file,
the line and what is wrong. Every line has a country that the file names, a kind, a number or an
address, a source (https) and the day it was last checked; every country has an emergency number
and a crisis line.
"""

from __future__ import annotations

import datetime
import functools
import pathlib
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field

from .loading import _fail, _model, _read, _yaml
from .model import DEFAULT_DATA_DIR
from .schema import Text, _choice, _Strict

FILE = "helplines.yaml"
KINDS = ("emergency", "crisis", "abuse")
#: A line's last_checked date falls on or after this day (and not in the future).
CHECKED_SINCE = datetime.date(2025, 1, 1)
_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class ShippedLine:
    """One helpline as shipped: shown as plain text, never as a link."""

    name: str
    contact: str  # a number or an address
    kind: str  # KINDS, or "directory"
    source: str
    last_checked: datetime.date
    country: str | None = None  # ISO 3166-1 alpha-2; None for a directory
    hours: str | None = None


@dataclass(frozen=True)
class CountryHelp:
    code: str
    name: str
    emergency: tuple[ShippedLine, ...]
    crisis: tuple[ShippedLine, ...]
    abuse: tuple[ShippedLine, ...]


@dataclass(frozen=True)
class Helplines:
    countries: tuple[tuple[str, str], ...]  # (code, name), ordered by name
    lines: tuple[ShippedLine, ...]
    directory: tuple[ShippedLine, ...]

    def country(self, code: str | None) -> CountryHelp | None:
        """The lines of one country, or None for a code the file does not name."""
        names = dict(self.countries)
        if not code or code not in names:
            return None
        mine = [line for line in self.lines if line.country == code]
        return CountryHelp(
            code,
            names[code],
            *(tuple(line for line in mine if line.kind == kind) for kind in KINDS),
        )


class _LineModel(_Strict):
    country: Text
    kind: _choice("kind", KINDS)  # type: ignore[valid-type]
    name: Text
    number: Text | None = None
    address: Text | None = None
    hours: Text | None = None
    source: Text
    last_checked: datetime.date


class _DirectoryModel(_Strict):
    name: Text
    address: Text
    source: Text
    last_checked: datetime.date


class _FileModel(_Strict):
    countries: Annotated[dict[str, Text], Field(min_length=1)]
    directory: Annotated[list[Any], Field(min_length=1)]
    lines: Annotated[list[Any], Field(min_length=1)]


def _checked(where: str, source: str, day: datetime.date) -> None:
    if not source.startswith("https://"):
        _fail(where, f"source {source!r} must be an https:// address")
    if not CHECKED_SINCE <= day <= datetime.date.today():
        _fail(where, f"last_checked {day} must be from {CHECKED_SINCE} up to today")


def _line(raw: Any, i: int, names: dict[str, str]) -> ShippedLine:
    where = f"{FILE} line {i}"
    line = _model(_LineModel, raw, where)
    where = f"{where} ({line.country} {line.name!r})"
    if line.country not in names:
        _fail(where, f"country {line.country!r} is not in 'countries'")
    if (line.number is None) == (line.address is None):
        _fail(where, "needs a 'number' or an 'address' (one of them)")
    _checked(where, line.source, line.last_checked)
    contact = line.number if line.number is not None else line.address
    return ShippedLine(
        line.name,
        str(contact),
        line.kind,
        line.source,
        line.last_checked,
        country=line.country,
        hours=line.hours,
    )


def _directory(raw: Any, i: int) -> ShippedLine:
    where = f"{FILE} directory {i}"
    entry = _model(_DirectoryModel, raw, where)
    _checked(where, entry.source, entry.last_checked)
    return ShippedLine(entry.name, entry.address, "directory", entry.source, entry.last_checked)


def _load(path: pathlib.Path) -> Helplines:
    doc = _model(_FileModel, _yaml(_read(path, FILE), FILE), FILE)
    names = dict(doc.countries)
    for code in names:
        if not _CODE.fullmatch(code):
            _fail(FILE, f"country code {code!r} must be two capital letters (ISO 3166-1)")
    lines = tuple(_line(raw, i, names) for i, raw in enumerate(doc.lines, 1))
    seen: set[tuple[str | None, str]] = set()
    for line in lines:
        if (line.country, line.name) in seen:
            _fail(FILE, f"{line.country} {line.name!r} is listed twice")
        seen.add((line.country, line.name))
    for code in names:
        kinds = {line.kind for line in lines if line.country == code}
        if not {"emergency", "crisis"} <= kinds:
            _fail(FILE, f"country {code} needs an emergency number and a crisis line")
    directory = tuple(_directory(raw, i) for i, raw in enumerate(doc.directory, 1))
    countries = tuple(sorted(names.items(), key=lambda item: item[1]))
    return Helplines(countries, lines, directory)


@functools.lru_cache(maxsize=1)
def _default() -> Helplines:
    return _load(DEFAULT_DATA_DIR / FILE)


def load_helplines(data_dir: pathlib.Path | None = None) -> Helplines:
    """Load and validate ``helplines.yaml`` from ``data_dir`` (default: the repo's ``data/``,
    cached). Raises ContentError, naming the file, the line and the problem."""
    return _default() if data_dir is None else _load(pathlib.Path(data_dir) / FILE)
