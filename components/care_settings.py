"""Settings › Support and prompts: where help is (the country and local lines Support shows, for
everyone on this journal) and which prompts this member's prompt of the day may draw from
(theirs only, stored under their member id)."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.content import RELATIONSHIPS, DailyChoice
from attune.content.helplines import load_helplines
from attune.domain.entries import Member
from attune.domain.support import parse_helplines
from attune.domain.viewer import Viewer

from . import state, support
from .services import flash, journal, preferences

MAX_LOCAL_CHARS = 2000
NO_COUNTRY = "-"


def daily_choice(member_id: int) -> DailyChoice:
    """What this member lets the prompt of the day draw on (preferences keyed by their id)."""
    saved = preferences()
    relationship = saved.preference(_key(member_id, "relationship"))
    return DailyChoice(
        relationship=relationship if relationship in RELATIONSHIPS else "any",
        loss=saved.preference(_key(member_id, "loss")) == "1",
        multiple_partners=saved.preference(_key(member_id, "multiple")) == "1",
    )


def section(me: Member, viewer: Viewer) -> None:
    st.subheader(messages.CARE_HEADING)
    _country()
    _local_lines()
    _prompts(me)


def _key(member_id: int, what: str) -> str:
    return f"prompts.{member_id}.{what}"


# --- where help is ---------------------------------------------------------------------------------
def _country() -> None:
    book = load_helplines()
    names = dict(book.countries)
    saved = preferences().preference(support.COUNTRY_KEY)
    guessed = support.guessed_country(book)
    current = support.chosen_country(book)
    options = [NO_COUNTRY, *names]
    if state.CARE_COUNTRY not in st.session_state:
        st.session_state[state.CARE_COUNTRY] = current.code if current else NO_COUNTRY
    st.selectbox(
        messages.CARE_COUNTRY,
        options,
        format_func=lambda code: names.get(code, messages.CARE_COUNTRY_NONE),
        key=state.CARE_COUNTRY,
        help=messages.CARE_COUNTRY_HELP,
        on_change=_save_country,
    )
    if not saved and guessed:
        st.caption(messages.CARE_COUNTRY_GUESSED)


def _save_country() -> None:
    code = st.session_state.get(state.CARE_COUNTRY) or NO_COUNTRY
    journal().set_preference(support.COUNTRY_KEY, code)
    country = load_helplines().country(code)
    flash(
        "success",
        messages.CARE_COUNTRY_SAVED.format(country=country.name)
        if country
        else messages.CARE_COUNTRY_CLEARED,
    )


def _local_lines() -> None:
    with st.form("care_local_lines", border=False):
        st.text_area(
            messages.CARE_LOCAL,
            value=preferences().preference(support.LOCAL_KEY),
            key=state.CARE_LOCAL,
            help=messages.CARE_LOCAL_HELP,
            placeholder="Name | 0123 456 789",
            height=100,
        )
        saved = st.form_submit_button(messages.CARE_LOCAL_SAVE, key=state.CARE_LOCAL_SAVE)
    if saved:
        text = st.session_state.get(state.CARE_LOCAL) or ""
        if len(text) > MAX_LOCAL_CHARS:
            st.error(messages.CARE_LOCAL_TOO_LONG.format(n=MAX_LOCAL_CHARS))
            return
        lines = parse_helplines(text)
        journal().set_preference(
            support.LOCAL_KEY,
            "\n".join(f"{h.name} | {h.contact}" if h.name else h.contact for h in lines),
        )
        flash("success", messages.CARE_LOCAL_SAVED)
        st.rerun()


# --- the prompt of the day ------------------------------------------------------------------------
def _prompts(me: Member) -> None:
    st.markdown(f"**{messages.CARE_PROMPTS_HEADING}**")
    st.caption(messages.CARE_PROMPTS_HELP)
    choice = daily_choice(me.id)
    with st.form(f"care_prompts_{me.id}", border=False):
        st.segmented_control(
            messages.CARE_RELATIONSHIP,
            RELATIONSHIPS,
            default=choice.relationship,
            format_func=messages.CARE_RELATIONSHIPS.__getitem__,
            key=f"{state.CARE_RELATIONSHIP}.{me.id}",
        )
        st.toggle(messages.CARE_LOSS, value=choice.loss, key=f"{state.CARE_LOSS}.{me.id}")
        st.toggle(
            messages.CARE_MULTIPLE,
            value=choice.multiple_partners,
            key=f"{state.CARE_MULTIPLE}.{me.id}",
        )
        saved = st.form_submit_button(
            messages.CARE_PROMPTS_SAVE, key=f"{state.CARE_PROMPTS_SAVE}.{me.id}"
        )
    if saved:
        s, j = st.session_state, journal()
        j.set_preference(
            _key(me.id, "relationship"), s.get(f"{state.CARE_RELATIONSHIP}.{me.id}") or "any"
        )
        j.set_preference(_key(me.id, "loss"), "1" if s.get(f"{state.CARE_LOSS}.{me.id}") else "")
        j.set_preference(
            _key(me.id, "multiple"), "1" if s.get(f"{state.CARE_MULTIPLE}.{me.id}") else ""
        )
        flash("success", messages.CARE_PROMPTS_SAVED)
        st.rerun()
