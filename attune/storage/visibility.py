"""The visibility rule, in SQL: the one place that says which rows a viewer may read.

It is the SQL form of `domain.visibility.can_see`; every read of entries (lists, counts, search
hits, frames, aggregates, exports) and of assessments and appreciations goes through it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_

from attune.domain.entries import Visibility

from . import models as m


def visible_to(viewer_id: int | None, model: Any = m.Entry) -> ColumnElement[bool]:
    """Rows the viewer may see: their own, and everyone's shared ones (see domain.visibility).

    The same rule serves every table with `member_id` and `visibility` (entries, assessments,
    appreciations), or a subquery's columns holding them."""
    shared: ColumnElement[bool] = model.visibility == Visibility.SHARED.value
    if viewer_id is None:
        return shared
    return or_(model.member_id == viewer_id, shared)


def live(trashed: bool = False, model: Any = m.Entry) -> ColumnElement[bool]:
    """Entries out of the trash (or, with ``trashed``, in it)."""
    return model.deleted_at.is_not(None) if trashed else model.deleted_at.is_(None)
