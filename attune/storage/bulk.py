"""Bulk inserts of many entries (imports, demo data): one executemany per table, and the work
of the per-row insert triggers done in one statement each.

On SQLite the full-text index and `day_changes` are kept by per-row insert triggers; for 100,000
rows they cost ten times what one statement over the new rows does. The triggers (migration
0009) skip their work while the `bulk_load` flag row for entries exists; `_flagged` inserts that
row and deletes it again in the caller's transaction, so no other connection ever sees it and the
schema stays exactly as the migrations made it.

On PostgreSQL there are no such triggers (the search vector is a generated column, migration
0013): each table's rows go in as one `INSERT … SELECT FROM unnest(…)` per ROWS_PER_INSERT_PG
rows, one array per column, and the entries' new ids come back with them (RETURNING). Not
COPY: PostgreSQL refuses COPY FROM into a table with row-level security.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, TypeDecorator, delete, func, insert, select, text
from sqlalchemy.orm import Session

from attune.domain import entries as d
from attune.domain.viewer import Viewer

from . import models as m
from .entries import author_of, entry_columns
from .revision import bump_revision
from .sealing import seal_words, sealing_key
from .tags import tag_ids

ROWS_PER_INSERT = 2_000  # rows per INSERT statement on SQLite (see _insert_many)
ROWS_PER_INSERT_PG = 5_000  # rows per INSERT … unnest statement on PostgreSQL
SQLITE_MAX_PARAMS = 32_766  # SQLite's limit on parameters per statement (since 3.32)
FLAG = "entries"  # the bulk_load row the entries insert triggers look for (migration 0009)

# What the two guarded triggers do per row, for every row above the id ":b" at once.
_INDEX_NEW = "INSERT INTO entry_fts(rowid, body) SELECT id, body FROM entries WHERE id > :b"
_STAMP_NEW_DAYS = (
    "INSERT INTO day_changes (local_date, revision) "
    "SELECT DISTINCT local_date, (SELECT value FROM revision WHERE id = 1) FROM entries "
    "WHERE id > :b "
    "ON CONFLICT (local_date) DO UPDATE SET revision = excluded.revision "
    "WHERE day_changes.revision IS NOT excluded.revision"
)


def add_entries_bulk(
    session: Session,
    *,
    viewer: Viewer,
    drafts: Iterable[tuple[str, d.EntryDraft]],
    import_batch_id: int | None = None,
    validated: bool = False,
) -> int:
    """Insert many (uid, draft) pairs fast (demo data, imports). Returns how many were added.
    `import_batch_id` marks them as one import (see storage.import_repo); `validated` says the
    drafts are already `clean()` (an import preview is), which saves a second pass."""
    member_id = author_of(viewer)
    now = datetime.now(UTC)
    rows, links = [], []
    keys = {v: sealing_key(session, viewer, member_id, v) for v in d.Visibility}
    for uid, draft in drafts:
        clean = draft if validated else draft.clean()
        cols = entry_columns(clean)
        cols["sealed"] = None  # every row has the same keys: one import may mix sealed and not
        if (key := keys[clean.visibility]) is not None:
            cols["sealed"] = seal_words(key, uid, clean)
            cols["body"] = ""
            clean = d.EntryDraft(
                occurred_at=clean.occurred_at,
                valence=clean.valence,
                energy=clean.energy,
                visibility=clean.visibility,
            )
        rows.append(
            {
                "uid": uid,
                "member_id": member_id,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "import_batch_id": import_batch_id,
                **cols,
            }
        )
        links.append(clean)
    if not rows:
        return 0
    # One executemany on the table (an ORM insert with ordered RETURNING runs one statement per
    # row on SQLite), then the new ids looked up by uid.
    uids = [r["uid"] for r in rows]
    by_uid: dict[str, int] = {}
    if session.get_bind().dialect.name == "sqlite":
        before = session.scalar(select(func.max(m.Entry.id))) or 0
        with triggers_aside(session, before):
            _insert_many(session, m.Entry, rows)
        by_uid.update(
            session.execute(select(m.Entry.uid, m.Entry.id).where(m.Entry.id > before)).all()
        )
    elif session.get_bind().dialect.name == "postgresql":
        by_uid.update(_insert_unnest(session, m.Entry, rows, returning=("uid", "id")))
    else:
        _insert_many(session, m.Entry, rows)
        for start in range(0, len(uids), 500):
            part = uids[start : start + 500]
            by_uid.update(
                session.execute(select(m.Entry.uid, m.Entry.id).where(m.Entry.uid.in_(part))).all()
            )
    ids = [by_uid[uid] for uid in uids]
    all_tags = sorted({t for c in links for t in c.tags}, key=str.casefold)
    tag_id = dict(zip((t.casefold() for t in all_tags), tag_ids(session, all_tags), strict=True))
    tag_rows = [
        {"entry_id": eid, "tag_id": tag_id[t.casefold()], "position": i}
        for eid, c in zip(ids, links, strict=True)
        for i, t in enumerate(c.tags)
    ]
    feel_rows = [
        {"entry_id": eid, "word": w, "position": i}
        for eid, c in zip(ids, links, strict=True)
        for i, w in enumerate(c.feelings)
    ]
    if tag_rows:
        _insert_many(session, m.EntryTag, tag_rows)
    if feel_rows:
        _insert_many(session, m.EntryFeeling, feel_rows)
    bump_revision(session)
    return len(ids)


@contextmanager
def triggers_aside(session: Session, before: int) -> Iterator[None]:
    """For the block, the per-row insert triggers on entries stand aside (the `bulk_load` flag
    row, inserted in the caller's write transaction); after it, their work is done for every
    entry above the id ``before`` (new rowids are always above the current maximum) in one
    statement each. The flag row is deleted again in the same transaction, even when the block
    fails (a rollback would remove it too): no other connection ever sees it."""
    session.execute(insert(m.BulkLoad).values(name=FLAG))
    try:
        yield
        session.execute(text(_INDEX_NEW), {"b": before})
        session.execute(text(_STAMP_NEW_DAYS), {"b": before})
    finally:
        session.execute(delete(m.BulkLoad).where(m.BulkLoad.name == FLAG))


def _insert_many(session: Session, model: type[m.Base], rows: list[dict[str, Any]]) -> None:
    """INSERT many rows with the same keys. On SQLite each value goes through its column's bind
    processor and straight to the driver (for 100,000 entries SQLAlchemy's per-row parameter
    handling costs more than SQLite's own work), many rows to one statement: a table with
    insert triggers (even ones whose WHEN skips them) makes SQLite open a statement journal for
    every statement, which costs 1.5 s for 100,000 entries one row at a time. Elsewhere, or when
    a required column is missing from the rows (a default to fill in), it is a plain Core
    insert; on PostgreSQL, `_insert_unnest`. A column the database fills in itself (a server
    default, like a row's journal) need not be in the rows."""
    table = cast(Table, model.__table__)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        _insert_unnest(session, model, rows)
        return
    keys = list(rows[0])
    required = [
        c for c in table.c if not c.nullable and not c.primary_key and c.server_default is None
    ]
    if conn.dialect.paramstyle != "qmark" or any(c.key not in keys for c in required):
        session.execute(insert(table), rows)
        return
    quote = conn.dialect.identifier_preparer.quote
    procs = [table.c[k].type.bind_processor(conn.dialect) for k in keys]
    pick = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)
    convert = [(i, p) for i, p in enumerate(procs) if p is not None]  # most columns need none
    last: dict[int, tuple[Any, Any]] = {}  # per column: the value just converted, and to what
    values: list[tuple[Any, ...]] = []
    for row in rows:
        cells = list(pick(row))
        for i, p in convert:
            v = cells[i]
            seen = last.get(i)
            if seen is not None and seen[0] is v:  # the same object again (created_at = now)
                cells[i] = seen[1]
            else:
                cells[i] = p(v)
                last[i] = (v, cells[i])
        values.append(tuple(cells))
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(k) for k in keys)}) VALUES "
    one = f"({', '.join('?' * len(keys))})"
    per = max(1, min(ROWS_PER_INSERT, SQLITE_MAX_PARAMS // len(keys)))
    for start in range(0, len(values), per):
        part = values[start : start + per]
        conn.exec_driver_sql(head + ", ".join([one] * len(part)), tuple(chain.from_iterable(part)))


def _insert_unnest(
    session: Session,
    model: type[m.Base],
    rows: list[dict[str, Any]],
    returning: tuple[str, ...] = (),
) -> list[tuple[Any, ...]]:
    """PostgreSQL: INSERT rows with the same keys as `INSERT … SELECT * FROM unnest(%s::type[],
    …)`, one array per column, ROWS_PER_INSERT_PG rows a statement: one parse and one round
    trip for thousands of rows (executemany pays both per row). Each value goes through its
    column type's own conversion first (a UTC datetime stored naive); each array is sent as one
    array literal (`_array_literal`: psycopg's per-element array dumping cost 6 s of a
    100,000-entry import). Columns left out get their defaults (a row's journal: the
    transaction's). Returns the `returning` columns' rows."""
    table = cast(Table, model.__table__)
    conn = session.connection()
    dialect = conn.dialect
    keys = list(rows[0])
    columns = [table.c[k] for k in keys]
    # A decorated type's own conversion (a UTC datetime stored naive); not the driver's (it
    # wraps bytes for psycopg), as the values go out as text in an array literal.
    procs = [_decorated(c.type, dialect) for c in columns]
    quote = dialect.identifier_preparer.quote
    arrays = ", ".join(f"%s::{c.type.compile(dialect=dialect)}[]" for c in columns)
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(k) for k in keys)}) "
        f"SELECT * FROM unnest({arrays})"
    )
    if returning:
        sql += " RETURNING " + ", ".join(quote(k) for k in returning)
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(rows), ROWS_PER_INSERT_PG):
        part = rows[start : start + ROWS_PER_INSERT_PG]
        params = tuple(
            _array_literal([r[k] for r in part] if p is None else _converted(p, part, k))
            for k, p in zip(keys, procs, strict=True)
        )
        result = conn.exec_driver_sql(sql, params)
        if returning:
            out += [tuple(r) for r in result.all()]
    return out


