"""The Support page's pieces: the emergency number and helplines for the country chosen in
Settings (shipped in data/helplines.yaml), lines added on this computer (Settings, and the
installer's environment), and the international directories.

Everything is shown as plain escaped text, never as links: nothing remote loads, nothing opens
by itself, and no configured text can become markup.
"""

from __future__ import annotations

import locale
import os
import re

import streamlit as st

from attune import messages
from attune.config import SETTINGS, load_settings
from attune.content.helplines import CountryHelp, Helplines, ShippedLine, load_helplines
from attune.domain.support import (
    Helpline,
    country_choice,
    country_from_locale,
    emergency_to_show,
    parse_helplines,
)

from . import safe
from .services import preferences

#: Spaces inside a shipped number become no-break spaces, so a number never wraps mid-way.
_DIGIT_SPACE = re.compile(r"(?<=\d) (?=\d)")
COUNTRY_KEY = "support.country"  # preference: an ISO code, "-" for none, "" for not chosen yet
LOCAL_KEY = "support.local_lines"  # preference: "Name | contact" per line


def guessed_country(book: Helplines) -> str | None:
    """The country this computer's locale names (LC_ALL, LC_MESSAGES, LANG, then the system's
    own locale name, which on Windows comes from its regional settings)."""
    return country_from_locale(os.environ, dict(book.countries), locale.getlocale()[0])


def chosen_country(book: Helplines) -> CountryHelp | None:
    """The country chosen in Settings, else the one the locale suggests (None: neither)."""
    codes = dict(book.countries)
    saved = preferences().preference(COUNTRY_KEY)
    return book.country(country_choice(saved, guessed_country(book), codes))


def _emergency(country: CountryHelp | None) -> tuple[str, str]:
    settings = load_settings()
    default = SETTINGS["emergency_number"].default
    configured = "" if settings.emergency_number == default else settings.emergency_number
    chosen = country is not None and preferences().preference(COUNTRY_KEY) == country.code
    numbers = [line.contact for line in country.emergency] if country else []
    return emergency_to_show(numbers, chosen, configured, default)


def local_lines(country: CountryHelp | None) -> tuple[Helpline, ...]:
    """Lines added in Settings, then the installer's (the environment), each once."""
    lines = list(parse_helplines(preferences().preference(LOCAL_KEY)))
    lines += parse_helplines(load_settings().helplines)
    installer_emergency = _emergency(country)[1]
    if installer_emergency:
        lines.append(Helpline(messages.SUPPORT_EMERGENCY_LOCAL, installer_emergency))
    return tuple(dict.fromkeys(lines))


def emergency(country: CountryHelp | None) -> None:
    number = _emergency(country)[0]
    st.error(
        messages.SUPPORT_EMERGENCY.format(number=safe.label(number)), icon=":material/emergency:"
    )


def helplines(country: CountryHelp | None) -> None:
    st.subheader(
        messages.SUPPORT_HELP_IN.format(country=country.name)
        if country
        else messages.SUPPORT_HELPLINES
    )
    if country is None:
        st.caption(messages.SUPPORT_NO_COUNTRY)
    else:
        st.markdown(f"**{messages.SUPPORT_CRISIS}**")
        _shipped(country.crisis)
        if country.abuse:
            st.markdown(f"**{messages.SUPPORT_ABUSE}**")
            _shipped(country.abuse)
        checked = max(line.last_checked for line in (*country.crisis, *country.abuse))
        st.caption(messages.SUPPORT_CHECKED.format(date=checked.strftime("%-d %B %Y")))
    local = local_lines(country)
    if local:
        st.markdown(f"**{messages.SUPPORT_LOCAL}**")
        st.markdown("\n".join(_bullet(h.name, h.contact) for h in local))


def directory() -> None:
    st.subheader(messages.SUPPORT_DIRECTORY)
    _shipped(load_helplines().directory)
    st.caption(messages.SUPPORT_DIRECTORY_HINT)


def _shipped(lines: tuple[ShippedLine, ...]) -> None:
    st.markdown(
        "\n".join(
            _bullet(line.name, _DIGIT_SPACE.sub("\u00a0", line.contact), line.hours)
            for line in lines
        )
    )


def _bullet(name: str, contact: str, hours: str | None = None) -> str:
    """One line as escaped Markdown text: an address or number never becomes a link."""
    contact = safe.label(contact)
    if not name:
        return f"- {contact}"
    if hours:
        return "- " + messages.SUPPORT_LINE_HOURS.format(
            name=safe.label(name), contact=contact, hours=safe.label(hours)
        )
    return "- " + messages.SUPPORT_LINE.format(name=safe.label(name), contact=contact)
