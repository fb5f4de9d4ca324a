"""A note that survives navigation and reloads: loaded from the database once per session, saved
whenever the text area commits (on blur, Ctrl+Enter, or any click elsewhere)."""

from __future__ import annotations

import streamlit as st

from attune.domain.viewer import Viewer

from . import state
from .services import journal


def note_area(
    key: str, slot: str, viewer: Viewer, *, label: str, placeholder: str = "", height: int = 160
) -> str:
    # Whose draft each text area holds. One browser session serves each member in turn and the
    # widget key is shared, so the draft is loaded again whenever the member changes: the text
    # area never shows (nor saves as theirs) words another member typed here.
    holding: dict[str, str] = st.session_state.setdefault(state.DRAFT_LOADED, {})
    marker = f"{viewer.member_id}:{slot}"
    if holding.get(key) != marker:
        st.session_state[key] = journal().draft(viewer, slot)
        holding[key] = marker
    return st.text_area(
        label,
        key=key,
        height=height,
        placeholder=placeholder,
        on_change=_save,
        args=(key, slot, viewer),
    )


def _save(key: str, slot: str, viewer: Viewer) -> None:
    journal().save_draft(viewer, slot, st.session_state.get(key) or "")
