"""The shared sidebar: who is writing, Lock, and the standing reminder that Attune is not
therapy. It shows names only — nothing anyone wrote. And the bar of daily pages above every
screen."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from attune import messages

from . import safe
from .lock import VIEWER, chosen_member, lock, protected, switch_to
from .services import members

SIDEBAR_MEMBER = "sidebar_member"


def sidebar() -> None:
    people = members()
    current = chosen_member()
    mark = protected()
    with st.sidebar:
        if len(people) > 1:
            ids = [m.id for m in people]
            names = {
                m.id: safe.label(m.name) + (" (locked)" if m.id in mark else "") for m in people
            }
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
            st.caption("Writing as " + safe.label(people[0].name))
        if current is not None and current.id in mark and st.session_state.get(VIEWER):
            st.button(
                messages.LOCK,
                icon=":material/lock:",
                help=messages.LOCK_HELP,
                key="lock_now",
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
