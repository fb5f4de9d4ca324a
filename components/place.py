"""Where this journal is kept, for the words that say so: on this computer (SQLite, the local
app) or on a server (PostgreSQL, hosted). One question, asked of the settings, never of a
session: every person of one server gets the same answer."""

from __future__ import annotations

from attune.config import load_settings
from attune.messages.hosted import ON_A_SERVER


def on_a_server() -> bool:
    return load_settings().on_a_server


def said(text: str) -> str:
    """`text` as it is true here: its server wording when the journal lives on a server."""
    return ON_A_SERVER.get(text, text) if on_a_server() else text
