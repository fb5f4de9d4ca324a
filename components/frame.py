"""The shared sidebar: who is writing, and the standing reminder that Attune is not therapy."""

from __future__ import annotations

import streamlit as st

from attune import messages

from . import safe, state
from .services import current_member, members


def sidebar() -> None:
    people = members()
    with st.sidebar:
        if len(people) > 1:
            ids = [m.id for m in people]
            names = {m.id: m.name for m in people}
            current = current_member()
            st.selectbox(
                "Who is writing?",
                ids,
                index=ids.index(current.id) if current else 0,
                format_func=lambda i: safe.label(names[i]),
                key="sidebar_member",
                on_change=_switch,
            )
        elif people:
            st.caption("Writing as " + safe.label(people[0].name))
        st.caption(messages.NOT_THERAPY)
        st.page_link("views/support.py", label=messages.SUPPORT_LINK, icon=":material/support:")


def _switch() -> None:
    st.session_state[state.MEMBER_ID] = st.session_state["sidebar_member"]
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("edit.")]:
        del st.session_state[key]
    st.session_state.pop(state.EDITING, None)
