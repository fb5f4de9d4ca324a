"""Settings › People › Step away: the member whose session is open leaves the journal, and
chooses what happens to their private entries (kept sealed, taken along as a file, or erased)
and to their shared ones (they stay or go). Archive (keep and stay) is undone by Bring back;
an erase asks for the member's name, typed."""

from __future__ import annotations

import streamlit as st

from attune.domain.entries import EntryError, Member
from attune.domain.viewer import Viewer
from attune.messages import inbox as inbox_words
from attune.messages import people as words
from attune.services import inbox, people
from attune.services.people import Private, Shared

from . import safe, signin
from .lock import forget_member, protected
from .services import flash, journal, members


def section(me: Member, viewer: Viewer) -> None:
    if len(members()) < 2:
        return  # the last person on a journal cannot step away
    name = safe.label(me.name)
    with st.expander(words.STEP_AWAY, icon=":material/logout:"):
        keep = words.PRIVATE_KEEP if me.id in protected() else words.PRIVATE_KEEP_OPEN
        private = Private(
            st.radio(
                words.PRIVATE_CHOICE,
                [p.value for p in Private],
                format_func={
                    Private.KEEP: keep,
                    Private.EXPORT: words.PRIVATE_EXPORT,
                    Private.ERASE: words.PRIVATE_ERASE,
                }.__getitem__,
                key="away_private",
            )
        )
        shared = Shared(
            st.radio(
                words.SHARED_CHOICE,
                [s.value for s in Shared],
                format_func={
                    Shared.STAY: words.SHARED_STAY.format(name=name),
                    Shared.GO: words.SHARED_GO,
                }.__getitem__,
                key="away_shared",
            )
        )
        st.caption(words.CONVERSATIONS_NOTE.format(name=name))
        for link in inbox.links(journal(), viewer) if signin.signed_in() else []:
            st.caption(
                inbox_words.LEAVING_WITHDRAWS.format(name=safe.label(link.practitioner_name))
            )
        if private is Private.EXPORT:
            _download(me, viewer)
        typed = ""
        erasing = people.erases(private, shared)
        if erasing:
            typed = st.text_input(words.TYPE_NAME.format(name=name), key="away_name")
        label = (words.REMOVE if erasing else words.ARCHIVE).format(name=name)
        if st.button(label, key="away_go", type="primary" if not erasing else "secondary"):
            if erasing and typed.strip() != me.name:
                st.error(words.TYPE_NAME_WRONG)
                return
            try:
                people.step_away(journal(), viewer, me, private=private, shared=shared)
            except EntryError as exc:
                st.error(str(exc))
                return
            forget_member()
            if signin.signed_in():
                signin.leave_journal()  # in no journal now: the welcome page next
                flash("success", words.STEPPED_AWAY_SIGNED_IN)
            else:
                flash("success", words.STEPPED_AWAY.format(name=name))
            st.rerun()


def _download(me: Member, viewer: Viewer) -> None:
    try:
        made = people.export_file(journal(), viewer)
    except ValueError as exc:  # ExportError: one line, safe to show
        st.error(str(exc))
        return
    st.download_button(
        words.EXPORT_FILE.format(name=safe.label(me.name)),
        data=made.content,
        file_name=made.filename,
        mime=made.mime_type,
        icon=":material/download:",
        on_click="ignore",
        key="away_download",
    )
    st.caption(words.EXPORT_HINT.format(name=safe.label(me.name)))
