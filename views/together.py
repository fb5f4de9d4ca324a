"""Together: what partners share — prompts revealed together, the weekly ritual, side by side."""

from datetime import date, timedelta

import streamlit as st

from attune import messages
from attune.services import together
from components import care, trends_view, weekly_view
from components import together_view as view
from components.lock import require_member
from components.services import journal, members, show_flash

me, viewer = require_member()

st.title("Together")
show_flash()
if len(members()) < 2:
    st.info(messages.TOGETHER_ALONE)
    st.stop()
care.safety_screen(viewer)  # once per member: Together only if everyone can say no

convs = together.conversations(journal(), viewer)
waiting = [c for c in convs if c.waiting_for(me.id)]
tabs = st.tabs(
    [
        f"Conversations ({len(waiting)} waiting)" if waiting else "Conversations",
        "Weekly check-in",
        "Side by side",
        "Shared timeline",
    ]
)
with tabs[0]:
    view.ask(me, viewer)
    if not convs:
        st.caption(messages.NO_CONVERSATIONS)
    for conv in convs:
        view.conversation(me, viewer, conv)
with tabs[1]:
    weekly_view.checkin(me, viewer)
    care.support_line(viewer)  # only for the viewer, from their own scores and words
    st.subheader("Scores over time")
    view.scores(viewer)
    st.subheader(messages.SHARED_CHECKINS_TITLE)
    weekly_view.shared_checkins(viewer)
    st.subheader("Appreciation log")
    view.appreciation_log(viewer)
with tabs[2]:
    a = trends_view.analysis(viewer, date.today() - timedelta(days=90), date.today())
    trends_view.together(a, {m.id: m.colour for m in members()})
with tabs[3]:
    view.timeline(viewer)
