"""Data functions: session-first, keyword-only, returning domain objects. The caller commits.

Every read of entries goes through `visible_to()`, the SQL form of `domain.visibility.can_see`.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    Table,
    and_,
    column,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    table,
    text,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from attune import crypto
from attune.domain import entries as d
from attune.domain.errors import CryptoError, LockedError
from attune.domain.text import fts_query, plain_snippet, snippet
from attune.domain.viewer import Viewer

from . import models as m

# The FTS5 table made by the baseline migration (not a mapped model: it is an index, not data).
FTS = table("entry_fts", column("rowid", Integer), column("body"))


def _fts_match(expr: str) -> ColumnElement[bool]:
    return literal_column("entry_fts").op("MATCH")(expr)


# --- the visibility rule, in SQL -----------------------------------------------------------------
def visible_to(viewer_id: int | None, model: Any = m.Entry) -> ColumnElement[bool]:
    """Rows the viewer may see: their own, and everyone's shared ones (see domain.visibility).

    The same rule serves every table with `member_id` and `visibility` (entries, assessments,
    appreciations)."""
    shared: ColumnElement[bool] = model.visibility == d.Visibility.SHARED.value
    if viewer_id is None:
        return shared
    return or_(model.member_id == viewer_id, shared)


def _live(trashed: bool = False, model: Any = m.Entry) -> ColumnElement[bool]:
    return model.deleted_at.is_not(None) if trashed else model.deleted_at.is_(None)


# --- revision --------------------------------------------------------------------------------------
def bump_revision(session: Session) -> None:
    session.execute(update(m.Revision).where(m.Revision.id == 1).values(value=m.Revision.value + 1))


def get_revision(session: Session) -> int:
    return int(session.scalar(select(m.Revision.value).where(m.Revision.id == 1)) or 0)


# The triggers of migration 0008 that keep `day_changes` (a migration that rebuilds one of their
# tables must make them again; without all of them the fingerprint falls back to the revision).
DAY_CHANGE_TRIGGERS = (
    "day_changes_entries_ai",
    "day_changes_entries_ad",
    "day_changes_entries_au",
    "day_changes_tags_au",
    "day_changes_feelings_au",
    "day_changes_tag_names_au",
    "day_changes_members_au",
)


def history_revision(session: Session, before: date) -> int:
    """A fingerprint of every day before ``before``: it changes with any write that can change
    those days' aggregates for anyone (entries, their tags and feelings, tag and member names),
    kept by the triggers of migration 0008 in `day_changes`.

    Where any of the triggers is missing (another database, a schema made without migrations) it
    is ``-1 - revision``: then every write changes it (never equal to a trigger's stamp, ≥ 0)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite" and session.scalar(
        select(func.count())
        .select_from(text("sqlite_master"))
        .where(text("type = 'trigger'"), literal_column("name").in_(DAY_CHANGE_TRIGGERS))
    ) == len(DAY_CHANGE_TRIGGERS):
        # Newest change first (its index), stopping at the first one before ``before``: recent
        # days are the ones that change, so this reads a row or two, not every earlier day.
        found = session.scalar(
            select(m.DayChange.revision)
            .where(m.DayChange.local_date < before.isoformat())
            .order_by(m.DayChange.revision.desc())
            .limit(1)
        )
        return int(found or 0)
    return -1 - get_revision(session)


# --- members ---------------------------------------------------------------------------------------
PALETTE = ("#4f7a6d", "#b0664a", "#5b6aa8", "#a35a8c", "#8a7a2f", "#3f8aa0", "#7d5ba6", "#6b6b6b")


def list_members(session: Session) -> list[d.Member]:
    rows = session.scalars(select(m.Member).order_by(m.Member.id)).all()
    return [d.Member(id=r.id, name=r.name, colour=r.colour) for r in rows]


def add_member(session: Session, *, name: str, colour: str | None = None) -> d.Member:
    name = d.clean_member_name(name)
    if session.scalar(select(m.Member.id).where(m.Member.name_key == name.casefold())):
        raise d.EntryError("Someone on this journal already has that name.")
    count = session.scalar(select(func.count(m.Member.id))) or 0
    row = m.Member(name=name, name_key=name.casefold(), colour=colour or PALETTE[count % 8])
    session.add(row)
    session.flush()
    return d.Member(id=row.id, name=row.name, colour=row.colour)


