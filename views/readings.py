"""Readings: short, honest summaries of the research, by topic; open one to read, try its
practice, or write about it."""

import streamlit as st

from attune import messages
from components import links, state
from components import reading_view as view
from components.lock import require_member
from components.services import library, show_flash

require_member()

lib = library()
links.take(state.QP_READING, state.READING, {r.id for r in lib.readings})
if links.take(view.QP_HOW_WE_CHECK, view.HOW_WE_CHECK, {view.HOW_WE_CHECK_VALUE}):
    st.session_state[view.HOW_WE_CHECK] = True
reading = next((r for r in lib.readings if r.id == st.session_state.get(state.READING)), None)
show_flash()

if reading is None and st.session_state.get(view.HOW_WE_CHECK):
    view.how_we_check()
elif reading is None:
    st.title(messages.READINGS_TITLE)
    st.caption(messages.READINGS_INTRO)
    view.library_list(lib)
else:
    view.reading_view(lib, reading)
