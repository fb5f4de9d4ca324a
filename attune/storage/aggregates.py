"""SQL aggregates behind the Trends page: GROUP BY in SQLite, so decades of entries become a few
thousand member-days and a few hundred counts before Python sees them.

Every query goes through the one visibility rule, `visibility.visible_to`, plus "not in the
trash" and the optional narrowing by local date (inclusive) and member. Sealed entries (a
protected member's private ones) have their scores and times in the clear, so they are in every
numeric aggregate; their words — tags and feeling words — are not in the database at all, so
the word aggregates here cover plain entries only and the service adds the words of opened
sealed entries in memory (`sealed_rows` gives what it needs to place them).

Returns plain column lists or tuples (no ORM objects); a local date comes back as its number of
days since 1970-01-01, which numpy turns into dates without parsing a string per row.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import numpy as np
from sqlalchemy import ColumnElement, Integer, Select, Table, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from . import models as m
from .visibility import visible_to

ENTRIES = cast(Table, m.Entry.__table__)
_E = ENTRIES.c


def _conds(
    viewer_id: int | None, start: date | None, end: date | None, member_id: int | None
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [visible_to(viewer_id, _E), _E.deleted_at.is_(None)]
    if start is not None:
        conds.append(_E.local_date >= start.isoformat())
    if end is not None:
        conds.append(_E.local_date <= end.isoformat())
    if member_id is not None:
        conds.append(_E.member_id == member_id)
    return conds


def _rows(session: Session, stmt: Select[Any]) -> list[tuple[Any, ...]]:
    """The statement's rows as plain tuples. On SQLite straight from the driver's cursor: tens of
    thousands of member-days arrive without a Row object each. Executed by the connection, whose
    engine keeps each statement's compiled form (compiling one here every time cost 2–3 ms a
    query; a Trends page runs a dozen)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return [tuple(r) for r in session.execute(stmt).all()]
    result = conn.execute(stmt)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


class _EpochDay(FunctionElement[int]):
    """A "YYYY-MM-DD" column as days since 1970-01-01 (an integer numpy turns into dates), in
    each database's own date arithmetic."""

    type = Integer()
    inherit_cache = True
    name = "epoch_day"


@compiles(_EpochDay)
def _epoch_day_sqlite(element: _EpochDay, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) - 2440587.5 AS INTEGER)"


@compiles(_EpochDay, "postgresql")
def _epoch_day_postgresql(element: _EpochDay, compiler: Any, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS date) - DATE '1970-01-01')"


def _epoch_day(col: Any) -> ColumnElement[int]:
    return _EpochDay(col)


DAILY_NAMES = ("member_id", "member", "day", "valence", "energy", "connection", "n")


def daily_means(
    session: Session,
    *,
    viewer_id: int | None,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
) -> dict[str, Any]:
    """Columns (numpy arrays, names a list) with one row per member and local day (``day`` in days since 1970-01-01): mean valence, energy and connection (NULL when no
    entry that day rated connection) and the number of entries ``n``; ordered by member, day.

    One query per member, so each walks the (member, deleted, local date) index in day order
    and groups without sorting (one query with the visibility rule's OR would sort them all)."""
    people = session.execute(select(m.Member.id, m.Member.name).order_by(m.Member.id)).all()
    cols: dict[str, list[Any]] = {k: [] for k in DAILY_NAMES}
    for person, name in people:
        if member_id is not None and person != member_id:
            continue
        found = _rows(
            session,
            select(
                _epoch_day(_E.local_date),
                func.avg(_E.valence),
                func.avg(_E.energy),
                func.avg(_E.connection),
                func.count(),
            )
            .where(*_conds(viewer_id, start, end, person))
            .group_by(_E.local_date)
            .order_by(_E.local_date),
        )
        values = np.array(found, dtype="float64").reshape(-1, 5)  # NULL connection -> NaN
        cols["member_id"].append(np.full(len(values), person, dtype="int64"))
        cols["member"] += [name] * len(values)
        for k, col in enumerate(("day", "valence", "energy", "connection", "n")):
            cols[col].append(values[:, k])
    return {
        k: (v if k == "member" else np.concatenate(v) if v else np.array([]))
        for k, v in cols.items()
    }


