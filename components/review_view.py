"""Therapist review pieces: open an export, choose a client and an export, then the read-only
record — summary, what is new since the previous export, charts, scores, entries — and the
therapist's private notes. The client's words are shown only through `safe`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from attune import messages
from attune.domain.entries import CONNECTION_LABELS, ENERGY_LABELS, VALENCE_LABELS, EntryError
from attune.domain.exports import ExportData, ExportEntry, readable
from attune.domain.text import show_controls
from attune.services import Viewer
from attune.services.review import (
    ImportFailed,
    ReviewStore,
    report,
    score_charts,
    store_for,
    trend_charts,
)

from . import safe, state
from .services import flash, journal


def store(viewer: Viewer) -> ReviewStore:
    """The viewer's own review records: nobody else's session lists or opens them."""
    return store_for(journal(), viewer)


@st.cache_data(show_spinner=False, max_entries=16)
def _load_plain(root: str, client_id: str, exported_at: datetime) -> ExportData:
    # Snapshots are never rewritten, so (folder, client, time) names one file's content. The
    # folder is one member's own; only records in clear are cached here.
    return ReviewStore(Path(root)).load(client_id, exported_at)


def _load(viewer: Viewer, client_id: str, exported_at: datetime) -> ExportData:
    mine = store(viewer)
    if mine.sealed:  # opened words stay in this session: no shared cache holds them
        return mine.load(client_id, exported_at)
    return _load_plain(str(mine.root), client_id, exported_at)


def open_form(viewer: Viewer) -> None:
    round_no = st.session_state.get(state.REVIEW_ROUND, 0)
    with st.container(border=True):
        upload = st.file_uploader(
            messages.REVIEW_UPLOAD, type=["json", "attune"], key=state.review_upload_key(round_no)
        )
        passphrase = st.text_input(
            messages.REVIEW_PASSPHRASE, type="password", key=state.REVIEW_PHRASE
        )
        if (
            st.button(
                messages.REVIEW_OPEN, type="primary", disabled=upload is None, key="review_open"
            )
            and upload is not None
        ):
            _open(viewer, upload.getvalue(), passphrase)


def _open(viewer: Viewer, data: bytes, passphrase: str) -> None:
    try:
        opened = store(viewer).open_export(data, passphrase)
    except ImportFailed as exc:
        st.error(str(exc))
        return
    export = opened.data
    s = st.session_state
    s[state.REVIEW_CLIENT] = export.client_id
    s[state.REVIEW_EXPORT] = export.exported_at.astimezone(UTC)
    s[state.REVIEW_ROUND] = s.get(state.REVIEW_ROUND, 0) + 1
    s.pop(state.REVIEW_PHRASE, None)
    words = messages.REVIEW_ALREADY if opened.already_open else messages.REVIEW_OPENED
    flash(
        "success",
        words.format(
            name=safe.label(show_controls(export.member)), when=report.when(export.exported_at)
        ),
    )
    st.rerun()


def choose(viewer: Viewer) -> tuple[str, datetime] | None:
    """The client record and export on screen (the latest opened by default)."""
    clients = store(viewer).clients()
    if not clients:
        st.info(messages.REVIEW_NONE)
        return None
    s = st.session_state
    ids = [c.client_id for c in clients]
    if s.get(state.REVIEW_CLIENT) not in ids:
        s[state.REVIEW_CLIENT] = ids[0]
    names = {c.client_id: show_controls(f"{c.member} · {c.client_id[:8]}") for c in clients}
    client = st.selectbox(
        messages.REVIEW_CLIENT, ids, format_func=names.__getitem__, key=state.REVIEW_CLIENT
    )
    times = list(reversed(store(viewer).exports(client)))
    if s.get(state.REVIEW_EXPORT) not in times:
        s[state.REVIEW_EXPORT] = times[0]
    at = st.selectbox(
        messages.REVIEW_EXPORT,
        times,
        key=state.REVIEW_EXPORT,
        format_func=lambda t: report.when(t.astimezone()),
    )
    return str(client), at


def load(viewer: Viewer, client: str, at: datetime) -> ExportData:
    """The export as the therapist reads it: control characters and bidi overrides in the
    client's words shown written out (`readable`), never obeyed (\u202egnp.exe is not exe.png)."""
    return readable(_load(viewer, client, at))


