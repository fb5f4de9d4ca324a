"""A damaged database is detected at start, and a backup can be restored (app and CLI).

Restoring never destroys anything: the current file (damaged or not) is first moved aside as
`attune.db.before-restore-<time>`, then the backup is copied in with SQLite's backup API and
checked."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from attune.config import Settings
from attune.storage.engine import backup_sqlite_to


class CorruptDatabase(RuntimeError):
    """The database file fails SQLite's integrity check (or is not a database at all)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"The journal database at {path} is damaged ({detail}).")
        self.path = path
        self.detail = detail


class RestoreError(ValueError):
    pass


def check_database(path: Path) -> None:
    """Raise CorruptDatabase unless `path` is missing, empty, or passes `PRAGMA quick_check`."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(path, str(exc)) from exc
    if result != "ok":
        raise CorruptDatabase(path, str(result)[:200])


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


def restore(settings: Settings, source: Path) -> Path | None:
    """Replace the database with `source`. Returns where the previous file was kept (if any)."""
    target = settings.sqlite_path
    if target is None:
        raise RestoreError("Restore works for SQLite databases only.")
    _valid_backup(source)
    kept = None
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        shutil.move(target, kept)
        for suffix in ("-wal", "-shm"):
            side = target.with_name(target.name + suffix)
            if side.exists():
                shutil.move(side, kept.with_name(kept.name + suffix))
    target.parent.mkdir(parents=True, exist_ok=True)
    backup_sqlite_to(source, target)
    check_database(target)
    return kept
