from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from attune.services import Journal

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(db_url: str) -> Callable[..., AppTest]:
    """Open a page of the app (after app.py's frame) on the test's fresh database."""

    def open_page(page: str | None = None, member_id: int | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        if member_id is not None:
            at.session_state["member_id"] = member_id
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.fixture
def two_members(journal: Journal) -> tuple[int, int]:
    return journal.add_member("Sam").id, journal.add_member("Alex").id
