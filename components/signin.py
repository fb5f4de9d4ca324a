"""Signing in on a hosted Attune: Streamlit's own `st.login` / `st.user` / `st.logout`.

Switched on by an `[auth]` section in `.streamlit/secrets.toml` (see secrets.toml.example and
docs/hosting.md); without it Attune is the local, sign-in-free app. When it is on, `app.py`
calls `require_account()` first on every run: the sign-in page until someone signs in; then the
server-side record of that sign-in is checked (`services.accounts`), so a sign-out, "sign out
everywhere" or a long idle time end it for good; someone in no journal starts one or joins with
an invitation; otherwise the session's journal and member are theirs — there is no "switch
person" on a hosted server."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from attune.config import load_settings
from attune.domain.accounts import Account, AccountError, Identity, SignedOut
from attune.messages import accounts as words
from attune.services import Viewer
from attune.services import accounts as account_service
from attune.services.accounts import Accounts, TooManyTries

from . import safe, state
from .address import address, limits
from .services import journal, members, show_flash

IDENTITY = "signin.identity"  # this session's Identity, while signed in

SIGNED_OUT_WHY = "signin.why"
ACCOUNT = "signin.account"  # this run's account, as the sign-in found it


def required() -> bool:
    """Sign-in is on: the secrets have an `[auth]` section."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return False


def allowed_host() -> str | None:
    """The public host this server is reached by (its sign-in redirect's), when sign-in is on."""
    if not required():
        return None
    redirect = str(st.secrets["auth"].get("redirect_uri", ""))
    return urlsplit(redirect).hostname


@st.cache_resource(show_spinner=False)
def _accounts(url: str) -> Accounts:
    return Accounts(journal().engine, limits())


def accounts() -> Accounts:
    return _accounts(load_settings().database_url)


def _claims() -> dict[str, Any]:
    user = st.user
    return dict(user.to_dict()) if hasattr(user, "to_dict") else dict(user)


def signed_in() -> bool:
    return required() and bool(st.session_state.get(IDENTITY))


def require_account() -> Account:
    """The signed-in account, in a journal — or draw what comes first and stop."""
    if not st.user.is_logged_in:
        _sign_in_page()
        st.stop()
    identity = Identity.from_claims(_claims())
    if identity is None:
        st.error(words.NO_IDENTITY)
        st.button(words.SIGN_OUT, on_click=st.logout)
        st.stop()
    assert identity is not None
    try:
        account = accounts().sign_in(identity, address=address())
    except TooManyTries as exc:  # a new sign-in over the limits: that one line, nothing else
        st.error(str(exc))
        st.stop()
    except SignedOut as exc:
        _forget()
        _sign_in_page(str(exc), again=True)
        st.stop()
    st.session_state[IDENTITY] = identity
    st.session_state[ACCOUNT] = account  # checked this run (components.inbox reads it)
    if not account.has_journal:
        st.session_state.pop(state.JOURNAL_ID, None)
        if account.kind == "practitioner":  # no journal: their own pages (components.inbox)
            return account
        _welcome(identity)
        st.stop()
    if st.session_state.get(state.MEMBER_ID) != account.member_id:
        st.session_state[state.CHOSEN_AT] = time.time()  # as if chosen now (components.lock)
    st.session_state[state.JOURNAL_ID] = account.journal_id
    if account.member_id not in {m.id for m in members()}:  # stepped away (Settings › People)
        accounts().leave_journal(identity)  # done already, unless that step was cut short
        st.session_state.pop(state.JOURNAL_ID, None)
        _welcome(identity)
        st.stop()
    st.session_state[state.MEMBER_ID] = account.member_id
    return account


def leave_journal() -> None:
    """The signed-in person stepped away from their journal: their account keeps none, and
    their next run is the welcome page (start a journal, or join one with a code)."""
    identity = st.session_state.get(IDENTITY)
    if isinstance(identity, Identity):
        accounts().leave_journal(identity)
    st.session_state.pop(state.JOURNAL_ID, None)


def _forget() -> None:
    for key in (IDENTITY, ACCOUNT, state.JOURNAL_ID, state.MEMBER_ID):
        st.session_state.pop(key, None)


