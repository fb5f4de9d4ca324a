"""Attune: the frame. Page config, navigation, the shared sidebar, then the page runs."""

import streamlit as st

from components.frame import sidebar
from components.services import members

st.set_page_config(page_title="Attune", page_icon="🌿", layout="centered")

if not members():
    page = st.navigation([st.Page("pages/welcome.py", title="Welcome", icon="🌿")])
else:
    page = st.navigation(
        {
            "Journal": [
                st.Page("pages/today.py", title="Today", icon="☀️", default=True),
                st.Page("pages/journal.py", title="Journal", icon="📖"),
                st.Page("pages/trends.py", title="Trends", icon="📈"),
            ],
            "More": [
                st.Page("pages/settings.py", title="Settings", icon="⚙️"),
            ],
        }
    )
    sidebar()
page.run()
