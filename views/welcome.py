"""First run: what Attune is, what stays private, and the person's name."""

import streamlit as st

from attune import messages
from attune.domain.entries import EntryError
from components.services import journal

st.title(messages.WELCOME_TITLE)
st.write(messages.APP_TAGLINE)
st.info(messages.PRIVACY, icon=":material/lock:")

with st.form("welcome"):
    name = st.text_input(messages.WELCOME_NAME, max_chars=40, placeholder="Your first name")
    started = st.form_submit_button(messages.WELCOME_START, type="primary")

if started:
    try:
        journal().add_member(name)
    except EntryError as exc:
        st.error(str(exc))
    else:
        st.rerun()

st.caption(messages.NOT_THERAPY)
