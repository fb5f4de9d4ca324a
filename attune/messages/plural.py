"""Counts (and time zones) said in good grammar: "1 entry", "2 entries". One helper built on gettext's
`ngettext`, so a translation catalogue can later supply each language's plural forms (the
standard library's `NullTranslations` gives English's two until then)."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

_TRANSLATIONS = gettext.NullTranslations()


def plural(n: int, one: str, other: str, **fields: Any) -> str:
    """`one` or `other` for the count `n`, formatted with `n` and any other fields."""
    return _TRANSLATIONS.ngettext(one, other, n).format(n=n, **fields)


@dataclass(frozen=True)
class Plural:
    """A message with a count: `MESSAGE.format(n=3, …)` picks the form that fits `n`; `zero`,
    when given, is said for 0 ("no questionnaire answers")."""

    one: str
    other: str
    count: str = "n"
    zero: str | None = None

    def format(self, **fields: Any) -> str:
        n = int(fields[self.count])
        if n == 0 and self.zero is not None:
            return _TRANSLATIONS.gettext(self.zero).format(**fields)
        return _TRANSLATIONS.ngettext(self.one, self.other, n).format(**fields)


class Counts:
    """A message with several counts, each said by its own `Plural`, called like one:
    `Counts("Added {added}; {skipped:,} skipped.", added=Plural("{added:,} entry",
    "{added:,} entries", "added")).format(added=1, skipped=0)` is "Added 1 entry; 0 skipped."
    Each `{part}` in `text` is that part said; every other field is the caller's own."""

    def __init__(self, text: str, **parts: Plural) -> None:
        self.text = text
        self.parts = MappingProxyType(parts)

    def format(self, **fields: Any) -> str:
        said = {name: part.format(**fields) for name, part in self.parts.items()}
        return _TRANSLATIONS.gettext(self.text).format(**{**fields, **said})


@dataclass(frozen=True)
class ZoneNote:
    """A message naming a time zone as people say it: "UTC", "New York time", never "Etc/UTC"."""

    text: str

    def format(self, *, tz: object) -> str:
        name = str(tz)
        if name.startswith("Etc/") or name in ("UTC", "GMT"):
            said = name.removeprefix("Etc/")
        else:
            said = name.rsplit("/", 1)[-1].replace("_", " ") + " time"
        return self.text.format(tz=said)


def entries(n: int) -> str:
    """ "1 entry", "2 entries", "19,031 entries"."""
    return plural(n, "{n:,} entry", "{n:,} entries")
