"""Back up / move a journal: the action in Settings › Your data, and the restore on Welcome.

The bundle holds the member's own entries only (attune.services.moving says why); both screens
say so in words. The bundle's bytes wait in this session's state for the download button (a
button cannot sit inside a form); they are sealed, and keyed by member, so another person
chosen in this browser never sees someone else's download."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.domain.entries import EntryError, Member
from attune.domain.exports import ExportError
from attune.domain.viewer import Viewer
from attune.security import PassphraseError
from attune.services import importing, moving

from .lock import opened, switch_to
from .services import flash, journal

READY = "move.bundle.{member}"
RESTORING = "move.restoring"


def backup_section(me: Member, viewer: Viewer) -> None:
    """Settings › Your data: make the bundle, then offer it for download."""
    with st.container(border=True, key="move_backup"):
        st.markdown(f"**:material/move_up: {messages.MOVE_TITLE}**")
        st.markdown(messages.MOVE_WHAT)
        st.caption(messages.MOVE_NOT_IN)
        with st.form("move_backup_form", clear_on_submit=True, border=False):
            first = st.text_input(messages.MOVE_PASSPHRASE, type="password", key="move_pass")
            again = st.text_input(messages.MOVE_PASSPHRASE_AGAIN, type="password", key="move_again")
            st.caption(messages.MOVE_PASSPHRASE_HINT.format(n=moving.MIN_PASSPHRASE))
            made = st.form_submit_button(messages.MOVE_MAKE, icon=":material/lock:")
        ready_key = READY.format(member=me.id)
        if made:
            st.session_state.pop(ready_key, None)
            try:
                with st.spinner(messages.MOVE_MAKING):
                    made_now = moving.backup(journal(), viewer, first, again)
            except ExportError as exc:
                st.error(str(exc))
            else:
                st.session_state[ready_key] = made_now
        ready = st.session_state.get(ready_key)
        if ready:
            out, count = ready
            st.success(messages.MOVE_READY.format(entries=messages.entries(count)))
            st.download_button(
                messages.MOVE_DOWNLOAD,
                data=out.content,
                file_name=out.filename,
                mime=out.mime_type,
                type="primary",
                icon=":material/download:",
                key="move_download",
            )


def restore_section() -> None:
    """Welcome: open a bundle, then make its person here and import their entries."""
    with st.expander(messages.RESTORE_TITLE, icon=":material/move_down:"):
        st.caption(messages.RESTORE_INTRO)
        preview: importing.ImportPreview | None = st.session_state.get(RESTORING)
        if preview is None:
            _open_form()
        else:
            _restore_form(preview)


def _open_form() -> None:
    with st.form("restore_open", border=False):
        upload = st.file_uploader(messages.RESTORE_FILE, type=["attune"], key="restore_file")
        passphrase = st.text_input(
            messages.RESTORE_PASSPHRASE, type="password", key="restore_passphrase"
        )
        go = st.form_submit_button(messages.RESTORE_OPEN, icon=":material/lock_open:")
    if not go:
        return
    if upload is None:
        st.error(messages.RESTORE_NEEDS_FILE)
        return
    try:
        with st.spinner(messages.RESTORE_OPENING):
            preview = moving.open_bundle(upload.getvalue(), upload.name, passphrase)
    except importing.ImportFailed as exc:
        st.error(str(exc))
        return
    st.session_state[RESTORING] = preview
    st.rerun()


def _restore_form(preview: importing.ImportPreview) -> None:
    name = preview.member or ""
    if preview.entries:
        st.info(
            messages.RESTORE_FOUND.format(
                entries=messages.entries(len(preview.entries)),
                name=name,
                first=preview.first,
                last=preview.last,
            ),
            icon=":material/inventory_2:",
        )
    else:
        st.info(messages.RESTORE_FOUND_EMPTY.format(name=name), icon=":material/inventory_2:")
    with st.form("restore_go", border=False):
        chosen = st.text_input(messages.RESTORE_NAME, value=name, max_chars=40, key="restore_name")
        first = st.text_input(
            messages.RESTORE_NEW_PASSPHRASE, type="password", key="restore_new_pass"
        )
        again = st.text_input(messages.RESTORE_NEW_AGAIN, type="password", key="restore_new_again")
        st.caption(messages.RESTORE_NEW_HINT)
        with st.container(horizontal=True, gap="small"):
            go = st.form_submit_button(
                messages.RESTORE_GO, type="primary", icon=":material/move_down:"
            )
            back = st.form_submit_button(messages.RESTORE_ANOTHER, type="tertiary")
    if back:
        st.session_state.pop(RESTORING, None)
        st.rerun()
    if not go:
        return
    try:
        member, viewer, result = moving.restore(journal(), preview, chosen, first, again)
    except (EntryError, PassphraseError, importing.ImportFailed) as exc:
        st.error(str(exc))
        return
    st.session_state.pop(RESTORING, None)
    switch_to(member.id)
    if viewer.unlocked:
        opened(viewer)
    flash("success", messages.RESTORE_DONE.format(entries=messages.entries(result.added)))
    st.rerun()
