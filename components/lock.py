"""Member passphrases in the browser session: switching to a protected member asks for the
passphrase, and an open session locks itself after the idle time set in Settings (a small
fragment checks every 20 seconds, so an unattended screen locks without anyone clicking)."""

from __future__ import annotations

import time

import streamlit as st

from attune import crypto, messages, together
from attune.domain.entries import Member

from . import safe
from .services import journal

UNLOCKED = "unlocked_at"  # member_id -> last activity (epoch seconds) while unlocked
DATA_KEYS = "data_keys"  # member_id -> data key, in this browser session's memory only


def _session_keys() -> dict[int, bytes]:
    try:
        return dict(st.session_state.get(DATA_KEYS, {}))
    except Exception:  # no session (a bare import, a thread without a script context)
        return {}


crypto.set_key_provider(_session_keys)


def keep_key(member_id: int, key: bytes | None) -> None:
    if key is not None:
        st.session_state.setdefault(DATA_KEYS, {})[member_id] = key


@st.cache_data(show_spinner=False, max_entries=16)
def _protected(url: str, revision: int) -> set[int]:
    return together.protected_members(journal())


def protected() -> set[int]:
    return _protected(journal().location, journal().revision())


def _idle_limit() -> float:
    return together.lock_minutes(journal()) * 60.0


def gate(member: Member) -> bool:
    """True when `member`'s session may be shown; otherwise draws the unlock form."""
    if member.id not in protected():
        return True
    opened: dict[int, float] = st.session_state.setdefault(UNLOCKED, {})
    now = time.time()
    last = opened.get(member.id)
    if last is not None and now - last <= _idle_limit():
        opened[member.id] = now
        _watch_idle(member.id)
        return True
    opened.pop(member.id, None)
    st.session_state.get(DATA_KEYS, {}).pop(member.id, None)
    st.title(messages.LOCKED_TITLE.format(name=safe.label(member.name)))
    st.caption(messages.LOCKED_HINT.format(name=safe.label(member.name)))
    with st.form("unlock"):
        st.text_input("Passphrase", type="password", key="unlock_passphrase")
        st.form_submit_button(messages.UNLOCK, type="primary", on_click=_unlock, args=(member.id,))
    if st.session_state.pop("unlock_failed", False):
        st.error(messages.WRONG_PASSPHRASE)
    return False


def _unlock(member_id: int) -> None:
    passphrase = st.session_state.pop("unlock_passphrase", "") or ""
    opened = together.open_journal(journal(), member_id, passphrase)
    if opened is False:
        st.session_state["unlock_failed"] = True
        return
    keep_key(member_id, opened if isinstance(opened, bytes) else None)
    st.session_state.setdefault(UNLOCKED, {})[member_id] = time.time()


def lock_now(member_id: int) -> None:
    st.session_state.setdefault(UNLOCKED, {}).pop(member_id, None)
    st.session_state.get(DATA_KEYS, {}).pop(member_id, None)


@st.fragment(run_every=20)
def _watch_idle(member_id: int) -> None:
    last = st.session_state.get(UNLOCKED, {}).get(member_id)
    if last is None or time.time() - last > _idle_limit():
        st.rerun(scope="app")
