"""Tag names: the id of each, made when new (matched without case)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models as m


def tag_ids(session: Session, names: Sequence[str]) -> list[int]:
    """The ids of these tag names (matched without case), adding the new ones."""
    keys = {n.casefold(): n for n in names}
    found: dict[str, int] = dict(
        session.execute(select(m.Tag.name_key, m.Tag.id).where(m.Tag.name_key.in_(keys))).all()
    )
    for key, name in keys.items():
        if key not in found:
            tag = m.Tag(name=name, name_key=key)
            session.add(tag)
            session.flush()
            found[key] = tag.id
    return [found[n.casefold()] for n in names]