def _sign_in_page(why: str | None = None, *, again: bool = False) -> None:
    st.title(words.SIGN_IN_TITLE)
    st.write(words.SIGN_IN_LEAD)
    if why:
        st.info(why)
    # A sign-in that was ended still has its cookie here: signing out of Streamlit clears it,
    # and the next page offers a fresh sign-in.
    st.button(
        words.SIGN_IN_AGAIN if again else words.SIGN_IN,
        type="primary",
        key="signin.go",
        on_click=st.logout if again else st.login,
    )
    st.caption(words.SIGN_IN_HINT)


def _welcome(identity: Identity) -> None:
    st.title(words.WELCOME_TITLE)
    show_flash()  # e.g. having just stepped away from a journal
    st.write(words.WELCOME_LEAD)
    problem = st.session_state.pop("signin.problem", None)
    if problem:
        st.error(problem)
    with st.form("signin.start"):
        st.subheader(words.START_TITLE)
        st.caption(words.START_HINT)
        st.text_input(words.YOUR_NAME, value=identity.name, key="signin.start_name", max_chars=80)
        st.form_submit_button(words.START, type="primary", on_click=_start, args=(identity,))
    with st.form("signin.join"):
        st.subheader(words.JOIN_TITLE)
        st.caption(words.JOIN_HINT)
        st.text_input(words.CODE, key="signin.code", max_chars=40, autocomplete="off")
        st.text_input(words.YOUR_NAME, value=identity.name, key="signin.join_name", max_chars=80)
        st.form_submit_button(words.JOIN, on_click=_join, args=(identity,))
    from . import inbox  # a practitioner: no journal, an inbox (imports this module)

    inbox.become_form(identity)
    _sign_out_buttons(identity)


def _start(identity: Identity) -> None:
    name = str(st.session_state.get("signin.start_name", ""))
    try:
        accounts().start_journal(identity, name)
    except (AccountError, ValueError) as exc:
        st.session_state["signin.problem"] = str(exc)


def _join(identity: Identity) -> None:
    code = str(st.session_state.get("signin.code", ""))
    name = str(st.session_state.get("signin.join_name", ""))
    try:
        accounts().redeem(identity, code, name, address=address())
    except (AccountError, ValueError) as exc:
        st.session_state["signin.problem"] = str(exc)


def _sign_out(identity: Identity, everywhere: bool) -> None:
    accounts().sign_out(identity, everywhere=everywhere)
    _forget()
    st.logout()


def _sign_out_buttons(identity: Identity) -> None:
    st.button(words.SIGN_OUT, key="signin.out", on_click=_sign_out, args=(identity, False))
    st.button(
        words.SIGN_OUT_EVERYWHERE,
        key="signin.out_everywhere",
        help=words.SIGN_OUT_EVERYWHERE_HELP,
        on_click=_sign_out,
        args=(identity, True),
        type="tertiary",
    )


def sidebar_part(name: str) -> None:
    """In the sidebar, instead of "Who is writing?": who is signed in, and signing out."""
    identity = st.session_state.get(IDENTITY)
    st.caption(words.SIGNED_IN_AS.format(name=safe.label(name)))
    if isinstance(identity, Identity):
        _sign_out_buttons(identity)


def invite(viewer: Viewer) -> None:
    """Settings › People on a hosted server: a one-time code instead of adding someone here."""
    st.subheader(words.INVITE_TITLE)
    st.caption(words.INVITE_HINT)
    code = st.session_state.pop("signin.invite_code", None)
    if code:
        until = st.session_state.pop("signin.invite_until", "")
        st.success(words.INVITE_MADE.format(until=until))
        st.code(code, language=None)
    if st.button(words.INVITE, key="signin.invite"):
        from datetime import UTC, datetime

        from attune.domain.accounts import INVITATION_LIFETIME

        identity = st.session_state.get(IDENTITY)
        try:
            if isinstance(identity, Identity):
                made = accounts().invite(identity, journal(), viewer, address=address())
            else:
                made = account_service.make_invitation(journal(), viewer)
        except TooManyTries as exc:
            st.error(str(exc))
            return
        until = (datetime.now(UTC) + INVITATION_LIFETIME).astimezone()
        st.session_state["signin.invite_code"] = made
        st.session_state["signin.invite_until"] = f"{until:%A %d %B, %H:%M}"
        st.rerun()
    count = account_service.open_invitations(journal(), viewer)
    if count:
        st.caption(words.INVITES_OPEN.format(count=count))
