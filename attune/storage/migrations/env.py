"""Alembic environment: the engine comes from Attune's settings (or the caller), never a .ini URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from attune.config import load_settings
from attune.storage.engine import make_engine
from attune.storage.migrate import include_object
from attune.storage.models import Base


def run_migrations_online() -> None:
    engine: Engine | None = context.config.attributes.get("engine")
    if engine is None:
        engine = make_engine(load_settings().database_url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=engine.dialect.name == "sqlite",
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
