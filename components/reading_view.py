"""Readings: the library (filtered by topic) and one reading with its practice, prompts and sources.

Reading text comes from Attune's own `data/readings/*.md` (validated by `attune.content`), so it
is rendered as Markdown; nothing typed by a person is shown here except the practitioner's name,
which goes through `components.practitioner` (and so `safe`).
"""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.content import DEPTHS, EVIDENCE_LEVELS, SECTIONS, TOPICS, Library, Reading, Reference

from . import links, practitioner, state

SHORT_LIST = 4  # prompts shown before "show all"
EVIDENCE_COLOURS = {"strong": "green", "moderate": "blue", "mixed": "orange", "early": "gray"}


HOW_WE_CHECK = "readings_how_we_check"  # session flag: the "How we check sources" page is open
QP_HOW_WE_CHECK = "about"  # ?about=sources opens that page
HOW_WE_CHECK_VALUE = "sources"


def evidence(level: str, group: str | None = None) -> None:
    """A badge for the evidence level (for one group, e.g. "in animals", when given), with a
    plain sentence saying what the level means."""
    label = messages.EVIDENCE_LABELS[level]
    if group is not None:
        label = f"{label} {messages.EVIDENCE_GROUP_LABELS[group]}"
    colour = EVIDENCE_COLOURS[level]
    meanings = (
        messages.EVIDENCE_MEANING_ANIMALS if group == "animals" else messages.EVIDENCE_MEANING
    )
    meaning = meanings[level]
    st.badge(label, icon=":material/science:", color=colour, help=meaning)  # type: ignore[arg-type]
    st.caption(meaning)


def evidence_badges(reading: Reading) -> None:
    """One badge, or one per group studied when animals and people differ (people first)."""
    groups = sorted(reading.evidence_by_group, key=lambda g: g[0] != "people")
    if not groups:
        evidence(reading.evidence)
    for group, level in groups:
        evidence(level, group)


def takeaway(reading: Reading) -> None:
    """The reading's two-line takeaway, shown first so a phone shows it without scrolling."""
    with st.container(border=True):
        st.markdown(f"**{messages.TAKEAWAY}**  \n" + "  \n".join(reading.takeaway))


def _show_how_we_check(show: bool) -> None:
    st.session_state[HOW_WE_CHECK] = show


def how_we_check() -> None:
    """A short page on the badges and on how sources are checked, opened from the library."""
    st.button(
        messages.HOW_WE_CHECK_BACK,
        key="how_we_check_back",
        type="tertiary",
        on_click=_show_how_we_check,
        args=(False,),
    )
    st.title(messages.HOW_WE_CHECK_TITLE)
    st.markdown(messages.HOW_WE_CHECK_INTRO)
    st.subheader(messages.HOW_WE_CHECK_BADGES)
    for level in EVIDENCE_LEVELS:
        evidence(level)
    st.markdown(messages.HOW_WE_CHECK_BADGES_NOTE)
    st.subheader(messages.HOW_WE_CHECK_POLICY_HEADING)
    st.markdown(messages.HOW_WE_CHECK_POLICY)


def _open(reading_id: str | None) -> None:
    st.session_state[state.READING] = reading_id
    st.session_state[HOW_WE_CHECK] = False


def library_list(lib: Library) -> None:
    present = [t for t in TOPICS if any(r.topic == t for r in lib.readings)]
    topic = st.pills(
        "Topic",
        present,
        format_func=messages.TOPIC_LABELS.__getitem__,
        key=state.READING_TOPIC,
        help=messages.ALL_TOPICS + " when none is chosen.",
    )
    st.button(
        messages.HOW_WE_CHECK_LINK,
        key="how_we_check",
        type="tertiary",
        icon=":material/fact_check:",
        on_click=_show_how_we_check,
        args=(True,),
    )
    shown = [r for r in lib.readings if topic in (None, r.topic)]
    for reading in shown:
        with st.container(border=True):
            st.markdown(f"#### {reading.title}")
            st.markdown(reading.summary)
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            with c1:
                evidence_badges(reading)
            c2.button(
                "Read",
                key=f"open_{reading.id}",
                on_click=_open,
                args=(reading.id,),
                width="stretch",
            )


def _ref_line(ref: Reference) -> str:
    target = ref.link.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    shown = f"doi:{ref.doi}" if ref.doi else target.removeprefix("https://")
    return f"1. {ref.text} [{shown}]({target})"


def sources(refs: tuple[Reference, ...], heading: str = messages.SOURCES) -> None:
    st.subheader(heading)
    st.markdown("\n".join(_ref_line(r) for r in refs))


def reading_view(lib: Library, reading: Reading) -> None:
    st.button(
        messages.BACK_TO_READINGS,
        key="back_to_readings",
        type="tertiary",
        on_click=_open,
        args=(None,),
    )
    st.title(reading.title)
    takeaway(reading)
    evidence_badges(reading)
    if reading.reviewed is not None:
        st.caption(messages.READING_REVIEWED.format(date=f"{reading.reviewed:%-d %B %Y}"))
    st.markdown(f"*{reading.summary}*")
    for heading, body in zip(
        SECTIONS, (reading.shows, reading.debated, reading.try_this), strict=True
    ):
        st.subheader(heading)
        st.markdown(body)
    with st.container(border=True):
        if reading.practice:
            practice = lib.practice(reading.practice)
            links.to_practice(practice, messages.READING_PRACTICE.format(name=practice.name))
        _prompts(lib, reading)
    practitioner.line()
    sources(reading.references)


def _prompts(lib: Library, reading: Reading) -> None:
    """The reading's prompts (on your own and lighter ones first), a few at a time."""
    ordered = sorted(
        lib.prompts_for_reading(reading.id),
        key=lambda p: (p.audience != "solo", DEPTHS.index(p.depth)),
    )
    prompts = {p.id: p for p in ordered}
    key = f"{state.READING_PROMPT}.{reading.id}"
    chosen = ""
    if prompts:
        shown = list(prompts)
        if len(shown) > SHORT_LIST and not st.session_state.get(f"{key}.all"):
            picked = st.session_state.get(key)
            shown = shown[:SHORT_LIST] + ([picked] if picked in shown[SHORT_LIST:] else [])
        chosen = st.radio(
            messages.READING_PROMPTS, shown, format_func=lambda pid: prompts[pid].text, key=key
        )
        if len(prompts) > SHORT_LIST:
            st.toggle(messages.ALL_PROMPTS.format(n=len(prompts)), key=f"{key}.all")
    if st.button(
        messages.WRITE_ABOUT_THIS, key="write_about", type="primary", icon=":material/edit:"
    ):
        st.session_state[state.WRITE_PROMPT] = chosen or ""
        st.session_state[state.WRITE_READING] = reading.id
        st.switch_page(links.WRITE_PAGE)
