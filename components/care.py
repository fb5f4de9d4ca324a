"""Care for the person at most risk: the safety screen before Together (once per member) and the
private line that says where help is (attune.domain.care decides; only the viewer sees it)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from attune import messages
from attune.domain.care import Reason
from attune.domain.viewer import Viewer
from attune.services import care

from .services import journal, journal_key, preferences, revision

SUPPORT_PAGE = "views/support.py"


def safety_screen(viewer: Viewer) -> None:
    """Until this member has said "I understand", Together shows this and nothing else."""
    if not care.needs_safety_screen(preferences(), viewer):
        return
    with st.container(border=True):
        st.subheader(messages.SAFETY_TITLE)
        st.markdown(messages.SAFETY_BODY)
        st.page_link(SUPPORT_PAGE, label=messages.HEAVY_DAYS_LINK, icon=":material/support:")
        st.button(
            messages.SAFETY_UNDERSTAND,
            type="primary",
            key="safety.understand",
            on_click=care.acknowledge_safety,
            args=(journal(), viewer),
        )
    st.stop()


@st.cache_data(show_spinner=False, max_entries=32)
def _reason(
    url: str, who: tuple[int | None, str], revision: int, today: date, _viewer: Viewer
) -> Reason | None:
    return care.support_reason(journal(), _viewer)


def support_line(viewer: Viewer) -> None:
    """One warm line with a link to Support, when the viewer's own recent scores or feeling
    words are heavy; nothing at all otherwise. Never an alarm, never shown to the others."""
    url = journal_key()
    if _reason(url, viewer.cache_key, revision(), date.today(), viewer) is None:
        return
    with st.container(border=True):
        st.markdown(f":material/favorite: {messages.HEAVY_DAYS_LINE}")
        st.page_link(SUPPORT_PAGE, label=messages.HEAVY_DAYS_LINK, icon=":material/support:")
