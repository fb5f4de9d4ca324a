"""Alembic environment: the engine comes from Attune's settings (or the caller), never a .ini URL.

On SQLite the whole upgrade is ONE transaction (transactional DDL), begun IMMEDIATE, so a kill
mid-migration leaves the old database or the new one, never something in between. Foreign keys are
switched off around it (on the raw connection, before the transaction: SQLite ignores the pragma
inside one) because batch mode rebuilds tables by copy-drop-rename, and dropping a parent table
with foreign keys on would cascade-delete its children. `foreign_key_check` must come back empty
before the commit."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from attune.config import load_settings
from attune.storage.engine import make_engine
from attune.storage.migrate import include_object
from attune.storage.models import Base


class BrokenReferences(RuntimeError):
    pass


def run_migrations_online() -> None:
    engine: Engine | None = context.config.attributes.get("engine")
    if engine is None:
        engine = make_engine(load_settings().database_url)
    sqlite = engine.dialect.name == "sqlite"
    with engine.execution_options(attune_write=True).connect() as connection:
        raw = connection.connection.dbapi_connection
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,
                include_object=include_object,
                compare_type=True,
                transactional_ddl=True,
                transaction_per_migration=False,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                    raise BrokenReferences("the migration would leave broken references")
            connection.commit()
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


run_migrations_online()
