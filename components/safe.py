"""The one safe way to show user text (entry bodies, tags, names, imported text).

Everything goes through `attune.domain.text.escape_markdown`, so no HTML, image, link, Streamlit
directive or math can form: what the person typed is what they see. Never pass user text to
`unsafe_allow_html` or `st.html`.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from attune.domain.text import escape_markdown, snippet_to_markdown


def text(body: str) -> None:
    """Show user text as text."""
    if body:
        st.markdown(escape_markdown(body))


def caption(body: str) -> None:
    if body:
        st.caption(escape_markdown(body))


def label(body: str) -> str:
    """User text made safe for a widget, expander or tab label (labels render Markdown)."""
    return escape_markdown(body)


def words(items: Iterable[str], sep: str = " · ") -> str:
    """A safe one-line list of tags or feeling words, for use inside Markdown."""
    return sep.join(escape_markdown(i) for i in items)


def snippet(snip: str) -> None:
    """A search snippet with its matches in bold (markers come from storage, text is escaped)."""
    st.markdown(snippet_to_markdown(snip))
