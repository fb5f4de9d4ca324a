"""One server, many journals, one pool: every journal a process serves on PostgreSQL shares one
engine (a hosted server with a journal per household would otherwise hold a pool of connections
per household and run out of the server's connections), and the schema is checked once. The
journals still see only their own rows (the journal is set per transaction)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from attune.config import load_settings
from attune.domain.accounts import Identity
from attune.services import Journal
from attune.services.accounts import Accounts
from tests.factories import make_entry

pytestmark = pytest.mark.both_backends


def _journals(journal: Journal, n: int) -> list[Journal]:
    """`n` more journals of this database, each opened as a server opens one (Journal per id)."""
    accounts = Accounts(journal.engine)
    opened = []
    for i in range(n):
        who = Identity("http://127.0.0.1:9400", f"person-{i}", f"Person {i}", f"n{i}", "1")
        accounts.sign_in(who)
        account = accounts.start_journal(who, f"Person {i}")
        opened.append(Journal(replace(load_settings(), journal_id=account.journal_id or 1)))
    return opened


def test_the_journals_of_one_server_share_one_engine(journal: Journal, backend: str) -> None:
    if backend == "sqlite":
        pytest.skip("SQLite: a file is one journal, opened once")
    others = _journals(journal, 3)
    try:
        assert {id(j.engine) for j in others} == {id(journal.engine)}
        for j in others:
            make_entry(j, j.members()[0], body="held apart")
        assert [len(j.members()) for j in others] == [1, 1, 1]
        with journal.engine.connect() as conn:  # the pool, not one per journal
            used = conn.scalar(
                text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
            )
        assert used is not None and used <= journal.engine.pool.size() + 1  # type: ignore[attr-defined]
    finally:
        for j in others:
            j.close()
    # Closing the others leaves this journal's engine working.
    assert journal.members() == [] or journal.revision() >= 0
