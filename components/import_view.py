"""Import page pieces: read the upload into a preview, the Daylio mood mapping, the preview
itself, the Import button with its progress bar, and past imports with Undo.

The preview of the file on screen is kept in session state, keyed by the upload and the mood
mapping, so a rerun does not parse the file again. Imported text is shown only through `safe`.
"""

from __future__ import annotations

from contextlib import nullcontext

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from attune import messages
from attune.domain.entries import VALENCE_LABELS, NotFoundError
from attune.domain.errors import LogNotCleared
from attune.domain.imports import ImportBatch
from attune.domain.viewer import Viewer
from attune.services import importing
from attune.services.importing import ImportFailed, ImportOptions, ImportPreview

from . import safe, state
from .services import flash, journal

TYPES = ["csv", "json", "txt", "zip", "jrnl", "attune"]
SAMPLE_CHARS = 280
MAX_SKIPS_SHOWN = 100


def belongs_to(member_id: int) -> None:
    """Drop the upload, preview and pending undo when someone else takes over the session, so
    nobody sees (or imports) another member's file."""
    s = st.session_state
    if s.get(state.IMPORT_OWNER) not in (None, member_id):
        for key in (state.IMPORT_PREVIEW, state.IMPORT_UNDO):
            s.pop(key, None)
        s[state.IMPORT_ROUND] = s.get(state.IMPORT_ROUND, 0) + 1
    s[state.IMPORT_OWNER] = member_id


def uploader() -> UploadedFile | None:
    round_no = st.session_state.get(state.IMPORT_ROUND, 0)
    help_text = messages.IMPORT_UPLOAD_HELP.format(
        size=importing.size_label(importing.MAX_IMPORT_BYTES)
    )
    return st.file_uploader(
        messages.IMPORT_UPLOAD, type=TYPES, help=help_text, key=state.import_upload_key(round_no)
    )


def load_preview(upload: UploadedFile) -> ImportPreview | None:
    """The preview of the uploaded file under the current mood mapping; errors are shown."""
    cached = st.session_state.get(state.IMPORT_PREVIEW)
    names = cached[2].mood_names if cached and cached[0] == upload.file_id else ()
    mapping = {
        name: value
        for name in names
        if (value := st.session_state.get(state.import_mood_key(name))) in VALENCE_LABELS
    }
    key = (upload.file_id, tuple(sorted(mapping.items())))
    if cached and cached[:2] == key:
        return cached[2]
    data = upload.getvalue()
    passphrase = ""
    if importing.is_bundle(data):
        passphrase = _bundle_passphrase()
        if not passphrase:
            return None
    try:
        with st.spinner(messages.IMPORT_BUNDLE_OPENING) if passphrase else nullcontext():
            preview = importing.preview_import(
                data, upload.name, options=ImportOptions(mood_map=mapping, passphrase=passphrase)
            )
    except ImportFailed as exc:
        st.session_state.pop(state.IMPORT_PREVIEW, None)
        st.error(str(exc))
        return None
    st.session_state[state.IMPORT_PREVIEW] = (*key, preview)
    if passphrase:  # opened: draw the page again without the passphrase form
        st.rerun()
    return preview


def _bundle_passphrase() -> str:
    """The passphrase of an encrypted bundle, once submitted (the field is cleared at once and
    the passphrase kept nowhere: the preview holds what the bundle opened to)."""
    st.info(messages.IMPORT_BUNDLE_LOCKED)
    with st.form("import_bundle", clear_on_submit=True, enter_to_submit=True):
        phrase = st.text_input(messages.IMPORT_BUNDLE_PASSPHRASE, type="password")
        opened = st.form_submit_button(messages.IMPORT_BUNDLE_OPEN, type="primary")
    return phrase if opened else ""


def mood_mapping(preview: ImportPreview) -> None:
    """One pleasantness control per mood name the file uses (Daylio)."""
    if not preview.mood_names:
        return
    st.subheader(messages.IMPORT_MOODS_HEADING)
    st.caption(messages.IMPORT_MOODS_HELP)
    for name in preview.mood_names:
        st.segmented_control(
            safe.label(name),
            list(VALENCE_LABELS),
            format_func=VALENCE_LABELS.__getitem__,
            default=importing.mood_value(name, None),
            key=state.import_mood_key(name),
            width="stretch",
        )


def summary(preview: ImportPreview) -> None:
    """Which format, how many entries over which dates, and what the format lacks."""
    label = importing.IMPORTERS[preview.format].label
    st.success(messages.IMPORT_DETECTED.format(label=label))
    if preview.entries:
        st.write(
            messages.IMPORT_COUNTS.format(
                n=len(preview.entries), first=preview.first, last=preview.last
            )
        )
    elif preview.ready:
        st.info(messages.IMPORT_COUNTS_NONE)
    for note in (*preview.notes, messages.IMPORT_NOTE_PRIVATE):
        st.caption(note)


