"""Today's suggestion: a practice and a prompt that fit the check-in (`Library.suggest`).

Unpleasant and high-energy gets a calming practice first; pleasant moments get an appreciation
prompt. The answers come from the check-in being filled in, or else the latest one today.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from attune import messages
from attune.domain.viewer import Viewer

from . import links, safe
from .services import journal, library
from .state import checkin_key


def offer(prefix: str, viewer: Viewer) -> None:
    s = st.session_state
    valence, energy = s.get(checkin_key(prefix, "valence")), s.get(checkin_key(prefix, "energy"))
    if valence is None or energy is None:
        todays = journal().entries_on(viewer, date.today())
        if not todays:
            return
        latest = max(todays, key=lambda e: e.occurred_at)
        valence, energy = latest.valence, latest.energy
    practice, prompt = library().suggest(int(valence), int(energy))
    if practice is None and prompt is None:
        return
    with st.container(border=True):
        st.markdown(f"**{messages.SUGGEST_HEADING}**")
        if practice is not None:
            links.to_practice(practice, messages.SUGGEST_PRACTICE.format(name=practice.name))
        if prompt is not None:
            safe.text(messages.SUGGEST_PROMPT.format(text=prompt.text))
            if prompt.self_blame:
                st.caption(f":material/shield: {messages.REPAIR_SAFETY_LINE}")
            links.to_prompt(prompt, messages.SUGGEST_WRITE)
