"""The practitioner line (readings, later the share page) and its form in Settings.

The name and booking link come from Settings (preferences) or the environment
(ATTUNE_PRACTITIONER_NAME / _URL); a value set in the app wins. The name is user text, so it is
shown through `safe`; the link is shown only if it is https:// and only as a link button, never
as Markdown, so nothing loads until the person clicks it.
"""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.config import load_settings
from attune.domain.entries import EntryError
from attune.domain.support import (
    Practitioner,
    clean_booking_url,
    clean_practitioner_name,
    practitioner,
)

from . import safe, state
from .services import flash, journal, preferences

NAME_KEY, URL_KEY = "practitioner_name", "practitioner_url"  # preference keys


def current() -> Practitioner:
    settings, saved = load_settings(), preferences()
    return practitioner(
        saved.preference(NAME_KEY),
        saved.preference(URL_KEY),
        settings.practitioner_name,
        settings.practitioner_url,
    )


def line() -> None:
    """A quiet reminder that there is someone to talk to, when a practitioner is configured."""
    who = current()
    if not who:
        return
    with st.container(border=True):
        if who.name:
            st.markdown(messages.PRACTITIONER_LINE.format(name=safe.label(who.name)))
        else:
            st.markdown(messages.PRACTITIONER_LINE_NO_NAME)
        if who.url:
            st.link_button(messages.PRACTITIONER_BOOK, who.url, icon=":material/event:")


def form() -> None:
    """The Settings form: saved only when the link is https:// (or empty)."""
    st.subheader(messages.PRACTITIONER_HEADING)
    st.caption(messages.PRACTITIONER_HELP)
    saved = preferences()
    with st.form("practitioner", border=False):
        st.text_input(
            messages.PRACTITIONER_NAME,
            value=saved.preference(NAME_KEY),
            max_chars=80,
            key=state.PRACTITIONER_NAME,
        )
        st.text_input(
            messages.PRACTITIONER_URL,
            value=saved.preference(URL_KEY),
            max_chars=500,
            key=state.PRACTITIONER_URL,
            placeholder="https://",
        )
        submitted = st.form_submit_button(messages.PRACTITIONER_SAVE)
    if submitted:
        _save()


def _save() -> None:
    s = st.session_state
    try:
        name = clean_practitioner_name(s.get(state.PRACTITIONER_NAME) or "")
        url = clean_booking_url(s.get(state.PRACTITIONER_URL) or "")
    except EntryError as exc:
        st.error(str(exc))
        return
    journal().set_preference(NAME_KEY, name)
    journal().set_preference(URL_KEY, url)
    flash("success", messages.PRACTITIONER_SAVED)
    st.rerun()
