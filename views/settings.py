"""Settings: the people on this journal, where the data lives, and the version."""

import streamlit as st

from attune import messages
from attune.domain.entries import EntryError
from components import practitioner, privacy_settings, recovery, safe
from components.lock import require_member
from components.services import flash, journal, members, show_flash

me, viewer = require_member()
st.title("Settings")
show_flash()

st.subheader("People on this journal")
st.caption("Each person's private entries are seen only in their own session.")
for member in members():
    with st.form(f"rename_{member.id}", border=False):
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        new = c1.text_input(
            f"Name of member {member.id}",
            value=member.name,
            max_chars=40,
            key=f"rename_{member.id}",
            label_visibility="collapsed",
        )
        if c2.form_submit_button("Rename") and new != member.name:
            try:
                renamed = journal().rename_member(member.id, new)
            except EntryError as exc:
                st.error(str(exc))
            else:
                flash("success", messages.MEMBER_RENAMED.format(name=safe.label(renamed.name)))
                st.rerun()

with st.form("add_member", clear_on_submit=True):
    name = st.text_input("Add someone", max_chars=40, placeholder="Their name", key="add_member")
    if st.form_submit_button("Add member"):
        try:
            added = journal().add_member(name)
        except EntryError as exc:
            st.error(str(exc))
        else:
            flash("success", messages.MEMBER_ADDED.format(name=safe.label(added.name)))
            st.rerun()

practitioner.form()

privacy_settings.privacy(me)

st.subheader("Your data")
st.write("Everything is stored in one file on this computer:")
st.code(journal().location, language=None)
st.caption(messages.SETTINGS_DATA_HINT)
if st.button("Back up now"):
    try:
        path = journal().backup()
    except RuntimeError as exc:
        st.error(str(exc))
    else:
        st.success(f"Backup written to {path}")
recovery.restore_section()

st.subheader("About")
st.write(f"Attune version {journal().version}")
st.caption(messages.PRIVACY)
