"""The weekly check-in on Together: private unless shared on purpose, and shared only after the
person has seen exactly what the others will see; shared check-ins can be made private again."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from attune import messages
from attune.domain.assessments import CSI4, WHO5, AssessmentError, Questionnaire
from attune.domain.entries import Member, NotFoundError
from attune.domain.viewer import Viewer
from attune.services import together

from . import safe, state
from .services import flash, journal, members

_QUESTIONNAIRES = ((CSI4, state.WEEKLY_CSI4), (WHO5, state.WEEKLY_WHO5))


def _questions(q: Questionnaire, prefix: str) -> None:
    st.markdown(f"**{q.name}** — {q.instructions}")
    for i, item in enumerate(q.items):
        st.radio(
            item.text,
            range(len(item.options)),
            index=None,
            horizontal=True,
            format_func=item.options.__getitem__,
            key=f"{prefix}{i}",
        )
    st.caption(f"{q.citation}, doi:{q.doi}")


def checkin(me: Member, viewer: Viewer) -> None:
    """A form (Ctrl/⌘+Enter in a note saves it); after a save it is empty again. With "share"
    on, Save first shows what the others would see, and nothing is stored until "Share this"."""
    with st.form("weekly_checkin"):
        for q, prefix in _QUESTIONNAIRES:
            _questions(q, prefix)
        st.text_area("One thing I appreciated this week", height=80, key=state.WEEKLY_APPRECIATION)
        st.text_area("One thing I'd like to talk about", height=80, key=state.WEEKLY_TALK)
        st.session_state.setdefault(state.WEEKLY_SHARED, False)
        st.toggle(messages.WEEKLY_SHARE, key=state.WEEKLY_SHARED, help=messages.WEEKLY_SHARE_HELP)
        st.form_submit_button(
            messages.WEEKLY_SAVE,
            type="primary",
            key=state.WEEKLY_SAVE,
            on_click=_submit,
            args=(viewer,),
        )
        problem = st.session_state.pop(state.WEEKLY_PROBLEM, None)
        if problem:
            st.warning(problem)
    pending = st.session_state.get(state.WEEKLY_PENDING)
    if pending is not None and pending["member_id"] != me.id:  # never another member's words
        st.session_state.pop(state.WEEKLY_PENDING, None)
    elif pending is not None:
        _preview(me, viewer, pending)


def _submit(viewer: Viewer) -> None:
    s = st.session_state
    s.pop(state.WEEKLY_PENDING, None)
    answers = {
        q.kind: [s.get(f"{prefix}{i}") for i in range(len(q.items))]
        for q, prefix in _QUESTIONNAIRES
    }
    if any(a is None for values in answers.values() for a in values):
        s[state.WEEKLY_PROBLEM] = messages.WEEKLY_INCOMPLETE
        return
    checkin = {
        "member_id": viewer.member_id,
        "csi4": [int(a or 0) for a in answers["csi4"]],  # none is None (checked above)
        "who5": [int(a or 0) for a in answers["who5"]],
        "appreciation": (s.get(state.WEEKLY_APPRECIATION) or "").strip(),
        "talk_about": (s.get(state.WEEKLY_TALK) or "").strip(),
    }
    if s.get(state.WEEKLY_SHARED):
        s[state.WEEKLY_PENDING] = checkin  # shown as the others would see it; stored on "Share"
        return
    _save(viewer, checkin, shared=False)


def _preview(me: Member, viewer: Viewer, checkin: dict[str, Any]) -> None:
    others = [m for m in members() if m.id != me.id]
    shown = [safe.label(m.name) for m in others]
    names = " and ".join(filter(None, (", ".join(shown[:-1]), shown[-1]))) if shown else ""
    with st.container(border=True):
        st.markdown(f"**{messages.WEEKLY_PREVIEW_TITLE.format(names=names)}**")
        st.markdown(
            messages.WEEKLY_PREVIEW_SCORES.format(
                day=f"{date.today():%d %b %Y}",
                csi4=CSI4.score(checkin["csi4"]),
                who5=WHO5.score(checkin["who5"]),
            )
        )
        if checkin["appreciation"] or checkin["talk_about"]:
            st.caption(messages.WEEKLY_PREVIEW_NOTES)
            if checkin["appreciation"]:
                safe.text(messages.WEEKLY_PREVIEW_APPRECIATED.format(text=checkin["appreciation"]))
            if checkin["talk_about"]:
                safe.text(messages.WEEKLY_PREVIEW_TALK.format(text=checkin["talk_about"]))
        else:
            st.caption(messages.WEEKLY_PREVIEW_NO_NOTES)
        share, private, back = st.columns(3)
        share.button(
            messages.WEEKLY_CONFIRM_SHARE,
            type="primary",
            key="weekly.confirm_share",
            on_click=_confirm,
            args=(viewer, True),
            width="stretch",
        )
        private.button(
            messages.WEEKLY_KEEP_PRIVATE,
            key="weekly.keep_private",
            on_click=_confirm,
            args=(viewer, False),
            width="stretch",
        )
        back.button(
            messages.WEEKLY_BACK,
            key="weekly.back",
            on_click=st.session_state.pop,
            args=(state.WEEKLY_PENDING, None),
            width="stretch",
        )


def _confirm(viewer: Viewer, shared: bool) -> None:
    checkin = st.session_state.pop(state.WEEKLY_PENDING, None)
    if checkin is not None and checkin["member_id"] == viewer.member_id:
        _save(viewer, checkin, shared=shared)


def _save(viewer: Viewer, checkin: dict[str, Any], *, shared: bool) -> None:
    s = st.session_state
    try:
        scores = together.weekly_checkin(
            journal(),
            viewer,
            csi4=checkin["csi4"],
            who5=checkin["who5"],
            appreciation=checkin["appreciation"],
            talk_about=checkin["talk_about"],
            shared=shared,
        )
    except AssessmentError as exc:
        s[state.WEEKLY_PROBLEM] = str(exc)
        return
    # Written, not forgotten: the browser shows an empty form only when the server sends one.
    for q, prefix in _QUESTIONNAIRES:
        for i in range(len(q.items)):
            s[f"{prefix}{i}"] = None
    s[state.WEEKLY_APPRECIATION] = s[state.WEEKLY_TALK] = ""
    s[state.WEEKLY_SHARED] = False
    said = (messages.CHECKIN_SHARED if shared else messages.CHECKIN_KEPT_PRIVATE).format(**scores)
    low = CSI4.flagged(scores["csi4"]) or WHO5.flagged(scores["who5"])
    # A low score is framed gently, for its author only (a flash lives in this session alone).
    flash("info" if low else "success", f"{said} {messages.CHECKIN_GENTLE}" if low else said)


def shared_checkins(viewer: Viewer) -> None:
    """The viewer's own shared check-ins, newest first, each with "Make private"."""
    frame = together.assessments(journal(), viewer)
    mine = frame[(frame["member_id"] == viewer.member_id) & (frame["visibility"] == "shared")]
    if mine.empty:
        st.caption(messages.SHARED_CHECKINS_NONE)
        return
    for taken_at, rows in sorted(mine.groupby("taken_at"), key=lambda g: g[0], reverse=True):
        score = dict(zip(rows["kind"], rows["score"], strict=True))
        row = st.columns([3, 1], vertical_alignment="center")
        row[0].markdown(
            messages.SHARED_CHECKIN_ROW.format(
                day=f"{taken_at:%d %b %Y}", csi4=score.get("csi4", "–"), who5=score.get("who5", "–")
            )
        )
        uid = str(rows["uid"].iloc[0])
        row[1].button(
            messages.HIDE_CHECKIN,
            key=f"hide_{uid}",
            help=messages.HIDE_CHECKIN_HELP,
            on_click=_hide,
            args=(viewer, uid),
            icon=":material/visibility_off:",
        )


def _hide(viewer: Viewer, uid: str) -> None:
    try:
        together.hide_checkin(journal(), viewer, uid)
    except NotFoundError as exc:
        flash("error", str(exc))
        return
    flash("success", messages.CHECKIN_HIDDEN)
