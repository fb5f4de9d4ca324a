"""Settings › People on this journal: names (each person renames themselves, or another with
that person's passphrase), adding someone with a passphrase, stepping away, the people who
stepped away, and the discreet browser tab."""

from __future__ import annotations

import streamlit as st

from attune import messages, security
from attune.domain.entries import EntryError, Member
from attune.domain.viewer import Viewer
from attune.messages import people as words
from attune.services import people

from . import safe, signin, step_away
from .lock import protected
from .services import flash, journal, members, preferences


def section(me: Member, viewer: Viewer) -> None:
    st.subheader("People on this journal")
    st.caption("Each person's private entries are seen only in their own session.")
    mark = protected()
    for member in members():
        _name_row(me, viewer, member, member.id in mark)
    if signin.signed_in():  # a hosted server: each person signs in on their own device
        signin.invite(viewer)
    else:
        _add_someone()
    step_away.section(me, viewer)
    _archived()
    st.toggle(
        words.DISCREET,
        value=people.discreet(preferences()),
        help=words.DISCREET_HELP,
        key="discreet_tab",
        on_change=lambda: people.set_discreet(journal(), bool(st.session_state["discreet_tab"])),
    )


def _name_row(me: Member, viewer: Viewer, member: Member, locked: bool) -> None:
    if member.id != me.id and not locked:  # only they can rename themselves
        st.markdown(
            safe.label(member.name),
            help=words.RENAME_ONLY_SELF.format(name=safe.label(member.name)),
        )
        return
    with st.form(f"rename_{member.id}", border=False):
        c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
        new = c1.text_input(
            safe.label(member.name) + (" :material/lock:" if locked else ""),
            value=member.name,
            max_chars=40,
            key=f"rename_{member.id}",
            help=words.PROTECTED_HELP if locked else None,
        )
        passphrase = ""
        if member.id != me.id:
            passphrase = c2.text_input(
                words.RENAME_THEIR_PASSPHRASE.format(name=safe.label(member.name)),
                type="password",
                key=f"rename_pass_{member.id}",
                placeholder=words.RENAME_THEIR_PASSPHRASE.format(name=safe.label(member.name)),
                label_visibility="collapsed",
            )
        if c3.form_submit_button(words.RENAME) and new != member.name:
            try:
                renamed = people.rename(journal(), viewer, member, new, passphrase)
            except EntryError as exc:
                st.error(str(exc))
            else:
                flash("success", messages.MEMBER_RENAMED.format(name=safe.label(renamed.name)))
                st.rerun()


def _add_someone() -> None:
    with st.form("add_member", clear_on_submit=True):
        name = st.text_input(
            words.ADD_SOMEONE, max_chars=40, placeholder=words.THEIR_NAME, key="add_member"
        )
        c1, c2 = st.columns(2)
        passphrase = c1.text_input(words.ADD_PASSPHRASE, type="password", key="add_passphrase")
        again = c2.text_input(words.ADD_PASSPHRASE_AGAIN, type="password", key="add_again")
        st.caption(words.ADD_PASSPHRASE_HINT)
        if st.form_submit_button(words.ADD_MEMBER):
            try:
                added, _ = people.add_person(journal(), name, passphrase, again)
            except (EntryError, security.PassphraseError) as exc:
                st.error(str(exc))
            else:
                flash("success", messages.MEMBER_ADDED.format(name=safe.label(added.name)))
                st.rerun()


def _archived() -> None:
    away = people.archived(journal())
    if not away:
        return
    st.markdown("**" + words.ARCHIVED_PEOPLE + "**")
    if signin.signed_in():  # their account left with them: a member brought back would be one
        st.caption(words.ARCHIVED_SIGNED_IN)  # nobody could sign in as
        for member in away:
            st.text(member.name)
        return
    for member in away:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.text(member.name)
        if c2.button(words.BRING_BACK, key=f"bring_back_{member.id}"):
            back = people.bring_back(journal(), member.id)
            flash("success", words.BROUGHT_BACK.format(name=safe.label(back.name)))
            st.rerun()
