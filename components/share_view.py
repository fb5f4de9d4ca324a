"""Share page pieces: dates, scope, the hand-pick list, format, the preview and the download.

The file is built once per choice (kept by database, viewer, revision and the choices), and the
preview and the download button get the very same bytes. Text formats take milliseconds and are
shown at once; the PDF (charts drawn by vl-convert, about a second) is drawn only when the person
presses Prepare, with a progress bar, and its page images are drawn once with it — a rerun shows
the kept images and offers the kept bytes. A new entry (a new revision) sets the PDF aside, since
it no longer matches the journal. A bundle is sealed only when the person has typed the passphrase
twice and pressed Seal; its preview is the JSON inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import streamlit as st

from attune import messages
from attune.domain.entries import VALENCE_LABELS
from attune.domain.exports import ExportData, ExportError, ExportOptions, Scope
from attune.domain.viewer import Viewer
from attune.services import sharing

from . import safe, state
from .services import journal, journal_key

DEFAULT_DAYS = 30
MAX_PICKS_SHOWN = 200
EXCERPT_CHARS = 90
PREVIEW_PAGES = 3
FIRST_SHOWN = 3  # entries named in the preview's account
MAX_PREVIEW_CHARS = 300_000
SCOPES = [Scope.THERAPIST, Scope.PICKED, Scope.SUMMARY]
Choices = tuple[Viewer, str, date, date, tuple[str, ...]]


def date_range() -> tuple[date, date]:
    today = date.today()
    picked = st.date_input(
        messages.SHARE_RANGE,
        value=(today - timedelta(days=DEFAULT_DAYS), today),
        max_value=today,
        format="YYYY-MM-DD",
        key=state.SHARE_RANGE,
    )
    days = tuple(picked) if isinstance(picked, tuple | list) else (picked,)
    start = days[0] if days and days[0] else today - timedelta(days=DEFAULT_DAYS)
    return start, days[1] if len(days) > 1 and days[1] else start


def scope() -> Scope:
    st.session_state.setdefault(state.SHARE_SCOPE, Scope.THERAPIST.value)  # Share's default
    chosen = st.segmented_control(
        messages.SHARE_SCOPE,
        [s.value for s in SCOPES],
        format_func=messages.SHARE_SCOPES.__getitem__,
        required=True,
        key=state.SHARE_SCOPE,
    )
    value = Scope(chosen or Scope.THERAPIST.value)
    st.caption(messages.SHARE_SCOPE_HELP[value.value])
    return value


def pick(viewer: Viewer, start: date, end: date) -> tuple[str, ...]:
    """A checkbox per entry the member may see in the dates (newest first)."""
    st.subheader(messages.SHARE_PICK_HEADING)
    found = sharing.visible_entries(journal(), viewer, start, end)
    if not found:
        st.caption(messages.SHARE_PICK_NONE)
    chosen = []
    for e in found[:MAX_PICKS_SHOWN]:
        text = " ".join(e.body.split())
        excerpt = text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
        parts = [sharing.when(e.occurred_at), VALENCE_LABELS[e.valence]]
        if e.member_id != viewer.member_id:
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
    picked = st.radio(
        messages.SHARE_FORMAT,
        options,
        format_func=labels.__getitem__,
        horizontal=True,
        key=state.SHARE_FORMAT,
    )
    return str(picked)


@dataclass
class _Memo:
    """This session's export, files and PDF page images for one set of choices at one revision.
    Kept in session state, not st.cache_data: an export may hold words decrypted for this session
    only, and one memo per session bounds the memory (a new choice or revision replaces it)."""

    key: tuple[object, ...]
    data: ExportData
    files: dict[str, sharing.Rendered] = field(default_factory=dict)
    pages: list[bytes] = field(default_factory=list)  # PNGs of the PDF's first pages
    page_total: int = 0
    pdf_set_aside: bool = False  # these choices had a PDF at an older revision


def _memo(choices: Choices) -> _Memo:
    url = journal_key()
    key = (url, journal().revision(), choices)
    memo = st.session_state.get(state.SHARE_MEMO)
    if not isinstance(memo, _Memo) or memo.key != key:
        viewer, chosen, start, end, picked = choices
        data = sharing.gather(
            journal(),
            viewer,
            scope=Scope(chosen),
            start=start,
            end=end,
            picked=picked,
            bounded=True,
        )
        old = memo if isinstance(memo, _Memo) else None
        aside = old is not None and old.key[::2] == (url, choices) and "pdf" in old.files
        memo = _Memo(key, data, pdf_set_aside=aside)
        st.session_state[state.SHARE_MEMO] = memo
    return memo


def _data(choices: Choices) -> ExportData:
    return _memo(choices).data


def _file(choices: Choices, fmt: str) -> sharing.Rendered:
    memo = _memo(choices)
    if fmt not in memo.files:
        with st.spinner("Preparing the file…"):
            memo.files[fmt] = sharing.render(memo.data, fmt, bounded=True)
    return memo.files[fmt]


def choices(
    viewer: Viewer, chosen: Scope, start: date, end: date, picked: tuple[str, ...]
) -> Choices:
    return (viewer, chosen.value, start, end, picked)


def export_data(key: Choices) -> ExportData | None:
    """What the file will hold, or None (with the reason shown) when it cannot be made."""
    sharing.client_id(
        journal(), key[0].member_id
    )  # made before the revision is read, so it stays stable
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
    st.info(
        messages.SHARE_INCLUDED.format(
            entries=len(data.entries), checkins=data.summary.checkins, scores=len(data.assessments)
        )
    )
    others = sum(data.shared_by(e) is not None for e in data.entries)
    if others:
        st.caption(messages.SHARE_INCLUDES_OTHERS.format(n=others))
    if data.public_key:
        st.caption(messages.SHARE_SIGNED.format(key=sharing.fingerprint(data.public_key)))


def sealed(key: Choices) -> sharing.Rendered | None:
    """The bundle for these choices once sealed; the passphrase form until then."""
    kept = st.session_state.get(state.SHARE_SEALED)
    current = (key, journal().revision())
    with st.form("seal", border=True, clear_on_submit=True):
        first = st.text_input(messages.SHARE_PASSPHRASE, type="password", key=state.SHARE_PHRASE)
        again = st.text_input(
            messages.SHARE_PASSPHRASE_AGAIN, type="password", key=state.SHARE_SECOND_PHRASE
        )
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
        out = sharing.render(data, "bundle", ExportOptions(passphrase=first), bounded=True)
    except ExportError as exc:
        st.error(str(exc))
        return None
    s[state.SHARE_SEALED] = ((key, journal().revision()), out)
    return s[state.SHARE_SEALED]


def pdf(key: Choices) -> sharing.Rendered | None:
    """The PDF's bytes once prepared for these choices at this revision; until then, what it
    will hold and the Prepare button (pressing it draws the PDF with a progress bar)."""
    memo = _memo(key)
    if "pdf" in memo.files:
        return memo.files["pdf"]
    offer = st.empty()  # the offer gives way to the download once the PDF is drawn
    with offer.container():
        if memo.pdf_set_aside:
            st.info(messages.SHARE_PDF_CHANGED, icon=":material/update:")
        st.caption(messages.SHARE_PDF_ON_DEMAND)
        pressed = st.button(
            messages.SHARE_PDF_PREPARE,
            type="primary",
            icon=":material/picture_as_pdf:",
            key="share_prepare",
        )
    if not pressed or not _prepare_pdf(memo):
        return None
    offer.empty()
    return memo.files["pdf"]


def pdf_pages(key: Choices) -> None:
    """The prepared PDF's first pages, as images of the very file."""
    memo = _memo(key)
    if "pdf" not in memo.files:
        return
    st.subheader(messages.SHARE_PREVIEW)
    for n, png in enumerate(memo.pages, start=1):
        st.image(
            png,
            caption=messages.SHARE_PDF_PAGE.format(n=n, total=memo.page_total),
            output_format="PNG",
        )
    if memo.page_total > len(memo.pages):
        st.caption(messages.SHARE_PDF_MORE.format(n=memo.page_total - len(memo.pages)))


