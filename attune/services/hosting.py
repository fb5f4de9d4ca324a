"""A hosted install's upkeep, run by the operator with the owner's URL
(`ATTUNE_ADMIN_DATABASE_URL`, docs/hosting.md): bring the schema to head, add a journal."""

from __future__ import annotations

from attune.config import Settings
from attune.storage import journals
from attune.storage.engine import is_sqlite, make_engine
from attune.storage.migrate import current_revision, upgrade


def upgrade_database(settings: Settings) -> str | None:
    """Migrate to head with the owner's URL (else the app's); the revision reached."""
    engine = make_engine(settings.migration_url)
    try:
        upgrade(engine, settings.backup_dir, settings.sqlite_path)
        return current_revision(engine)
    finally:
        engine.dispose()


def add_journal(settings: Settings, name: str) -> int:
    """A new, empty journal (a household) in the database at head; its number, which the app
    serves with `ATTUNE_JOURNAL_ID`. PostgreSQL only: a SQLite file is one journal."""
    engine = make_engine(settings.migration_url)
    try:
        if is_sqlite(engine):
            raise ValueError("A SQLite file holds one journal; several need PostgreSQL.")
        upgrade(engine)
        with engine.begin() as conn:
            return journals.add_journal(conn, name)
    finally:
        engine.dispose()
