"""The shared sidebar: who is writing (a protected member's
name marked as such, whether or not they are unlocked here), Lock, and the standing reminder
that Attune is not therapy. It shows names only — nothing anyone wrote. And the bar of daily
pages above every screen, with Leave quickly (also the Esc key); and the neutral page Leave quickly shows."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from attune import messages
from attune.domain.errors import DiskFull
from attune.messages import people as words
from attune.recovery import CorruptDatabase
from attune.services import people as people_service

from . import signin, state
from .lock import (
    VIEWER,
    back_from_neutral,
    chosen_member,
    leave_quickly,
    left_quickly,
    lock,
    protected,
    protected_mark,
    switch_to,
)
from .services import members, preferences

TAB = ("Attune", "🌿")
NEUTRAL_TAB = (words.NEUTRAL_TITLE, ":material/description:")

SIDEBAR_MEMBER = state.SIDEBAR_MEMBER


def sidebar() -> None:
    people = members()
    current = chosen_member()
    mark = protected()
    with st.sidebar:
        if signin.signed_in() and current is not None:
            signin.sidebar_part(current.name)
        elif len(people) > 1:
            ids = [m.id for m in people]
            names = {m.id: protected_mark(m) for m in people}
            # Follows whoever this session chose, however it was chosen (here or on a screen).
            st.session_state[SIDEBAR_MEMBER] = current.id if current else None
            st.selectbox(
                "Who is writing?",
                ids,
                format_func=lambda i: names[i],
                placeholder="Choose…",
                key=SIDEBAR_MEMBER,
                on_change=_switch,
            )
        elif people:
            st.caption("Writing as " + protected_mark(people[0]))
        if current is not None and current.id in mark and st.session_state.get(VIEWER):
            st.button(
                messages.LOCK,
                icon=":material/lock:",
                help=messages.LOCK_HELP,
                key=state.LOCK_NOW,
                on_click=lock,
                width="stretch",
            )
        st.caption(messages.NOT_THERAPY)
        st.page_link("views/support.py", label=messages.SUPPORT_LINK, icon=":material/support:")


def _switch() -> None:
    chosen = st.session_state.get(SIDEBAR_MEMBER)
    if chosen is not None:
        switch_to(chosen)


def daily_bar(pages: Sequence[StreamlitPage]) -> None:
    """The daily pages as one row of links at the top of the main column. On a phone the sidebar
    is a drawer that covers most of the screen (and, in a narrow desktop window, stays open after
    a tap): here each page is one tap away and the page shows at once."""
    with st.container(horizontal=True, gap="small", key="daily_bar"):
        for p in pages:
            st.page_link(p, label=p.title, icon=p.icon)
        # Leave quickly: on every page, at every width (a phone's sidebar is a closed drawer).
        st.button(
            words.LEAVE_QUICKLY,
            icon=":material/directions_run:",
            help=words.LEAVE_QUICKLY_HELP,
            key=state.LEAVE_QUICKLY,
            on_click=leave_quickly,
            shortcut="Escape",
            type="tertiary",
        )


def tab() -> tuple[str, str]:
    """The browser tab's title and icon: plain after Leave quickly or in discreet mode."""
    if left_quickly():
        return NEUTRAL_TAB
    try:
        quiet = people_service.discreet(preferences())
    except (CorruptDatabase, DiskFull):
        quiet = False  # app.py says what is wrong next
    return NEUTRAL_TAB if quiet else TAB


def neutral_page() -> None:
    """What Leave quickly shows: a plain page, no names, nothing personal, no Attune words."""
    st.title(words.NEUTRAL_TITLE)
    st.write(words.NEUTRAL_TEXT)
    st.button(words.NEUTRAL_CONTINUE, key="neutral_continue", on_click=back_from_neutral)
