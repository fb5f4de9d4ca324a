"""Attune: the frame. Page config, navigation, the shared sidebar, then the page runs.

Every screen in views/ starts with `require_member()` (components.lock), so the lock holds for
a screen reached by any route — the navigation, a direct link, a fresh server."""

import streamlit as st

from attune.domain.errors import DiskFull
from attune.recovery import CorruptDatabase
from components import inbox, signin
from components.frame import NEUTRAL_TAB, daily_bar, neutral_page, sidebar, tab
from components.lock import left_quickly, require_local
from components.practice import beside_journal, without_journal
from components.recovery import damaged
from components.services import members

require_local()  # before anything renders: a DNS-rebinding page (foreign Host) gets one line
if signin.required():  # a hosted server ([auth] in secrets): who signed in, and their journal
    account = signin.require_account()
    if inbox.is_practitioner(account):  # no journal of their own: their inbox, nothing else
        inbox.run(account)
        st.stop()
title, icon = tab()  # plain after Leave quickly, or in discreet mode (Settings › People)
st.set_page_config(page_title=title, page_icon=icon, layout="centered")
if left_quickly():  # a plain page: no names, no navigation, nothing of anyone's
    st.navigation([st.Page(neutral_page, title=NEUTRAL_TAB[0])], position="hidden").run()
    st.stop()

support = st.Page("views/support.py", title="Support", icon=":material/support:")
try:
    people = members()
except CorruptDatabase as exc:
    damaged(exc)
    st.stop()
except DiskFull as exc:
    st.error(str(exc))
    st.stop()
if not people:  # a first run, or a therapist's practice with no journal (components.practice)
    without_journal(support)  # Welcome, or the practice's own pages
    st.stop()

daily = [
    st.Page("views/today.py", title="Today", icon=":material/wb_sunny:", default=True),
    st.Page("views/write.py", title="Write", icon=":material/edit_note:"),
    st.Page("views/journal.py", title="Journal", icon=":material/menu_book:"),
    st.Page("views/trends.py", title="Trends", icon=":material/insights:"),
    st.Page("views/together.py", title="Together", icon=":material/group:"),
]
# One flat list, every page shown: Streamlit draws a section as a <div> inside the nav's <ul>,
# which screen readers cannot read as one list (axe: list, listitem; tests/e2e/test_accessibility).
page = st.navigation(
    [
        *daily,
        st.Page("views/readings.py", title="Readings", icon=":material/local_library:"),
        st.Page("views/practices.py", title="Practices", icon=":material/self_improvement:"),
        st.Page("views/settings.py", title="Settings", icon=":material/settings:"),
        st.Page("views/import.py", title="Import", icon=":material/upload_file:"),
        st.Page("views/share.py", title="Share", icon=":material/ios_share:"),
        st.Page("views/therapist.py", title="Therapist", icon=":material/clinical_notes:"),
        *beside_journal(),  # a practice set up on this install (components.practice)
        support,
    ],
    expanded=True,
)
sidebar()
daily_bar(daily)  # the daily pages one tap away, where a phone's sidebar is a closed drawer
try:
    page.run()
except DiskFull as exc:  # a save or an import met a full disk: rolled back, said in one line
    st.error(str(exc))
