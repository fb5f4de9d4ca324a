"""Reads for Trends, Today and the command line: the column lists behind the insights
DataFrame (`frame_rows`), counts of words in use, and summary stats. Each goes through the
visibility rule and leaves the trash out; plain Core rows, no ORM objects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, String, Table, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from attune.domain import entries as d

from . import models as m
from .arrays import any_of
from .entries import in_order
from .visibility import live, visible_to


def word_counts(
    session: Session,
    kind: str,
    *,
    viewer_id: int | None,
    before: date | None = None,
    since: date | None = None,
) -> list[tuple[str, int]]:
    """(tag or feeling word, how many visible live entries hold it), over the entries dated
    before ``before`` and/or from ``since`` on (local dates). Only entries the viewer may see
    count, so a private tag never reaches another member."""
    word: Any = m.Tag.name if kind == "tags" else m.EntryFeeling.word
    stmt = (
        select(word, func.count())
        .select_from(m.EntryTag if kind == "tags" else m.EntryFeeling)
        .join(m.Entry)
        .where(visible_to(viewer_id), live())
    )
    if kind == "tags":
        stmt = stmt.join(m.Tag).group_by(m.Tag.id)
    else:
        stmt = stmt.group_by(m.EntryFeeling.word)
    if before is not None:
        stmt = stmt.where(m.Entry.local_date < before.isoformat())
    if since is not None:
        stmt = stmt.where(m.Entry.local_date >= since.isoformat())
    return [(str(w), int(n)) for w, n in session.execute(stmt).all()]


def ranked_words(*counts: Iterable[tuple[str, int]]) -> list[str]:
    """Words of one or more `word_counts`, added up: most used first, then alphabetically."""
    total: dict[str, int] = {}
    for part in counts:
        for w, n in part:
            total[w] = total.get(w, 0) + n
    return sorted(total, key=lambda w: (-total[w], w.casefold(), w))


def stats(session: Session, *, viewer_id: int | None) -> d.Stats:
    conds = (visible_to(viewer_id), live())
    total, first, last, mean = session.execute(
        select(
            func.count(m.Entry.id),
            func.min(m.Entry.local_date),
            func.max(m.Entry.local_date),
            func.avg(m.Entry.valence),
        ).where(*conds)
    ).one()
    per_member = dict(
        session.execute(  # name -> visible count
            select(m.Member.name, func.count(m.Entry.id))
            .join(m.Entry)
            .where(*conds)
            .group_by(m.Member.id)
            .order_by(m.Member.id)
        ).all()
    )
    return d.Stats(
        entries=int(total or 0),
        members={str(k): int(v) for k, v in per_member.items()},
        first=date.fromisoformat(first) if first else None,
        last=date.fromisoformat(last) if last else None,
        mean_valence=round(float(mean), 2) if mean is not None else None,
    )


def frame_rows(
    session: Session,
    *,
    viewer_id: int | None,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
    month_days: Sequence[str] = (),
) -> dict[str, list[Any]]:
    """Column lists for the insights DataFrame, through the visibility rule, in three queries.

    Optional narrowing (all on the entry's local date): ``start``/``end`` inclusive, one
    ``member_id``, and ``month_days`` ("MM-DD") for anniversaries. ``occurred_at`` comes back as
    stored (naive UTC) with ``utc_offset_min`` beside it, so the caller localises in bulk.
    Plain Core rows (no ORM objects): 100,000 entries load in well under a second."""
    entries, people, links, tag_table, feelings = (
        cast(Table, model.__table__)
        for model in (m.Entry, m.Member, m.EntryTag, m.Tag, m.EntryFeeling)
    )
    e = entries.c
    conds: list[ColumnElement[bool]] = [visible_to(viewer_id, e), e.deleted_at.is_(None)]
    if month_days:  # exact days, already within start and end
        conds.append(e.local_date.in_(_dates_on(session, month_days, start, end)))
    else:
        if start is not None:
            conds.append(e.local_date >= start.isoformat())
        if end is not None:
            conds.append(e.local_date <= end.isoformat())
    if member_id is not None:
        conds.append(e.member_id == member_id)
    rows = session.execute(
        select(
            e.id,
            e.uid,
            e.member_id,
            people.c.name,
            type_coerce(e.occurred_at, String),  # as stored: no datetime object per row
            e.utc_offset_min,
            e.valence,
            e.energy,
            e.connection,
            e.prompt_id,
            e.reading_id,
        )
        .join_from(entries, people)
        .where(*conds)
        # A few anniversaries: found by their days' index entries, then sorted (unary + keeps
        # SQLite from walking every entry in time order instead).
        .order_by(
            literal_column("+entries.occurred_at")
            if month_days and session.get_bind().dialect.name == "sqlite"
            else e.occurred_at,
            e.id,
        )
    ).all()
    if session.get_bind().dialect.name == "postgresql":
        # By the ids just read (one array parameter): the planner, which cannot tell the
        # journal's share of the links under row-level security, otherwise starts from every
        # link of the journal's tags (1.2 s for two weeks of a 100,000-entry journal).
        listed = [r[0] for r in rows]
        tag_rows = select(links.c.entry_id, links.c.position, tag_table.c.name).join_from(
            links, tag_table
        )
        tag_rows = tag_rows.where(any_of(links.c.entry_id, listed))
        feel_rows = select(feelings.c.entry_id, feelings.c.position, feelings.c.word).where(
            any_of(feelings.c.entry_id, listed)
        )
    else:
        tag_rows = (
            select(links.c.entry_id, links.c.position, tag_table.c.name)
            .join_from(links, tag_table)
            .join(entries)
            .where(*conds)
        )
        feel_rows = (
            select(feelings.c.entry_id, feelings.c.position, feelings.c.word)
            .join_from(feelings, entries)
            .where(*conds)
        )
    tags = in_order(session.execute(tag_rows).all())
    feels = in_order(session.execute(feel_rows).all())
    cols = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(11)]
    ids, uid, member, name, occurred, offset, valence, energy, connection, prompt, reading = cols
    return {
        "uid": uid,
        "member_id": member,
        "member": name,
        "occurred_at": occurred,
        "utc_offset_min": offset,
        "valence": valence,
        "energy": energy,
        "connection": connection,
        "tags": [tags.get(i, []) for i in ids],
        "feelings": [feels.get(i, []) for i in ids],
        "prompt_id": prompt,
        "reading_id": reading,
    }


def _dates_on(
    session: Session, month_days: Sequence[str], start: date | None, end: date | None
) -> list[str]:
    """Every "YYYY-MM-DD" with one of the ``month_days`` ("MM-DD") from ``start`` (or the first
    year with an entry) to ``end`` (or the end of next year): a list of exact days reads a few index
    entries, where a test on each entry's month and day read all of them (and every tag and
    feeling link). Impossible days ("1939-02-29") simply match nothing."""
    first = start.year if start else None
    if first is None:
        oldest = session.scalar(select(func.min(m.Entry.local_date)))
        first = int(str(oldest)[:4]) if oldest else (end or datetime.now(UTC).date()).year
    last = end.year if end else datetime.now(UTC).year + 1
    days = [f"{y:04d}-{md}" for y in range(first, last + 1) for md in month_days]
    low, high = (start.isoformat() if start else ""), (end.isoformat() if end else "9999")
    return [day for day in days if low <= day <= high]