def _decorated(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    if not isinstance(type_, TypeDecorator):
        return None
    return lambda v: type_.process_bind_param(v, dialect)


def _converted(convert: Callable[[Any], Any], rows: list[dict[str, Any]], key: str) -> list[Any]:
    """`convert` of each row's `key`, once per distinct object in a run (an import's rows share
    one `now` for created_at and updated_at)."""
    out: list[Any] = []
    last: Any = out  # no value is this list
    done: Any = None
    for row in rows:
        value = row[key]
        if value is not last:
            last, done = value, convert(value)
        out.append(done)
    return out


def _array_literal(values: list[Any]) -> str:
    """A PostgreSQL array literal of `values`, cast by the statement to the column's array
    type: None as an unquoted NULL, numbers as they are, anything else double-quoted (inside
    quotes only `"` and `\\` are special, and are backslash-escaped), bytes in bytea's hex form,
    booleans t/f. One converter per column, picked by its values' type; a column of only
    strings or only integers is joined whole (a stored string holds no NUL: it stands in for
    the separator while the whole column is escaped at once)."""
    kinds = {type(v) for v in values}
    if kinds == {str}:
        whole = "\0".join(values)
        if whole.count("\0") == len(values) - 1:  # (else a NUL: the database refuses it)
            whole = whole.replace("\\", "\\\\").replace('"', '\\"')
            return '{"' + whole.replace("\0", '","') + '"}'
    if kinds == {int}:
        return "{" + ",".join(map(str, values)) + "}"
    kinds.discard(type(None))
    kind = kinds.pop() if len(kinds) == 1 else None
    convert = _CONVERTERS.get(kind, _element) if kind is not None else _element
    out: list[str] = []
    last: Any = out  # no value is this list
    done = ""
    for v in values:  # each object converted once per run (an import's rows share one `now`)
        if v is not last:
            last, done = v, "NULL" if v is None else convert(v)
        out.append(done)
    return "{" + ",".join(out) + "}"


def _quoted(v: str) -> str:
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _element(v: Any) -> str:
    if isinstance(v, bytes | bytearray | memoryview):
        return '"\\\\x' + bytes(v).hex() + '"'
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime):
        return '"' + v.isoformat(sep=" ") + '"'
    return _quoted(str(v))


def _timestamp(v: datetime) -> str:
    return '"' + v.isoformat(sep=" ") + '"'


_CONVERTERS: dict[type, Any] = {
    int: str,
    bool: lambda v: "t" if v else "f",
    str: _quoted,
    bytes: _element,
    datetime: _timestamp,
}
