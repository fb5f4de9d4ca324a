"""Settings › Your data: where the journal is kept, its backups, and moving one's own entries.

On SQLite the app copies the database file (Back up now) and brings a copy back (Restore a
backup). On PostgreSQL the database is the operator's to back up (pg_dump, docs/hosting.md):
the service says so (`Journal.backups_are_operators`), and this section shows that sentence
instead of the two controls, and does not show the database's address (the server and the app's
role are the operator's business; `attune where` shows them). Back up / move my journal is one
person's own entries, an export, and works on both."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.domain.entries import Member
from attune.domain.errors import BackupsAreOperators
from attune.domain.viewer import Viewer

from . import move_settings, recovery
from .services import journal


def section(me: Member, viewer: Viewer) -> None:
    st.subheader("Your data")
    hosted = journal().backups_are_operators
    if hosted:  # the server's address and the app's role are the operator's (`attune where`)
        st.write(messages.DATA_ON_SERVER)
    else:
        st.write(messages.DATA_IN_FILE)
        st.code(journal().location, language=None, wrap_lines=True)  # no scroller on a phone
    if hosted:
        st.info(BackupsAreOperators.MESSAGE, icon=":material/dns:")
        st.caption(messages.DATA_HOSTED_BACKUPS)
    else:
        st.caption(messages.SETTINGS_DATA_HINT)
        _backup_now()
    move_settings.backup_section(me, viewer)
    if not hosted:
        recovery.restore_section()


def _backup_now() -> None:
    if not st.button(messages.DATA_BACKUP_NOW):
        return
    try:
        path = journal().backup()
    except RuntimeError as exc:  # BackupsAreOperators, or a database that is not a file
        st.error(str(exc))
    else:
        st.success(messages.DATA_BACKED_UP.format(path=path))
