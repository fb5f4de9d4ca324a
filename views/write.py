"""Write: a prompt (of the day, chosen, or from a reading) or a blank page, then a few words."""

import streamlit as st

from attune import messages
from components import write_view as view
from components.drafts import note_area
from components.lock import require_member
from components.services import library, members, show_flash

me, viewer = require_member()
lib = library()
prompt, of_the_day = view.current_prompt(lib, viewer)

st.title(messages.WRITE_TITLE)
show_flash()
view.prompt_card(lib, prompt, of_the_day)
view.chooser(lib)

with st.container(border=True):
    note_area(
        f"{view.PREFIX}.note",
        view.PREFIX,
        viewer,
        label=messages.WRITE_NOTE_LABEL,
        placeholder=messages.WRITE_NOTE_PLACEHOLDER,
        height=240,
    )
    st.caption(messages.DRAFT_HINT)
    if prompt is not None and prompt.close:
        st.markdown(f":material/eco: *{prompt.close}*")
    view.feelings(several_members=len(members()) > 1)
    view.save_button(viewer, prompt.id if prompt else None)
