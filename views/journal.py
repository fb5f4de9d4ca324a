"""Journal: every entry you may see, newest first, with search, filters, edit and trash."""

import streamlit as st

from attune import messages
from components import journal_view as view
from components import state
from components.services import current_member, entry_page, members, show_flash

me = current_member()
assert me is not None

st.title("Journal")
show_flash()
view.undo_banner(me.id)

if st.toggle("Show trash", key=state.SHOW_TRASH):
    view.trash(me.id)
    st.stop()

filt = view.filters(me.id)
page_no = st.session_state.get(state.JOURNAL_PAGE, 1)
result = entry_page(me.id, filt, page=page_no)

if result.total == 0:
    st.info(messages.NO_MATCHES if filt != type(filt)() else messages.NO_ENTRIES)
else:
    counted = messages.entries(result.total)
    of = "" if result.more else f" of {result.pages}"
    st.caption(f"{'More than ' if result.more else ''}{counted} · page {result.page}{of}")
    several = len(members()) > 1
    for entry in result.items:
        view.entry_row(entry, me.id, show_author=several)
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
