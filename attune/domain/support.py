"""Pure rules for the Support page and the practitioner line: helplines and booking links."""

from __future__ import annotations

import unicodedata
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
