"""A damaged database is detected at start, and a backup can be restored (app and CLI).

Restoring never destroys anything: the current file (damaged or not) is first moved aside as
`attune.db.before-restore-<time>`, then the backup is copied in with SQLite's backup API and
checked.

Restoring never loses a confirmed save either: every open `Journal` (the app's server, a command)
holds a shared lock on `attune.db.lock` beside the database, and a restore needs that lock
exclusively — while anything else has the journal open it is refused ("Attune is running: stop it
first"), since the running app would go on writing to the file just moved aside."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from attune.config import Settings
from attune.domain.errors import BackupsAreOperators, DiskFull
from attune.private_files import private_dir

if sys.platform != "win32":
    import fcntl

IN_USE = (
    "Attune is running with this journal open (the app, or another command): stop it first, "
    "then restore. Nothing was changed."
)


class CorruptDatabase(RuntimeError):
    """The database file fails SQLite's integrity check (or is not a database at all)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"The journal database at {path} is damaged ({detail}).")
        self.path = path
        self.detail = detail


class RestoreError(ValueError):
    pass


def check_database(path: Path, *, thorough: bool = True) -> None:
    """Raise CorruptDatabase unless `path` is missing, empty, or passes `PRAGMA quick_check`.
    Not `thorough` (a command that only reads): the file is opened and its schema read, which
    finds a file that is not a database or a disk too full to open it, without reading every
    page (0.15 s at 100,000 entries).

    Only damage is called damage: a full disk raises DiskFull, and any other trouble opening the
    file (permissions, a lock) is raised as SQLite's own error, never with advice to restore."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if thorough:
                result = con.execute("PRAGMA quick_check").fetchone()[0]
            else:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
                result = "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        from attune.storage.engine import is_disk_full  # SQLAlchemy: only when a check fails

        if is_disk_full(exc, path.parent):
            raise DiskFull(str(exc)) from exc
        if _is_damage(exc):
            raise CorruptDatabase(path, str(exc)) from exc
        raise
    if result != "ok":
        raise CorruptDatabase(path, str(result)[:200])


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return not isinstance(exc, sqlite3.OperationalError)
    return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def list_backups(settings: Settings) -> list[Path]:
    folder = settings.backup_dir
    if not folder.exists():
        return []
    return sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True)


def _valid_backup(source: Path) -> None:
    if not source.is_file():
        raise RestoreError(f"No backup file at {source}.")
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{source.name} is not an Attune backup ({exc}).") from exc
    if ok != "ok":
        raise RestoreError(f"{source.name} is damaged too; choose another backup.")
    if not {"entries", "members", "alembic_version"} <= tables:
        raise RestoreError(f"{source.name} is not an Attune backup.")


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def hold_open(db: Path) -> BinaryIO | None:
    """Mark the journal at `db` as open by this `Journal` (a shared lock, released by closing the
    returned file — `Journal.close()` does — or by the process ending, however it ends)."""
    if sys.platform == "win32":
        return None
    private_dir(db.parent)
    handle = os.fdopen(os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o600), "r+b")
    try:
        fcntl.flock(handle, fcntl.LOCK_SH)  # waits only while a restore is under way
    except BaseException:
        handle.close()
        raise
    return handle


@contextmanager
def _nobody_else(db: Path) -> Iterator[None]:
    """Hold the journal's lock exclusively for the restore, or raise RestoreError(IN_USE)."""
    if sys.platform == "win32":
        yield
        return
    private_dir(db.parent)
    with os.fdopen(os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o600), "r+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RestoreError(IN_USE) from None
        yield


def backups_are_operators(settings: Settings) -> bool:
    """True when the journal is on PostgreSQL: its backups and restores are the operator's
    (pg_dump, pg_restore), and the app's own, which copy a SQLite file, do not apply."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(settings.database_url).get_backend_name() == "postgresql"
    except ArgumentError:
        return False


def restore(settings: Settings, source: Path) -> Path | None:
    """Replace the database with `source`. Returns where the previous file was kept (if any).
    Refused (RestoreError) while any other `Journal` — here or in another process — has it open;
    on PostgreSQL, BackupsAreOperators (the operator restores with pg_restore)."""
    if backups_are_operators(settings):
        raise BackupsAreOperators
    target = settings.sqlite_path
    if target is None:
        raise RestoreError("Restore works for SQLite databases only.")
    _valid_backup(source)
    with _nobody_else(target):
        return _replace(target, source)


def _replace(target: Path, source: Path) -> Path | None:
    from attune.storage.engine import backup_sqlite_to

    kept = None
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        shutil.move(target, kept)
        for suffix in ("-wal", "-shm"):
            side = target.with_name(target.name + suffix)
            if side.exists():
                shutil.move(side, kept.with_name(kept.name + suffix))
    private_dir(target.parent)
    backup_sqlite_to(source, target)
    check_database(target)
    return kept
