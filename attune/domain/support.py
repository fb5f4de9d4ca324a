"""Pure rules for the Support page and the practitioner line: helplines and booking links."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from attune import messages

from .entries import EntryError, normalise_label

MAX_PRACTITIONER_NAME = 80
MAX_URL = 500


@dataclass(frozen=True)
class Helpline:
    name: str
    contact: str  # a number or an address, shown as plain text


@dataclass(frozen=True)
class Practitioner:
    name: str
    url: str  # "" or an https:// link

    def __bool__(self) -> bool:
        return bool(self.name or self.url)


def parse_helplines(text: str) -> tuple[Helpline, ...]:
    """`Name | number` per line; a line without `|` is kept whole as the contact."""
    lines = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        name, sep, contact = raw.partition("|")
        if not sep:
            name, contact = "", name
        lines.append(Helpline(normalise_label(name), normalise_label(contact)))
    return tuple(line for line in lines if line.contact or line.name)


def clean_practitioner_name(name: str) -> str:
    label = normalise_label(name)
    if len(label) > MAX_PRACTITIONER_NAME:
        raise EntryError(messages.PRACTITIONER_NAME_TOO_LONG.format(n=MAX_PRACTITIONER_NAME))
    if any(unicodedata.category(ch) == "Cc" for ch in label):
        raise EntryError(messages.PRACTITIONER_NAME_CONTROL)
    return label


def clean_booking_url(url: str) -> str:
    """An https:// link with a host, or "" for none. Anything else is refused with EntryError."""
    url = url.strip()
    if not url:
        return ""
    if len(url) > MAX_URL or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        raise EntryError(messages.PRACTITIONER_URL_HTTPS)
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise EntryError(messages.PRACTITIONER_URL_HTTPS) from exc
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise EntryError(messages.PRACTITIONER_URL_HTTPS)
    return url


def practitioner(pref_name: str, pref_url: str, env_name: str, env_url: str) -> Practitioner:
    """The practitioner to show: a value set in Settings wins over the environment's. A link that
    is not https (say, from the environment) is dropped rather than shown."""
    name = pref_name or env_name
    url = pref_url or env_url
    try:
        name = clean_practitioner_name(name)
    except EntryError:
        name = ""
    try:
        url = clean_booking_url(url)
    except EntryError:
        url = ""
    return Practitioner(name, url)


# --- the country for the Support page -------------------------------------------------------------
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def country_from_locale(
    env: Mapping[str, str], known: Collection[str], system: str | None = None
) -> str | None:
    """The country a locale names ("en_GB.UTF-8" gives "GB"), from the first locale variable set
    in `env` or else the system's locale name, if Attune ships lines for it; otherwise None."""
    names = [env.get(var, "") for var in LOCALE_VARIABLES] + [system or ""]
    for name in names:
        if not name or name in ("C", "POSIX") or name.startswith("C."):
            continue
        code = name.split(".")[0].split("@")[0].replace("-", "_").partition("_")[2].upper()
        return code if code in known else None
    return None


def country_choice(saved: str, guessed: str | None, known: Collection[str]) -> str | None:
    """The country chosen in Settings, else the one the locale names; "-" saved means none."""
    if saved == "-":
        return None
    return saved if saved in known else guessed


def emergency_to_show(
    country_numbers: Sequence[str], chosen: bool, configured: str, default: str
) -> tuple[str, str]:
    """The emergency number Support shows first, and the installer's number to list with the
    local lines ("" for none). A country chosen in Settings wins; otherwise the number the
    installer configured, then the country the locale suggests, then the general default."""
    country = " · ".join(country_numbers)
    if country and (chosen or not configured):
        return country, configured if configured != country else ""
    return configured or country or default, ""