def details(preview: ImportPreview) -> None:
    """Moods still to map, what will be skipped and why, and a few sample entries."""
    if not preview.ready:
        names = safe.words(preview.unmapped, sep=", ")
        st.warning(messages.IMPORT_NEEDS_MAPPING.format(names=names))
        st.caption(messages.IMPORT_WAITING.format(n=preview.waiting))
    if preview.skipped:
        with st.expander(messages.IMPORT_SKIPPED_HEADING.format(n=len(preview.skipped))):
            for skip in preview.skipped[:MAX_SKIPS_SHOWN]:
                safe.caption(f"{skip.where}: {skip.reason}")
    samples = preview.samples()
    if samples:
        st.subheader(messages.IMPORT_SAMPLES)
    for item in samples:
        draft = item.draft
        with st.container(border=True):
            meta = f"{draft.occurred_at:%Y-%m-%d %H:%M} · {VALENCE_LABELS[draft.valence]}"
            st.caption(meta + (" · " + safe.words(draft.tags) if draft.tags else ""))
            body = (
                draft.body if len(draft.body) <= SAMPLE_CHARS else draft.body[:SAMPLE_CHARS] + "…"
            )
            safe.text(body)


def import_button(viewer: Viewer, preview: ImportPreview) -> None:
    n = len(preview.entries)
    if not st.button(
        messages.IMPORT_BUTTON.format(n=n),
        type="primary",
        key="run_import",
        disabled=not preview.ready or n == 0,
    ):
        return
    bar = st.progress(0.0, text=messages.IMPORT_PROGRESS)

    def advance(fraction: float) -> None:
        bar.progress(fraction, text=messages.IMPORT_PROGRESS)

    try:
        result = importing.run_import(journal(), viewer, preview, progress=advance)
    except ImportFailed as exc:
        bar.empty()
        st.error(str(exc))
        return
    flash(
        "success",
        messages.IMPORT_DONE.format(
            added=result.added, present=result.already_present, skipped=result.skipped
        ),
    )
    st.session_state.pop(state.IMPORT_PREVIEW, None)
    st.session_state[state.IMPORT_ROUND] = st.session_state.get(state.IMPORT_ROUND, 0) + 1
    st.rerun()


def past_imports(viewer: Viewer) -> None:
    st.subheader(messages.IMPORT_PAST)
    batches = importing.import_batches(journal(), viewer)
    if not batches:
        st.caption(messages.IMPORT_PAST_NONE)
        return
    confirming = st.session_state.get(state.IMPORT_UNDO)
    for batch in batches:
        _batch_row(viewer, batch, confirming == batch.id)


def _batch_row(viewer: Viewer, batch: ImportBatch, confirming: bool) -> None:
    label = importing.IMPORTERS[batch.format].label if batch.format in importing.IMPORTERS else ""
    when = f"{batch.created_at.astimezone():%Y-%m-%d %H:%M}"
    line = messages.IMPORT_BATCH_UNDONE if batch.undone else messages.IMPORT_BATCH_LINE
    c1, c2 = st.columns([3, 1], vertical_alignment="center")
    c1.write(line.format(label=label or batch.format, n=batch.entry_count, when=when))
    if batch.undone:
        return
    c2.button(
        messages.IMPORT_UNDO,
        key=f"undo_import_{batch.id}",
        on_click=st.session_state.__setitem__,
        args=(state.IMPORT_UNDO, batch.id),
    )
    if confirming:
        st.warning(messages.IMPORT_UNDO_CONFIRM.format(n=batch.entry_count))
        y, n, _ = st.columns([1, 1, 2])
        y.button(
            messages.IMPORT_UNDO_YES,
            key="undo_import_yes",
            type="primary",
            on_click=_undo,
            args=(viewer, batch.id),
        )
        n.button(
            messages.IMPORT_UNDO_CANCEL,
            key="undo_import_no",
            on_click=st.session_state.pop,
            args=(state.IMPORT_UNDO, None),
        )


def _undo(viewer: Viewer, batch_id: int) -> None:
    st.session_state.pop(state.IMPORT_UNDO, None)
    try:
        erased = importing.undo_import(journal(), viewer, batch_id)
    except NotFoundError as exc:
        flash("error", str(exc))
        return
    except LogNotCleared as exc:  # undone, but a copy is still in the -wal file
        flash("warning", messages.IMPORT_UNDONE.format(n=exc.result) + " " + str(exc))
        return
    flash("success", messages.IMPORT_UNDONE.format(n=erased))
