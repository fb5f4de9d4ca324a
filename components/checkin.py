"""The check-in widgets (Today, and editing on the Journal page) and reading them into a draft."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import streamlit as st

from attune import messages
from attune.content import Library
from attune.domain.entries import (
    CONNECTION_LABELS,
    ENERGY_LABELS,
    VALENCE_LABELS,
    Entry,
    EntryDraft,
    EntryError,
    Visibility,
)
from attune.domain.errors import LockedError
from attune.domain.viewer import Viewer

from . import place, safe, state
from .scales import scale
from .services import flash, journal
from .state import checkin_key

FIELDS = (
    "valence",
    "energy",
    "connection",
    "feel_main",
    "feel_more",
    "tags",
    "note",
    "backdate",
    "date",
    "time",
    "shared",
    "therapist",
)


def load_entry(prefix: str, entry: Entry) -> None:
    """Fill the widgets of `prefix` from an existing entry (before they are drawn)."""
    k = lambda f: checkin_key(prefix, f)  # noqa: E731
    st.session_state[k("valence")] = entry.valence
    st.session_state[k("energy")] = entry.energy
    st.session_state[k("connection")] = entry.connection
    st.session_state[k("feel_main")] = list(entry.feelings)
    st.session_state[k("feel_more")] = []
    st.session_state[k("tags")] = list(entry.tags)
    st.session_state[k("note")] = entry.body
    st.session_state[k("backdate")] = True
    st.session_state[k("date")] = entry.occurred_at.date()
    st.session_state[k("time")] = entry.occurred_at.time().replace(second=0, microsecond=0)
    st.session_state[k("shared")] = entry.visibility is Visibility.SHARED
    st.session_state[k("therapist")] = entry.share_with_therapist


# What an empty form holds. A reset writes these values rather than forgetting the keys: the
# browser keeps a widget's value unless the server sends a new one, so a forgotten key leaves the
# old choices on screen (and a text area would send its old words back as a fresh change).
EMPTY: dict[str, object] = {
    "valence": None,
    "energy": None,
    "connection": None,
    "feel_main": [],
    "feel_more": [],
    "tags": [],
    "note": "",
    "backdate": False,
    "shared": False,
    "therapist": False,
}


def reset(prefix: str) -> None:
    """Empty the `prefix` form, on screen too (call it from a callback, before the widgets)."""
    for field in FIELDS:
        key = checkin_key(prefix, field)
        if field in EMPTY:
            value = EMPTY[field]
            st.session_state[key] = list(value) if isinstance(value, list) else value
        else:  # date and time: drawn only for an earlier moment, they start from "now" again
            st.session_state.pop(key, None)


def _nearby_words(
    library: Library, valence: int | None, energy: int | None
) -> tuple[str, list[str], list[str]]:
    """The heading, the few words that fit the answers best, and the rest (closest first)."""
    if not valence or not energy:
        return "Feeling words", [], [w.word for w in library.feeling_words()]
    best, rest = library.nearby_words(valence, energy)
    quadrant = library.quadrant_for(valence, energy)
    heading = f"Feeling words — {quadrant.label.lower()}" if quadrant else "Feeling words"
    return heading, [w.word for w in best], [w.word for w in rest]


def _feelings(prefix: str, library: Library, valence: int | None, energy: int | None) -> None:
    heading, main_words, rest = _nearby_words(library, valence, energy)
    main_key, more_key = checkin_key(prefix, "feel_main"), checkin_key(prefix, "feel_more")
    # A word picked under "More" joins the short list, where it shows as chosen; words chosen
    # earlier (or on an edited entry) stay there even if the answers changed.
    chosen = list(st.session_state.get(main_key) or []) + list(st.session_state.get(more_key) or [])
    options = main_words + [w for w in chosen if w not in main_words]
    st.session_state[main_key] = list(dict.fromkeys(chosen))
    st.session_state[more_key] = []
    if options:
        st.pills(
            heading,
            options,
            selection_mode="multi",
            key=main_key,
            help="Pick any that fit. Naming a feeling precisely can take a little of its edge off.",
        )
    else:
        st.caption("Feeling words that fit appear here once you choose pleasantness and energy.")
    with st.expander("More words, and what they mean"):
        st.pills(
            "More words",
            [w for w in rest if w not in options],
            selection_mode="multi",
            key=more_key,
            label_visibility="collapsed",
        )
        st.markdown("\n".join(f"- **{w.word}** — {w.definition}" for w in library.feeling_words()))


def draw(prefix: str, library: Library, known_tags: list[str], *, several_members: bool) -> None:
    """Draw the check-in widgets. Values live in st.session_state under `prefix.*` keys."""
    k = lambda f: checkin_key(prefix, f)  # noqa: E731
    scale("How pleasant does it feel?", VALENCE_LABELS, k("valence"))
    scale("How much energy do you have?", ENERGY_LABELS, k("energy"))
    _feelings(
        prefix, library, st.session_state.get(k("valence")), st.session_state.get(k("energy"))
    )
    scale(
        "How connected do you feel to the people who matter to you?",
        CONNECTION_LABELS,
        k("connection"),
    )
    current = st.session_state.get(k("tags")) or []
    st.multiselect(
        "Tags",
        sorted(set(known_tags) | set(current), key=str.casefold),
        key=k("tags"),
        accept_new_options=True,
        placeholder="Pick or type a new tag, then Enter",
        format_func=safe.label,
    )
    cols = st.columns([1, 1])
    cols[0].toggle("Earlier moment", key=k("backdate"), help="Back-date this check-in.")
    if st.session_state.get(k("backdate")):
        c1, c2 = st.columns(2)
        c1.date_input("Date", key=k("date"), max_value=date.today(), format="YYYY-MM-DD")
        c2.time_input("Time", key=k("time"), step=300)
    if several_members:
        cols[1].toggle(
            "Share with the others",
            key=k("shared"),
            help="Private by default: only you see it. Shared: every member sees it.",
        )
    st.checkbox(
        "Share with my therapist",
        key=k("therapist"),
        help="Marks this entry for a therapist export. Nothing is sent anywhere.",
    )


def read(
    prefix: str,
    *,
    body_key: str | None = None,
    prompt_id: str | None = None,
    reading_id: str | None = None,
) -> EntryDraft | None:
    """The draft the widgets describe, or None when pleasantness or energy is missing."""
    s = st.session_state
    k = lambda f: checkin_key(prefix, f)  # noqa: E731
    valence, energy = s.get(k("valence")), s.get(k("energy"))
    if valence is None or energy is None:
        return None
    if s.get(k("backdate")):
        day = s.get(k("date")) or date.today()
        at = s.get(k("time")) or time(12, 0)
        moment = datetime.combine(day, at).astimezone()
    else:
        moment = datetime.now().astimezone().replace(microsecond=0)
    feelings = list(s.get(k("feel_main")) or []) + list(s.get(k("feel_more")) or [])
    return EntryDraft(
        occurred_at=moment,
        valence=int(valence),
        energy=int(energy),
        connection=s.get(k("connection")),
        feelings=tuple(feelings),
        tags=tuple(s.get(k("tags")) or ()),
        body=s.get(body_key or k("note")) or "",
        prompt_id=prompt_id,
        reading_id=reading_id,
        visibility=Visibility.SHARED if s.get(k("shared")) else Visibility.PRIVATE,
        share_with_therapist=bool(s.get(k("therapist"))),
    )


def form_uid(prefix: str) -> str:
    """The idempotency key of the `prefix` form as drawn now: made when the form is first
    drawn, replaced after a successful save (so the next check-in is a new entry)."""
    key = state.form_uid_key(prefix)
    uid = st.session_state.get(key)
    if not uid:
        uid = st.session_state[key] = str(uuid.uuid4())
    return str(uid)


def save_button(
    label: str,
    key: str,
    prefix: str,
    on_click: Callable[..., Any],
    args: tuple[object, ...] = (),
) -> None:
    """The form's Save button (Ctrl/⌘+Enter too), bound to the form's idempotency key.

    The key is in the button's widget key and its callback's arguments, both fixed when the
    button is drawn. A click the browser sends before it hears of a save (a double click, or
    Ctrl+Enter then a click) is either for a button no longer drawn, which Streamlit drops, or
    for the one drawn with the saved form's key: the journal then returns the stored entry."""
    uid = form_uid(prefix)
    st.button(
        label,
        type="primary",
        key=f"{key}.{uid}",
        on_click=on_click,
        args=args,
        kwargs={"uid": uid},
        width="stretch",
        shortcut="Mod+Enter",  # Ctrl+Enter, or ⌘+Enter on a Mac
    )


def save(
    prefix: str,
    viewer: Viewer,
    *,
    uid: str | None = None,
    prompt_id: str | None = None,
    reading_id: str | None = None,
    saved: str = messages.SAVED,
) -> bool:
    """Store what the `prefix` widgets describe (a button callback), once per `uid` however
    many times it is called. The confirmation is flashed only after the commit; the widgets,
    the draft and the form's key are cleared then."""
    draft = read(prefix, prompt_id=prompt_id, reading_id=reading_id)
    if draft is None:
        flash("warning", messages.NEED_VALENCE_ENERGY)
        return False
    try:
        journal().add_entry(viewer, draft, draft_slot=prefix, uid=uid)
    except (EntryError, LockedError) as exc:
        flash("error", str(exc))
        return False
    st.session_state.pop(state.form_uid_key(prefix), None)
    reset(prefix)
    flash("success", place.said(saved))
    return True
