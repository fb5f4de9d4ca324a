"""The practice's record of one client: an export read-only, what is new, charts, scores, entries."""

import streamlit as st

from attune import messages
from components import review_view as view
from components.practice import PRACTICE_KEYS, require_practitioner

mine = require_practitioner()
st.title(messages.PRACTICE_RECORD)
chosen = view.choose(mine, PRACTICE_KEYS)
if chosen is None:
    st.stop()
client, at = chosen
view.record(mine, client, at, PRACTICE_KEYS)