def rename_member(session: Session, *, member_id: int, name: str) -> d.Member:
    name = d.clean_member_name(name)
    row = session.get(m.Member, member_id)
    if row is None:
        raise d.NotFoundError("No such member.")
    clash = session.scalar(
        select(m.Member.id).where(m.Member.name_key == name.casefold(), m.Member.id != member_id)
    )
    if clash:
        raise d.EntryError("Someone on this journal already has that name.")
    row.name, row.name_key = name, name.casefold()
    return d.Member(id=row.id, name=row.name, colour=row.colour)


# --- entries ---------------------------------------------------------------------------------------
def _words(row: m.Entry, viewer: Viewer) -> tuple[str, tuple[str, ...], tuple[str, ...], bool]:
    """(body, tags, feelings, sealed): a sealed entry is opened with the viewer's data key when
    it is theirs and they unlocked it; otherwise its words read as empty."""
    if row.sealed is None:
        return (
            row.body,
            tuple(t.tag.name for t in row.tag_links),
            tuple(f.word for f in row.feeling_links),
            False,
        )
    return (*_open_words(viewer, row.member_id, row.uid, row.visibility, row.sealed), True)


def _to_domain(row: m.Entry, viewer: Viewer) -> d.Entry:
    tz = timezone(timedelta(minutes=row.utc_offset_min))
    body, tags, feelings, sealed = _words(row, viewer)
    return d.Entry(
        id=row.id,
        uid=row.uid,
        member_id=row.member_id,
        author=row.member.name,
        occurred_at=row.occurred_at.astimezone(tz),
        valence=row.valence,
        energy=row.energy,
        connection=row.connection,
        feelings=feelings,
        tags=tags,
        body=body,
        prompt_id=row.prompt_id,
        reading_id=row.reading_id,
        visibility=d.Visibility(row.visibility),
        share_with_therapist=row.share_with_therapist,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
        version=row.version,
        sealed=sealed,
    )


def sealing_key(
    session: Session, viewer: Viewer, member_id: int, visibility: d.Visibility
) -> bytes | None:
    """The data key when this entry must be sealed: a private entry of a member who has one.
    Raises LockedError when the viewer has not unlocked that journal."""
    if visibility is not d.Visibility.PRIVATE:
        return None
    if session.scalar(select(m.Member.key_wrapped).where(m.Member.id == member_id)) is None:
        return None
    key = viewer.key_for(member_id)
    if key is None:
        raise LockedError("Unlock this journal first: its private entries are encrypted.")
    return key


def _seal_row(row: m.Entry, key: bytes, draft: d.EntryDraft) -> None:
    row.sealed = crypto.seal(
        key, row.uid, draft.visibility.value, crypto.Sealed(draft.body, draft.tags, draft.feelings)
    )
    row.body = ""
    row.tag_links = []
    row.feeling_links = []


def _tag_ids(session: Session, names: Sequence[str]) -> list[int]:
    keys = {n.casefold(): n for n in names}
    found: dict[str, int] = dict(
        session.execute(select(m.Tag.name_key, m.Tag.id).where(m.Tag.name_key.in_(keys))).all()
    )
    for key, name in keys.items():
        if key not in found:
            tag = m.Tag(name=name, name_key=key)
            session.add(tag)
            session.flush()
            found[key] = tag.id
    return [found[n.casefold()] for n in names]


