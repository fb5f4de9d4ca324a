"""Words about where the journal is kept say the truth for where it runs: "this computer" for a
SQLite file, its server for PostgreSQL (a hosted Attune). Both databases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.messages.hosted import ON_A_SERVER
from attune.services import Journal

pytestmark = pytest.mark.both_backends
Open = Callable[..., AppTest]


def test_the_server_wording_never_says_this_computer() -> None:
    for local, hosted in ON_A_SERVER.items():
        assert hosted != local
        assert "this computer" not in hosted and "127.0.0.1" not in hosted


def test_share_and_settings_say_where_the_journal_is(
    app: Open, journal: Journal, backend: str
) -> None:
    me = journal.add_member("Sam")
    server = backend == "postgresql"
    share = app("views/share.py", member_id=me.id)
    captions = [c.value for c in share.caption]
    assert (ON_A_SERVER[messages.SHARE_INTRO] in captions) is server
    assert (messages.SHARE_INTRO in captions) is not server
    settings = app("views/settings.py", member_id=me.id)
    captions = [c.value for c in settings.caption]
    assert (ON_A_SERVER[messages.PRIVACY] in captions) is server
    assert (messages.PRIVACY in captions) is not server
