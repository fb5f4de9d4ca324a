"""First run: what Attune is, what stays private, the person's name and (if they like) a
passphrase, with one honest line about skipping it."""

import streamlit as st

from attune import messages, security
from attune.domain.entries import EntryError
from attune.domain.viewer import Viewer
from attune.messages import people as words
from attune.services import people
from components import place
from components.lock import opened, switch_to
from components.move_settings import restore_section
from components.services import journal

st.title(messages.WELCOME_TITLE)
st.write(messages.APP_TAGLINE)
st.info(place.said(messages.PRIVACY), icon=":material/lock:")

with st.form("welcome"):
    name = st.text_input(messages.WELCOME_NAME, max_chars=40, placeholder="Your first name")
    passphrase = st.text_input(words.ADD_PASSPHRASE, type="password", key="welcome_passphrase")
    again = st.text_input(words.ADD_PASSPHRASE_AGAIN, type="password", key="welcome_again")
    st.caption(words.ADD_PASSPHRASE_HINT)
    started = st.form_submit_button(messages.WELCOME_START, type="primary")

if started:
    try:
        member, key = people.add_person(journal(), name, passphrase, again)
    except (EntryError, security.PassphraseError) as exc:
        st.error(str(exc))
    else:
        switch_to(member.id)
        if key is not None:
            opened(Viewer(member.id, key))  # who just set it is in: no unlock form at once
        st.rerun()

restore_section()  # moving from another computer: a bundle made in Settings › Your data

st.caption(messages.NOT_THERAPY)
