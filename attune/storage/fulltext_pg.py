"""PostgreSQL's full-text match (migration 0013's `entries.body_tsv`, not in the models since
SQLite has no such column): `websearch_to_tsquery` for the words, the last word as a prefix.

Two ways to use it: `ts_match`, the condition itself (which row-level security makes a filter
after the policies' checks: `@@` is not LEAKPROOF), and `text_hits`, migration 0020's
`attune_text_hits`, which reads the GIN index for the transaction's journal and its member's
readable entries and returns their ids (to be read again through the visibility rule). Since
migration 0022 that index holds each journal's words apart ("<journal>.<word>"), so a common
word or a prefix reads the one journal's postings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select

from attune.domain.text import TsQuery

TSV: ColumnElement[Any] = literal_column("entries.body_tsv")
SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")


def tsquery(q: TsQuery) -> ColumnElement[Any]:
    """websearch_to_tsquery for the words, to_tsquery for the last one as a prefix: user text
    only ever reaches websearch (which parses anything) or is letters and digits only."""
    words = func.websearch_to_tsquery(SIMPLE, q.words) if q.words else None
    prefix = func.to_tsquery(SIMPLE, q.prefix + ":*") if q.prefix else None
    if words is None or prefix is None:
        found = words if words is not None else prefix
        assert found is not None  # ts_query gives words, a prefix or both
        return found
    return words.op("||" if q.either else "&&")(prefix)


def ts_match(q: TsQuery) -> ColumnElement[bool]:
    return TSV.bool_op("@@")(tsquery(q))


def text_hits(q: TsQuery, cap: int, trashed: bool = False) -> Select[Any]:
    """The ids (at most `cap`, in no order) of the entries out of the trash (or, with
    `trashed`, in it) that match `q` among those the transaction's member may read in its
    journal, found through the GIN index by migration 0020's SECURITY DEFINER function (0022's
    index of each journal's words).
    Candidates only: callers still read them through their own rule."""
    return select(func.attune_text_hits(tsquery(q), cap, trashed).column_valued("hit"))
