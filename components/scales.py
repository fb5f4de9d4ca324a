"""A 1–5 check-in scale that fits a phone: five numbers on one row (equal segments), the words
under them — the two ends, or the word for the number chosen — and every word in the help."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st


def words_below(words: Mapping[int, str], chosen: int | None) -> str:
    """ "4 · Pleasant" once chosen; before that the two ends, "1 very unpleasant · 5 very pleasant"."""
    if chosen is not None and chosen in words:
        return f"{chosen} · {words[chosen]}"
    low, high = min(words), max(words)
    return f"{low} {words[low].lower()} · {high} {words[high].lower()}"


def scale(label: str, words: Mapping[int, str], key: str) -> None:
    """A segmented control of the numbers in ``words``; its value is the number chosen."""
    st.segmented_control(
        label,
        list(words),
        key=key,
        width="stretch",
        help=" · ".join(f"{n} {w.lower()}" for n, w in words.items()),
    )
    st.caption(words_below(words, st.session_state.get(key)))
