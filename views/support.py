"""Support: what Attune is not, when to reach out, who to call (the country chosen in Settings,
lines added on this computer, international directories) and what a browser remembers."""

import streamlit as st

from attune import messages
from attune.content.helplines import load_helplines
from components import place, support

st.title(messages.SUPPORT_TITLE)
st.markdown(messages.SUPPORT_NOT_THERAPY)
country = support.chosen_country(load_helplines())
support.emergency(country)
support.helplines(country)

st.subheader(messages.SUPPORT_WHEN)
st.markdown(messages.SUPPORT_SIGNS)
st.markdown(messages.SUPPORT_SIGNS_AFTER)

st.subheader(messages.SUPPORT_SAFETY_HEADING)
st.info(messages.SUPPORT_SAFETY, icon=":material/shield:")
support.directory()

st.subheader(messages.SUPPORT_HISTORY_HEADING)
st.markdown(place.said(messages.SUPPORT_HISTORY))
st.caption(place.said(messages.SUPPORT_PRIVACY))
