"""A practitioner on a hosted Attune: the welcome page's choice, their frame and their pages.

Someone signed in without a journal can choose, on the welcome page, to be a practitioner
(`become_form`): their account becomes kind "practitioner", with no journal of its own. From
then on `app.py` gives them their own pages (`run`): the Inbox and Connect a client — never a
journal's. `require_practitioner()` is the first call of each of those pages: the identity and
account this run's sign-in found (components.signin checks it on every run, first)."""

from __future__ import annotations

import streamlit as st

from attune.config import load_settings
from attune.domain.accounts import Account, AccountError, Identity
from attune.messages import inbox as words
from attune.services.inbox import Inbox

from . import signin
from .lock import require_local
from .services import journal

INBOX_PAGE = "views/inbox.py"
CLIENTS_PAGE = "views/inbox_clients.py"
PRACTITIONER = "practitioner"


@st.cache_resource(show_spinner=False)
def _service(url: str) -> Inbox:
    return Inbox(journal().engine)


def service() -> Inbox:
    return _service(load_settings().database_url)


def is_practitioner(account: Account) -> bool:
    return account.kind == PRACTITIONER and not account.has_journal


def become_form(identity: Identity) -> None:
    """On the welcome page: be a practitioner instead of starting or joining a journal."""
    with st.form("inbox.become"):
        st.subheader(words.BECOME_TITLE)
        st.caption(words.BECOME_HINT)
        st.text_input(words.BECOME_NAME, value=identity.name, key="inbox.become_name", max_chars=80)
        st.form_submit_button(words.BECOME, on_click=_become, args=(identity,))


def _become(identity: Identity) -> None:
    account = st.session_state.get(signin.ACCOUNT)
    name = str(st.session_state.get("inbox.become_name", "")).strip()
    try:
        if not isinstance(account, Account):
            raise AccountError(words.NAME_NEEDED)
        if not name:
            raise AccountError(words.NAME_NEEDED)
        service().become(identity, account, name)
    except (AccountError, ValueError) as exc:
        st.session_state["signin.problem"] = str(exc)


def run(account: Account) -> None:
    """A practitioner's whole app: their navigation, their sidebar, the page."""
    identity = st.session_state.get(signin.IDENTITY)
    assert isinstance(identity, Identity)  # set by the sign-in that found `account`
    st.set_page_config(page_title="Attune", page_icon=":material/inbox:", layout="centered")
    page = st.navigation(
        [
            st.Page(INBOX_PAGE, title=words.INBOX_NAV, icon=":material/inbox:", default=True),
            st.Page(CLIENTS_PAGE, title=words.CLIENTS_NAV, icon=":material/person_add:"),
        ],
        expanded=True,
    )
    name = service().name(identity, account)
    with st.sidebar:
        signin.sidebar_part(name)  # signed in as, and signing out
    page.run()


def require_practitioner() -> tuple[Identity, Account]:
    """This run's signed-in practitioner — or stop (a page of theirs reached any other way)."""
    require_local()
    identity = st.session_state.get(signin.IDENTITY)
    account = st.session_state.get(signin.ACCOUNT)
    if not (
        isinstance(identity, Identity) and isinstance(account, Account) and is_practitioner(account)
    ):
        st.info(words.PRACTITIONERS_ONLY)  # one neutral line: nothing of anyone's
        st.stop()
    assert isinstance(identity, Identity) and isinstance(account, Account)
    return identity, account
