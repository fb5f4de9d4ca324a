"""Together: shared prompts with reveal, the weekly check-in, scores, appreciations, timeline."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.charts_scores import describe_scores, scores_over_time
from attune.domain.assessments import CSI4, WHO5, AssessmentError, Questionnaire
from attune.domain.entries import Member
from attune.domain.errors import ConversationError
from attune.domain.together import Conversation
from attune.domain.viewer import Viewer
from attune.services import together

from . import entries, safe, state
from .services import flash, journal, library, members


def ask(me: Member, viewer: Viewer) -> None:
    prompts = library().prompts_where(audience="together")
    with st.form("ask_everyone", clear_on_submit=True):
        choice = st.selectbox(
            "A prompt for all of you",
            [p.id for p in prompts],
            index=None,
            format_func=lambda pid: library().prompt(pid).text,
            placeholder="Choose a prompt, or write your own below",
        )
        own = st.text_input("Or your own question", max_chars=500)
        if st.form_submit_button("Ask everyone", type="primary"):
            text = own.strip() or (library().prompt(choice).text if choice else "")
            try:
                together.open_conversation(journal(), viewer, text, None if own.strip() else choice)
            except ConversationError as exc:
                st.error(str(exc))
            else:
                flash("success", messages.ASKED)
                st.rerun()


def _names(ids: tuple[int, ...]) -> str:
    known = {m.id: m.name for m in members()}
    return ", ".join(safe.label(known.get(i, "someone")) for i in ids)


def conversation(me: Member, viewer: Viewer, conv: Conversation) -> None:
    with st.container(border=True):
        st.markdown(f"**{safe.label(conv.text)}**")
        st.caption(f"Asked by {safe.label(conv.opener)} on {conv.opened_at:%d %b %Y}")
        if conv.revealed:
            if conv.closed_early:
                st.caption(f"Closed early by {safe.label(conv.opener)} before everyone answered.")
            for a in conv.answers:
                st.markdown(f"*{safe.label(a.author)}*")
                safe.text(a.body)
            return
        waiting = tuple(i for i in conv.participants if i not in conv.answered)
        st.caption(
            f"Waiting for: {_names(waiting)}. Answers stay hidden until everyone has answered."
        )
        for a in conv.answers:  # only the viewer's own answer is readable before the reveal
            st.markdown("*Your answer*")
            safe.text(a.body)
        if conv.waiting_for(me.id):
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


def _questions(q: Questionnaire, prefix: str) -> list[int | None]:
    st.markdown(f"**{q.name}** — {q.instructions}")
    answers = []
    for i, item in enumerate(q.items):
        answers.append(
            st.radio(
                item.text,
                range(len(item.options)),
                index=None,
                horizontal=True,
                format_func=item.options.__getitem__,
                key=f"{prefix}{i}",
            )
        )
    st.caption(f"{q.citation}, doi:{q.doi}")
    return answers


def weekly_checkin(me: Member, viewer: Viewer) -> None:
    """A form (Ctrl/⌘+Enter in a note saves it); after a save it is empty again."""
    with st.form("weekly_checkin"):
        _questions(CSI4, state.WEEKLY_CSI4)
        _questions(WHO5, state.WEEKLY_WHO5)
        st.text_area("One thing I appreciated this week", height=80, key=state.WEEKLY_APPRECIATION)
        st.text_area("One thing I'd like to talk about", height=80, key=state.WEEKLY_TALK)
        st.session_state.setdefault(state.WEEKLY_SHARED, True)
        st.toggle("Share my scores and these notes with the others", key=state.WEEKLY_SHARED)
        st.form_submit_button(
            "Save weekly check-in",
            type="primary",
            key=state.WEEKLY_SAVE,
            on_click=_save_weekly,
            args=(viewer,),
        )
        problem = st.session_state.pop(state.WEEKLY_PROBLEM, None)
        if problem:
            st.warning(problem)


def _answers(q: Questionnaire, prefix: str) -> list[int | None]:
    return [st.session_state.get(f"{prefix}{i}") for i in range(len(q.items))]


def _save_weekly(viewer: Viewer) -> None:
    s = st.session_state
    csi, who = _answers(CSI4, state.WEEKLY_CSI4), _answers(WHO5, state.WEEKLY_WHO5)
    if any(a is None for a in (*csi, *who)):
        s[state.WEEKLY_PROBLEM] = messages.WEEKLY_INCOMPLETE
        return
    try:
        scores = together.weekly_checkin(
            journal(),
            viewer,
            csi4=[int(a or 0) for a in csi],
            who5=[int(a or 0) for a in who],
            appreciation=s.get(state.WEEKLY_APPRECIATION) or "",
            talk_about=s.get(state.WEEKLY_TALK) or "",
            shared=bool(s.get(state.WEEKLY_SHARED, True)),
        )
    except AssessmentError as exc:
        s[state.WEEKLY_PROBLEM] = str(exc)
        return
    # Written, not forgotten: the browser shows an empty form only when the server sends one.
    for q, prefix in ((CSI4, state.WEEKLY_CSI4), (WHO5, state.WEEKLY_WHO5)):
        for i in range(len(q.items)):
            s[f"{prefix}{i}"] = None
    s[state.WEEKLY_APPRECIATION] = s[state.WEEKLY_TALK] = ""
    s[state.WEEKLY_SHARED] = True
    flash("success", messages.CHECKIN_SAVED.format(**scores))


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
