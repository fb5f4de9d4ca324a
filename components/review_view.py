"""Therapist review pieces: open an export, choose a client and an export, then the read-only
record — summary, what is new since the previous export, charts, scores, entries — and the
therapist's private notes. The client's words are shown only through `safe`."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    ExportInfo,
    ImportFailed,
    ReviewStore,
    Trust,
    report,
    score_charts,
    store_for,
    trend_charts,
)

from . import safe
from .services import flash, journal


@dataclass(frozen=True)
class Keys:
    """Session-state keys of one review screen: the member's Therapist page ("review") or the
    practice's pages ("practice"), so the two never share a choice."""

    prefix: str

    @property
    def client(self) -> str:
        return f"{self.prefix}.client"

    @property
    def export(self) -> str:
        return f"{self.prefix}.export"

    @property
    def phrase(self) -> str:
        return f"{self.prefix}.phrase"

    @property
    def note(self) -> str:
        return f"{self.prefix}.note"

    @property
    def rename(self) -> str:
        return f"{self.prefix}.rename"

    def upload(self, round_no: int) -> str:
        return f"{self.prefix}_upload.{round_no}"

    @property
    def round(self) -> str:
        return f"{self.prefix}_round"


MEMBER = Keys("review")  # review.client, review.export, review.phrase, review.note (state.py)


def store(viewer: Viewer) -> ReviewStore:
    """The viewer's own review records: nobody else's session lists or opens them."""
    return store_for(journal(), viewer)


@st.cache_data(show_spinner=False, max_entries=16)
def _load_plain(root: str, client_id: str, exported_at: datetime) -> ExportData:
    # Snapshots are never rewritten, so (folder, client, time) names one file's content. The
    # folder is one member's own; only records in clear are cached here.
    return ReviewStore(Path(root)).load(client_id, exported_at)


def _load(mine: ReviewStore, client_id: str, exported_at: datetime) -> ExportData:
    if mine.sealed:  # opened words stay in this session: no shared cache holds them
        return mine.load(client_id, exported_at)
    return _load_plain(str(mine.root), client_id, exported_at)


def open_form(mine: ReviewStore, keys: Keys = MEMBER) -> None:
    round_no = st.session_state.get(keys.round, 0)
    with st.container(border=True):
        upload = st.file_uploader(
            messages.REVIEW_UPLOAD, type=["json", "attune"], key=keys.upload(round_no)
        )
        passphrase = st.text_input(messages.REVIEW_PASSPHRASE, type="password", key=keys.phrase)
        if (
            st.button(
                messages.REVIEW_OPEN,
                type="primary",
                disabled=upload is None,
                key=f"{keys.prefix}_open",
            )
            and upload is not None
        ):
            _open(mine, keys, upload.getvalue(), passphrase)


def _open(mine: ReviewStore, keys: Keys, data: bytes, passphrase: str) -> None:
    try:
        opened = mine.open_export(data, passphrase)
    except ImportFailed as exc:
        st.error(str(exc))
        return
    export = opened.data
    s = st.session_state
    s[keys.client] = export.client_id
    s[keys.export] = export.exported_at.astimezone(UTC)
    s[keys.round] = s.get(keys.round, 0) + 1
    s.pop(keys.phrase, None)
    words = messages.REVIEW_ALREADY if opened.already_open else messages.REVIEW_OPENED
    flash(
        "success",
        words.format(
            name=safe.label(show_controls(export.member)), when=report.when(export.exported_at)
        ),
    )
    st.rerun()


def client_names(mine: ReviewStore) -> dict[str, str]:
    """Each client by the name the therapist gave them (else the client's own), as shown."""
    return {c.client_id: show_controls(c.name) for c in mine.clients()}


def choose_client(mine: ReviewStore, keys: Keys = MEMBER) -> str | None:
    """The client record on screen (the latest opened by default); None when there is none."""
    names = client_names(mine)
    if not names:
        st.info(messages.REVIEW_NONE)
        return None
    s = st.session_state
    if s.get(keys.client) not in names:
        s[keys.client] = next(iter(names))
    client = st.selectbox(
        messages.REVIEW_CLIENT, list(names), format_func=names.__getitem__, key=keys.client
    )
    return str(client)


def export_line(info: ExportInfo) -> str:
    """ "Sat 14 Mar 2026, 09:30:12 · 12 entries · 1 Feb – 1 Mar 2026 · Entries the client …"."""
    stamp = f"{info.exported_at:%a} {info.exported_at.day} {info.exported_at:%b %Y, %H:%M:%S}"
    period = (
        f"{report.day(info.start)} – {report.day(info.end)}"
        if info.start and info.end
        else messages.REPORT_ALL_DATES
    )
    held = messages.entries(info.entries) if info.entries else messages.REVIEW_EXPORT_CHECKINS
    return messages.REVIEW_EXPORT_LINE.format(
        when=stamp, entries=held, period=period, scope=messages.REPORT_SCOPES[info.scope.value]
    )