def _columns(draft: d.EntryDraft) -> dict[str, Any]:
    offset = draft.occurred_at.utcoffset() or timedelta(0)
    return {
        "occurred_at": draft.occurred_at,
        "utc_offset_min": int(offset.total_seconds() // 60),
        "local_date": draft.occurred_at.date().isoformat(),
        "valence": draft.valence,
        "energy": draft.energy,
        "connection": draft.connection,
        "body": draft.body,
        "prompt_id": draft.prompt_id,
        "reading_id": draft.reading_id,
        "visibility": draft.visibility.value,
        "share_with_therapist": draft.share_with_therapist,
    }


def _set_links(session: Session, row: m.Entry, draft: d.EntryDraft) -> None:
    row.tag_links = [
        m.EntryTag(tag_id=tid, position=i) for i, tid in enumerate(_tag_ids(session, draft.tags))
    ]
    row.feeling_links = [m.EntryFeeling(word=w, position=i) for i, w in enumerate(draft.feelings)]


def add_entry(
    session: Session, *, viewer: Viewer, draft: d.EntryDraft, uid: str | None = None
) -> d.Entry:
    """Store the viewer's new entry (a protected member's private words sealed with their key)."""
    member_id = _author(viewer)
    draft = draft.clean()
    # Before any row exists: a query here would autoflush plaintext into the table and the index.
    key = sealing_key(session, viewer, member_id, draft.visibility)
    now = datetime.now(UTC)
    row = m.Entry(
        uid=uid or str(uuid.uuid4()),
        member_id=member_id,
        created_at=now,
        updated_at=now,
        version=1,
        **_columns(draft),
    )
    if key is not None:
        _seal_row(row, key, draft)
    session.add(row)
    if key is None:
        _set_links(session, row, draft)
    session.flush()
    bump_revision(session)
    return _to_domain(row, viewer)


def _author(viewer: Viewer) -> int:
    if viewer.member_id is None:
        raise d.EntryError("Choose who is writing first.")
    return viewer.member_id


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
    member_id = _author(viewer)
    now = datetime.now(UTC)
    rows, links = [], []
    keys = {v: sealing_key(session, viewer, member_id, v) for v in d.Visibility}
    for uid, draft in drafts:
        clean = draft if validated else draft.clean()
        cols = _columns(clean)
        if (key := keys[clean.visibility]) is not None:
            cols["sealed"] = crypto.seal(
                key,
                uid,
                clean.visibility.value,
                crypto.Sealed(clean.body, clean.tags, clean.feelings),
            )
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
        # New rowids are always above the current maximum; index them for search in one
        # statement (the per-row trigger is ten times slower for a bulk insert).
        before = session.scalar(select(func.max(m.Entry.id))) or 0
        with (
            _trigger_paused(session, "entries_fts_ai"),
            _trigger_paused(session, "day_changes_entries_ai") as stamp_days,
        ):
            _insert_many(session, m.Entry, rows)
            session.execute(
                text(
                    "INSERT INTO entry_fts(rowid, body) SELECT id, body FROM entries WHERE id > :b"
                ),
                {"b": before},
            )
            if stamp_days:  # what that per-row trigger (migration 0008) does, once per new day
                session.execute(text(_STAMP_NEW_DAYS), {"b": before})
        by_uid.update(
            session.execute(select(m.Entry.uid, m.Entry.id).where(m.Entry.id > before)).all()
        )
    else:
        _insert_many(session, m.Entry, rows)
        for start in range(0, len(uids), 500):
            part = uids[start : start + 500]
            by_uid.update(
                session.execute(select(m.Entry.uid, m.Entry.id).where(m.Entry.uid.in_(part))).all()
            )
    ids = [by_uid[uid] for uid in uids]
    all_tags = sorted({t for c in links for t in c.tags}, key=str.casefold)
    tag_id = dict(zip((t.casefold() for t in all_tags), _tag_ids(session, all_tags), strict=True))
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


def _insert_many(session: Session, model: type[m.Base], rows: list[dict[str, Any]]) -> None:
    """One executemany INSERT of many rows with the same keys. On SQLite each value goes through
    its column's bind processor and straight to the driver: for 100,000 entries SQLAlchemy's
    per-row parameter handling costs more than SQLite's own work. Elsewhere, or when a required
    column is missing from the rows (a default to fill in), it is a plain Core insert."""
    table = cast(Table, model.__table__)
    conn = session.connection()
    keys = list(rows[0])
    required = [c for c in table.c if not c.nullable and not c.primary_key]
    if conn.dialect.paramstyle != "qmark" or any(c.key not in keys for c in required):
        session.execute(insert(table), rows)
        return
    quote = conn.dialect.identifier_preparer.quote
    procs = [table.c[k].type.bind_processor(conn.dialect) for k in keys]
    pick = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(k) for k in keys)}) "
        f"VALUES ({', '.join('?' * len(keys))})"
    )
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
    conn.exec_driver_sql(sql, values)


_STAMP_NEW_DAYS = (
    "INSERT INTO day_changes (local_date, revision) "
    "SELECT DISTINCT local_date, (SELECT value FROM revision WHERE id = 1) FROM entries "
    "WHERE id > :b "
    "ON CONFLICT (local_date) DO UPDATE SET revision = excluded.revision "
    "WHERE day_changes.revision IS NOT excluded.revision"
)


