"""Support: what Attune is not, when to reach out, and who to call (numbers from Settings)."""

import streamlit as st

from attune import messages
from components import support

st.title(messages.SUPPORT_TITLE)
st.markdown(messages.SUPPORT_NOT_THERAPY)
support.emergency()
support.helplines()

st.subheader(messages.SUPPORT_WHEN)
st.markdown(messages.SUPPORT_SIGNS)
st.markdown(messages.SUPPORT_SIGNS_AFTER)

st.subheader(messages.SUPPORT_SAFETY_HEADING)
st.info(messages.SUPPORT_SAFETY, icon=":material/shield:")
st.caption(messages.SUPPORT_PRIVACY)
