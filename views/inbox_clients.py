"""A practitioner connects a client: a one-time code to give them, and the clients connected."""

import streamlit as st

from attune.messages import inbox as words
from components import inbox_view as view
from components.inbox import require_practitioner
from components.services import show_flash

identity, account = require_practitioner()
st.title(words.CODES_TITLE)
show_flash()
view.codes(identity, account)
view.clients(identity, account)
