"""Members: the people on this install. A name must be easy to tell apart from every other
member's, archived ones included (attune.domain.names)."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from attune.domain import entries as d
from attune.domain.names import TAKEN, clean_name

from . import models as m

PALETTE = ("#4f7a6d", "#b0664a", "#5b6aa8", "#a35a8c", "#8a7a2f", "#3f8aa0", "#7d5ba6", "#6b6b6b")


def members_query() -> Select[m.Member]:
    """The members on the journal now (an archived one is not: storage.departures), by id."""
    return select(m.Member).where(m.Member.archived_at.is_(None)).order_by(m.Member.id)


def list_members(session: Session) -> list[d.Member]:
    rows = session.scalars(members_query()).all()
    return [d.Member(id=r.id, name=r.name, colour=r.colour) for r in rows]


def _others(session: Session, member_id: int | None) -> list[str]:
    query = select(m.Member.name)
    if member_id is not None:
        query = query.where(m.Member.id != member_id)
    return list(session.scalars(query))


def add_member(session: Session, *, name: str, colour: str | None = None) -> d.Member:
    name = clean_name(name, _others(session, None))
    if session.scalar(select(m.Member.id).where(m.Member.name_key == name.casefold())):
        raise d.EntryError(TAKEN)
    count = session.scalar(select(func.count(m.Member.id))) or 0
    row = m.Member(name=name, name_key=name.casefold(), colour=colour or PALETTE[count % 8])
    session.add(row)
    session.flush()
    return d.Member(id=row.id, name=row.name, colour=row.colour)


def rename_member(session: Session, *, member_id: int, name: str) -> d.Member:
    row = session.get(m.Member, member_id)
    if row is None:
        raise d.NotFoundError("No such member.")
    name = clean_name(name, _others(session, member_id))
    clash = session.scalar(
        select(m.Member.id).where(m.Member.name_key == name.casefold(), m.Member.id != member_id)
    )
    if clash:
        raise d.EntryError(TAKEN)
    row.name, row.name_key = name, name.casefold()
    return d.Member(id=row.id, name=row.name, colour=row.colour)
