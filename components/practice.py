"""The practitioner mode on screen: its lock, its navigation, and the first run's choice.

`require_practitioner()` is the first call of each practice screen (as `require_member()` is of
a journal's): it sets the practice up on first use (its own passphrase), asks for that
passphrase unless this session unlocked it and has not been idle too long, and returns the
practice's records. The practice's key lives only in this browser session's state."""

from __future__ import annotations

import time

import streamlit as st

from attune import messages
from attune.domain.errors import PassphraseError, TryLater
from attune.services import practice, together
from attune.services.review import ReviewStore

from .lock import require_local
from .review_view import Keys
from .services import flash, journal, preferences, show_flash

KEY = "practice.key"  # this session's unlocked practice key
ACTIVE_AT = "practice.unlocked_at"
CHOICE = "practice.choice"  # the first run's choice (journal / practice)
WELCOME = "views/welcome.py"
PRACTICE_KEYS = Keys("practice")  # the practice's choices, apart from a member's review
PAGES = {  # the practice's screens: (script, title, icon, url path with/without a journal)
    "clients": ("views/practice_clients.py", messages.PRACTICE_CLIENTS, ":material/groups:"),
    "record": ("views/practice_record.py", messages.PRACTICE_RECORD, ":material/clinical_notes:"),
    "notes": ("views/practice_notes.py", messages.PRACTICE_NOTES, ":material/edit_note:"),
}


def pages(*, with_journal: bool, setting_up: bool = False) -> list[st.Page]:
    """The practice's navigation. Without a journal, Clients answers at /therapist (where a
    therapist looks first); beside a journal, whose Therapist page is there, at /practice.
    `setting_up`: only the first page, named for what it does first."""
    out = []
    for name, (script, title, icon) in PAGES.items():
        path = f"practice-{name}"
        if name == "clients":
            path = "practice" if with_journal else "therapist"
            title = messages.PRACTICE_SETUP_TITLE if setting_up else title
        out.append(st.Page(script, title=title, icon=icon, url_path=path))
    return out[:1] if setting_up else out


def beside_journal() -> list[st.Page]:
    """The practice's pages in a journal's navigation, when this install has a practice."""
    return pages(with_journal=True) if practice.is_set_up(preferences()) else []


def without_journal(support: st.Page) -> None:
    """Navigation and page when nobody journals here: a first run (Welcome, with the choice
    above it, and the practice's page at /therapist, where it is set up), or a practice with
    no journal (its pages, then Welcome as "Start a journal", and Support). Runs the page."""
    if practice.is_set_up(preferences()):
        welcome = st.Page(WELCOME, title=messages.PRACTICE_ADD_JOURNAL, icon=":material/spa:")
        st.navigation([*pages(with_journal=False), welcome, support], expanded=True).run()
        return
    welcome = st.Page(WELCOME, title="Welcome", icon=":material/spa:")
    start = pages(with_journal=False, setting_up=True)[0]
    page = st.navigation([welcome, start, support])
    if page is welcome:
        choice(start)
    page.run()


def record_page() -> str:
    return PAGES["record"][0]


def is_set_up() -> bool:
    return practice.is_set_up(preferences())


def choice(start_practice: st.Page) -> None:
    """The first run's question, above the welcome: a journal (the page below) or reviewing
    clients' exports (the practice's page, where it is set up)."""
    picked = st.segmented_control(
        messages.PRACTICE_CHOICE,
        list(messages.PRACTICE_CHOICES),
        format_func=messages.PRACTICE_CHOICES.__getitem__,
        default="journal",
        required=True,
        key=CHOICE,
    )
    st.caption(messages.PRACTICE_CHOICE_HELP)
    if picked == "practice":
        st.session_state[CHOICE] = "journal"  # coming back to Welcome starts from a journal
        st.switch_page(start_practice)


def require_practitioner() -> ReviewStore:
    """The practice's records — or draw its set-up / unlock form and stop."""
    require_local()
    if not practice.is_set_up(preferences()):
        _set_up_form()
        st.stop()
    key = _session_key()
    if key is None:
        _unlock_form()
        st.stop()
    assert key is not None
    with st.sidebar:
        st.button(
            messages.PRACTICE_LOCK, icon=":material/lock:", on_click=lock, key="practice_lock"
        )
    show_flash()
    return practice.store(journal(), key)


def _session_key() -> bytes | None:
    s = st.session_state
    key, last, now = s.get(KEY), s.get(ACTIVE_AT), time.time()
    if not isinstance(key, bytes) or last is None:
        return None
    if now - last > together.lock_minutes(preferences()) * 60.0:
        lock()
        return None
    s[ACTIVE_AT] = now
    return key


def lock() -> None:
    st.session_state.pop(KEY, None)
    st.session_state.pop(ACTIVE_AT, None)


def _opened(key: bytes) -> None:
    st.session_state[KEY] = key
    st.session_state[ACTIVE_AT] = time.time()


def _set_up_form() -> None:
    st.title(messages.PRACTICE_SETUP_TITLE)
    st.write(messages.PRACTICE_SETUP_INTRO)
    with st.form("practice_setup"):
        first = st.text_input(messages.PRACTICE_PASSPHRASE, type="password", key="practice.new")
        again = st.text_input(
            messages.PRACTICE_PASSPHRASE_AGAIN, type="password", key="practice.again"
        )
        st.caption(messages.PRACTICE_PASSPHRASE_HELP)
        submitted = st.form_submit_button(messages.PRACTICE_SET_UP, type="primary")
    if not submitted:
        return
    if first != again:
        st.error(messages.PRACTICE_PASSPHRASE_MISMATCH)
        return
    try:
        key = practice.set_up(journal(), first)
    except (PassphraseError, ValueError) as exc:
        st.error(str(exc))
        return
    _opened(key)
    flash("success", messages.PRACTICE_READY)
    st.rerun()


def _unlock_form() -> None:
    st.title(messages.PRACTICE_LOCKED_TITLE)
    st.caption(messages.PRACTICE_LOCKED_HINT)
    with st.form("practice_unlock", clear_on_submit=True):
        st.text_input(messages.PRACTICE_PASSPHRASE, type="password", key="practice.passphrase")
        st.form_submit_button(messages.PRACTICE_UNLOCK, type="primary", on_click=_unlock)
    failed = st.session_state.pop("practice.failed", False)
    wait = practice.try_later(journal())
    if wait is not None:
        st.error((messages.PRACTICE_WRONG + " " if failed else "") + str(wait))
    elif failed:
        st.error(messages.PRACTICE_WRONG)


def _unlock() -> None:
    passphrase = st.session_state.pop("practice.passphrase", "") or ""
    try:
        key = practice.unlock(journal(), passphrase)
    except TryLater:
        return
    if key is None:
        st.session_state["practice.failed"] = True
        return
    _opened(key)
