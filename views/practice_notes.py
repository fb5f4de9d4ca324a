"""The practice's private notes on one client, kept with the record and never in any export."""

import streamlit as st

from attune import messages
from components import review_view as view
from components.practice import PRACTICE_KEYS, require_practitioner

mine = require_practitioner()
st.title(messages.PRACTICE_NOTES)
client = view.choose_client(mine, PRACTICE_KEYS)
if client is None:
    st.stop()
view.notes(mine, client, PRACTICE_KEYS)
