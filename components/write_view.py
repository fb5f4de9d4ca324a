"""Write: which prompt is open (prompt of the day, one chosen, one from a reading, or a blank page),
the chooser, the quick pleasantness/energy answers, saving, and stopping.

`state.WRITE_PROMPT` absent means the prompt of the day; "" means a blank page.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from attune import messages
from attune.content import AUDIENCES, DEPTHS, THEMES, DailyChoice, Library, Prompt
from attune.domain.entries import ENERGY_LABELS, VALENCE_LABELS
from attune.domain.viewer import Viewer

from . import care_settings, checkin, links, state
from .services import flash
from .state import checkin_key

PREFIX = "write"


def current_prompt(lib: Library, viewer: Viewer) -> tuple[Prompt | None, bool]:
    """The open prompt (None for a blank page) and whether it is the prompt of the day (drawn
    from what this member lets it draw on: Settings › Support and prompts)."""
    if links.take(state.QP_PROMPT, state.WRITE_PROMPT, {p.id for p in lib.prompts}):
        st.session_state.pop(state.WRITE_READING, None)
    choice = care_settings.daily_choice(viewer.member_id) if viewer.member_id else DailyChoice()
    today = lib.daily_prompt(date.today(), choice)
    chosen = st.session_state.get(state.WRITE_PROMPT)
    if chosen == "":
        return None, False
    prompt = next((p for p in lib.prompts if p.id == chosen), today)
    return prompt, prompt.id == today.id and chosen is None


def _use(prompt_id: str | None) -> None:
    if prompt_id is None:
        st.session_state.pop(state.WRITE_PROMPT, None)
    else:
        st.session_state[state.WRITE_PROMPT] = prompt_id
    st.session_state.pop(state.WRITE_READING, None)


def _stop() -> None:
    _use("")
    flash("info", messages.STOPPED)


def prompt_card(lib: Library, prompt: Prompt | None, of_the_day: bool) -> None:
    with st.container(border=True):
        if prompt is None:
            st.markdown(messages.BLANK_PAGE)
            return
        kind = messages.PROMPT_OF_THE_DAY if of_the_day else messages.YOUR_PROMPT
        st.caption(
            f"{kind} · {messages.THEME_LABELS[prompt.theme]} · "
            f"{messages.DEPTH_LABELS[prompt.depth].lower()}"
        )
        st.markdown(f"#### {prompt.text}")
        if prompt.self_blame:
            st.caption(f":material/shield: {messages.REPAIR_SAFETY_LINE}")
        reading_id = st.session_state.get(state.WRITE_READING) or prompt.readings[0]
        reading = lib.reading(reading_id)
        st.caption(messages.FROM_READING.format(title=reading.title))
        links.to_reading(reading, messages.OPEN_READING)
        st.button(
            messages.STOP_HERE,
            key="write_stop",
            type="tertiary",
            icon=":material/close:",
            help=messages.STOP_HERE_HELP,
            on_click=_stop,
        )


def chooser(lib: Library) -> None:
    with st.expander(messages.CHOOSE_PROMPT):
        theme = st.pills(
            "Theme", THEMES, format_func=messages.THEME_LABELS.__getitem__, key=state.WRITE_THEME
        )
        c1, c2 = st.columns(2)
        depth = c1.pills(
            "Depth", DEPTHS, format_func=messages.DEPTH_LABELS.__getitem__, key=state.WRITE_DEPTH
        )
        audience = c2.pills(
            "For",
            AUDIENCES,
            format_func=messages.AUDIENCE_LABELS.__getitem__,
            key=state.WRITE_AUDIENCE,
        )
        matching = {p.id: p for p in lib.prompts_where(theme=theme, depth=depth, audience=audience)}
        if not matching:
            st.caption(messages.NO_PROMPTS_MATCH)
        else:
            if st.session_state.get(state.WRITE_PICK) not in matching:
                st.session_state[state.WRITE_PICK] = next(iter(matching))
            pick = st.selectbox(
                f"Prompts ({len(matching)})",
                list(matching),
                key=state.WRITE_PICK,
                format_func=lambda pid: matching[pid].text,
            )
            st.button(messages.USE_PROMPT, key="write_use", on_click=_use, args=(pick,))
        c1, c2 = st.columns(2)
        c1.button(messages.USE_BLANK, key="write_blank", on_click=_use, args=("",))
        c2.button(messages.USE_TODAY, key="write_today", on_click=_use, args=(None,))


def feelings(several_members: bool) -> None:
    """The lighter check-in: pleasantness and energy (both needed to save), sharing if several."""
    k = lambda f: checkin_key(PREFIX, f)  # noqa: E731
    st.markdown(f"**{messages.WRITE_HOW}**")
    st.segmented_control(
        "How pleasant does it feel?",
        list(VALENCE_LABELS),
        format_func=VALENCE_LABELS.__getitem__,
        key=k("valence"),
        width="stretch",
    )
    st.segmented_control(
        "How much energy do you have?",
        list(ENERGY_LABELS),
        format_func=ENERGY_LABELS.__getitem__,
        key=k("energy"),
        width="stretch",
    )
    if several_members:
        st.toggle(
            "Share with the others",
            key=k("shared"),
            help="Private by default: only you see it. Shared: every member sees it.",
        )
    st.checkbox(
        messages.WRITE_FOR_THERAPIST, key=k("therapist"), help=messages.WRITE_FOR_THERAPIST_HELP
    )


def save_button(viewer: Viewer, prompt_id: str | None) -> None:
    checkin.save_button(messages.SAVE_WRITING, "save_writing", PREFIX, save, (viewer, prompt_id))


def save(viewer: Viewer, prompt_id: str | None, *, uid: str | None = None) -> None:
    reading_id = st.session_state.get(state.WRITE_READING)
    if checkin.save(
        PREFIX,
        viewer,
        uid=uid,
        prompt_id=prompt_id,
        reading_id=reading_id,
        saved=messages.SAVED_WRITING,
    ):
        _use(None)
