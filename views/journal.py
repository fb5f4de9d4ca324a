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
view.jump(viewer, filt)
page_no = st.session_state.get(state.JOURNAL_PAGE, 1)
result = entry_page(viewer, filt, page=page_no, page_size=view.PAGE_SIZE)

if result.total == 0:
    st.info(messages.NO_MATCHES if filt != type(filt)() else messages.NO_ENTRIES)
else:
    counted = messages.entries(result.total)
    of = "" if result.more else f" of {result.pages}"
    span = view.span(result.items)
    st.caption(f"{'More than ' if result.more else ''}{counted} · page {result.page}{of} · {span}")
    several = len(members()) > 1
    for entry in result.items:
        view.entry_row(entry, viewer, show_author=several)
    if result.pages > 1:
        # One row on a phone too (columns would stack into three).
        with st.container(
            horizontal=True, horizontal_alignment="distribute", vertical_alignment="center"
        ):
            st.button(
                "← Newer",
                disabled=result.page <= 1,
                key="newer",
                on_click=lambda: st.session_state.update({state.JOURNAL_PAGE: result.page - 1}),
            )
            st.caption(f"Page {result.page}{of}", width="content")
            st.button(
                "Older →",
                disabled=result.page >= result.pages,
                key="older",
                on_click=lambda: st.session_state.update({state.JOURNAL_PAGE: result.page + 1}),
            )
