"""Settings › Your data on each database. On SQLite: the file's path, Back up now and Restore a
backup. On PostgreSQL the database is the operator's to back up (docs/hosting.md): the screen
says so in the CLI's own sentence instead of those controls — no button that would fail — and a
person's own bundle (Back up / move my journal) is still made there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal
from tests.factories import make_entry, make_member

pytestmark = pytest.mark.both_backends

Open = Callable[..., AppTest]
OPERATORS = "On PostgreSQL, backups are the operator's: use pg_dump — see docs/hosting.md"


def shown(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.info, *at.success, *at.error, *at.code]
    return "\n".join(str(p.value) for p in parts)


def test_your_data(app: Open, journal: Journal, backend: str) -> None:
    sam = make_member(journal, "Sam")
    make_entry(journal, sam, body="a walk by the river")
    at = app("views/settings.py", member_id=sam.id)
    labels = [b.label for b in at.button]
    expanders = [e.label for e in at.expander]
    text = shown(at)
    assert messages.MOVE_TITLE in text  # one's own bundle, on both
    if backend == "postgresql":
        assert [i.value for i in at.info] == [OPERATORS]
        # The server's address and the app's role are the operator's, not every user's.
        assert not [c for c in at.code if "postgresql" in str(c.value)]
        assert "127.0.0.1" not in text and "attune_web" not in text
        assert messages.DATA_ON_SERVER in text and messages.DATA_HOSTED_BACKUPS in text
        assert messages.DATA_IN_FILE not in text and messages.SETTINGS_DATA_HINT not in text
        assert messages.DATA_BACKUP_NOW not in labels
        assert not [e for e in expanders if e.startswith("Restore a backup")]
        assert not at.exception
        return
    assert OPERATORS not in text
    assert messages.DATA_IN_FILE in text
    assert journal.location in [c.value for c in at.code]
    assert [e for e in expanders if e.startswith("Restore a backup")]
    next(b for b in at.button if b.label == messages.DATA_BACKUP_NOW).click().run()
    assert not at.exception
    done = [s.value for s in at.success]
    assert len(done) == 1 and done[0].startswith("Backup written to ")
    assert journal.settings.backup_dir.is_dir()


def test_own_bundle_is_made_on_either_database(app: Open, journal: Journal) -> None:
    sam = make_member(journal, "Sam")
    make_entry(journal, sam, body="a walk by the river")
    at = app("views/settings.py", member_id=sam.id)
    at.text_input(key="move_pass").input("a long bundle passphrase")
    at.text_input(key="move_again").input("a long bundle passphrase")
    next(b for b in at.button if b.label == messages.MOVE_MAKE).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [messages.MOVE_READY.format(entries="1 entry")]
