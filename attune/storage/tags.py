"""Tag names: the id of each, made when new (matched without case)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from . import models as m


def tag_ids(session: Session, names: Sequence[str]) -> list[int]:
    """The ids of these tag names (matched without case), adding the new ones.

    SQLite's writers queue (BEGIN IMMEDIATE), so a name not found is not being added by anyone
    else. On PostgreSQL two writers may add the same new tag at once: the new names go in with
    ON CONFLICT DO NOTHING (which waits for the other's commit), in name order so that two
    writers never wait for each other, and are then read back."""
    keys = {n.casefold(): n for n in names}
    found: dict[str, int] = dict(
        session.execute(select(m.Tag.name_key, m.Tag.id).where(m.Tag.name_key.in_(keys))).all()
    )
    missing = sorted(k for k in keys if k not in found)
    if missing and session.get_bind().dialect.name == "postgresql":
        session.execute(
            pg_insert(m.Tag)
            .values([{"name": keys[k], "name_key": k} for k in missing])
            .on_conflict_do_nothing()
        )
        found.update(
            session.execute(
                select(m.Tag.name_key, m.Tag.id).where(m.Tag.name_key.in_(missing))
            ).all()
        )
    else:
        for key in missing:
            tag = m.Tag(name=keys[key], name_key=key)
            session.add(tag)
            session.flush()
            found[key] = tag.id
    return [found[n.casefold()] for n in names]
