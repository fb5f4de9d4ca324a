"""Settings › Privacy: the current member's passphrase and the idle lock."""

from __future__ import annotations

import streamlit as st

from attune import messages, security
from attune.domain.entries import Member
from attune.domain.errors import LogNotCleared
from attune.domain.viewer import Viewer
from attune.services import privacy as privacy_service
from attune.services import together

from . import safe
from .lock import lock, opened
from .services import flash, journal, preferences

RESEALING = "Sealing your private words again under a new key…"
CONFIRM_DELETE = "confirm_delete_old_key_backups"


def privacy(me: Member) -> None:
    st.subheader("Privacy")
    protected = together.is_protected(journal(), me.id)
    st.write(
        f"{safe.label(me.name)}'s journal is protected by a passphrase."
        if protected
        else f"{safe.label(me.name)}'s journal has no passphrase: anyone at this computer can switch to it."
    )
    with st.form("passphrase", clear_on_submit=True):
        current = st.text_input("Current passphrase", type="password") if protected else ""
        new = st.text_input(
            "New passphrase",
            type="password",
            help=f"At least {security.MIN_PASSPHRASE} characters.",
        )
        again = st.text_input("New passphrase again", type="password")
        c1, c2 = st.columns(2)
        save = c1.form_submit_button("Save passphrase", type="primary")
        remove = c2.form_submit_button("Remove passphrase", disabled=not protected)
    if save or remove:
        try:
            if save and new != again:
                raise security.PassphraseError("The two new passphrases differ.")
            # A change re-seals every private word under a new key: say how far it is.
            bar = st.progress(0.0, text=RESEALING) if protected and save else None
            try:
                key = together.set_passphrase(
                    journal(),
                    me.id,
                    new if save else None,
                    current=current,
                    progress=None if bar is None else bar.progress,
                )
            except LogNotCleared as exc:  # made; an old copy is still in the -wal file
                key = exc.result if isinstance(exc.result, bytes) else None
        except security.PassphraseError as exc:
            st.error(str(exc))
        else:
            if key is not None:
                opened(Viewer(me.id, key))  # this session stays open, now with the new key
            else:
                lock()  # the next run opens the unprotected member without a key
            st.success(messages.PASSPHRASE_SET if save else messages.PASSPHRASE_REMOVED)
    _old_copies()
    _old_key_backups(me)
    st.number_input(
        "Lock a protected journal after this many idle minutes",
        min_value=1,
        max_value=24 * 60,
        value=together.lock_minutes(preferences()),
        key="lock_minutes",
        on_change=lambda: together.set_lock_minutes(journal(), st.session_state["lock_minutes"]),
    )
    st.caption(
        "With a passphrase, your private entries and drafts are encrypted on disk (AES-256-GCM "
        "with a key from scrypt): someone with the database file but not your passphrase cannot "
        "read their words. Times and 1–5 scores stay readable so trends can be drawn. A "
        "forgotten passphrase cannot be recovered."
    )


def _old_copies() -> None:
    """What a passphrase does not reach: an old copy of words still in the write-ahead log
    (another reader kept it), and backups taken before a passphrase, with the words in clear."""
    if journal().log_pending:
        st.warning(LogNotCleared.MESSAGE)
        if st.button("Clear old copies now", key="clear_log"):
            try:
                journal().checkpoint()
            except LogNotCleared:
                st.error("Something still has the journal open; close it and try again.")
            else:
                st.rerun()
    old = privacy_service.backups_in_clear(journal())
    if not old:
        return
    with st.expander(f"Backups from before a passphrase ({len(old)}): their words are in clear"):
        st.caption(
            "These backups were taken before a passphrase was set, so anyone with the file can "
            "read the private words in them. Delete the ones you do not need (a new backup, "
            "taken now, is protected)."
        )
        for path in old:
            c1, c2 = st.columns([4, 1])
            c1.text(path.name)
            if c2.button("Delete", key=f"delete_backup_{path.name}"):
                privacy_service.delete_backup(journal(), path)
                st.rerun()


def _old_key_backups(me: Member) -> None:
    """Backups holding this member's key under an earlier passphrase: that passphrase opens
    what they hold (never what was written after the change). Named here, with a one-click
    choice to delete them, after a confirm."""
    old = together.backups_with_an_old_key(journal(), me.id)
    if not old:
        st.session_state.pop(CONFIRM_DELETE, None)
        return
    one = len(old) == 1
    st.warning(
        ("1 backup" if one else f"{len(old)} backups")
        + " from before your last passphrase change still "
        + ("opens" if one else "open")
        + " with the old passphrase, for the words held then. What you write now is "
        "sealed with a new key no backup from before has."
    )
    with st.container(border=True):
        for path in old:
            st.text(path.name)
    if not st.session_state.get(CONFIRM_DELETE):
        label = "Delete this old backup" if one else f"Delete these {len(old)} old backups"
        if st.button(label, key="delete_old_key_backups"):
            st.session_state[CONFIRM_DELETE] = True
            st.rerun()
        return
    st.error(f"Delete {'it' if one else f'all {len(old)}'} for good? This cannot be undone.")
    c1, c2 = st.columns(2)
    if c1.button("Yes, delete", type="primary", key="delete_old_key_backups_yes"):
        n = together.delete_backups_with_an_old_key(journal(), me.id)
        st.session_state.pop(CONFIRM_DELETE, None)
        flash("success", f"Deleted {n} old backup{'' if n == 1 else 's'}.")
        st.rerun()
    elif c2.button("Cancel", key="delete_old_key_backups_no"):
        st.session_state.pop(CONFIRM_DELETE, None)
        st.rerun()
