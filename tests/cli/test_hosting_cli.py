"""The operator's commands on a real PostgreSQL: `attune db upgrade` brings an empty database to
head with the owner's URL; `attune journals add` adds a journal the app can then serve, walled
off from the first; on SQLite, `journals add` says a file is one journal."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from attune.cli import main
from attune.config import load_settings
from attune.services import Journal
from attune.storage.engine import make_engine
from attune.storage.migrate import current_revision, head_revision

_names = itertools.count(1)


def test_db_upgrade_and_journals_add_on_postgresql(
    pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"hosting_{next(_names)}"
    admin = pg_cluster.create_database(name)  # empty: no schema yet
    app = pg_cluster.url(name, user=pg_cluster.APP)
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ATTUNE_DATABASE_URL", app)
    monkeypatch.setenv("ATTUNE_ADMIN_DATABASE_URL", admin)
    try:
        done = CliRunner().invoke(main, ["db", "upgrade"])
        assert done.exit_code == 0, done.output
        engine = make_engine(admin)
        assert current_revision(engine) == head_revision(engine)
        assert head_revision(engine) in done.output
        engine.dispose()

        added = CliRunner().invoke(main, ["journals", "add", "The Okafors"])
        assert added.exit_code == 0, added.output
        assert "Journal 2 added" in added.output and "ATTUNE_JOURNAL_ID=2" in added.output

        monkeypatch.setenv("ATTUNE_JOURNAL_ID", "2")
        second = Journal(load_settings())
        monkeypatch.setenv("ATTUNE_JOURNAL_ID", "1")
        first = Journal(load_settings())
        try:
            second.add_member("Ada")
            first.add_member("Ada")  # the same name: names are unique per journal
            assert [m.name for m in second.members()] == ["Ada"]
            assert len(first.members()) == 1
            assert first.members()[0].id != second.members()[0].id
        finally:
            first.close()
            second.close()
    finally:
        pg_cluster.drop_database(name)


def test_journals_add_on_sqlite_says_a_file_is_one_journal(db_url: str) -> None:
    done = CliRunner().invoke(main, ["journals", "add", "Another"])
    assert done.exit_code == 1
    assert "SQLite file holds one journal" in done.output
