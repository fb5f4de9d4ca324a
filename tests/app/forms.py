"""Finding a check-in form's Save button in AppTest.

The button's widget key carries the form's idempotency key (`save_checkin.<uid>`), which a
successful save replaces (components.checkin.save_button), so tests find it by its prefix."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button


def save_button(at: AppTest, name: str) -> Button:
    [button] = [b for b in at.button if (b.key or "").startswith(f"{name}.")]
    return button