@contextmanager
def _trigger_paused(session: Session, name: str) -> Iterator[bool]:
    """Drop a per-row insert trigger for the block (the bulk insert does its work in one
    statement instead: ten times faster for 100,000 rows) and put the same trigger back after it,
    even when the block fails; yields whether there was one. Safe inside a write transaction: it
    holds the write lock, so no other insert can happen meanwhile, and a rollback restores the
    schema anyway."""
    sql = session.scalar(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"), {"n": name}
    )
    if sql:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    try:
        yield bool(sql)
    finally:
        if sql:
            session.execute(text(sql))


def _own_row(session: Session, *, viewer: Viewer, entry_id: int) -> m.Entry:
    row = session.get(m.Entry, entry_id)
    if row is None or viewer.member_id is None or row.member_id != viewer.member_id:
        raise d.NotFoundError("That entry is not there any more.")
    return row


def get_entry(session: Session, *, viewer: Viewer, entry_id: int) -> d.Entry:
    row = session.scalar(
        select(m.Entry).where(m.Entry.id == entry_id, visible_to(viewer.member_id))
    )
    if row is None:
        raise d.NotFoundError("That entry is not there any more.")
    return _to_domain(row, viewer)


def update_entry(
    session: Session,
    *,
    viewer: Viewer,
    entry_id: int,
    draft: d.EntryDraft,
    expected_version: int,
) -> d.Entry:
    draft = draft.clean()
    row = _own_row(session, viewer=viewer, entry_id=entry_id)
    if row.version != expected_version:
        raise d.StaleEditError(
            "This entry was changed somewhere else after you opened it. "
            "Your edit was not saved: reopen the entry to see the newer version."
        )
    key = sealing_key(
        session, viewer, row.member_id, draft.visibility
    )  # before any change is flushed
    was_plain = row.sealed is None
    for name, value in _columns(draft).items():
        setattr(row, name, value)
    if key is not None:
        _seal_row(row, key, draft)
    else:
        row.sealed = None
        _set_links(session, row, draft)
    row.version += 1
    row.updated_at = datetime.now(UTC)
    session.flush()
    if key is not None and was_plain and session.get_bind().dialect.name == "sqlite":
        # Its plain words were indexed before: merge the index so no token of them survives.
        session.execute(text("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')"))
    bump_revision(session)
    return _to_domain(row, viewer)


def trash_entry(session: Session, *, viewer: Viewer, entry_id: int) -> d.Entry:
    row = _own_row(session, viewer=viewer, entry_id=entry_id)
    row.deleted_at = datetime.now(UTC)
    row.version += 1
    bump_revision(session)
    return _to_domain(row, viewer)


def restore_entry(session: Session, *, viewer: Viewer, entry_id: int) -> d.Entry:
    row = _own_row(session, viewer=viewer, entry_id=entry_id)
    row.deleted_at = None
    row.version += 1
    bump_revision(session)
    return _to_domain(row, viewer)


def empty_trash(session: Session, *, viewer: Viewer) -> int:
    """Erase the viewer's trashed entries for good. FTS rows go with them via the trigger."""
    viewer_id = viewer.member_id
    if viewer_id is None:
        return 0
    ids = session.scalars(
        select(m.Entry.id).where(m.Entry.member_id == viewer_id, _live(trashed=True))
    ).all()
    if not ids:
        return 0
    session.execute(delete(m.Entry).where(m.Entry.id.in_(ids)))
    if session.get_bind().dialect.name == "sqlite":
        # Merge the full-text index so no token of the erased text survives in old segments.
        session.execute(text("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')"))
    bump_revision(session)
    return len(ids)


