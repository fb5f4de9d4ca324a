"""The one safe way to show user text (entry bodies, tags, names, imported text).

Bodies and answers go to `st.text`, which applies no Markdown at all: what the person typed is
exactly what they see (line breaks kept, prose font, wrapped). Where user text must sit inside
Markdown — widget, expander and tab labels, captions that mix our words with theirs — it goes
through `attune.domain.text.escape_markdown`, so no HTML, image, link, Streamlit directive or
math can form. (Streamlit's Markdown still shows an escaped `--` as an en/em dash; only the look
changes, and bodies are never rendered that way.) Never pass user text to `unsafe_allow_html` or
`st.html`.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from attune.domain.text import escape_markdown, snippet_to_markdown


def text(body: str) -> None:
    """Show user text exactly as typed."""
    if body:
        st.text(body)


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
