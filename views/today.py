"""Today: a check-in in under fifteen seconds, an optional note, and today's entries."""

from datetime import date

import streamlit as st

from attune import messages
from components import checkin, entries, suggest
from components.drafts import note_area
from components.services import current_member, journal, library, members, show_flash, tags

PREFIX = "today"
me = current_member()
if me is None:  # app.py shows the welcome page until someone exists
    st.stop()
assert me is not None

st.title("Today")
st.caption(date.today().strftime("%A %d %B %Y"))
show_flash()


def save(member_id: int) -> None:
    checkin.save(PREFIX, member_id)


with st.container(border=True):
    checkin.draw(PREFIX, library(), tags(), several_members=len(members()) > 1)
    note_area(
        f"{PREFIX}.note",
        PREFIX,
        me.id,
        label="Anything you want to add? (optional)",
        placeholder="A sentence is plenty.",
        height=120,
    )
    st.caption(messages.DRAFT_HINT)
    st.button(
        "Save check-in",
        type="primary",
        on_click=save,
        args=(me.id,),
        width="stretch",
        key="save_checkin",
    )
suggest.offer(PREFIX, me.id)

st.subheader("Earlier today")
todays = journal().entries_on(me.id, date.today())
if not todays:
    st.caption(messages.NOTHING_TODAY)
for entry in todays:
    with st.container(border=True):
        entries.card(entry)