def _filtered(
    viewer_id: int | None,
    filt: d.EntryFilter,
    dialect: str,
    sealed_ids: Collection[int] = (),
    text: bool = True,
    model: Any = m.Entry,
) -> Select[int]:
    """The ids that match `filt`. Words (text, tags, feelings) of sealed entries are not in the
    database; `sealed_ids` are the viewer's sealed entries that matched them in memory.
    `text=False` leaves the text out (the caller joins the full-text index itself). `model` is
    the entries table, or a subquery's columns holding those the filter reads."""
    conds: list[ColumnElement[bool]] = [visible_to(viewer_id, model), _live(filt.trashed, model)]
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
        match = fts_query(filt.text) if dialect == "sqlite" else None
        if match:
            words.append(model.id.in_(select(FTS.c.rowid).where(_fts_match(match))))
        else:
            words.append(model.body.contains(filt.text.strip(), autoescape=True))
    if words:
        plain = and_(*words)
        conds.append(or_(plain, model.id.in_(list(sealed_ids))) if sealed_ids else plain)
    return select(model.id).where(and_(*conds))


# A text search reads the full-text index one of two ways, by how many entries hold the words.
# Few (a rare word): fetch those ids and look each entry up. Many (a common word): walk the
# visible entries newest first down an index and stop after the page, and count by walking the
# index's hits only as far as COUNT_CAP: "more than 1,000" answers as well as 19,031, in a fraction
# of the time (at 100,000 entries, ~1 ms instead of ~16 ms). bm25 ranking was dropped for the same
# reason: it scores every hit; a journal's hits read best newest first, like its list.
DRIVE_HITS = 2_000
COUNT_CAP = 1_000
FILTERED_COLUMNS = (  # what _filtered reads of an entry on SQLite (the text through the id)
    "id",
    "member_id",
    "visibility",
    "deleted_at",
    "local_date",
    "valence",
    "occurred_at",
)


