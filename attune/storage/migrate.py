"""Alembic, driven from code: upgrade to head on start, after an online backup.

A database already at head is recognised without loading Alembic (a third of a second): the
head is read from the migration files' `revision` / `down_revision` lines, the database's from
its `alembic_version` row. Anything unexpected there falls back to Alembic itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from .engine import backup_sqlite, is_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*(None|"([^"]+)")\s*$', re.MULTILINE)


# The models' entry indexes that PostgreSQL has only journal first (0014's `ixpg_…`, 0023).
PG_DROPPED = frozenset(
    {
        "ix_entries_visibility_deleted_occurred",
        "ix_entries_visibility_deleted_local_date",
        "ix_entries_live_occurred",
        "ix_entries_local_date",
    }
)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave to the migrations that made them what the models do not describe: SQLite's FTS5
    virtual table and its shadow tables, and PostgreSQL's generated search vector on entries
    (migration 0013) with its GIN index, and 0014's journal-first indexes (`ixpg_…`) and journal
    foreign keys, which PostgreSQL has and a SQLite file (one journal) does not need."""
    if name is None:
        return True
    if type_ == "index" and name.startswith("ixpg_"):
        return False
    if type_ == "index" and name in PG_DROPPED and not reflected and compare_to is None:
        return False  # a model's index PostgreSQL reads journal first instead (migration 0023)
    if type_ == "unique_constraint" and name == "uq_entries_uid":
        return False  # kept by a SQLite file, one journal (0017: dropping it rebuilds entries)
    if type_ == "foreign_key_constraint" and name.endswith("_journal_id_journals"):
        return False
    if type_ == "table" and (name.startswith("entry_fts") or name == "journal_days"):
        return False  # journal_days: PostgreSQL's day_changes per journal (migration 0020)
    if type_ == "column" and name == "body_tsv":
        return False
    # the search vector's GIN index: 0013's, and since 0022 the index of each journal's words
    return not (type_ == "index" and name in ("ix_entries_body_tsv", "ix_entries_journal_words"))


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_from_files(folder: Path = MIGRATIONS / "versions") -> str | None:
    """The one revision no migration file builds on, or None when the files do not say plainly
    (then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in folder.glob("*.py"):
        found = {k: v for k, _, v in _REVISION.findall(path.read_text(encoding="utf-8"))}
        if "revision" not in found or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def at_head(engine: Engine) -> bool:
    """Whether the database is known to be at head without loading Alembic."""
    head = head_from_files()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return False  # no table yet (a new database), or something Alembic should look at
    return [r[0] for r in rows] == [head]


def upgrade(
    engine: Engine, backup_dir: Path | None = None, db_path: Path | None = None
) -> Path | None:
    """Bring the schema to head. If a database with data exists and is behind, back it up first.

    Returns the backup's path when one was taken.
    """
    if at_head(engine):
        return None
    from alembic import command

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
