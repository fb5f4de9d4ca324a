"""A note that survives navigation and reloads: loaded from the database once per session, saved
whenever the text area commits (on blur, Ctrl+Enter, or any click elsewhere)."""

from __future__ import annotations

import streamlit as st

from . import state
from .services import journal


def note_area(
    key: str, slot: str, member_id: int, *, label: str, placeholder: str = "", height: int = 160
) -> str:
    loaded: set[str] = st.session_state.setdefault(state.DRAFT_LOADED, set())
    marker = f"{member_id}:{slot}"
    if marker not in loaded:
        st.session_state[key] = journal().draft(member_id, slot)
        loaded.add(marker)
    return st.text_area(
        label,
        key=key,
        height=height,
        placeholder=placeholder,
        on_change=_save,
        args=(key, slot, member_id),
    )


def _save(key: str, slot: str, member_id: int) -> None:
    journal().save_draft(member_id, slot, st.session_state.get(key) or "")
