"""A first run that guides: a short, skippable guide at the top of Today for someone new.

Two steps (a first check-in, where entries go), three when the journal has several people (how
Together works). Once done or skipped it never shows again for that member: a preference keyed
by their id. Someone who already has entries of their own (they used Attune before the guide
existed) is marked as done the first time, without seeing it.

Today draws it above the flashed confirmation: drawn below it, the flash that a save adds
shifts the guide onto the check-in form's place, and until the run ends the browser shows the
old form's widgets inside it next to the new ones (two note boxes at once).
"""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.domain.entries import Member
from attune.domain.viewer import Viewer

from . import place
from .services import journal, members, preferences


def preference_key(member_id: int) -> str:
    return f"first_run.guide.{member_id}"


def _step_key(member_id: int) -> str:
    return f"first_run.step.{member_id}"


def steps(several: bool) -> list[str]:
    shown = [messages.GUIDE_CHECKIN, place.said(messages.GUIDE_WHERE)]
    return [*shown, messages.GUIDE_TOGETHER] if several else shown


def guide(me: Member, viewer: Viewer) -> None:
    """Draw the guide for `me` unless they finished or skipped it. Its place is always drawn, so
    what follows keeps its place when the guide ends (see components.services.show_flash)."""
    with st.container():
        _guide(me, viewer)


def _guide(me: Member, viewer: Viewer) -> None:
    if preferences().preference(preference_key(me.id)):
        return
    step_key = _step_key(me.id)
    if step_key not in st.session_state:
        if journal().stats(viewer).members.get(me.name, 0) > 0:  # not new here
            journal().set_preference(preference_key(me.id), "had entries")
            return
        st.session_state[step_key] = 0
    shown = steps(len(members()) > 1)
    step = min(int(st.session_state[step_key]), len(shown) - 1)
    with st.container(border=True):
        st.markdown(f"**:material/explore: {messages.GUIDE_TITLE}**")
        st.caption(messages.GUIDE_STEP.format(n=step + 1, of=len(shown)))
        st.markdown(shown[step])
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            if step + 1 < len(shown):
                st.button(
                    messages.GUIDE_NEXT,
                    key="first_run_next",
                    icon=":material/arrow_forward:",
                    on_click=_next,
                    args=(me.id,),
                )
            else:
                st.button(
                    messages.GUIDE_DONE,
                    key="first_run_done",
                    icon=":material/check:",
                    on_click=_finish,
                    args=(me.id, "done"),
                )
            st.button(
                messages.GUIDE_SKIP,
                key="first_run_skip",
                type="tertiary",
                on_click=_finish,
                args=(me.id, "skipped"),
            )


def _next(member_id: int) -> None:
    st.session_state[_step_key(member_id)] = int(st.session_state.get(_step_key(member_id), 0)) + 1


def _finish(member_id: int, how: str) -> None:
    journal().set_preference(preference_key(member_id), how)
    st.session_state.pop(_step_key(member_id), None)
