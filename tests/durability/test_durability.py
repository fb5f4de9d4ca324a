"""Nothing is lost: a writer killed with SIGKILL at random moments, four writers at once, and a
migration killed half-way. Children are forked (cheap) and open their own connections."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from attune.domain.entries import EntryDraft
from attune.domain.viewer import Viewer
from attune.storage import entries as entry_store
from attune.storage import members as member_store
from attune.storage import revision as revisions
from attune.storage.engine import Sessions, make_engine
from attune.storage.migrate import current_revision, head_revision, upgrade

KILL_CYCLES = int(os.environ.get("ATTUNE_KILL_CYCLES", "200"))
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _draft(i: int) -> EntryDraft:
    return EntryDraft(
        occurred_at=datetime.now(UTC),
        valence=1 + i % 5,
        energy=3,
        tags=("durability",),
        body=f"entry {i} " + "words " * (i % 50),
    )


def _fork(work: Callable[[int], None]) -> tuple[int, int]:
    """Run `work(write_fd)` in a child; return (pid, read_fd)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        code = 0
        try:
            work(write_fd)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def _first_write(fd: int) -> bytes:
    """What a writer said up to its first confirmed write ("ready" and one uid). The kill comes
    at a random moment after it, so every cycle kills a writer that is writing whatever the
    machine's load: a loaded CI machine's PostgreSQL writer, killed 5-80 ms after "ready",
    confirmed 1 write in 30 cycles and failed the loop's floor."""
    said = b""
    while said.count(b"\n") < 2:
        chunk = os.read(fd, 4096)
        assert chunk, "the writer ended before its first write"
        said += chunk
    assert said.startswith(b"ready\n"), said
    return said


def _writer(url: str, member_id: int, start: int, count: int | None) -> Callable[[int], None]:
    def work(fd: int) -> None:
        sessions = Sessions(make_engine(url))
        with sessions.reading() as s:  # connected, pragmas set: tell the parent we are ready
            revisions.get_revision(s)
        os.write(fd, b"ready\n")
        i = start
        while count is None or i < start + count:
            with sessions.writing(Viewer(member_id)) as s:
                entry = entry_store.add_entry(s, viewer=Viewer(member_id), draft=_draft(i))
            os.write(fd, (entry.uid + "\n").encode())  # confirmed: the commit has returned
            i += 1

    return work


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, Path, int]:
    path = tmp_path / "attune.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with Sessions(engine).writing() as s:
        member_id = member_store.add_member(s, name="Sam").id
    engine.dispose()
    return url, path, member_id


