"""Therapist review: open a client's export as a separate, read-only record, with private notes."""

import streamlit as st

from attune import messages
from components import review_view as view
from components import safe
from components.lock import require_member
from components.services import show_flash

_, viewer = require_member()
st.title(messages.REVIEW_TITLE)
show_flash()
mine = view.store(viewer)  # this member's own records, sealed with their key when protected
st.caption(messages.REVIEW_INTRO.format(path=safe.label(str(mine.root))))
if not mine.sealed:
    st.caption(messages.REVIEW_NOT_SEALED)

view.open_form(viewer)
chosen = view.choose(viewer)
if chosen is None:
    st.stop()
client, at = chosen
data = view.load(viewer, client, at)

view.summary(data)
view.new_since(viewer, client, at, data)
trends, scores, entries, notes = st.tabs(
    [messages.REPORT_TRENDS, messages.REVIEW_SCORES, messages.REPORT_ENTRIES, messages.REVIEW_NOTES]
)
with trends:
    view.charts(data)
with scores:
    view.scores(data)
with entries:
    view.entries(data)
with notes:
    view.notes(viewer, client)
