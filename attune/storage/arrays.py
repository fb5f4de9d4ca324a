"""PostgreSQL: a list of ids as one array parameter (`column = ANY(:ids)`), not one parameter per
id. Used where the ids were just read (or found by an index the app's role cannot read), so the
next query looks them up by key instead of the planner guessing — wrongly, under row-level
security — which side of a join to start from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Integer, any_, literal


def any_of(column: Any, ids: Iterable[int]) -> ColumnElement[bool]:
    return column == any_(literal(list(ids), ARRAY(Integer)))
