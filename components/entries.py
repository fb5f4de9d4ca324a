"""How an entry looks: a bordered card with its moment, scores, words and text."""

from __future__ import annotations

import streamlit as st

from attune.domain.entries import CONNECTION_LABELS, ENERGY_LABELS, VALENCE_LABELS, Entry

from . import safe


def header(entry: Entry, *, show_author: bool, me: int | None = None) -> str:
    """A one-line Markdown summary (names escaped). The author is named on someone else's
    entry only: `me` is who is looking, whose own entries never carry their name."""
    when = entry.occurred_at.strftime("%a %d %b %Y, %H:%M")
    parts = [f"**{when}**"]
    if show_author and entry.member_id != me:
        parts.append(safe.label(entry.author))
    parts.append(f"{VALENCE_LABELS[entry.valence]} · {ENERGY_LABELS[entry.energy].lower()} energy")
    if entry.connection:
        parts.append(CONNECTION_LABELS[entry.connection].lower())
    parts.append(
        ":material/lock: private" if entry.visibility == "private" else ":material/group: shared"
    )
    return " — ".join(parts)


def card(
    entry: Entry,
    *,
    show_author: bool = False,
    me: int | None = None,
    prompt_text: str | None = None,
) -> None:
    st.markdown(header(entry, show_author=show_author, me=me))
    if entry.feelings:
        st.markdown("Feeling " + safe.words(entry.feelings, ", "))
    if entry.tags:
        st.caption("Tags: " + safe.words(entry.tags))
    if prompt_text:
        st.caption("Prompt: " + safe.label(prompt_text))
    safe.text(entry.body)
