"""Engine set-up: the SQLite pragmas on every connection, BEGIN IMMEDIATE for writes, backups."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from attune.domain.errors import DiskFull
from attune.domain.viewer import Viewer
from attune.private_files import create_private, private_dir

from .visibility import scope_to_journal

BUSY_TIMEOUT_MS = 15_000
LOW_SPACE_BYTES = 1 << 20  # an I/O error with less room than this left is a full disk

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA secure_delete=ON",
)


def is_disk_full(exc: BaseException, folder: Path | None) -> bool:
    """SQLite met a full disk: SQLITE_FULL on a write, or an I/O error (opening a WAL database
    whose -shm cannot grow says SQLITE_IOERR_SHMSIZE) where the folder has no room left."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.OperationalError) or code is None:
        return False
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    if code & 0xFF != sqlite3.SQLITE_IOERR or folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine for `url`. For SQLite, every connection gets the pragmas above and transactions
    are begun explicitly: `BEGIN IMMEDIATE` when the session was opened for writing, so two
    writers queue on the busy timeout instead of failing half-way with "database is locked"."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:" and not path.startswith("file:"):
            # 0600 in a 0700 folder: SQLite gives the -wal and -shm files the database's mode.
            private_dir(Path(path).parent)
            create_private(Path(path))
            for side in ("-wal", "-shm"):
                if Path(path + side).exists():
                    create_private(Path(path + side))
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            hide_parameters=True,  # an error's text reaches logs: never what someone wrote
        )
        folder = Path(path).parent if path and path != ":memory:" else None
        _install_sqlite_hooks(engine, folder)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _install_sqlite_hooks(engine: Engine, folder: Path | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        for pragma in SQLITE_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("attune_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        if is_disk_full(context.original_exception, folder):
            raise DiskFull(str(context.original_exception)) from context.original_exception


def truncate_wal(engine: Engine, wait: float) -> bool:
    """Fold the write-ahead log into the database and truncate the -wal file to nothing, so no
    copy of words just sealed or erased lingers in it. `wal_checkpoint(TRUNCATE)` cannot while
    another connection reads an older snapshot: it answers busy (and leaves the log whole), so
    it is retried, a short busy wait at a time, until the readers are done or `wait` seconds
    have passed. True only when SQLite says the log was truncated (busy 0, log 0) and the -wal
    file on disk is empty; False when a reader outlasted the wait."""
    if not is_sqlite(engine):
        return True
    path = engine.url.database
    wal = Path(path + "-wal") if path and path != ":memory:" else None
    deadline = time.monotonic() + wait
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA busy_timeout=100")  # each try waits a little, the loop the rest
        try:
            while True:
                busy, log, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if busy == 0 and log in (0, -1) and (wal is None or _empty(wal)):
                    return True
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.05)
        finally:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.close()
    finally:
        raw.close()


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


class Sessions:
    """Session factories for one journal: `reading(viewer)` for queries, `writing(viewer)` for one
    unit of work that commits. Each session knows its journal and its viewer's member
    (`session.info`), which `storage.visibility.scope_to_journal` turns into the journal wall:
    every ORM statement limited to the journal and, on PostgreSQL, both set for the transaction
    (SET LOCAL) for row-level security. A session opened without a viewer is nobody's."""

    def __init__(self, engine: Engine, journal_id: int = 1) -> None:
        self.engine = engine
        self.journal_id = journal_id
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(attune_write=True), expire_on_commit=False
        )
        scope_to_journal(self._read)
        scope_to_journal(self._write)
        # Units of work ended (committed or not): a reader that keeps the revision for a while
        # (a page's run, components.services.revision) reads it again when this moves.
        self.writes = 0

    def _info(self, viewer: Viewer | None) -> dict[str, int | None]:
        member = viewer.member_id if viewer is not None else None
        return {"journal_id": self.journal_id, "member_id": member}

    @contextmanager
    def reading(self, viewer: Viewer | None = None) -> Iterator[Session]:
        with self._read(info=self._info(viewer)) as session, session.begin():
            yield session

    @contextmanager
    def writing(self, viewer: Viewer | None = None) -> Iterator[Session]:
        """Commits when the block ends without an exception; the save is confirmed only then."""
        try:
            with self._write(info=self._info(viewer)) as session, session.begin():
                yield session
        finally:
            self.writes += 1


def backup_sqlite(source: Path, dest_dir: Path, label: str) -> Path:
    """Copy a live SQLite database with the online backup API (consistent even while in use)."""
    private_dir(dest_dir, tighten=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dest = dest_dir / f"attune-{stamp}-{label}.db"
    return backup_sqlite_to(source, dest)


def backup_sqlite_to(source: Path, dest: Path) -> Path:
    src = sqlite3.connect(source)
    try:
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        create_private(tmp)  # a backup holds the words too: 0600 (SQLite keeps the mode)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
                ok = out.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                out.close()
            if ok != "ok":
                raise RuntimeError("the backup copy failed its integrity check")
            tmp.replace(dest)
        finally:
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
    finally:
        src.close()
    return dest
