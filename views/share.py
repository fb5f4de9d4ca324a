"""Share with a therapist: choose dates and what to include, download the file, then see it."""

import streamlit as st

from attune import messages
from attune.domain.exports import Scope
from attune.services import sharing
from components import place, practitioner
from components import share_view as view
from components.lock import require_member
from components.services import show_flash

me, viewer = require_member()

st.title(messages.SHARE_TITLE)
show_flash()
st.caption(place.said(messages.SHARE_INTRO))

start, end = view.date_range()
scope = view.scope()
picked = view.pick(viewer, start, end) if scope is Scope.PICKED else ()
fmt = view.file_format(scope)
key = view.choices(viewer, scope, start, end, picked)
data = view.export_data(key)
if data is None:
    st.stop()
empty = sharing.empty_reason(data)
if empty is not None:  # never an empty file: say why, and offer the ways to one
    view.nothing_to_share(empty, scope)
    view.send_section(viewer, None)  # what was sent stays in reach (withdraw)
    practitioner.line()
    st.stop()
view.included(data)

inside = None
if fmt == "bundle":
    out = view.sealed(key)
    inside = view.rendered(key, "json")
elif fmt == "pdf":
    out = view.pdf(key)
else:
    out = inside = view.rendered(key, fmt)
if out is not None:
    view.download(out)  # the primary action first; the preview follows
if fmt == "pdf":
    view.pdf_pages(key)
elif inside is not None:
    view.preview(fmt, inside.content, data)
view.send_section(viewer, data)  # signed in: to one's practitioner on this server
practitioner.line()
