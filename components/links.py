"""Links between the reflection pages: each carries an id in the URL (st.page_link query_params),
and the page it opens moves that id into session state. Ids are checked against the content
library, so a hand-edited URL can only ever select something Attune ships."""

from __future__ import annotations

import streamlit as st

from attune.content import Practice, Prompt, Reading

from . import state

PRACTICES_PAGE = "views/practices.py"
WRITE_PAGE = "views/write.py"
READINGS_PAGE = "views/readings.py"


def take(param: str, key: str, valid: set[str]) -> str | None:
    """Move a preselection from the URL into session state `key`, then drop it from the URL.
    Returns the id taken, or None. Unknown ids are ignored (never trusted, never shown)."""
    value = st.query_params.get(param)
    if value is None:
        return None
    del st.query_params[param]
    if value not in valid:
        return None
    st.session_state[key] = value
    return value


def to_practice(practice: Practice, label: str) -> None:
    st.page_link(
        PRACTICES_PAGE,
        label=label,
        icon=":material/self_improvement:",
        query_params={state.QP_PRACTICE: practice.id},
    )


def to_prompt(prompt: Prompt, label: str) -> None:
    st.page_link(
        WRITE_PAGE,
        label=label,
        icon=":material/edit_note:",
        query_params={state.QP_PROMPT: prompt.id},
    )


def to_reading(reading: Reading, label: str) -> None:
    st.page_link(
        READINGS_PAGE,
        label=label,
        icon=":material/menu_book:",
        query_params={state.QP_READING: reading.id},
    )
