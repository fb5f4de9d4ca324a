"""The lock, on every screen: `require_member()` is the first call of each view.

It returns the member whose session is open and their `Viewer` — made here, from this browser
session's own state, and passed on as an argument from there. Without a chosen member it asks
who is writing; for a protected member it asks for the passphrase unless they unlocked in this
session and have not been idle too long. Switching person locks everyone in the session, so
coming back to a protected member always asks again; the sidebar's Lock locks at once. Leave
quickly (`leave_quickly`) locks every member in every session of the journal: a journal-wide
stamp, and a session that chose its member before it asks who is writing again.

The unlocked data key lives only in this session's state (inside the Viewer); nothing shared
between sessions holds it."""

from __future__ import annotations

import time

import streamlit as st

from attune import messages, security
from attune.domain.entries import Member
from attune.domain.errors import TryLater
from attune.messages import people as words
from attune.services import Viewer, together
from attune.services import people as people_service

from . import safe, signin, state
from .services import journal, journal_key, members, preferences, revision

VIEWER = "viewer"  # this session's Viewer: who, and the data key they unlocked
ACTIVE_AT = "unlocked_at"  # last activity (epoch seconds) of a protected, unlocked viewer
CHOSEN_AT = state.CHOSEN_AT  # when this session chose its member (epoch seconds)
LEFT = "left_quickly"  # this session pressed Leave quickly: the neutral page until Continue
NOT_HERE = "Nothing is served at this address."  # what a foreign Host sees (require_local)


@st.cache_data(show_spinner=False, max_entries=16)
def _protected(url: str, revision: int) -> set[int]:
    return together.protected_members(journal())


def protected() -> set[int]:
    return _protected(journal_key(), revision())


def _left_since_chosen() -> bool:
    return people_service.left_at(preferences()) > st.session_state.get(CHOSEN_AT, 0)


def protected_mark(member: Member) -> str:
    """A protected member's name with a text mark (for lists that draw no icons)."""
    name = safe.label(member.name)
    return f"{name} {words.PROTECTED_MARK}" if member.id in protected() else name


def leave_quickly() -> None:
    """Lock everyone, here and in every other session of this journal; show the neutral page."""
    people_service.leave_quickly(journal())
    forget_member()
    st.session_state[LEFT] = True


def left_quickly() -> bool:
    return bool(st.session_state.get(LEFT))


def back_from_neutral() -> None:
    st.session_state.pop(LEFT, None)


def forget_member() -> None:
    """Lock and forget who is writing in this session (the next run asks again)."""
    lock()
    forget_what_was_typed()
    st.session_state.pop(state.MEMBER_ID, None)
    st.session_state.pop(CHOSEN_AT, None)


def _idle_limit() -> float:
    return together.lock_minutes(preferences()) * 60.0


def chosen_member() -> Member | None:
    """The member this session chose (or the only one); never someone else by default. Signed
    in on a hosted server, the member is the account's (components.signin), nobody else."""
    if _left_since_chosen():
        forget_member()  # Leave quickly, here or in another window, since this session chose
    people = members()
    wanted = st.session_state.get(state.MEMBER_ID)
    for member in people:
        if member.id == wanted:
            return member
    if signin.signed_in():
        return None
    if len(people) == 1:
        st.session_state[state.MEMBER_ID] = people[0].id
        st.session_state[CHOSEN_AT] = time.time()
        return people[0]
    return None


def require_local() -> None:
    """Stop at once, showing one neutral line, unless the browser asked for this machine by a
    loopback name. A page on `evil.example` whose name resolves to 127.0.0.1 (DNS rebinding)
    reaches the server and may open the WebSocket; the Host it sends is its own, so nothing runs
    for it and no data is sent. Called first by app.py and by require_member()."""
    host = st.context.headers.get("Host")
    if not security.local_host(host) and not _public_host(host):
        st.text(NOT_HERE)
        st.stop()


def _public_host(host: str | None) -> bool:
    """Signed in on a hosted server: the host its sign-in redirects to (and nothing else)."""
    allowed = signin.allowed_host()
    return bool(allowed and host and host.lower().partition(":")[0] == allowed.lower())


def require_member() -> tuple[Member, Viewer]:
    """The open member and their viewer — or draw who-is-writing / the unlock form and stop."""
    require_local()
    me = chosen_member()
    if me is None and signin.signed_in():
        signin.require_account()  # sets this session's member again (after Leave quickly)
        me = chosen_member()
    if me is None:
        _who_is_writing()
        st.stop()
    assert me is not None
    viewer = _session_viewer(me)
    if viewer is None:
        _unlock_form(me)
        st.stop()
    assert viewer is not None
    return me, viewer


