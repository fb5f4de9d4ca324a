"""Therapist review: open a client's export as a separate, read-only record, with private notes."""

import streamlit as st

from attune import messages
from components import review_view as view
from components.lock import require_member
from components.services import show_flash

_, viewer = require_member()
st.title(messages.REVIEW_TITLE)
show_flash()
mine = view.store(viewer)  # this member's own records, sealed with their key when protected
st.caption(messages.REVIEW_INTRO_KEPT)
if not mine.sealed:
    st.caption(messages.REVIEW_NOT_SEALED)

view.open_form(mine)
chosen = view.choose(mine)
if chosen is None:
    st.stop()
client, at = chosen
with st.expander(messages.REVIEW_RENAME, icon=":material/badge:"):
    view.rename(mine, client)
view.record(mine, client, at)