def summary(data: ExportData) -> None:
    st.header(safe.label(data.member))
    st.caption(
        f"{report.period(data)} · {messages.REPORT_SCOPES[data.scope.value]} · "
        f"{messages.REVIEW_READ_ONLY}"
    )
    figures = report.figures(data.summary)
    for col, (label, value) in zip(st.columns(len(figures)), figures, strict=True):
        col.metric(label, value)
    if data.summary.top_feelings:
        st.markdown(
            f"**{messages.REPORT_TOP_FEELINGS}:** "
            + safe.words([f"{w} ({n})" for w, n in data.summary.top_feelings], sep=", ")
        )


def new_since(viewer: Viewer, client: str, at: datetime, data: ExportData) -> None:
    new, previous = store(viewer).new_since_previous(client, at)
    if previous is None:
        st.caption(messages.REVIEW_FIRST)
        return
    stamp = report.when(previous.astimezone())
    items = [e for e in data.entries if e.uid in new]
    if not items:
        st.caption(messages.REVIEW_NEW_NONE.format(when=stamp))
        return
    st.subheader(messages.REVIEW_NEW.format(when=stamp))
    for e in items:
        entry(data, e)


def charts(data: ExportData) -> None:
    for item in [*trend_charts(data), *score_charts(data)]:
        st.altair_chart(item.chart, width="stretch", theme="streamlit", alt=item.alt_text or None)
        safe.caption(item.alt_text)


def scores(data: ExportData) -> None:
    st.subheader(messages.REVIEW_SCORES)
    if not data.assessments:
        st.caption(messages.REPORT_NO_SCORES)
    for a in sorted(data.assessments, key=lambda x: x.taken_at, reverse=True):
        q = a.questionnaire
        with st.expander(report.score_line(a)):
            rows = [
                {"Question": item.text, "Answer": item.options[answer], "Points": answer}
                for item, answer in zip(q.items, a.answers, strict=True)
            ]
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
            st.caption(q.threshold_note)


def entry(data: ExportData, e: ExportEntry) -> None:
    with st.container(border=True):
        parts = [report.when(e.occurred_at), VALENCE_LABELS[e.valence], ENERGY_LABELS[e.energy]]
        if e.connection is not None:
            parts.append(CONNECTION_LABELS[e.connection])
        who = data.shared_by(e)
        if who:
            parts.append(messages.SHARE_SHARED_BY.format(name=who))
        safe.caption(" · ".join(parts))
        if e.feelings or e.tags:
            st.caption(safe.words([*e.feelings, *e.tags]))
        safe.text(e.body)


def entries(data: ExportData) -> None:
    st.subheader(messages.REPORT_ENTRIES)
    if not data.entries:
        st.caption(messages.REPORT_NO_ENTRIES)
    for e in reversed(data.entries):
        entry(data, e)


def notes(viewer: Viewer, client: str) -> None:
    st.subheader(messages.REVIEW_NOTES)
    st.caption(messages.REVIEW_NOTES_HELP)
    with st.form("review_note", clear_on_submit=True):
        text = st.text_area(messages.REVIEW_NOTE, key=state.REVIEW_NOTE, height=120)
        submitted = st.form_submit_button(messages.REVIEW_NOTE_SAVE)
    if submitted:
        try:
            store(viewer).add_note(client, text)
        except (EntryError, LookupError) as exc:
            st.error(str(exc))
        else:
            st.success(messages.REVIEW_NOTE_SAVED)
    found = store(viewer).notes(client)
    if not found:
        st.caption(messages.REVIEW_NOTES_NONE)
    for note in reversed(found):
        with st.container(border=True):
            st.caption(report.when(note.written_at.astimezone()))
            safe.text(note.text)
