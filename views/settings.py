"""Settings: the people on this journal, where the data lives, and the version."""

import streamlit as st

from attune import messages
from components import (
    care_settings,
    move_settings,
    people_settings,
    practitioner,
    privacy_settings,
    recovery,
    reminders,
)
from components.lock import require_member
from components.services import journal, show_flash

me, viewer = require_member()
st.title("Settings")
show_flash()

people_settings.section(me, viewer)

practitioner.form()

privacy_settings.privacy(me)

care_settings.section(me, viewer)

reminders.section(me, viewer)

st.subheader("Your data")
st.write("Everything is stored in one file on this computer:")
st.code(journal().location, language=None, wrap_lines=True)  # no scroller on a phone
st.caption(messages.SETTINGS_DATA_HINT)
if st.button("Back up now"):
    try:
        path = journal().backup()
    except RuntimeError as exc:
        st.error(str(exc))
    else:
        st.success(f"Backup written to {path}")
move_settings.backup_section(me, viewer)
recovery.restore_section()

st.subheader("About")
st.write(f"Attune version {journal().version}")
st.caption(messages.PRIVACY)
