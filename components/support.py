"""The Support page's pieces: the emergency number and helplines from Settings, shown as plain
escaped text (never links, so nothing remote loads and no configured text can become markup)."""

from __future__ import annotations

import streamlit as st

from attune import messages
from attune.config import load_settings
from attune.domain.support import parse_helplines

from . import safe


def emergency() -> None:
    number = load_settings().emergency_number
    st.error(
        messages.SUPPORT_EMERGENCY.format(number=safe.label(number)), icon=":material/emergency:"
    )


def helplines() -> None:
    st.subheader(messages.SUPPORT_HELPLINES)
    lines = parse_helplines(load_settings().helplines)
    if not lines:
        st.caption(messages.SUPPORT_NO_HELPLINES)
        return
    st.markdown(
        "\n".join(
            f"- **{safe.label(h.name)}**: {safe.label(h.contact)}"
            if h.name
            else f"- {safe.label(h.contact)}"
            for h in lines
        )
    )