def _matching_ids(
    session: Session,
    viewer_id: int | None,
    filt: d.EntryFilter,
    match: str,
    sealed_ids: Collection[int],
    page: int,
    page_size: int,
) -> tuple[list[int], int, bool, int]:
    """(ids of the page newest first, total, whether there are more than total, page)."""
    order = (m.Entry.occurred_at.desc(), m.Entry.id.desc())
    hits = session.scalar(select(func.count()).select_from(FTS).where(_fts_match(match))) or 0
    # The index's hits, each looked up once (SQLite starts from the MATCH).
    plain = _filtered(viewer_id, filt, "sqlite", text=False).where(
        m.Entry.id == FTS.c.rowid, _fts_match(match)
    )
    # The viewer's sealed entries that matched in memory: never in the index, so added apart.
    sealed = (
        _filtered(viewer_id, replace(filt, text="", tags=(), feelings=()), "sqlite").where(
            m.Entry.id.in_(list(sealed_ids))
        )
        if sealed_ids
        else None
    )
    n_sealed = 0
    if sealed is not None:
        n_sealed = session.scalar(select(func.count()).select_from(sealed.subquery())) or 0
    if hits <= DRIVE_HITS:
        total = n_sealed + (session.scalar(select(func.count()).select_from(plain.subquery())) or 0)
        page = max(1, min(page, max(1, -(-total // page_size))))
        both = [q.add_columns(m.Entry.occurred_at) for q in (plain, sealed) if q is not None]
        found = union_all(*both).subquery()
        ids = session.scalars(
            select(found.c.id)
            .order_by(found.c.occurred_at.desc(), found.c.id.desc())
            .limit(page_size)
            .offset((page - 1) * page_size)
        ).all()
        return list(ids), total, False, page
    cap = max(COUNT_CAP, (page + 1) * page_size)
    counted = session.scalar(select(func.count()).select_from(plain.limit(cap + 1).subquery())) or 0
    total = min(counted, cap) + n_sealed
    more = counted > cap
    page = max(1, min(page, max(1, -(-total // page_size))))
    if filt.trashed:  # the trash is short: no walk needed
        walk = _filtered(viewer_id, filt, "sqlite", sealed_ids).order_by(*order)
    else:
        # Every live entry newest first, straight down ix_entries_live_occurred, each kept if it
        # is a visible hit, until the page is full. LIMIT -1 OFFSET 0 keeps SQLite from
        # flattening the walk into the filter, whose OR would pick another index and sort every
        # hit; the filter reads the walk's columns, so the walk runs as a co-routine (no copy).
        newest = (
            select(*(getattr(m.Entry, c) for c in FILTERED_COLUMNS))
            .where(m.Entry.deleted_at.is_(None))
            .order_by(*order)
            .limit(-1)
            .offset(0)
            .subquery("newest")
        )
        walk = _filtered(viewer_id, filt, "sqlite", sealed_ids, model=newest.c)
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
) -> d.EntryPage:
    viewer_id = viewer.member_id
    dialect = session.get_bind().dialect.name
    match = fts_query(filt.text) if dialect == "sqlite" and filt.text.strip() else None
    if match:
        ids, total, more, page = _matching_ids(
            session, viewer_id, filt, match, sealed_ids, page, page_size
        )
        chosen = select(m.Entry.id).where(m.Entry.id.in_(ids))
        return d.EntryPage(
            tuple(_load_entries(session, chosen, viewer)), total, page, page_size, more
        )
    query = _filtered(viewer_id, filt, dialect, sealed_ids)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(1, min(page, max(1, -(-total // page_size))))
    order = (m.Entry.occurred_at.desc(), m.Entry.id.desc())
    narrow = filt.text.strip() or filt.start or filt.end or filt.on_day or filt.tags
    if narrow or filt.feelings or filt.valence:  # SQLite starts from the selective index
        page_ids = (
            select(m.Entry.id)
            .where(m.Entry.id.in_(query))
            .order_by(*order)
            .limit(page_size)
            .offset((page - 1) * page_size)
        )
    else:
        page_ids = _page_ids(query, viewer_id, page, page_size)
    if page == 1 and total <= page_size:  # everything (an export): no page to cut out
        page_ids = query
    return d.EntryPage(tuple(_load_entries(session, page_ids, viewer)), total, page, page_size)


def _load_entries(session: Session, ids: Select[int], viewer: Viewer) -> list[d.Entry]:
    """The entries whose id `ids` selects, newest first, as domain objects: plain rows (dates
    parsed in bulk) and two link queries, so an export of 100,000 builds no ORM objects."""
    entries, people, links, tag_table, feelings = (
        cast(Table, model.__table__)
        for model in (m.Entry, m.Member, m.EntryTag, m.Tag, m.EntryFeeling)
    )
    e, raw = entries.c, (lambda col: type_coerce(col, String))
    conn = session.connection()  # Core rows: the ORM's row handling costs seconds at 100,000
    rows = conn.execute(
        select(
            e.id,
            e.uid,
            e.member_id,
            people.c.name,
            raw(e.occurred_at),
            e.utc_offset_min,
            e.valence,
            e.energy,
            e.connection,
            e.body,
            e.prompt_id,
            e.reading_id,
            e.visibility,
            e.share_with_therapist,
            raw(e.created_at),
            raw(e.updated_at),
            raw(e.deleted_at),
            e.version,
            e.sealed,
        )
        .join_from(entries, people)
        .where(e.id.in_(ids))
        .order_by(e.occurred_at.desc(), e.id.desc())
    ).all()
    linked = {
        "tags": _in_order(
            conn.execute(
                select(links.c.entry_id, links.c.position, tag_table.c.name)
                .join_from(links, tag_table)
                .where(links.c.entry_id.in_(ids))
            ).all()
        ),
        "feelings": _in_order(
            conn.execute(
                select(feelings.c.entry_id, feelings.c.position, feelings.c.word).where(
                    feelings.c.entry_id.in_(ids)
                )
            ).all()
        ),
    }

    def words(kind: str, eid: int) -> tuple[str, ...]:
        return tuple(linked[kind].get(eid, ()))

    zones: dict[int, timezone] = {}
    visibility = {v.value: v for v in d.Visibility}
    out = []
    for (
        eid,
        uid,
        member_id,
        author,
        occurred,
        offset,
        valence,
        energy,
        connection,
        body,
        prompt_id,
        reading_id,
        vis,
        therapist,
        created,
        updated,
        deleted,
        version,
        blob,
    ) in rows:
        tz = zones.get(offset) or zones.setdefault(offset, timezone(timedelta(minutes=offset)))
        body, tags, feels = body, words("tags", eid), words("feelings", eid)
        if blob is not None:
            body, tags, feels = _open_words(viewer, member_id, uid, vis, blob)
        out.append(
            d.Entry(
                id=eid,
                uid=uid,
                member_id=member_id,
                author=author,
                occurred_at=_utc(occurred).astimezone(tz),
                valence=valence,
                energy=energy,
                connection=connection,
                feelings=feels,
                tags=tags,
                body=body,
                prompt_id=prompt_id,
                reading_id=reading_id,
                visibility=visibility[vis],
                share_with_therapist=bool(therapist),
                created_at=_utc(created),
                updated_at=_utc(updated),
                deleted_at=_utc(deleted) if deleted else None,
                version=version,
                sealed=blob is not None,
            )
        )
    return out


def _open_words(
    viewer: Viewer, member_id: int, uid: str, visibility: str, blob: bytes
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    key = viewer.key_for(member_id)
    if key is None:
        return "", (), ()
    try:
        words = crypto.open_sealed(key, uid, visibility, blob)
    except CryptoError:
        return "", (), ()
    return words.body, words.tags, words.feelings


def _utc(value: str | datetime) -> datetime:
    """A stored UTC moment, aware: SQLite gives back its text, other databases a datetime."""
    stamp = datetime.fromisoformat(value) if isinstance(value, str) else value
    return stamp.replace(tzinfo=UTC)


def _page_ids(query: Select[int], viewer_id: int | None, page: int, size: int) -> Select[int]:
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
    order = (m.Entry.occurred_at.desc(), m.Entry.id.desc())
    parts = [
        arm.add_columns(m.Entry.occurred_at).order_by(*order).limit(page * size).subquery()
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
    match = fts_query(query) if dialect == "sqlite" else None
    if match:
        ids, *_ = _matching_ids(session, viewer_id, filt, match, (), 1, limit)
    else:
        found = _filtered(viewer_id, filt, dialect)
        ids = list(
            session.scalars(
                select(m.Entry.id)
                .where(m.Entry.id.in_(found))
                .order_by(m.Entry.occurred_at.desc(), m.Entry.id.desc())
                .limit(limit)
            )
        )
    stmt = (
        select(
            m.Entry.id,
            m.Entry.uid,
            m.Entry.occurred_at,
            m.Entry.utc_offset_min,
            m.Member.name,
            m.Entry.body,
        )
        .join(m.Member)
        .where(m.Entry.id.in_(ids))
        .order_by(m.Entry.occurred_at.desc(), m.Entry.id.desc())
    )
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
        .where(visible_to(viewer_id), _live())
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
    conds = (visible_to(viewer_id), _live())
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
    tags = _in_order(
        session.execute(
            select(links.c.entry_id, links.c.position, tag_table.c.name)
            .join_from(links, tag_table)
            .join(entries)
            .where(*conds)
        ).all()
    )
    feels = _in_order(
        session.execute(
            select(feelings.c.entry_id, feelings.c.position, feelings.c.word)
            .join_from(feelings, entries)
            .where(*conds)
        ).all()
    )
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


def _in_order(rows: Iterable[tuple[int, int, str]]) -> dict[int, list[str]]:
    """(entry id, position, word) rows in any order -> each entry's words in position order
    (sorting a few words per entry here is cheaper than SQLite sorting every link row)."""
    found: dict[int, list[tuple[int, str]]] = {}
    for eid, position, word in rows:
        found.setdefault(eid, []).append((position, word))
    return {
        eid: [w for _, w in (sorted(pairs) if len(pairs) > 1 else pairs)]
        for eid, pairs in found.items()
    }


# --- drafts and preferences -----------------------------------------------------------------------
def get_draft(session: Session, *, member_id: int, slot: str) -> str:
    return (
        session.scalar(
            select(m.Draft.body).where(m.Draft.member_id == member_id, m.Draft.slot == slot)
        )
        or ""
    )


def save_draft(session: Session, *, member_id: int, slot: str, body: str) -> None:
    row = session.scalar(
        select(m.Draft).where(m.Draft.member_id == member_id, m.Draft.slot == slot)
    )
    if not body.strip():
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(m.Draft(member_id=member_id, slot=slot, body=body[: d.MAX_BODY_CHARS]))
    else:
        row.body, row.updated_at = body[: d.MAX_BODY_CHARS], datetime.now(UTC)


def get_preference(session: Session, *, key: str) -> str:
    return session.scalar(select(m.Preference.value).where(m.Preference.key == key)) or ""


def set_preference(session: Session, *, key: str, value: str) -> None:
    row = session.get(m.Preference, key)
    if row is None:
        session.add(m.Preference(key=key, value=value))
    else:
        row.value = value
    bump_revision(session)
