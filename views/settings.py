"""Settings: the people on this journal, where the data lives, and the version."""

import streamlit as st

from attune import messages
from components import (
    care_settings,
    data_settings,
    people_settings,
    place,
    practitioner,
    privacy_settings,
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

data_settings.section(me, viewer)  # where it is kept, backups, Back up / move my journal

st.subheader("About")
st.write(f"Attune version {journal().version}")
st.caption(place.said(messages.PRIVACY))
