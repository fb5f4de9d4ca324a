"""Today: a check-in in under fifteen seconds, an optional note, and today's entries."""

from datetime import date

import streamlit as st

from attune import messages
from components import care, checkin, entries, first_run, suggest
from components.drafts import note_area
from components.lock import require_member
from components.services import journal, library, members, show_flash, tags

PREFIX = "today"
me, viewer = require_member()

st.title("Today")
st.caption(date.today().strftime("%A %d %B %Y"))
first_run.guide(me, viewer)  # a short guide for someone new, until done or skipped
show_flash()


with st.container(border=True):
    checkin.draw(PREFIX, library(), tags(viewer), several_members=len(members()) > 1)
    note_area(
        f"{PREFIX}.note",
        PREFIX,
        viewer,
        label="Anything you want to add? (optional)",
        placeholder="A sentence is plenty.",
        height=120,
    )
    st.caption(messages.DRAFT_HINT)
    checkin.save_button("Save check-in", "save_checkin", PREFIX, checkin.save, (PREFIX, viewer))
care.support_line(viewer)  # heavy days: where help is, for this person only
suggest.offer(PREFIX, viewer)

st.subheader("Earlier today")
todays = journal().entries_on(viewer, date.today())
if not todays:
    st.caption(messages.NOTHING_TODAY)
for entry in todays:
    with st.container(border=True):
        entries.card(entry)