def _prepare_pdf(memo: _Memo) -> bool:
    """Draw the PDF and its first pages' images into `memo`; False (reason shown) on failure."""
    bar = st.progress(0.0, text=messages.REPORT_PROGRESS_CHARTS)

    def step(fraction: float, text: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=text)

    try:
        out = sharing.render(memo.data, "pdf", progress=step, isolate_charts=True, bounded=True)
    except ExportError as exc:
        bar.empty()
        st.error(str(exc))
        return False
    step(0.9, messages.SHARE_PDF_PREVIEWING)
    memo.pages = sharing.page_images(out.content, scale=1.3, limit=PREVIEW_PAGES)
    memo.page_total = sharing.page_count(out.content)
    memo.files["pdf"] = out
    bar.empty()
    return True


def preview(fmt: str, content: bytes, data: ExportData) -> None:
    """A short account of the file — its first entries — with exactly the bytes that will be
    written folded away below (the PDF has its own: see `pdf_pages`)."""
    st.subheader(messages.SHARE_PREVIEW)
    if data.entries:
        st.caption(messages.SHARE_FIRST_ENTRIES)
        for e in data.entries[:FIRST_SHOWN]:
            text = " ".join(e.body.split())
            excerpt = text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
            line = f"{sharing.when(e.occurred_at)} · {VALENCE_LABELS[e.valence]}"
            safe.caption(line + (f" — {excerpt}" if excerpt else ""))
    with st.expander(messages.SHARE_RAW, icon=":material/code:"):
        if fmt == "bundle":
            st.caption(messages.SHARE_BUNDLE_INSIDE)
        text = content.decode("utf-8-sig")
        language = {"json": "json", "bundle": "json", "md": "markdown"}.get(fmt)
        st.code(text[:MAX_PREVIEW_CHARS], language=language, wrap_lines=True, height=400)
        if len(text) > MAX_PREVIEW_CHARS:
            st.caption(messages.SHARE_PREVIEW_CUT.format(shown=MAX_PREVIEW_CHARS, total=len(text)))


