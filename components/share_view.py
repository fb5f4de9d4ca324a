"""Share page pieces: dates, scope, the hand-pick list, format, the preview and the download.

The file is built once per choice (cached by database, viewer, revision and the choices), and the
preview and the download button get the very same bytes. A bundle is sealed only when the person
has typed the passphrase twice and pressed Seal; its preview is the JSON inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import streamlit as st

from attune import messages, sharing
from attune.config import load_settings
from attune.domain.entries import VALENCE_LABELS
from attune.exchange.model import ExportData, ExportError, ExportOptions, Scope
from attune.exchange.pdf_report import page_count, page_images
from attune.exchange.report import when

from . import safe, state
from .services import journal

DEFAULT_DAYS = 30
MAX_PICKS_SHOWN = 200
EXCERPT_CHARS = 90
PREVIEW_PAGES = 3
MAX_PREVIEW_CHARS = 300_000
SCOPES = [Scope.THERAPIST, Scope.PICKED, Scope.SUMMARY]
Choices = tuple[int | None, str, date, date, tuple[str, ...]]


def date_range() -> tuple[date, date]:
    today = date.today()
    picked = st.date_input(messages.SHARE_RANGE, value=(today - timedelta(days=DEFAULT_DAYS), today),
                           max_value=today, format="YYYY-MM-DD", key=state.SHARE_RANGE)  # fmt: skip
    days = tuple(picked) if isinstance(picked, tuple | list) else (picked,)
    start = days[0] if days and days[0] else today - timedelta(days=DEFAULT_DAYS)
    return start, days[1] if len(days) > 1 and days[1] else start


def scope() -> Scope:
    chosen = st.segmented_control(
        messages.SHARE_SCOPE, [s.value for s in SCOPES], default=Scope.THERAPIST.value,
        format_func=messages.SHARE_SCOPES.__getitem__, required=True, key=state.SHARE_SCOPE,
    )  # fmt: skip
    value = Scope(chosen or Scope.THERAPIST.value)
    st.caption(messages.SHARE_SCOPE_HELP[value.value])
    return value


def pick(viewer: int, start: date, end: date) -> tuple[str, ...]:
    """A checkbox per entry the member may see in the dates (newest first)."""
    st.subheader(messages.SHARE_PICK_HEADING)
    found = sharing.visible_entries(journal(), viewer, start, end)
    if not found:
        st.caption(messages.SHARE_PICK_NONE)
    chosen = []
    for e in found[:MAX_PICKS_SHOWN]:
        text = " ".join(e.body.split())
        excerpt = text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
        parts = [when(e.occurred_at), VALENCE_LABELS[e.valence]]
        if e.member_id != viewer:
            parts.append(messages.SHARE_SHARED_BY.format(name=e.author))
        label = " · ".join(parts) + (f" — {excerpt}" if excerpt else "")
        if st.checkbox(safe.label(label), key=state.share_pick_key(e.uid)):
            chosen.append(e.uid)
    if len(found) > MAX_PICKS_SHOWN:
        st.caption(messages.SHARE_PICK_MORE.format(n=MAX_PICKS_SHOWN))
    return tuple(sorted(chosen))


def file_format(chosen: Scope) -> str:
    options = list(sharing.formats_for(chosen))
    labels = {f: sharing.exporter(f).label for f in options}
    if st.session_state.get(state.SHARE_FORMAT) not in options:
        st.session_state[state.SHARE_FORMAT] = options[0]
    picked = st.radio(messages.SHARE_FORMAT, options, format_func=labels.__getitem__,
                      horizontal=True, key=state.SHARE_FORMAT)  # fmt: skip
    return str(picked)


@dataclass
class _Memo:
    """This session's export and files for one set of choices at one revision. Kept in session
    state, not a shared cache: an export may hold words decrypted for this session only."""

    key: tuple[object, ...]
    data: ExportData
    files: dict[str, sharing.Rendered] = field(default_factory=dict)


def _memo(choices: Choices) -> _Memo:
    key = (load_settings().database_url, journal().revision(), choices)
    memo = st.session_state.get(state.SHARE_MEMO)
    if not isinstance(memo, _Memo) or memo.key != key:
        viewer, chosen, start, end, picked = choices
        data = sharing.gather(journal(), viewer, scope=Scope(chosen), start=start, end=end,
                              picked=picked)  # fmt: skip
        memo = _Memo(key, data)
        st.session_state[state.SHARE_MEMO] = memo
    return memo


def _data(choices: Choices) -> ExportData:
    return _memo(choices).data


def _file(choices: Choices, fmt: str) -> sharing.Rendered:
    memo = _memo(choices)
    if fmt not in memo.files:
        with st.spinner("Preparing the file…"):
            memo.files[fmt] = sharing.render(memo.data, fmt)
    return memo.files[fmt]


def choices(viewer: int, chosen: Scope, start: date, end: date, picked: tuple[str, ...]) -> Choices:
    return (viewer, chosen.value, start, end, picked)


def export_data(key: Choices) -> ExportData | None:
    """What the file will hold, or None (with the reason shown) when it cannot be made."""
    sharing.client_id(journal(), key[0])  # made before the revision is read, so it stays stable
    try:
        return _data(key)
    except ExportError as exc:
        st.error(str(exc))
        return None


def rendered(key: Choices, fmt: str) -> sharing.Rendered | None:
    try:
        return _file(key, fmt)
    except ExportError as exc:
        st.error(str(exc))
        return None


def included(data: ExportData) -> None:
    st.info(messages.SHARE_INCLUDED.format(entries=len(data.entries),
                                           checkins=data.summary.checkins,
                                           scores=len(data.assessments)))  # fmt: skip
    others = sum(data.shared_by(e) is not None for e in data.entries)
    if others:
        st.caption(messages.SHARE_INCLUDES_OTHERS.format(n=others))
    if data.scope is Scope.THERAPIST and not data.entries:
        st.caption(messages.SHARE_NO_FLAGGED)


def sealed(key: Choices) -> sharing.Rendered | None:
    """The bundle for these choices once sealed; the passphrase form until then."""
    kept = st.session_state.get(state.SHARE_SEALED)
    current = (key, journal().revision())
    with st.form("seal", border=True, clear_on_submit=True):
        first = st.text_input(messages.SHARE_PASSPHRASE, type="password", key=state.SHARE_PHRASE)
        again = st.text_input(messages.SHARE_PASSPHRASE_AGAIN, type="password",
                              key=state.SHARE_SECOND_PHRASE)  # fmt: skip
        st.caption(messages.SHARE_PASSPHRASE_HELP)
        submitted = st.form_submit_button(messages.SHARE_SEAL, type="primary")
    if submitted:
        kept = _seal(key, first, again)
    if kept and kept[0] == current:
        st.success(messages.SHARE_SEALED)
        return kept[1]
    return None


def _seal(
    key: Choices, first: str, again: str
) -> tuple[tuple[Choices, int], sharing.Rendered] | None:
    s = st.session_state
    if first != again:
        st.error(messages.SHARE_PASSPHRASE_MISMATCH)
        return None
    data = export_data(key)
    if data is None:
        return None
    try:
        out = sharing.render(data, "bundle", ExportOptions(passphrase=first))
    except ExportError as exc:
        st.error(str(exc))
        return None
    s[state.SHARE_SEALED] = ((key, journal().revision()), out)
    return s[state.SHARE_SEALED]


def preview(fmt: str, content: bytes) -> None:
    """Exactly the bytes that will be written: text as text, a PDF as page images."""
    st.subheader(messages.SHARE_PREVIEW)
    if fmt == "pdf":
        total = page_count(content)
        for n, png in enumerate(page_images(content, scale=1.3, limit=PREVIEW_PAGES), start=1):
            st.image(
                png, caption=messages.SHARE_PDF_PAGE.format(n=n, total=total), output_format="PNG"
            )
        if total > PREVIEW_PAGES:
            st.caption(messages.SHARE_PDF_MORE.format(n=total - PREVIEW_PAGES))
        return
    if fmt == "bundle":
        st.caption(messages.SHARE_BUNDLE_INSIDE)
    text = content.decode("utf-8-sig")
    language = {"json": "json", "bundle": "json", "md": "markdown"}.get(fmt)
    st.code(text[:MAX_PREVIEW_CHARS], language=language, wrap_lines=True)
    if len(text) > MAX_PREVIEW_CHARS:
        st.caption(messages.SHARE_PREVIEW_CUT.format(shown=MAX_PREVIEW_CHARS, total=len(text)))


def download(out: sharing.Rendered) -> None:
    st.download_button(messages.SHARE_DOWNLOAD.format(name=out.filename), out.content,
                       file_name=out.filename, mime=out.mime_type, type="primary",
                       icon=":material/download:", on_click="ignore", key="share_download")  # fmt: skip
