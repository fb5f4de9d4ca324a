"""Attune: the frame. Page config, navigation, the shared sidebar, the lock, then the page runs."""

import streamlit as st

from attune.recovery import CorruptDatabase
from components.frame import sidebar
from components.lock import gate
from components.recovery import damaged
from components.services import current_member, members

st.set_page_config(page_title="Attune", page_icon="🌿", layout="centered")

support = st.Page("pages/support.py", title="Support", icon=":material/support:")
try:
    people = members()
except CorruptDatabase as exc:
    damaged(exc)
    st.stop()
if not people:
    page = st.navigation(
        [st.Page("pages/welcome.py", title="Welcome", icon=":material/spa:"), support]
    )
    page.run()
    st.stop()

page = st.navigation(
    {
        "Journal": [
            st.Page("pages/today.py", title="Today", icon=":material/wb_sunny:", default=True),
            st.Page("pages/write.py", title="Write", icon=":material/edit_note:"),
            st.Page("pages/journal.py", title="Journal", icon=":material/menu_book:"),
            st.Page("pages/trends.py", title="Trends", icon=":material/insights:"),
            st.Page("pages/together.py", title="Together", icon=":material/group:"),
        ],
        "Learn": [
            st.Page("pages/readings.py", title="Readings", icon=":material/local_library:"),
            st.Page("pages/practices.py", title="Practices", icon=":material/self_improvement:"),
        ],
        "More": [
            st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
            st.Page("pages/import.py", title="Import", icon=":material/upload_file:"),
            support,
        ],
    }
)
sidebar()
me = current_member()
if me is None or page.url_path == "support" or gate(me):
    page.run()
