"""The framework's floor: a bare Streamlit page with one small chart and no database.

`python -m bench` runs it beside Attune (AppTest warm/cold, and in Chromium). Cold means its one
cached read is redone, as Attune's are after a new entry (the revision lives in session state).
"""

import altair as alt
import pandas as pd
import streamlit as st


@st.cache_data(show_spinner=False)
def points(revision: int) -> pd.DataFrame:
    days = pd.date_range(end=pd.Timestamp.today().normalize(), periods=30, freq="D")
    return pd.DataFrame({"day": days, "mood": [(i * 7 + revision) % 5 + 1 for i in range(30)]})


st.title("Reference")
chart = (
    alt.Chart(points(st.session_state.get("revision", 0)))
    .mark_line()
    .encode(x=alt.X("day:T", title="Day"), y=alt.Y("mood:Q", title="Mood"))
)
st.altair_chart(chart, width="stretch")
