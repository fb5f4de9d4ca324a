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
    loaded: set[str] = st.session_state.setdefault(state.DRAFT_LOADED, set())
    marker = f"{viewer.member_id}:{slot}"
    if marker not in loaded:
        st.session_state[key] = journal().draft(viewer, slot)
        loaded.add(marker)
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
