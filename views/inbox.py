"""A practitioner's Inbox on a hosted Attune: what clients sent, grouped by client; one opened
read-only, exactly as review mode shows an export. Only what was sent to this practitioner."""

import streamlit as st

from attune.messages import inbox as words
from components import inbox_view as view
from components.inbox import require_practitioner, service
from components.services import show_flash

identity, account = require_practitioner()
st.title(words.INBOX_TITLE)
show_flash()
st.caption(words.INBOX_LEAD)
items = service().received(identity, account)  # every run: a withdrawn export is gone at once
if not items:
    st.session_state.pop(view.OPENED, None)
    view.empty()
    st.stop()
chosen = view.choose(items)
if chosen is None:
    st.stop()
assert chosen is not None
found = view.opened(identity, account, chosen)
if found is None:
    st.warning(words.INBOX_GONE)
    st.stop()
assert found is not None
view.record(found)
