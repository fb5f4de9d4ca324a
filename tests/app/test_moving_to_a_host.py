"""Moving to a hosted Attune: Sam's bundle, made in Settings on their own computer (SQLite),
restored on the Welcome page of a fresh journal — on SQLite, and on PostgreSQL as the app's role
that owns nothing, under row-level security. Every entry arrives with its visibility, the private
one sealed under the passphrase chosen there (the database never holds its words), and nobody
else's entry travels with it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from attune import crypto, messages, security
from attune.config import load_settings
from attune.domain.entries import EntryFilter, Visibility
from attune.domain.viewer import Viewer
from attune.services import Journal, moving, together
from tests.factories import make_entry, make_member

pytestmark = pytest.mark.both_backends

Open = Callable[..., AppTest]
BUNDLE_PASS = "lantern by the door"
NEW_PASS = "a new passphrase here"
SAM_PRIVATE, SAM_SHARED = "samprivate-lighthouse", "samshared-orchard"
ALEX_SHARED = "alexshared-meadow"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def bundle_from_own_computer(folder: Path) -> tuple[str, bytes]:
    """Sam's bundle, made on a SQLite journal of their own (Alex shares it with them)."""
    folder.mkdir()
    old = Journal(
        load_settings(
            {
                "ATTUNE_DATABASE_URL": f"sqlite:///{folder / 'attune.db'}",
                "ATTUNE_DATA_DIR": str(folder),
            }
        )
    )
    try:
        sam, alex = make_member(old, "Sam"), make_member(old, "Alex")
        make_entry(old, sam, body=SAM_PRIVATE)
        make_entry(old, sam, body=SAM_SHARED, visibility=Visibility.SHARED)
        make_entry(old, alex, body=ALEX_SHARED, visibility=Visibility.SHARED)
        out, count = moving.backup(old, Viewer(sam.id), BUNDLE_PASS, BUNDLE_PASS, kdf_log2_n=14)
        assert count == 2
        return out.filename, out.content
    finally:
        old.close()


def test_restore_a_bundle_on_the_welcome_page(
    app: Open, journal: Journal, db_url: str, tmp_path: Path
) -> None:
    name, data = bundle_from_own_computer(tmp_path / "own-computer")
    at = app()  # nobody here yet: the Welcome page
    at.file_uploader(key="restore_file").set_value((name, data, "application/octet-stream"))
    at.text_input(key="restore_passphrase").input(BUNDLE_PASS)
    next(b for b in at.button if b.label == messages.RESTORE_OPEN).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="restore_name").value == "Sam"
    at.text_input(key="restore_new_pass").input(NEW_PASS)
    at.text_input(key="restore_new_again").input(NEW_PASS)
    next(b for b in at.button if b.label == messages.RESTORE_GO).click().run()
    assert not at.exception, [e.value for e in at.exception]

    (sam,) = journal.members()
    assert sam.name == "Sam" and together.is_protected(journal, sam.id)
    viewer = together.unlock_viewer(journal, sam.id, NEW_PASS)
    assert viewer is not None
    bodies = {e.body: e.visibility for e in journal.list_entries(viewer, EntryFilter()).items}
    assert bodies == {SAM_PRIVATE: Visibility.PRIVATE, SAM_SHARED: Visibility.SHARED}

    # What the database itself holds, read past every wall (on PostgreSQL the test cluster's
    # admin URL is its superuser, whom row-level security does not hold): the private words are
    # sealed, and Alex's shared entry never came.
    stored = _all_bodies(os.environ.get("ATTUNE_ADMIN_DATABASE_URL") or db_url)
    assert SAM_SHARED in stored
    assert not [b for b in stored if SAM_PRIVATE in b or ALEX_SHARED in b]


def _all_bodies(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [str(b) for (b,) in conn.execute(text("SELECT body FROM entries"))]
    finally:
        engine.dispose()
