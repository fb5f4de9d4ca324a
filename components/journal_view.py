"""Journal pieces: the filter bar, the edit form, the trash, and the undo banner."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from attune import messages
from attune.domain.entries import (
    VALENCE_LABELS,
    Entry,
    EntryError,
    EntryFilter,
    NotFoundError,
    StaleEditError,
)
from attune.domain.errors import LockedError, LogNotCleared
from attune.domain.viewer import Viewer
from attune.services import search

from . import checkin, entries, safe, state
from .services import flash, journal, library, members, tags

EDIT = "edit"
JUMP = "journal_jump"  # the day last jumped to (a date input)
PAGE_SIZE = 20


def filters(viewer: Viewer) -> EntryFilter:
    s = st.session_state
    st.text_input(
        "Search your entries",
        key=state.SEARCH,
        placeholder="A word or two, then Enter",
        on_change=_first_page,
    )
    with st.expander("Filters"):
        st.date_input(
            "Between",
            value=[],
            key=state.F_DATES,
            max_value=date.today(),
            format="YYYY-MM-DD",
            on_change=_first_page,
        )
        c1, c2 = st.columns(2)
        c1.multiselect(
            "Tags", tags(viewer), key=state.F_TAGS, format_func=safe.label, on_change=_first_page
        )
        c2.multiselect(
            "Feeling words",
            [w.word for w in library().feeling_words()],
            key=state.F_FEELINGS,
            on_change=_first_page,
        )
        st.pills(
            "Pleasantness",
            list(VALENCE_LABELS),
            format_func=VALENCE_LABELS.__getitem__,
            selection_mode="multi",
            key=state.F_VALENCE,
            on_change=_first_page,
        )
    dates = tuple(s.get(state.F_DATES) or ())
    return EntryFilter(
        text=s.get(state.SEARCH) or "",
        start=dates[0] if len(dates) > 0 else None,
        end=dates[1] if len(dates) > 1 else (dates[0] if dates else None),
        tags=tuple(s.get(state.F_TAGS) or ()),
        feelings=tuple(s.get(state.F_FEELINGS) or ()),
        valence=tuple(s.get(state.F_VALENCE) or ()),
    )


def _first_page() -> None:
    st.session_state[state.JOURNAL_PAGE] = 1


def jump(viewer: Viewer, filt: EntryFilter) -> None:
    """A date to jump to: the list moves to the page holding that day (or the nearest day
    before it) among the entries the filters keep."""
    st.date_input(
        messages.JUMP_TO,
        value=None,
        key=JUMP,
        min_value=date(1900, 1, 1),
        max_value=date.today(),
        format="YYYY-MM-DD",
        help=messages.JUMP_HELP,
        on_change=_jump,
        args=(viewer, filt),
    )


def _jump(viewer: Viewer, filt: EntryFilter) -> None:
    day = st.session_state.get(JUMP)
    if day is None:
        return
    page, found = search.page_of_day(journal(), viewer, filt, day, PAGE_SIZE)
    st.session_state[state.JOURNAL_PAGE] = page
    if not found:
        flash("info", messages.JUMP_NOTHING)


def undo_banner(viewer: Viewer) -> None:
    entry_id = st.session_state.get(state.UNDO_TRASH)
    if entry_id is None:
        return
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.info(messages.TRASHED, icon=":material/delete:")
    c2.button("Undo", key="undo_trash", on_click=_restore, args=(viewer, entry_id, True))


def _trash(viewer: Viewer, entry_id: int) -> None:
    try:
        journal().trash_entry(viewer, entry_id)
    except NotFoundError as exc:
        flash("error", str(exc))
        return
    st.session_state[state.UNDO_TRASH] = entry_id


def _restore(viewer: Viewer, entry_id: int, undo: bool = False) -> None:
    try:
        journal().restore_entry(viewer, entry_id)
    except NotFoundError as exc:
        flash("error", str(exc))
        return
    st.session_state.pop(state.UNDO_TRASH, None)
    flash("success", messages.RESTORED)


def _open_editor(entry: Entry) -> None:
    checkin.reset(EDIT)
    checkin.load_entry(EDIT, entry)
    st.session_state[state.EDITING] = (entry.id, entry.version)


def _save_edit(viewer: Viewer) -> None:
    entry_id, version = st.session_state[state.EDITING]
    draft = checkin.read(EDIT)
    if draft is None:
        flash("warning", messages.NEED_VALENCE_ENERGY)
        return
    try:
        old = journal().get_entry(viewer, entry_id)
        draft = draft.__class__(
            **{**draft.__dict__, "prompt_id": old.prompt_id, "reading_id": old.reading_id}
        )
        journal().update_entry(viewer, entry_id, draft, expected_version=version)
    except (StaleEditError, EntryError, NotFoundError, LockedError) as exc:
        flash("error", str(exc))
        return
    _close_editor()
    flash("success", messages.SAVED_EDIT)


def _close_editor() -> None:
    st.session_state.pop(state.EDITING, None)
    checkin.reset(EDIT)


def entry_row(entry: Entry, viewer: Viewer, *, show_author: bool) -> None:
    editing = st.session_state.get(state.EDITING)
    with st.container(border=True):
        if editing and editing[0] == entry.id:
            checkin.draw(EDIT, library(), tags(viewer), several_members=len(members()) > 1)
            st.text_area("Note", key=f"{EDIT}.note", height=160)
            c1, c2 = st.columns(2)
            c1.button(
                "Save changes",
                type="primary",
                key="save_edit",
                on_click=_save_edit,
                args=(viewer,),
                width="stretch",
            )
            c2.button("Cancel", key="cancel_edit", on_click=_close_editor, width="stretch")
            return
        entries.card(
            entry,
            show_author=show_author,
            me=viewer.member_id,
            prompt_text=prompt_text(entry.prompt_id),
        )
        if entry.member_id == viewer.member_id:
            # One short row of small buttons, kept on one line on a phone too (columns stack).
            with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
                st.button(
                    messages.ENTRY_EDIT,
                    key=f"edit_{entry.id}",
                    on_click=_open_editor,
                    args=(entry,),
                    icon=":material/edit:",
                    type="tertiary",
                )
                st.button(
                    messages.ENTRY_DELETE,
                    key=f"trash_{entry.id}",
                    on_click=_trash,
                    args=(viewer, entry.id),
                    help=messages.ENTRY_DELETE_HELP,
                    icon=":material/delete:",
                    type="tertiary",
                )


def span(items: Sequence[Entry]) -> str:
    """The days a page covers, newest first: "13 Mar 2026 – 2 Mar 2026"."""
    if not items:
        return ""
    first, last = (e.occurred_at.date() for e in (items[0], items[-1]))
    day = lambda d: f"{d.day} {d:%b %Y}"  # noqa: E731
    return day(first) if first == last else f"{day(first)} – {day(last)}"


def prompt_text(prompt_id: str | None) -> str | None:
    if not prompt_id:
        return None
    try:
        return library().prompt(prompt_id).text
    except KeyError:
        return None


def trash(viewer: Viewer) -> None:
    page = journal().list_entries(viewer, EntryFilter(trashed=True), page_size=200)
    if not page.total:
        st.caption(messages.TRASH_EMPTY)
        return
    st.write(messages.TRASH_COUNT.format(n=page.total))
    for entry in page.items:
        with st.container(border=True):
            entries.card(entry)
            st.button(
                "Restore", key=f"restore_{entry.id}", on_click=_restore, args=(viewer, entry.id)
            )
    if st.button("Empty trash…", key="empty_trash"):
        _confirm_empty(viewer, page.total)


@st.dialog("Empty the trash?")
def _confirm_empty(viewer: Viewer, count: int) -> None:
    st.warning(messages.EMPTY_TRASH_WARNING.format(n=count))
    c1, c2 = st.columns(2)
    if c1.button("Erase for good", type="primary", key="confirm_empty"):
        try:
            erased = journal().empty_trash(viewer)
        except LogNotCleared as exc:  # erased, but a copy is still in the -wal file
            st.session_state.pop(state.UNDO_TRASH, None)
            flash("warning", messages.EMPTIED.format(n=exc.result) + " " + str(exc))
            st.rerun()
        st.session_state.pop(state.UNDO_TRASH, None)
        flash("success", messages.EMPTIED.format(n=erased))
        st.rerun()
    if c2.button("Keep them", key="cancel_empty"):
        st.rerun()
