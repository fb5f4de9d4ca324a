"""Jump to a date in the Journal: which page of the list (newest first) holds a given day.

Two indexed steps, however long the journal. The anchor — the newest matching entry on or
before the day — is found by seeking down the time index from just past that day (a stored
`local_date` is the entry's own local day, and no offset is more than 14 hours from UTC, so
every entry of the day lies before that bound); then the entries newer than the anchor are
counted along the same index. The list's page size turns that count into a page.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from attune.domain import entries as d

from . import models as m
from .filtering import NEWEST, _filtered

MAX_OFFSET = timedelta(hours=14)  # the furthest a local clock runs ahead of UTC (UTC+14)


def page_of_day(
    session: Session,
    *,
    viewer_id: int | None,
    filt: d.EntryFilter,
    day: date,
    page_size: int,
    sealed_ids: Collection[int] = (),
) -> tuple[int, bool]:
    """(the page holding the newest entry matching `filt` on or before `day`, whether there is
    one). Without one — the day is before every match — the last page, False."""
    dialect = session.get_bind().dialect.name
    matching = _filtered(viewer_id, filt, dialect, sealed_ids)
    bound = datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC) + MAX_OFFSET
    anchors = [
        session.execute(
            arm.add_columns(m.Entry.occurred_at)
            .where(m.Entry.occurred_at < bound, m.Entry.local_date <= day.isoformat())
            .order_by(*NEWEST)
            .limit(1)
        ).first()
        for arm in _arms(matching, viewer_id)
    ]
    found = [(a[1], a[0]) for a in anchors if a is not None]
    if not found:
        total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
        return max(1, -(-total // page_size)), False
    anchor_at, anchor_id = max(found, key=lambda f: (_utc(f[0]), f[1]))
    before = 0
    for arm in _arms(matching, viewer_id):
        newer = arm.where(
            m.Entry.occurred_at >= anchor_at,  # the range the index seeks; the OR only filters
            or_(
                m.Entry.occurred_at > anchor_at,
                and_(m.Entry.occurred_at == anchor_at, m.Entry.id > anchor_id),
            ),
        )
        before += session.scalar(select(func.count()).select_from(newer.subquery())) or 0
    return before // page_size + 1, True


def _arms(query: Select[Any], viewer_id: int | None) -> list[Select[Any]]:
    """The visibility rule's two arms read apart (the viewer's own entries, others' shared
    ones), so each walks its own time index instead of an OR over two."""
    if viewer_id is None:
        return [query]
    return [
        query.where(m.Entry.member_id == viewer_id),
        query.where(
            m.Entry.member_id != viewer_id, m.Entry.visibility == d.Visibility.SHARED.value
        ),
    ]


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at
