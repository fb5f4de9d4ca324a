"""The bare reference page (reference_app.py) reached by a link from an empty page, as Trends is
reached from Today: `python -m bench` times the link → its chart drawn, the floor of the
"Trends charts drawn" figure."""

import streamlit as st


def start() -> None:
    st.title("Start")


st.navigation(
    [st.Page(start, title="Start", default=True), st.Page("reference_app.py", title="Reference")]
).run()
