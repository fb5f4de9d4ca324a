"""Finding entries: the filter (dates, scores, tags, feelings, words) through the visibility
rule, a page of the list newest first, and full-text search.

The full-text index is SQLite's FTS5 table `entry_fts`, or on PostgreSQL the generated
`entries.body_tsv` with its GIN index (migration 0013), matched with `@@` against a tsquery
built by `attune.domain.text.ts_query` (web-search syntax for the words, the last one as a
prefix, as on SQLite). A query without a letter or digit is a substring search on both.

A text search reads the full-text index one of two ways, by how many entries hold
the words. Few (a rare word): fetch those ids and look each entry up. Many (a common word): walk
the visible entries newest first down an index and stop after the page, and count by walking the
index's hits only as far as COUNT_CAP: "more than 1,000" answers as well as 19,031, in a fraction
of the time (at 100,000 entries, ~1 ms instead of ~16 ms). bm25 ranking was dropped for the same
reason: it scores every hit; a journal's hits read best newest first, like its list.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import timedelta, timezone
from typing import Any

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session

from attune.domain import entries as d
from attune.domain.text import TsQuery, plain_snippet, snippet
from attune.domain.viewer import Viewer

from . import models as m
from .arrays import any_of
from .entries import load_entries
from .filtering import (
    COUNT_CAP,
    DRIVE_HITS,
    NEWEST,
    Match,
    _filtered,
    hit_rows,
    index_count,
    index_hits,
    newest_walk,
    text_match,
)
from .fulltext_pg import text_hits


def _last_page(page: int, total: int, size: int) -> int:
    return max(1, min(page, max(1, -(-total // size))))


def _few_or_counted(
    session: Session,
    viewer_id: int | None,
    filt: d.EntryFilter,
    dialect: str,
    plain: Select[Any],
    sealed_ids: Collection[int],
    hits: int,
    page: int,
    page_size: int,
    counted: int | None = None,
) -> tuple[list[int] | None, int, bool, int]:
    """What both databases' searches share, given the index's `plain` hits and the viewer's
    sealed entries that matched in memory (never in the index, so added apart). Few hits: the
    page itself, (ids, total, False, page). Many: (None, total counted up to the cap, whether
    there are more, page) — the caller walks to the page its own way. `counted`: the capped
    count of `plain`, when the caller knows it already."""
    sealed = (
        _filtered(viewer_id, replace(filt, text="", tags=(), feelings=()), dialect).where(
            m.Entry.id.in_(list(sealed_ids))
        )
        if sealed_ids
        else None
    )
    if hits <= DRIVE_HITS:
        # Every match's id in order, once: its length is the total and the page is a slice of
        # it (a count and then the page read the matches twice: "argued", 918 of 100,000
        # entries on PostgreSQL, 20 ms).
        both = [q.add_columns(m.Entry.occurred_at) for q in (plain, sealed) if q is not None]
        found = union_all(*both).subquery()
        every = session.scalars(
            select(found.c.id).order_by(found.c.occurred_at.desc(), found.c.id.desc())
        ).all()
        page = _last_page(page, len(every), page_size)
        return list(every[(page - 1) * page_size : page * page_size]), len(every), False, page
    n_sealed = 0
    if sealed is not None:
        n_sealed = session.scalar(select(func.count()).select_from(sealed.subquery())) or 0
    cap = max(COUNT_CAP, (page + 1) * page_size)
    if counted is None:
        counted = (
            session.scalar(select(func.count()).select_from(plain.limit(cap + 1).subquery())) or 0
        )
    total = min(counted, cap) + n_sealed
    return None, total, counted > cap, _last_page(page, total, page_size)


def _matching_ids(
    session: Session,
    viewer_id: int | None,
    filt: d.EntryFilter,
    match: Match,
    sealed_ids: Collection[int],
    page: int,
    page_size: int,
) -> tuple[list[int], int, bool, int]:
    """(ids of the page newest first, total, whether there are more than total, page)."""
    if isinstance(match, TsQuery):
        return _matching_ids_pg(session, viewer_id, filt, match, sealed_ids, page, page_size)
    hits = session.scalar(index_count(match)) or 0
    plain = index_hits(viewer_id, filt, match)
    found, total, more, page = _few_or_counted(
        session, viewer_id, filt, "sqlite", plain, sealed_ids, hits, page, page_size
    )
    if found is not None:
        return found, total, more, page
    if filt.trashed:  # the trash is short: no walk needed
        walk = _filtered(viewer_id, filt, "sqlite", sealed_ids).order_by(*NEWEST)
    else:
        walk = newest_walk(viewer_id, filt, sealed_ids)
    ids = session.scalars(walk.limit(page_size).offset((page - 1) * page_size)).all()
    return list(ids), total, more, page


def _matching_ids_pg(
    session: Session,
    viewer_id: int | None,
    filt: d.EntryFilter,
    match: TsQuery,
    sealed_ids: Collection[int],
    page: int,
    page_size: int,
) -> tuple[list[int], int, bool, int]:
    """`_matching_ids` on PostgreSQL. The hits come from `attune_text_hits` (migration 0020),
    which reads the GIN index (the app's role cannot, under row-level security): up to the count
    cap, they are all there is, and the page is read by id through the visibility rule. Beyond
    it, the page is a walk down the time index newest first, testing the match on each entry
    until the page is full; the total is "more than the cap" (counted by the same walk when
    other conditions than the words narrow the hits)."""
    dialect = "postgresql"
    cap = max(COUNT_CAP, (page + 1) * page_size)
    candidates = session.scalars(text_hits(match, cap + 1, filt.trashed)).all()
    if not candidates and not sealed_ids:  # nothing matched: nothing to read by id
        return [], 0, False, 1
    if len(candidates) <= cap:  # read once, then looked up by id (an array: one parameter)
        plain = _filtered(viewer_id, filt, dialect, text=False).where(
            any_of(m.Entry.id, candidates)
        )
        few, total, _, page = _few_or_counted(
            session, viewer_id, filt, dialect, plain, sealed_ids, 0, page, page_size
        )
        return few or [], total, False, page
    words_only = filt == d.EntryFilter(text=filt.text)  # (the trash: only the own count)
    every = (_filtered(viewer_id, filt, dialect), sealed_ids, DRIVE_HITS + 1, page, page_size)
    counted = cap + 1 if words_only else None
    found, total, more, page = _few_or_counted(
        session, viewer_id, filt, dialect, *every, counted=counted
    )
    if found is not None:
        return found, total, more, page
    walk = _filtered(viewer_id, filt, dialect, sealed_ids).order_by(*NEWEST)
    ids = session.scalars(walk.limit(page_size).offset((page - 1) * page_size)).all()
    return list(ids), total, more, page


def list_entries(
    session: Session,
    *,
    viewer: Viewer,
    filt: d.EntryFilter,
    page: int = 1,
    page_size: int = 20,
    sealed_ids: Collection[int] = (),
    total: int | None = None,
) -> d.EntryPage:
    """One page of the entries the viewer may see that match `filt`, newest first (of `total`,
    when the caller knows how many match a filter without words: then they are not counted)."""
    viewer_id = viewer.member_id
    dialect = session.get_bind().dialect.name
    match = text_match(dialect, filt.text) if filt.text.strip() else None
    if match:
        ids, total, more, page = _matching_ids(
            session, viewer_id, filt, match, sealed_ids, page, page_size
        )
        if not ids:
            return d.EntryPage((), total, page, page_size, more)
        chosen = select(m.Entry.id).where(m.Entry.id.in_(ids))
        return d.EntryPage(
            tuple(load_entries(session, chosen, viewer)), total, page, page_size, more
        )
    query = _filtered(viewer_id, filt, dialect, sealed_ids)
    if total is None:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = _last_page(page, total, page_size)
    narrow = filt.text.strip() or filt.start or filt.end or filt.on_day or filt.tags
    if narrow or filt.feelings or filt.valence:  # SQLite starts from the selective index
        page_ids = (
            select(m.Entry.id)
            .where(m.Entry.id.in_(query))
            .order_by(*NEWEST)
            .limit(page_size)
            .offset((page - 1) * page_size)
        )
    else:
        page_ids = _page_ids(query, viewer_id, page, page_size)
    if page == 1 and total <= page_size:  # everything (an export): no page to cut out
        page_ids = query
    return d.EntryPage(tuple(load_entries(session, page_ids, viewer)), total, page, page_size)


def _page_ids(query: Select[Any], viewer_id: int | None, page: int, size: int) -> Select[Any]:
    """Ids of one page, newest first. The visibility rule's two arms (the viewer's own entries,
    others' shared ones) are read apart, each down an index in time order that stops after the
    page, then merged: no sort of every visible entry for the first pages of a long journal."""
    arms = (
        [query]
        if viewer_id is None
        else [
            query.where(m.Entry.member_id == viewer_id),
            query.where(
                m.Entry.member_id != viewer_id, m.Entry.visibility == d.Visibility.SHARED.value
            ),
        ]
    )
    parts = [
        arm.add_columns(m.Entry.occurred_at).order_by(*NEWEST).limit(page * size).subquery()
        for arm in arms
    ]
    merged = union_all(*(select(p.c.id, p.c.occurred_at) for p in parts)).subquery()
    return (
        select(merged.c.id)
        .order_by(merged.c.occurred_at.desc(), merged.c.id.desc())
        .limit(size)
        .offset((page - 1) * size)
    )


def search(
    session: Session,
    *,
    viewer_id: int | None,
    query: str,
    limit: int = 50,
) -> list[d.SearchHit]:
    """Full-text search through the visibility rule, newest first (like the Journal's list)."""
    if not query.strip():
        return []
    filt = d.EntryFilter(text=query)
    dialect = session.get_bind().dialect.name
    match = text_match(dialect, query)
    if match:
        ids, *_ = _matching_ids(session, viewer_id, filt, match, (), 1, limit)
    else:
        found = _filtered(viewer_id, filt, dialect)
        ids = list(
            session.scalars(
                select(m.Entry.id).where(m.Entry.id.in_(found)).order_by(*NEWEST).limit(limit)
            )
        )
    if not ids:
        return []
    stmt = hit_rows(any_of(m.Entry.id, ids) if dialect == "postgresql" else m.Entry.id.in_(ids))
    return [
        d.SearchHit(
            uid=uid,
            entry_id=eid,
            author=author,
            snippet=snippet(body, query) if match else plain_snippet(body, query.strip()),
            occurred_at=when.astimezone(timezone(timedelta(minutes=offset))),
        )
        for eid, uid, when, offset, author, body in session.execute(stmt).all()
    ]
