"""Import: bring entries from Attune (JSON, CSV), Daylio, jrnl or Day One — see a preview, then
store it in one go."""

import streamlit as st

from attune import messages
from components import import_view as view
from components.lock import require_member
from components.services import show_flash

me, viewer = require_member()

st.title(messages.IMPORT_TITLE)
show_flash()
st.caption(messages.IMPORT_INTRO)

view.belongs_to(me.id)
upload = view.uploader()
preview = view.load_preview(upload) if upload is not None else None
if preview is not None:
    view.summary(preview)
    view.mood_mapping(preview)
    view.details(preview)
    view.import_button(viewer, preview)

view.past_imports(viewer)
