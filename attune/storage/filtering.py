"""The filter every list and search of entries goes through (dates, scores, tags, feelings,
words, through the one visibility rule), and the shapes of a SQLite text search built on it — the
index's hits, the walk down the newest entries, the rows a hit shows — shared by
`storage.search` and the command line's prepared statements (`storage.prepared`), so both read a
search the same way."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
)

from attune.domain import entries as d
from attune.domain.text import TsQuery, fts_query, ts_query

from . import models as m
from .fulltext_pg import ts_match as _ts_match
from .visibility import live, visible_to

# The FTS5 table made by the baseline migration (not a mapped model: it is an index, not data).
FTS = table("entry_fts", column("rowid", Integer), column("body"))

DRIVE_HITS = 2_000
COUNT_CAP = 1_000
FILTERED_COLUMNS = (  # what _filtered reads of an entry on SQLite (the text through the id)
    "id",
    "journal_id",
    "member_id",
    "visibility",
    "deleted_at",
    "local_date",
    "valence",
    "occurred_at",
)
NEWEST = (m.Entry.occurred_at.desc(), m.Entry.id.desc())


Match = str | TsQuery  # an FTS5 MATCH expression (SQLite) or a tsquery's parts (PostgreSQL)


def _fts_match(expr: str) -> ColumnElement[bool]:
    return literal_column("entry_fts").op("MATCH")(expr)


def text_match(dialect: str, query: str) -> Match | None:
    """The full-text query for `query` on this database, or None for a substring search (no
    searchable word, or a database without a full-text index)."""
    if dialect == "sqlite":
        return fts_query(query)
    if dialect == "postgresql":
        return ts_query(query)
    return None


def _match_condition(match: Match, model: Any = m.Entry) -> ColumnElement[bool]:
    if isinstance(match, TsQuery):
        return _ts_match(match)
    return model.id.in_(select(FTS.c.rowid).where(_fts_match(match)))


def _substring(model: Any, dialect: str, needle: str) -> ColumnElement[bool]:
    if "\x00" in needle and dialect != "sqlite":
        return false()  # PostgreSQL text holds no NUL: no body contains one
    return model.body.contains(needle, autoescape=True)


def _filtered(
    viewer_id: int | None,
    filt: d.EntryFilter,
    dialect: str,
    sealed_ids: Collection[int] = (),
    text: bool = True,
    model: Any = m.Entry,
) -> Select[Any]:
    """The ids that match `filt`. Words (text, tags, feelings) of sealed entries are not in the
    database; `sealed_ids` are the viewer's sealed entries that matched them in memory.
    `text=False` leaves the text out (the caller joins the full-text index itself). `model` is
    the entries table, or a subquery's columns holding those the filter reads."""
    conds: list[ColumnElement[bool]] = [visible_to(viewer_id, model), live(filt.trashed, model)]
    words: list[ColumnElement[bool]] = []
    if filt.trashed:
        conds.append(model.member_id == (viewer_id if viewer_id is not None else -1))
    if filt.start:
        conds.append(model.local_date >= filt.start.isoformat())
    if filt.end:
        conds.append(model.local_date <= filt.end.isoformat())
    if filt.on_day:
        conds.append(model.local_date == filt.on_day.isoformat())
    if filt.valence:
        conds.append(model.valence.in_(filt.valence))
    if filt.visibility is not None:
        conds.append(model.visibility == filt.visibility.value)
    for tag in filt.tags:
        words.append(
            model.id.in_(
                select(m.EntryTag.entry_id).join(m.Tag).where(m.Tag.name_key == tag.casefold())
            )
        )
    for word in filt.feelings:
        words.append(
            model.id.in_(select(m.EntryFeeling.entry_id).where(m.EntryFeeling.word == word.lower()))
        )
    if filt.text.strip() and text:
        match = text_match(dialect, filt.text)
        if match:
            words.append(_match_condition(match, model))
        else:
            words.append(_substring(model, dialect, filt.text.strip()))
    if words:
        plain = and_(*words)
        conds.append(or_(plain, model.id.in_(list(sealed_ids))) if sealed_ids else plain)
    return select(model.id).where(and_(*conds))


def index_count(match: str) -> Select[Any]:
    """How many entries the SQLite index holds with the words, whoever may see them (which of
    the two ways to read a search)."""
    return select(func.count()).select_from(FTS).where(_fts_match(match))


def index_hits(viewer_id: int | None, filt: d.EntryFilter, match: str) -> Select[Any]:
    """The visible entries among the SQLite index's hits, each looked up once (SQLite starts
    from the MATCH). For nobody (the command line without --member: shared entries only),
    SQLite would start from the visibility index instead and run the MATCH once per shared
    entry (5 s at 100,000): the hits are read once as a list there (30 ms)."""
    where: list[ColumnElement[bool]]
    if viewer_id is None:
        where = [m.Entry.id.in_(select(FTS.c.rowid).where(_fts_match(match)))]
    else:
        where = [m.Entry.id == FTS.c.rowid, _fts_match(match)]
    return _filtered(viewer_id, filt, "sqlite", text=False).where(*where)


def newest_walk(
    viewer_id: int | None, filt: d.EntryFilter, sealed_ids: Collection[int] = ()
) -> Select[Any]:
    """Every live entry newest first, straight down ix_entries_live_occurred, each kept if it
    is a visible hit, until the page (the caller's LIMIT) is full. LIMIT -1 OFFSET 0 keeps
    SQLite from flattening the walk into the filter, whose OR would pick another index and sort
    every hit; the filter reads the walk's columns, so the walk runs as a co-routine (no copy)."""
    newest = (
        select(*(getattr(m.Entry, c) for c in FILTERED_COLUMNS))
        .where(m.Entry.deleted_at.is_(None))
        .order_by(*NEWEST)
        .limit(-1)
        .offset(0)
        .subquery("newest")
    )
    return _filtered(viewer_id, filt, "sqlite", sealed_ids, model=newest.c)


def hit_rows(ids: ColumnElement[bool]) -> Select[int, str, datetime, int, str, str]:
    """What a search hit shows of the entries `ids` selects, newest first: (id, uid,
    occurred_at, utc_offset_min, author, body)."""
    return (
        select(
            m.Entry.id,
            m.Entry.uid,
            m.Entry.occurred_at,
            m.Entry.utc_offset_min,
            m.Member.name,
            m.Entry.body,
        )
        .join(m.Member)
        .where(ids)
        .order_by(*NEWEST)
    )