def _session_viewer(me: Member) -> Viewer | None:
    s = st.session_state
    viewer = s.get(VIEWER)
    if not isinstance(viewer, Viewer) or viewer.member_id != me.id:
        viewer = None
    if me.id not in protected():
        if viewer is None or viewer.key is not None:
            viewer = s[VIEWER] = Viewer(me.id)
        _watch_idle()  # Leave quickly in another window reaches this one too
        return viewer
    last = s.get(ACTIVE_AT)
    now = time.time()
    if viewer is None or last is None or now - last > _idle_limit():
        lock()
        return None
    s[ACTIVE_AT] = now
    _watch_idle()
    return viewer


def _who_is_writing() -> None:
    people = members()
    st.title(messages.WHO_TITLE)
    if not people:
        st.info(messages.WHO_NOBODY)
        return
    st.caption(messages.WHO_HINT)
    mark = protected()
    for member in people:
        st.button(
            safe.label(member.name),
            key=f"who.{member.id}",
            icon=":material/lock:" if member.id in mark else None,
            help=words.PROTECTED_HELP if member.id in mark else None,
            on_click=switch_to,
            args=(member.id,),
        )


def _unlock_form(me: Member) -> None:
    st.title(messages.LOCKED_TITLE.format(name=safe.label(me.name)))
    st.caption(messages.LOCKED_HINT.format(name=safe.label(me.name)))
    with st.form("unlock", clear_on_submit=True):
        st.text_input("Passphrase", type="password", key="unlock_passphrase")
        st.form_submit_button(
            messages.UNLOCK, type="primary", key="unlock", on_click=_unlock, args=(me.id,)
        )
    failed = st.session_state.pop("unlock_failed", False)
    # After a few wrong passphrases the next try waits (kept in the database: a reload or another
    # browser meets it too); one line says until when.
    wait = together.try_later(journal(), me.id)
    if wait is not None:
        st.error((messages.WRONG_PASSPHRASE + " " if failed else "") + str(wait))
    elif failed:
        st.error(messages.WRONG_PASSPHRASE)
    if len(members()) > 1:
        st.button(
            messages.NOT_ME.format(name=safe.label(me.name)),
            key="not_me",
            icon=":material/switch_account:",
            on_click=_choose_again,
        )


def _choose_again() -> None:
    """Back to 'Who is writing?' from someone else's lock screen (nobody is unlocked)."""
    forget_member()


def _unlock(member_id: int) -> None:
    passphrase = st.session_state.pop("unlock_passphrase", "") or ""
    try:
        viewer = together.unlock_viewer(journal(), member_id, passphrase)
    except TryLater:
        return  # not checked at all; the form says when the next try is possible
    if viewer is None:
        st.session_state["unlock_failed"] = True
        return
    opened(viewer)


def opened(viewer: Viewer) -> None:
    """Make `viewer` this session's, unlocked now (after the unlock form or a new passphrase)."""
    st.session_state[VIEWER] = viewer
    st.session_state[ACTIVE_AT] = time.time()


def lock() -> None:
    """Forget this session's key and viewer at once; the next run asks again."""
    st.session_state.pop(VIEWER, None)
    st.session_state.pop(ACTIVE_AT, None)


def switch_to(member_id: int) -> None:
    """Change who is writing: everyone in this session is locked first."""
    lock()
    forget_what_was_typed()
    st.session_state[state.MEMBER_ID] = member_id
    st.session_state[CHOSEN_AT] = time.time()


def forget_what_was_typed() -> None:
    """Empty every form, filter and choice of this browser session: what one person typed and
    did not save (a weekly note, a search, an entry being edited) is never on the next person's
    screen. Saved work is safe — drafts are kept per member in the database."""
    keep = {state.MEMBER_ID, state.JOURNAL_ID, signin.IDENTITY, CHOSEN_AT, LEFT, *state.FRAME_KEYS}
    for key in list(st.session_state):
        if key not in keep:
            del st.session_state[key]


@st.fragment(run_every=20)
def _watch_idle() -> None:
    """Every 20 s: an idle protected session locks; Leave quickly elsewhere locks this one."""
    if _left_since_chosen():
        st.rerun(scope="app")
    me = chosen_member()
    if me is None or me.id not in protected():
        return
    last = st.session_state.get(ACTIVE_AT)
    if last is None or time.time() - last > _idle_limit():
        st.rerun(scope="app")