def mood_cells(
    session: Session,
    *,
    viewer_id: int | None,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
) -> list[tuple[int, int, int, int]]:
    """(valence, energy, time-of-day bucket, entries) for every combination that occurs; the
    bucket is the local time's 6-hour quarter of the day (0 = 0–5 h, 1 = 6–11 h, 2, 3)."""
    bucket = (_local_minute() // 360).label("bucket")
    rows = session.execute(
        select(_E.valence, _E.energy, bucket, func.count())
        .where(*_conds(viewer_id, start, end, member_id))
        .group_by(_E.valence, _E.energy, bucket)
    ).all()
    return [(int(v), int(e), int(b), int(n)) for v, e, b, n in rows]


def _local_minute() -> ColumnElement[int]:
    """Minute of the local day: the stored naive-UTC time ("YYYY-MM-DD HH:MM…") plus the offset."""
    return ((_UtcMinute(_E.occurred_at) + _E.utc_offset_min) % 1440 + 1440) % 1440


class _UtcMinute(FunctionElement[int]):
    """Minute of the UTC day of a stored time: SQLite reads it off the stored text
    ("YYYY-MM-DD HH:MM…"), PostgreSQL off its timestamp."""

    type = Integer()
    inherit_cache = True
    name = "utc_minute"


@compiles(_UtcMinute)
def _utc_minute_sqlite(element: _UtcMinute, compiler: Any, **kw: Any) -> str:
    col = compiler.process(element.clauses, **kw)
    return f"(CAST(substr({col}, 12, 2) AS INTEGER) * 60 + CAST(substr({col}, 15, 2) AS INTEGER))"


@compiles(_UtcMinute, "postgresql")
def _utc_minute_postgresql(element: _UtcMinute, compiler: Any, **kw: Any) -> str:
    col = compiler.process(element.clauses, **kw)
    return f"(CAST(EXTRACT(HOUR FROM {col}) AS INTEGER) * 60 + CAST(EXTRACT(MINUTE FROM {col}) AS INTEGER))"


def feeling_words(
    session: Session,
    *,
    viewer_id: int | None,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
) -> list[tuple[int, int, str, int]]:
    """(valence, energy, feeling word, entries naming it) over plain entries."""
    feelings = cast(Table, m.EntryFeeling.__table__)
    rows = session.execute(
        select(_E.valence, _E.energy, feelings.c.word, func.count())
        .join_from(feelings, ENTRIES)
        .where(*_conds(viewer_id, start, end, member_id))
        .group_by(_E.valence, _E.energy, feelings.c.word)
    ).all()
    return [(int(v), int(e), str(w), int(n)) for v, e, w, n in rows]


def tag_days(
    session: Session,
    *,
    viewer_id: int | None,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
) -> tuple[np.ndarray, dict[int, str]]:
    """Rows of (member_id, day since 1970-01-01, tag id) for every tag link of plain entries, and the
    names of those tag ids. Repeats when a tag is on several entries of a day (removing them in
    numpy is cheaper than SQLite sorting every link)."""
    links = cast(Table, m.EntryTag.__table__)
    rows = _rows(
        session,
        select(_E.member_id, _epoch_day(_E.local_date), links.c.tag_id)
        .join_from(ENTRIES, links, _E.id == links.c.entry_id)
        .where(*_conds(viewer_id, start, end, member_id)),
    )
    names = {int(i): str(n) for i, n in session.execute(select(m.Tag.id, m.Tag.name))}
    return np.array(rows, dtype="int64").reshape(-1, 3), names


def prompt_days(
    session: Session,
    *,
    viewer_id: int | None,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
) -> list[tuple[int, int, str]]:
    """Distinct (member_id, day since 1970-01-01, prompt id) of entries that answered a prompt."""
    rows = session.execute(
        select(_E.member_id, _epoch_day(_E.local_date), _E.prompt_id)
        .where(*_conds(viewer_id, start, end, member_id), _E.prompt_id.is_not(None))
        .distinct()
    ).all()
    return [(int(i), int(d), str(p)) for i, d, p in rows]


def sealed_rows(
    session: Session,
    *,
    viewer_id: int | None,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
) -> list[tuple[int, int, int, int, int]]:
    """(entry id, member_id, day since 1970-01-01, valence, energy) of the visible sealed entries
    in range: where the words of opened sealed entries belong in the word aggregates."""
    rows = session.execute(
        select(_E.id, _E.member_id, _epoch_day(_E.local_date), _E.valence, _E.energy).where(
            *_conds(viewer_id, start, end, member_id), _E.sealed.is_not(None)
        )
    ).all()
    return [(int(i), int(mm), int(d), int(v), int(e)) for i, mm, d, v, e in rows]
