"""Shown instead of the app when the database is damaged: what happened, and the backups to
restore (newest first). Nothing is deleted: the damaged file is kept beside the restored one."""

from __future__ import annotations

import streamlit as st

from attune import recovery
from attune.config import load_settings


def damaged(exc: recovery.CorruptDatabase) -> None:
    st.title("Your journal needs a repair")
    st.error(str(exc))
    backups = recovery.list_backups(load_settings())
    if not backups:
        st.write(
            "No backups were found next to the database. The damaged file is untouched; "
            "`python -m attune restore FILE` can restore a copy you kept elsewhere."
        )
        return
    st.write(
        "Choose a backup to restore. The damaged file is kept beside it, renamed, "
        "in case you want to try other repairs later."
    )
    for path in backups[:10]:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.code(path.name, language=None)
        c2.button("Restore", key=f"restore_{path.name}", on_click=_restore, args=(str(path),))


def _restore(path: str) -> None:
    from pathlib import Path

    st.cache_resource.clear()  # closes this server's Journal: only another process holds it now
    st.cache_data.clear()
    try:
        recovery.restore(load_settings(), Path(path))
    except recovery.RestoreError as exc:
        st.session_state["restore_error"] = str(exc)


def restore_section() -> None:
    """Settings › Your data: restore one of the automatic or manual backups."""
    backups = recovery.list_backups(load_settings())
    with st.expander(f"Restore a backup ({len(backups)} kept)"):
        if not backups:
            st.caption("No backups yet. One is taken before every upgrade, and with Back up now.")
            return
        names = [p.name for p in backups[:20]]
        choice = st.selectbox("Backup", names, key="restore_choice")
        st.caption("The current database is kept beside it, renamed, so nothing is lost.")
        if st.button("Restore this backup…", key="restore_backup"):
            _confirm(str(backups[names.index(str(choice))]))
    if err := st.session_state.pop("restore_error", None):
        st.error(err)


@st.dialog("Restore this backup?")
def _confirm(path: str) -> None:
    from pathlib import Path

    st.warning(
        f"Your journal will be replaced by {Path(path).name}. Entries written since then "
        "stay only in the kept copy of the current file."
    )
    if st.button("Restore", type="primary", key="confirm_restore"):
        _restore(path)  # lets go of the file first
        st.rerun()
