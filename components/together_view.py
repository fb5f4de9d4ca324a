"""Together: shared prompts with reveal, scores, appreciations, timeline (the weekly check-in
is components/weekly_view)."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.charts_scores import describe_scores, scores_over_time
from attune.domain.entries import Member
from attune.domain.errors import ConversationError
from attune.domain.together import Conversation
from attune.domain.viewer import Viewer
from attune.services import together

from . import entries, safe, state
from .services import flash, journal, library, members


def ask(me: Member, viewer: Viewer) -> None:
    """Ask a shipped prompt or one's own question of the others one picks (everyone at first)."""
    lib = library()
    others = [m for m in members() if m.id != me.id]
    s = st.session_state
    s.setdefault(state.ASK_WHOM, [m.id for m in others])
    s[state.ASK_WHOM] = [i for i in s[state.ASK_WHOM] if i in {m.id for m in others}]
    names = {m.id: m.name for m in others}
    with st.container(border=True):
        st.selectbox(
            messages.ASK_LABEL,
            [p.id for p in lib.prompts_where(audience="together")],
            index=None,
            format_func=lambda pid: lib.prompt(pid).text,
            placeholder="Choose a prompt, or write your own below",
            key=state.ASK_PROMPT,
        )
        _repair_safety(s.get(state.ASK_PROMPT))
        st.text_input(messages.ASK_OWN, max_chars=500, key=state.ASK_OWN)
        st.multiselect(
            messages.ASK_WHOM,
            list(names),
            format_func=lambda i: safe.label(names[i]),
            key=state.ASK_WHOM,
            help=messages.ASK_WHOM_HELP,
        )
        st.button(
            messages.ASK_BUTTON,
            type="primary",
            key="ask.send",
            on_click=_ask,
            args=(viewer, [m.id for m in others]),
        )
        problem = s.pop(state.ASK_PROBLEM, None)
        if problem:
            st.warning(problem)


def _repair_safety(prompt_id: str | None) -> None:
    """Under a prompt that asks for a do-over, an apology or a promise: one safety line."""
    valid = {p.id for p in library().prompts}
    if prompt_id in valid and library().prompt(prompt_id).self_blame:
        st.caption(f":material/shield: {messages.REPAIR_SAFETY_LINE}")


def _ask(viewer: Viewer, everyone: list[int]) -> None:
    s = st.session_state
    own = (s.get(state.ASK_OWN) or "").strip()
    choice = s.get(state.ASK_PROMPT)
    text = own or (library().prompt(choice).text if choice else "")
    whom = list(s.get(state.ASK_WHOM) or [])
    if not text:
        s[state.ASK_PROBLEM] = messages.ASK_EMPTY
        return
    if not whom:
        s[state.ASK_PROBLEM] = messages.ASK_NOBODY
        return
    try:
        together.open_conversation(journal(), viewer, text, None if own else choice, asked=whom)
    except ConversationError as exc:
        s[state.ASK_PROBLEM] = str(exc)
        return
    s[state.ASK_PROMPT], s[state.ASK_OWN], s[state.ASK_WHOM] = None, "", everyone
    flash("success", messages.ASKED)


def _names(ids: tuple[int, ...]) -> str:
    known = {m.id: m.name for m in members()}
    return ", ".join(safe.label(known.get(i, "someone")) for i in ids)


def conversation(me: Member, viewer: Viewer, conv: Conversation) -> None:
    with st.container(border=True):
        st.markdown(f"**{safe.label(conv.text)}**")
        asked = tuple(i for i in conv.participants if i != conv.opened_by)
        whom = "" if len(asked) + 1 >= len(members()) else f", of {_names(asked)}"
        st.caption(f"Asked by {safe.label(conv.opener)}{whom} on {conv.opened_at:%d %b %Y}")
        if conv.revealed:
            if conv.closed_early:
                st.caption(f"Closed early by {safe.label(conv.opener)} before everyone answered.")
            for a in conv.answers:
                st.markdown(f"*{safe.label(a.author)}*")
                safe.text(a.body)
            return
        waiting = tuple(i for i in conv.participants if i not in conv.answered)
        st.caption(
            f"Waiting for: {_names(waiting)}. Answers stay hidden until everyone asked has answered."
        )
        for a in conv.answers:  # only the viewer's own answer is readable before the reveal
            st.markdown("*Your answer*")
            safe.text(a.body)
        if conv.waiting_for(me.id):
            _repair_safety(conv.prompt_id)
            key = f"answer_{conv.id}"
            st.text_area("Your answer", key=key, height=120)
            st.button(
                "Save my answer",
                key=f"send_{conv.id}",
                on_click=_answer,
                args=(viewer, conv.id, key),
            )
        if conv.opened_by == me.id:
            st.button(
                "Close early and reveal",
                key=f"close_{conv.id}",
                on_click=_close,
                args=(viewer, conv.id),
                help="Everyone sees that it was closed early.",
            )


def _answer(viewer: Viewer, conversation_id: int, key: str) -> None:
    try:
        together.answer(journal(), viewer, conversation_id, st.session_state.get(key) or "")
    except ConversationError as exc:
        flash("error", str(exc))
        return
    st.session_state.pop(key, None)
    flash("success", messages.ANSWERED)


def _close(viewer: Viewer, conversation_id: int) -> None:
    try:
        together.close_early(journal(), viewer, conversation_id)
    except ConversationError as exc:
        flash("error", str(exc))
        return
    flash("success", messages.CLOSED_EARLY)


def scores(viewer: Viewer) -> None:
    frame = together.assessments(journal(), viewer)
    if frame.empty:
        st.caption("Scores appear here after the first weekly check-in.")
        return
    colours = {m.id: m.colour for m in members()}
    for kind in ("csi4", "who5"):
        st.altair_chart(
            scores_over_time(frame, kind, colours),
            width="stretch",
            theme="streamlit",  # text colours follow light or dark
            alt=describe_scores(frame, kind),
        )
        safe.caption(describe_scores(frame, kind))


def appreciation_log(viewer: Viewer) -> None:
    rows = together.appreciations(journal(), viewer)
    if not rows:
        st.caption("Appreciations from the weekly check-in collect here.")
    for r in rows[:20]:
        with st.container(border=True):
            st.caption(f"{safe.label(str(r['member']))} · {r['created_at']:%d %b %Y}")
            if r["appreciation"]:
                safe.text("Appreciated: " + str(r["appreciation"]))
            if r["talk_about"]:
                safe.text("Would like to talk about: " + str(r["talk_about"]))


def timeline(viewer: Viewer) -> None:
    page = together.shared_timeline(journal(), viewer)
    if not page.total:
        st.caption("Shared entries from all of you appear here, newest first.")
    for entry in page.items:
        with st.container(border=True):
            entries.card(entry, show_author=True)