def choose_export(mine: ReviewStore, client: str, keys: Keys = MEMBER) -> datetime:
    infos = {i.exported_at.astimezone(UTC): i for i in mine.describe(client)}
    times = list(infos)
    s = st.session_state
    if s.get(keys.export) not in times:
        s[keys.export] = times[0]
    at = st.selectbox(
        messages.REVIEW_EXPORT,
        times,
        key=keys.export,
        format_func=lambda t: export_line(replace(infos[t], exported_at=t.astimezone())),
    )
    assert at is not None
    return at


def choose(mine: ReviewStore, keys: Keys = MEMBER) -> tuple[str, datetime] | None:
    """The client record and export on screen (the latest opened by default)."""
    client = choose_client(mine, keys)
    if client is None:
        return None
    return client, choose_export(mine, client, keys)


def rename(mine: ReviewStore, client: str, keys: Keys = MEMBER) -> None:
    """The therapist's own name for the client (kept with the record, never in an export)."""
    found = next((c for c in mine.clients() if c.client_id == client), None)
    if found is None:
        return
    with st.form(f"{keys.prefix}_rename", border=False):
        st.text_input(
            messages.REVIEW_RENAME,
            value=found.name,
            max_chars=40,
            key=keys.rename,
            help=messages.REVIEW_RENAME_HELP.format(member=show_controls(found.member)),
        )
        saved = st.form_submit_button(messages.REVIEW_RENAME_SAVE)
    if saved:
        try:
            name = mine.rename(client, st.session_state.get(keys.rename) or "")
        except (EntryError, LookupError) as exc:
            st.error(str(exc))
            return
        flash("success", messages.REVIEW_RENAMED.format(name=safe.label(name)))
        st.rerun()


def authenticity(mine: ReviewStore, client: str, data: ExportData) -> None:
    found = mine.authenticity(client, data)
    line = messages.REVIEW_TRUST[found.trust.value].format(key=found.fingerprint)
    icon = ":material/verified:" if found.trust in (Trust.SAME, Trust.ONLY) else ":material/help:"
    st.caption(f"{icon} {line}")


def load(mine: ReviewStore, client: str, at: datetime) -> ExportData:
    """The export as the therapist reads it: control characters and bidi overrides in the
    client's words shown written out (`readable`), never obeyed (\u202egnp.exe is not exe.png)."""
    return readable(_load(mine, client, at))


def summary(data: ExportData, name: str | None = None) -> None:
    st.header(safe.label(show_controls(name) if name else data.member))
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


def new_since(mine: ReviewStore, client: str, at: datetime, data: ExportData) -> None:
    new, previous = mine.new_since_previous(client, at)
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


def notes(mine: ReviewStore, client: str, keys: Keys = MEMBER) -> None:
    st.subheader(messages.REVIEW_NOTES)
    st.caption(messages.REVIEW_NOTES_HELP)
    with st.form(f"{keys.prefix}_note", clear_on_submit=True):
        text = st.text_area(messages.REVIEW_NOTE, key=keys.note, height=120)
        submitted = st.form_submit_button(messages.REVIEW_NOTE_SAVE)
    if submitted:
        try:
            mine.add_note(client, text)
        except (EntryError, LookupError) as exc:
            st.error(str(exc))
        else:
            st.success(messages.REVIEW_NOTE_SAVED)
    found = mine.notes(client)
    if not found:
        st.caption(messages.REVIEW_NOTES_NONE)
    for note in reversed(found):
        with st.container(border=True):
            st.caption(report.when(note.written_at.astimezone()))
            safe.text(note.text)


def record(mine: ReviewStore, client: str, at: datetime, keys: Keys = MEMBER) -> None:
    """The whole read-only record of one export: who, whether it is the client's, what is new,
    then trends, scores, entries and the therapist's notes in tabs."""
    data = load(mine, client, at)
    summary(data, client_names(mine).get(client))
    authenticity(mine, client, data)
    new_since(mine, client, at, data)
    trends, scores_tab, entries_tab, notes_tab = st.tabs(
        [
            messages.REPORT_TRENDS,
            messages.REVIEW_SCORES,
            messages.REPORT_ENTRIES,
            messages.REVIEW_NOTES,
        ]
    )
    with trends:
        charts(data)
    with scores_tab:
        scores(data)
    with entries_tab:
        entries(data)
    with notes_tab:
        notes(mine, client, keys)
