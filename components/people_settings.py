"""Settings › People on this journal: rename and add members."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.domain.entries import EntryError, Member
from attune.domain.viewer import Viewer

from . import safe
from .services import flash, journal, members


def section(me: Member, viewer: Viewer) -> None:
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
        name = st.text_input(
            "Add someone", max_chars=40, placeholder="Their name", key="add_member"
        )
        if st.form_submit_button("Add member"):
            try:
                added = journal().add_member(name)
            except EntryError as exc:
                st.error(str(exc))
            else:
                flash("success", messages.MEMBER_ADDED.format(name=safe.label(added.name)))
                st.rerun()
