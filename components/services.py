"""The cached service and cached reads. The service is cached per database URL; reads are cached
by (database, viewer, revision) so one member's data is never served to another and every write
invalidates exactly what it changed."""

from __future__ import annotations

import streamlit as st

from attune.config import load_settings
from attune.content import Library, load_library
from attune.domain.entries import EntryFilter, EntryPage, Member
from attune.services import Journal

from . import state


@st.cache_resource(show_spinner=False)
def _journal_for(url: str) -> Journal:
    return Journal(load_settings())


def journal() -> Journal:
    return _journal_for(load_settings().database_url)


def library() -> Library:
    return load_library()


def members() -> list[Member]:
    return _members(load_settings().database_url, journal().revision())


@st.cache_data(show_spinner=False, max_entries=32)
def _members(url: str, revision: int) -> list[Member]:
    return _journal_for(url).members()


def current_member() -> Member | None:
    """The member whose session is open (None before first run)."""
    people = members()
    wanted = st.session_state.get(state.MEMBER_ID)
    for member in people:
        if member.id == wanted:
            return member
    if people:
        st.session_state[state.MEMBER_ID] = people[0].id
        return people[0]
    return None


def viewer_id() -> int | None:
    member = current_member()
    return member.id if member else None


@st.cache_data(show_spinner=False, max_entries=64)
def _page(
    url: str, viewer: int | None, revision: int, filt: EntryFilter, page: int, page_size: int
) -> EntryPage:
    return _journal_for(url).list_entries(viewer, filt, page=page, page_size=page_size)


def entry_page(viewer: int | None, filt: EntryFilter, page: int, page_size: int = 20) -> EntryPage:
    """One page of the entries `viewer` may see (cached by viewer, revision, filter and page)."""
    return _page(load_settings().database_url, viewer, journal().revision(), filt, page, page_size)


@st.cache_data(show_spinner=False, max_entries=32)
def _tags(url: str, viewer: int | None, revision: int) -> list[str]:
    return _journal_for(url).tags(viewer)


def tags() -> list[str]:
    return _tags(load_settings().database_url, viewer_id(), journal().revision())


def flash(kind: str, message: str) -> None:
    """Show `message` once, at the top of the next run (kind: success, info, warning, error)."""
    st.session_state[state.FLASH] = (kind, message)


def show_flash() -> None:
    item = st.session_state.pop(state.FLASH, None)
    if item:
        kind, message = item
        getattr(st, kind)(message)
