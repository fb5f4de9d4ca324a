"""The cached service and the cached reads.

The service (`Journal`) is cached once per database URL and shared by every session: it holds
the engine and nothing of anyone's. Reads are cached by (database, viewer, revision): the viewer
part is `Viewer.cache_key` — who, and a one-way fingerprint of the key they unlocked — so one
member's data (or an unlocked view of it) is never served to another, and every write
invalidates exactly what it changed. The viewer itself is passed unhashed (``_viewer``)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from attune.config import load_settings
from attune.content import Library, load_library
from attune.domain.entries import EntryFilter, EntryPage, Member
from attune.services import Journal, Viewer, search
from attune.services.preferences import PreferenceSnapshot

from . import state


@st.cache_resource(show_spinner=False, on_release=Journal.close)  # lets a restore go ahead
def _journal_for(key: str) -> Journal:
    number = int(key.rpartition(JOURNAL_SEP)[2])
    return Journal(replace(load_settings(), journal_id=number))


JOURNAL_SEP = "#journal="


def journal_id() -> int:
    """This session's journal: a signed-in person's own (components.signin), else the one
    this install serves (ATTUNE_JOURNAL_ID, 1 by default)."""
    chosen = st.session_state.get(state.JOURNAL_ID)
    return int(chosen) if chosen else load_settings().journal_id


def journal_key() -> str:
    """What every cached read of this session is keyed by, before who and which revision: the
    database and the journal (one server may serve many journals of one database, whose
    revisions and members' numbers mean nothing to each other)."""
    return f"{load_settings().database_url}{JOURNAL_SEP}{journal_id()}"


def journal() -> Journal:
    return _journal_for(journal_key())


def revision() -> int:
    """The journal's revision as this run (a page's, or a fragment's) knows it: read once per
    run, and again after any write through this process's journal. A page keys a dozen cached
    reads by the revision (the frame, the lock, the page): each asked the database, a transaction
    apiece (~0.5 ms each on PostgreSQL; Together's warm run held 28 transactions, 20 of them
    this). A write elsewhere shows on the next run, as a write during a read always did. Outside
    a script run (no context), read every time."""
    j = journal()
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return j.revision()
    # Streamlit gives every run (a rerun, a fragment's) a fresh `cursors` dict (ctx.reset):
    # holding that dict marks the run the value was read in (tests/app/test_run_revision.py).
    mark = (ctx.cursors, journal_key(), j.sessions.writes)
    held = st.session_state.get(state.RUN_REVISION)
    if held is not None and held[0][0] is mark[0] and held[0][1:] == mark[1:]:
        return int(held[1])
    value = j.revision()
    st.session_state[state.RUN_REVISION] = (mark, value)
    return value


def library() -> Library:
    return load_library()


def members() -> list[Member]:
    return _members(journal_key(), revision())


@st.cache_data(show_spinner=False, max_entries=32)
def _members(url: str, revision: int) -> list[Member]:
    return _journal_for(url).members()


def preferences() -> PreferenceSnapshot:
    """The journal's preferences at this run's revision: the dozen a page reads are one
    transaction, or none while nothing changed (a preference written bumps the revision)."""
    return _preferences(journal_key(), revision())


@st.cache_data(show_spinner=False, max_entries=32)
def _preferences(url: str, revision: int) -> PreferenceSnapshot:
    return _journal_for(url).preferences()


@st.cache_data(show_spinner=False, max_entries=64)
def _page(
    url: str,
    who: tuple[int | None, str],
    revision: int,
    filt: EntryFilter,
    page: int,
    page_size: int,
    _viewer: Viewer,
) -> EntryPage:
    return _journal_for(url).list_entries(_viewer, filt, page=page, page_size=page_size)


def entry_page(viewer: Viewer, filt: EntryFilter, page: int, page_size: int = 20) -> EntryPage:
    """One page of the entries `viewer` may see (cached by viewer, revision, filter and page)."""
    url = journal_key()
    return _page(url, viewer.cache_key, revision(), filt, page, page_size, viewer)


@st.cache_data(show_spinner=False, max_entries=32)
def _tags(url: str, who: tuple[int | None, str], revision: int, _viewer: Viewer) -> list[str]:
    return search.tags(_journal_for(url), _viewer)


def tags(viewer: Viewer) -> list[str]:
    """Tags on the entries `viewer` may see, most used first."""
    url = journal_key()
    return _tags(url, viewer.cache_key, revision(), viewer)


def flash(kind: str, message: str) -> None:
    """Show `message` once, at the top of the next run (kind: success, info, warning, error)."""
    st.session_state[state.FLASH] = (kind, message)


def show_flash() -> None:
    """The message of the last action, once. Its place is always drawn (empty when there is
    nothing to say), so the form below keeps its place in the page: a form that moved down by one
    was drawn anew beside the old one until the run ended (two note boxes for a moment)."""
    slot = st.container()
    item = st.session_state.pop(state.FLASH, None)
    if item:
        kind, message = item
        getattr(slot, kind)(message)