def _uids(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {r[0] for r in con.execute("SELECT uid FROM entries")}
    finally:
        con.close()


def test_kill_9_loop_loses_no_confirmed_write(db: tuple[str, Path, int]) -> None:
    url, path, member_id = db
    rng = random.Random(2026)
    confirmed: set[str] = set()
    for cycle in range(KILL_CYCLES):
        pid, fd = _fork(_writer(url, member_id, cycle * 10_000, None))
        said = _first_write(fd)
        time.sleep(rng.uniform(0.005, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        confirmed |= set((said + _read_all(fd)).decode().split()) - {"ready"}
        stored = _uids(path)  # integrity_check ok after every kill
        missing = confirmed - stored
        assert not missing, f"cycle {cycle}: {len(missing)} confirmed writes lost"
    assert len(confirmed) >= KILL_CYCLES  # every cycle wrote before its kill
    print(f"\nkill -9 cycles: {KILL_CYCLES}, confirmed writes: {len(confirmed)}, lost: 0")


def test_four_concurrent_writers_lose_nothing_and_never_see_locked(
    db: tuple[str, Path, int],
) -> None:
    url, path, member_id = db
    per_writer = 150
    children = [_fork(_writer(url, member_id, w * 1000, per_writer)) for w in range(4)]
    confirmed: set[str] = set()
    for pid, fd in children:
        confirmed |= set(_read_all(fd).decode().split()) - {"ready"}
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "a writer failed (e.g. database is locked)"
    assert len(confirmed) == 4 * per_writer
    assert confirmed <= _uids(path)
    print(f"\nconcurrent writers: 4 × {per_writer}, lost: 0")


def test_migration_killed_half_way_leaves_old_or_new(tmp_path: Path) -> None:
    from alembic import command

    from attune.storage.migrate import alembic_config

    rng = random.Random(7)
    outcomes = set()
    for cycle in range(12):
        path = tmp_path / f"m{cycle}.db"
        url = f"sqlite:///{path}"
        engine = make_engine(url)
        command.upgrade(alembic_config(engine), "0001")
        engine.dispose()
        con = sqlite3.connect(path)
        con.execute(
            "INSERT INTO members (name, name_key, colour, created_at) "
            "VALUES ('Sam', 'sam', '#000000', '2026-01-01')"
        )
        mid = con.execute("SELECT id FROM members").fetchone()[0]
        con.execute(
            "INSERT INTO entries (uid, member_id, occurred_at, utc_offset_min, local_date, "
            "valence, energy, body, visibility, share_with_therapist, created_at, "
            "updated_at, version) VALUES ('u1', ?, '2026-01-01 00:00:00', 0, '2026-01-01', "
            "3, 3, 'kept', 'private', 0, '2026-01-01', '2026-01-01', 1)",
            (mid,),
        )
        con.commit()
        con.close()

        def migrate(_fd: int, url: str = url) -> None:
            upgrade(make_engine(url))

        pid, fd = _fork(migrate)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        _read_all(fd)
        engine = make_engine(url)
        rev = current_revision(engine)
        engine.dispose()
        assert rev in {"0001", head_revision(engine)}, rev
        outcomes.add(rev)
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT body FROM entries WHERE uid='u1'").fetchone()[0] == "kept"
        con.close()
        # and a later start finishes the job
        engine = make_engine(url)
        upgrade(engine)
        assert current_revision(engine) == head_revision(engine)
        engine.dispose()
    print(f"\nmigration kills: 12, outcomes: {sorted(str(o) for o in outcomes)}")


# --- PostgreSQL: the client killed mid-write ------------------------------------------------------
PG_KILL_CYCLES = int(os.environ.get("ATTUNE_PG_KILL_CYCLES", "30"))
_pg_numbers = iter(range(1, 1_000_000))


@pytest.fixture
def pg_db(pg_cluster: Any) -> Iterator[tuple[str, str, int]]:
    """A migrated PostgreSQL database: (the app role's URL, the owner's URL, a member's id)."""
    from tests.conftest import TEMPLATE

    name = f"durability{os.getpid()}_{next(_pg_numbers)}"
    admin = pg_cluster.create_database(name, template=TEMPLATE)
    url = pg_cluster.url(name, user=pg_cluster.APP)
    engine = make_engine(url)
    with Sessions(engine).writing() as s:
        member_id = member_store.add_member(s, name="Sam").id
    engine.dispose()
    yield url, admin, member_id
    pg_cluster.drop_database(name)


def _pg_uids(admin_url: str) -> set[str]:
    engine = make_engine(admin_url)  # the owner (a superuser here): every row, past RLS
    try:
        with engine.connect() as conn:
            return {str(r[0]) for r in conn.execute(text("SELECT uid FROM entries"))}
    finally:
        engine.dispose()


def test_kill_9_loop_on_postgresql_loses_no_confirmed_write(pg_db: tuple[str, str, int]) -> None:
    """The writing process (the app, not the server) killed at random moments: the server rolls
    its open transaction back, and every write whose commit had returned is there. (The server's
    own crash safety is PostgreSQL's, with fsync on; the test cluster runs with fsync off.)"""
    url, admin, member_id = pg_db
    rng = random.Random(2026)
    confirmed: set[str] = set()
    for cycle in range(PG_KILL_CYCLES):
        pid, fd = _fork(_writer(url, member_id, cycle * 10_000, None))
        said = _first_write(fd)
        time.sleep(rng.uniform(0.005, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        confirmed |= set((said + _read_all(fd)).decode().split()) - {"ready"}
        missing = confirmed - _pg_uids(admin)
        assert not missing, f"cycle {cycle}: {len(missing)} confirmed writes lost"
    assert len(confirmed) >= PG_KILL_CYCLES  # every cycle wrote before its kill
    print(f"\nPostgreSQL kill -9 cycles: {PG_KILL_CYCLES}, confirmed: {len(confirmed)}, lost: 0")


def test_four_concurrent_writers_on_postgresql_lose_nothing(pg_db: tuple[str, str, int]) -> None:
    url, admin, member_id = pg_db
    per_writer = 50
    children = [_fork(_writer(url, member_id, w * 1000, per_writer)) for w in range(4)]
    confirmed: set[str] = set()
    for pid, fd in children:
        confirmed |= set(_read_all(fd).decode().split()) - {"ready"}
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "a writer failed"
    assert len(confirmed) == 4 * per_writer
    assert confirmed <= _pg_uids(admin)
