"""Share on a hosted Attune: send this export to one's practitioner, and take it back.

Shown only when signed in. Not connected yet: a one-time code from the practitioner, typed once
(the connection is this member's alone — the journal's other members never see it). Connected:
"Send to <practitioner>" sends exactly the export the Share page shows (its scope and dates,
the same Attune JSON as the download), and the list of what this member sent, each with
Withdraw — asked once more, then gone from the practitioner's inbox at once."""

from __future__ import annotations

import streamlit as st

from attune.domain.accounts import AccountError, Identity
from attune.domain.exports import ExportData, ExportError
from attune.domain.limits import Action
from attune.domain.viewer import Viewer
from attune.messages import inbox as words
from attune.services import inbox as service

from . import safe, signin
from .address import address
from .inbox_view import sent_line
from .services import flash, journal, members

ASKING = "inbox_send.withdraw"  # the delivery whose withdrawal waits for a yes
LEAVING = "inbox_send.disconnect"  # the link whose ending waits for a yes
SENT_NOW = "inbox_send.sent"  # (link id, exported_at) of the export just sent from this page


def section(viewer: Viewer, data: ExportData | None) -> None:
    """The whole section (nothing unless signed in); `data`: the export on the page, if any."""
    if not signin.signed_in() or viewer.member_id is None:
        return
    st.divider()
    st.subheader(words.SEND_TITLE, anchor="send")
    links = service.links(journal(), viewer)
    if not links:
        connect_form(viewer)
    else:
        st.caption(words.SEND_HINT)
        for link in links:
            _send_button(viewer, link, data)
        st.caption(f":material/lock: {words.SEND_PRIVATE_NOTE}")
    sent(viewer)
    if links:
        with st.expander(words.CONNECT_TITLE, icon=":material/link:"):
            connect_form(viewer, boxed=False)
            for link in links:
                _disconnect(viewer, link)


def connect_form(viewer: Viewer, *, boxed: bool = True) -> None:
    me = next((m.name for m in members() if m.id == viewer.member_id), "")
    if boxed:
        st.caption(words.CONNECT_HINT)
    with st.form("inbox_send.connect", border=boxed, clear_on_submit=True):
        st.text_input(words.CONNECT_CODE, key="inbox_send.code", max_chars=40, autocomplete="off")
        st.text_input(words.CONNECT_NAME, value=me, key="inbox_send.name", max_chars=40)
        pressed = st.form_submit_button(words.CONNECT, icon=":material/link:")
    if pressed:
        s = st.session_state
        try:
            _count(Action.REDEEM)  # a code typed in, right or wrong: as invitation codes are
            link = service.connect(
                journal(),
                viewer,
                str(s.get("inbox_send.code", "")),
                str(s.get("inbox_send.name", "")),
            )
        except AccountError as exc:
            st.error(str(exc))
            return
        flash("success", words.CONNECTED.format(name=safe.label(link.practitioner_name)))
        st.rerun()


def _send_button(viewer: Viewer, link: service.Link, data: ExportData | None) -> None:
    name = safe.label(link.practitioner_name)
    done = data is not None and st.session_state.get(SENT_NOW) == (link.id, data.exported_at)
    pressed = st.button(
        words.SEND.format(name=name),
        key=f"inbox_send.send.{link.id}",
        type="primary",
        icon=":material/check:" if done else ":material/send:",
        disabled=data is None or done,
    )
    if pressed and data is not None:
        try:
            service.send(journal(), viewer, link.id, data)
        except (AccountError, ExportError) as exc:
            st.error(str(exc))
            return
        st.session_state[SENT_NOW] = (link.id, data.exported_at)
        flash("success", words.SENT.format(name=name))
        st.rerun()


def sent(viewer: Viewer) -> None:
    st.markdown(f"**{words.SENT_TITLE}**")
    items = service.sent(journal(), viewer)
    if not items:
        st.caption(words.SENT_NONE)
    for item in items:
        name = safe.label(item.practitioner_name)
        with st.container(border=True):
            st.markdown(words.SENT_ITEM.format(name=name))
            st.caption(sent_line(item))
            if st.session_state.get(ASKING) != item.id:
                st.button(
                    words.WITHDRAW,
                    key=f"inbox_send.withdraw.{item.id}",
                    icon=":material/undo:",
                    on_click=_ask,
                    args=(ASKING, item.id),
                )
                continue
            st.warning(words.WITHDRAW_CONFIRM.format(name=name))
            yes, no = st.columns(2)
            if yes.button(words.WITHDRAW_YES, key=f"inbox_send.yes.{item.id}", type="primary"):
                service.withdraw(journal(), viewer, item.id)
                st.session_state.pop(ASKING, None)
                st.session_state.pop(SENT_NOW, None)
                flash("success", words.WITHDRAWN.format(name=name))
                st.rerun()
            no.button(
                words.CANCEL, key=f"inbox_send.no.{item.id}", on_click=_ask, args=(ASKING, None)
            )


def _disconnect(viewer: Viewer, link: service.Link) -> None:
    name = safe.label(link.practitioner_name)
    if st.session_state.get(LEAVING) != link.id:
        st.button(
            words.DISCONNECT.format(name=name),
            key=f"inbox_send.leave.{link.id}",
            type="tertiary",
            icon=":material/link_off:",
            on_click=_ask,
            args=(LEAVING, link.id),
        )
        return
    st.warning(words.DISCONNECT_CONFIRM.format(name=name))
    yes, no = st.columns(2)
    if yes.button(words.DISCONNECT_YES, key=f"inbox_send.leave_yes.{link.id}", type="primary"):
        service.disconnect(journal(), viewer, link.id)
        st.session_state.pop(LEAVING, None)
        flash("success", words.DISCONNECTED.format(name=name))
        st.rerun()
    no.button(
        words.CANCEL, key=f"inbox_send.leave_no.{link.id}", on_click=_ask, args=(LEAVING, None)
    )


def _count(action: Action) -> None:
    """One try against the abuse limits of this account and address (TooManyTries, an
    AccountError, when over them: nothing else happens)."""
    identity = st.session_state.get(signin.IDENTITY)
    if isinstance(identity, Identity):
        account = (identity.issuer, identity.subject)
        signin.accounts().limits.take(action, account=account, address=address())


def _ask(key: str, value: int | None) -> None:
    st.session_state[key] = value
