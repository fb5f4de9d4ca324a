"""Alembic, driven from code: upgrade to head on start, after an online backup."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from .engine import backup_sqlite, is_sqlite

MIGRATIONS = Path(__file__).parent / "migrations"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave the FTS5 virtual table and its shadow tables to the migrations that made them."""
    return not (type_ == "table" and name is not None and name.startswith("entry_fts"))


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(
    engine: Engine, backup_dir: Path | None = None, db_path: Path | None = None
) -> Path | None:
    """Bring the schema to head. If a database with data exists and is behind, back it up first.

    Returns the backup's path when one was taken.
    """
    current = current_revision(engine)
    head = head_revision(engine)
    if current == head:
        return None
    backup = None
    if (
        current is not None
        and is_sqlite(engine)
        and db_path is not None
        and db_path.exists()
        and backup_dir is not None
    ):
        backup = backup_sqlite(db_path, backup_dir, f"before-{head}")
    command.upgrade(alembic_config(engine), "head")
    return backup
