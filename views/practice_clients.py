"""The practice's clients: open an export a client gave you, name the client, go to a record."""

import streamlit as st

from attune import messages
from components import review_view as view
from components.practice import PRACTICE_KEYS, record_page, require_practitioner

mine = require_practitioner()
st.title(messages.PRACTICE_CLIENTS)
st.caption(messages.REVIEW_INTRO_KEPT)
view.open_form(mine, PRACTICE_KEYS)
client = view.choose_client(mine, PRACTICE_KEYS)
if client is None:
    st.stop()
view.rename(mine, client, PRACTICE_KEYS)
st.subheader(messages.REVIEW_EXPORTS)
for info in mine.describe(client):
    st.caption(view.export_line(info))
st.page_link(record_page(), label=messages.PRACTICE_OPEN_RECORD, icon=":material/arrow_forward:")
