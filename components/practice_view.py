"""Practices: the list, and one practice with its safety line, steps, pacer, timer, optional
before/after intensity ratings (stored, private to the member), evidence and references."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.content import Library, Practice
from attune.domain.entries import EntryError
from attune.domain.practices import INTENSITY_LABELS
from attune.domain.viewer import Viewer

from . import links, pacer, state
from .reading_view import sources
from .scales import words_below
from .services import flash, journal


def duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def _open(practice_id: str | None) -> None:
    st.session_state[state.PRACTICE] = practice_id
    for key in (
        state.PRACTICE_STARTED,
        state.PRACTICE_ENDED,
        state.PRACTICE_BEFORE,
        state.PRACTICE_AFTER,
    ):
        st.session_state.pop(key, None)


def _about(practice: Practice) -> str:
    kind = messages.PRACTICE_KIND_LABELS[practice.kind]
    who = messages.AUDIENCE_LABELS[practice.audience]
    if who.lower() == kind.lower():  # "Together · together" says it once
        return f"{duration(practice.duration_seconds)} · {kind}"
    return f"{duration(practice.duration_seconds)} · {kind} · {who.lower()}"


def practice_list(lib: Library) -> None:
    for practice in lib.practices:
        with st.container(border=True):
            st.markdown(f"#### {practice.name}")
            st.caption(_about(practice))
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            c1.markdown(practice.summary)
            c2.button(
                messages.OPEN_PRACTICE,
                key=f"open_{practice.id}",
                on_click=_open,
                args=(practice.id,),
                width="stretch",
            )


def practice_view(lib: Library, practice: Practice, viewer: Viewer) -> None:
    st.button(
        messages.BACK_TO_PRACTICES,
        key="back_to_practices",
        type="tertiary",
        on_click=_open,
        args=(None,),
    )
    st.title(practice.name)
    st.caption(_about(practice))
    if practice.credit:
        st.caption(practice.credit)
    st.markdown(practice.summary)
    st.warning(practice.safety, icon=":material/health_and_safety:")
    st.subheader(messages.PRACTICE_STEPS)
    st.markdown("\n".join(f"1. {step}" for step in practice.steps))
    with st.container(border=True):
        st.subheader(messages.PACER_HEADING if practice.pacer else messages.TIMER_HEADING)
        _rating(messages.RATING_BEFORE, state.PRACTICE_BEFORE)
        pace = pacer.pace_chooser(practice)
        if practice.pacer and pacer.running(practice):
            pacer.pacer(practice, pace)
            st.caption(messages.PACER_HINT)
        pacer.timer(practice)
        _rating(messages.RATING_AFTER, state.PRACTICE_AFTER)
        st.caption(messages.RATING_NOTE)
        st.button(
            messages.SAVE_PRACTICE, key="save_practice", on_click=_save, args=(viewer, practice.id)
        )
        _history(viewer, practice)
    st.subheader(messages.EVIDENCE_SHOWS)
    st.markdown(practice.evidence_shows)
    st.subheader(messages.EVIDENCE_LIMITS)
    st.markdown(practice.evidence_limits)
    sources(practice.references, messages.REFERENCES)
    st.caption(messages.RELATED_READINGS)
    for reading_id in practice.readings:
        reading = lib.reading(reading_id)
        links.to_reading(reading, reading.title)


def _rating(label: str, key: str) -> None:
    """Five numbers on one row, even on a phone (words in the segments wrapped 3 + 2), the word
    of the number chosen below them, every word in the help."""
    words = " · ".join(f"{n} {w.lower()}" for n, w in INTENSITY_LABELS.items())
    st.segmented_control(
        label,
        list(INTENSITY_LABELS),
        key=key,
        help=f"{messages.RATING_HELP} ({words})",
        width="stretch",
    )
    st.caption(words_below(INTENSITY_LABELS, st.session_state.get(key)))


def _save(viewer: Viewer, practice_id: str) -> None:
    s = st.session_state
    try:
        journal().record_practice(
            viewer, practice_id, s.get(state.PRACTICE_BEFORE), s.get(state.PRACTICE_AFTER)
        )
    except EntryError as exc:
        flash("error", str(exc))
        return
    _open(practice_id)
    flash("success", messages.PRACTICE_SAVED)


def _history(viewer: Viewer, practice: Practice) -> None:
    frame = journal().practice_sessions(viewer)
    mine = frame[frame["practice_id"] == practice.id]
    if mine.empty:
        return
    text = messages.PRACTICE_HISTORY.format(n=len(mine))
    rated = mine.dropna(subset=["before", "after"])
    if not rated.empty:
        text += messages.PRACTICE_HISTORY_CHANGE.format(
            before=float(rated["before"].mean()), after=float(rated["after"].mean())
        )
    st.caption(text)