def nothing_to_share(reason: str, chosen: Scope) -> None:
    """Why there is no file, and the ways to one (a therapist scope with nothing marked)."""
    st.warning(reason, icon=":material/info:")
    if chosen is not Scope.THERAPIST:
        return
    c1, c2 = st.columns(2)
    c1.button(
        messages.SHARE_PICK_INSTEAD,
        icon=":material/checklist:",
        on_click=_switch_scope,
        args=(Scope.PICKED,),
        key="share_pick_instead",
        type="primary",
    )
    c2.button(
        messages.SHARE_SUMMARY_INSTEAD,
        icon=":material/summarize:",
        on_click=_switch_scope,
        args=(Scope.SUMMARY,),
        key="share_summary_instead",
    )


def _switch_scope(to: Scope) -> None:
    st.session_state[state.SHARE_SCOPE] = to.value


def download(out: sharing.Rendered) -> None:
    st.download_button(
        messages.SHARE_DOWNLOAD.format(name=out.filename),
        out.content,
        file_name=out.filename,
        mime=out.mime_type,
        type="primary",
        icon=":material/download:",
        on_click="ignore",
        key="share_download",
    )


def send_section(viewer: Viewer, data: ExportData | None) -> None:
    """Signed in on a hosted Attune: send this export to one's practitioner, and what was sent,
    each with Withdraw (components.inbox_send). `data`: None when there is nothing to send."""
    from . import inbox_send  # only a hosted server draws it

    inbox_send.section(viewer, data)
