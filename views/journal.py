"""Journal: every entry you may see, newest first, with search, filters, edit and trash."""

import streamlit as st

from attune import messages
from components import journal_view as view
from components import state
from components.lock import require_member
from components.services import entry_page, members, show_flash

me, viewer = require_member()

st.title("Journal")
show_flash()
view.undo_banner(viewer)

if st.toggle("Show trash", key=state.SHOW_TRASH):
    view.trash(viewer)
    st.stop()

filt = view.filters(viewer)
page_no = st.session_state.get(state.JOURNAL_PAGE, 1)
result = entry_page(viewer, filt, page=page_no)

if result.total == 0:
    st.info(messages.NO_MATCHES if filt != type(filt)() else messages.NO_ENTRIES)
else:
    counted = messages.entries(result.total)
    of = "" if result.more else f" of {result.pages}"
    st.caption(f"{'More than ' if result.more else ''}{counted} · page {result.page}{of}")
    several = len(members()) > 1
    for entry in result.items:
        view.entry_row(entry, viewer, show_author=several)
    if result.pages > 1:
        c1, c2, c3 = st.columns([1, 2, 1], vertical_alignment="center")
        c1.button(
            "← Newer",
            disabled=result.page <= 1,
            key="newer",
            on_click=lambda: st.session_state.update({state.JOURNAL_PAGE: result.page - 1}),
        )
        c2.caption(f"Page {result.page}{of}")
        c3.button(
            "Older →",
            disabled=result.page >= result.pages,
            key="older",
            on_click=lambda: st.session_state.update({state.JOURNAL_PAGE: result.page + 1}),
        )
