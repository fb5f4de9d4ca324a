"""Practices: short exercises for a hard moment, each with its evidence, limits and safety line."""

import streamlit as st

from attune import messages
from components import links, state
from components import practice_view as view
from components.lock import require_member
from components.services import library, show_flash

me, viewer = require_member()
lib = library()
links.take(state.QP_PRACTICE, state.PRACTICE, {p.id for p in lib.practices})
practice = next((p for p in lib.practices if p.id == st.session_state.get(state.PRACTICE)), None)
show_flash()

if practice is None:
    st.title(messages.PRACTICES_TITLE)
    st.caption(messages.PRACTICES_INTRO)
    view.practice_list(lib)
else:
    view.practice_view(lib, practice, viewer)
