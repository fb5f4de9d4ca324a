"""Together: what partners share — prompts revealed together, the weekly ritual, side by side."""

from datetime import date, timedelta

import streamlit as st

from attune import messages, together
from components import together_view as view
from components import trends_view
from components.services import current_member, journal, members, show_flash

me = current_member()
if me is None:
    st.stop()

st.title("Together")
show_flash()
if len(members()) < 2:
    st.info(messages.TOGETHER_ALONE)
    st.stop()

convs = together.conversations(journal(), me.id)
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
    view.ask(me)
    if not convs:
        st.caption("Ask everyone a prompt; answers are revealed when all of you have answered.")
    for conv in convs:
        view.conversation(me, conv)
with tabs[1]:
    view.weekly_checkin(me)
    st.subheader("Scores over time")
    view.scores(me.id)
    st.subheader("Appreciation log")
    view.appreciation_log(me.id)
with tabs[2]:
    a = trends_view.analysis(date.today() - timedelta(days=90), date.today())
    trends_view.together(a, {m.id: m.colour for m in members()})
with tabs[3]:
    view.timeline(me.id)
