"""Data functions: session-first, keyword-only, returning domain objects. The caller commits.

Every read of entries goes through `visible_to()`, the SQL form of `domain.visibility.can_see`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
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
    update,
)
from sqlalchemy.orm import Session

from attune.domain import entries as d
from attune.domain.text import HIT_END, HIT_START, fts_query, plain_snippet

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


def _live(trashed: bool = False) -> ColumnElement[bool]:
    return m.Entry.deleted_at.is_not(None) if trashed else m.Entry.deleted_at.is_(None)


# --- revision --------------------------------------------------------------------------------------
def bump_revision(session: Session) -> None:
    session.execute(update(m.Revision).where(m.Revision.id == 1).values(value=m.Revision.value + 1))


def get_revision(session: Session) -> int:
    return int(session.scalar(select(m.Revision.value).where(m.Revision.id == 1)) or 0)


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
def _to_domain(row: m.Entry) -> d.Entry:
    tz = timezone(timedelta(minutes=row.utc_offset_min))
    return d.Entry(
        id=row.id,
        uid=row.uid,
        member_id=row.member_id,
        author=row.member.name,
        occurred_at=row.occurred_at.astimezone(tz),
        valence=row.valence,
        energy=row.energy,
        connection=row.connection,
        feelings=tuple(f.word for f in row.feeling_links),
        tags=tuple(t.tag.name for t in row.tag_links),
        body=row.body,
        prompt_id=row.prompt_id,
        reading_id=row.reading_id,
        visibility=d.Visibility(row.visibility),
        share_with_therapist=row.share_with_therapist,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
        version=row.version,
    )


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
    session: Session, *, member_id: int, draft: d.EntryDraft, uid: str | None = None
) -> d.Entry:
    draft = draft.clean()
    now = datetime.now(UTC)
    row = m.Entry(
        uid=uid or str(uuid.uuid4()),
        member_id=member_id,
        created_at=now,
        updated_at=now,
        version=1,
        **_columns(draft),
    )
    session.add(row)
    _set_links(session, row, draft)
    session.flush()
    bump_revision(session)
    return _to_domain(row)


def add_entries_bulk(
    session: Session,
    *,
    member_id: int,
    drafts: Iterable[tuple[str, d.EntryDraft]],
    import_batch_id: int | None = None,
) -> int:
    """Insert many (uid, draft) pairs fast (demo data, imports). Returns how many were added.
    `import_batch_id` marks them as one import (see storage.import_repo)."""
    now = datetime.now(UTC)
    rows, links = [], []
    for uid, draft in drafts:
        clean = draft.clean()
        cols = _columns(clean)
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
    session.execute(insert(_table(m.Entry)), rows)
    uids = [r["uid"] for r in rows]
    by_uid: dict[str, int] = {}
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
        session.execute(insert(_table(m.EntryTag)), tag_rows)
    if feel_rows:
        session.execute(insert(_table(m.EntryFeeling)), feel_rows)
    bump_revision(session)
    return len(ids)


def _table(model: type[m.Base]) -> Table:
    return cast(Table, model.__table__)


def _own_row(session: Session, *, viewer_id: int | None, entry_id: int) -> m.Entry:
    row = session.get(m.Entry, entry_id)
    if row is None or viewer_id is None or row.member_id != viewer_id:
        raise d.NotFoundError("That entry is not there any more.")
    return row


def get_entry(session: Session, *, viewer_id: int | None, entry_id: int) -> d.Entry:
    row = session.scalar(select(m.Entry).where(m.Entry.id == entry_id, visible_to(viewer_id)))
    if row is None:
        raise d.NotFoundError("That entry is not there any more.")
    return _to_domain(row)


def update_entry(
    session: Session,
    *,
    viewer_id: int | None,
    entry_id: int,
    draft: d.EntryDraft,
    expected_version: int,
) -> d.Entry:
    draft = draft.clean()
    row = _own_row(session, viewer_id=viewer_id, entry_id=entry_id)
    if row.version != expected_version:
        raise d.StaleEditError(
            "This entry was changed somewhere else after you opened it. "
            "Your edit was not saved: reopen the entry to see the newer version."
        )
    for key, value in _columns(draft).items():
        setattr(row, key, value)
    _set_links(session, row, draft)
    row.version += 1
    row.updated_at = datetime.now(UTC)
    session.flush()
    bump_revision(session)
    return _to_domain(row)


def trash_entry(session: Session, *, viewer_id: int | None, entry_id: int) -> d.Entry:
    row = _own_row(session, viewer_id=viewer_id, entry_id=entry_id)
    row.deleted_at = datetime.now(UTC)
    row.version += 1
    bump_revision(session)
    return _to_domain(row)


def restore_entry(session: Session, *, viewer_id: int | None, entry_id: int) -> d.Entry:
    row = _own_row(session, viewer_id=viewer_id, entry_id=entry_id)
    row.deleted_at = None
    row.version += 1
    bump_revision(session)
    return _to_domain(row)


def empty_trash(session: Session, *, viewer_id: int | None) -> int:
    """Erase the viewer's trashed entries for good. FTS rows go with them via the trigger."""
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


def _filtered(viewer_id: int | None, filt: d.EntryFilter, dialect: str) -> Select[int]:
    conds: list[ColumnElement[bool]] = [visible_to(viewer_id), _live(filt.trashed)]
    if filt.trashed:
        conds.append(m.Entry.member_id == (viewer_id if viewer_id is not None else -1))
    if filt.start:
        conds.append(m.Entry.local_date >= filt.start.isoformat())
    if filt.end:
        conds.append(m.Entry.local_date <= filt.end.isoformat())
    if filt.on_day:
        conds.append(m.Entry.local_date == filt.on_day.isoformat())
    if filt.valence:
        conds.append(m.Entry.valence.in_(filt.valence))
    if filt.visibility is not None:
        conds.append(m.Entry.visibility == filt.visibility.value)
    for tag in filt.tags:
        conds.append(
            m.Entry.id.in_(
                select(m.EntryTag.entry_id).join(m.Tag).where(m.Tag.name_key == tag.casefold())
            )
        )
    for word in filt.feelings:
        conds.append(
            m.Entry.id.in_(
                select(m.EntryFeeling.entry_id).where(m.EntryFeeling.word == word.lower())
            )
        )
    if filt.text.strip():
        match = fts_query(filt.text) if dialect == "sqlite" else None
        if match:
            conds.append(m.Entry.id.in_(select(FTS.c.rowid).where(_fts_match(match))))
        else:
            conds.append(m.Entry.body.contains(filt.text.strip(), autoescape=True))
    return select(m.Entry.id).where(and_(*conds))


def list_entries(
    session: Session,
    *,
    viewer_id: int | None,
    filt: d.EntryFilter,
    page: int = 1,
    page_size: int = 20,
) -> d.EntryPage:
    ids = _filtered(viewer_id, filt, session.get_bind().dialect.name).subquery()
    total = session.scalar(select(func.count()).select_from(ids)) or 0
    page = max(1, min(page, max(1, -(-total // page_size))))
    rows = session.scalars(
        select(m.Entry)
        .where(m.Entry.id.in_(select(ids.c.id)))
        .order_by(m.Entry.occurred_at.desc(), m.Entry.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return d.EntryPage(tuple(_to_domain(r) for r in rows), total, page, page_size)


def search(
    session: Session,
    *,
    viewer_id: int | None,
    query: str,
    limit: int = 50,
    member_id: int | None = None,
) -> list[d.SearchHit]:
    """Full-text search through the visibility rule, best match first."""
    conds = [visible_to(viewer_id), _live()]
    if member_id is not None:
        conds.append(m.Entry.member_id == member_id)
    match = fts_query(query) if session.get_bind().dialect.name == "sqlite" else None
    base = (
        select(m.Entry.id, m.Entry.uid, m.Entry.occurred_at, m.Entry.utc_offset_min, m.Member.name)
        .join(m.Member)
        .where(*conds)
    )
    if match:
        snip: ColumnElement[str] = literal_column(
            f"snippet(entry_fts, 0, '{HIT_START}', '{HIT_END}', '…', 16)"
        )
        stmt = (
            base.add_columns(snip)
            .join(FTS, FTS.c.rowid == m.Entry.id)
            .where(_fts_match(match))
            .order_by(literal_column("bm25(entry_fts)"))
            .limit(limit)
        )
        rows: list[Any] = list(session.execute(stmt).all())
    elif query.strip():
        stmt = (
            base.add_columns(m.Entry.body)
            .where(m.Entry.body.contains(query.strip(), autoescape=True))
            .order_by(m.Entry.occurred_at.desc())
            .limit(limit)
        )
        rows = [(*r[:5], plain_snippet(r[5], query.strip())) for r in session.execute(stmt).all()]
    else:
        return []
    return [
        d.SearchHit(
            uid=r[1],
            entry_id=r[0],
            author=r[4],
            snippet=r[5],
            occurred_at=r[2].astimezone(timezone(timedelta(minutes=r[3]))),
        )
        for r in rows
    ]


def tags_in_use(session: Session, *, viewer_id: int | None) -> list[str]:
    """Tags on entries the viewer may see (so a private tag never reaches another member)."""
    stmt = (
        select(m.Tag.name)
        .join(m.EntryTag)
        .join(m.Entry)
        .where(visible_to(viewer_id), _live())
        .group_by(m.Tag.id)
        .order_by(func.count().desc(), m.Tag.name_key)
    )
    return list(session.scalars(stmt).all())


def feelings_in_use(session: Session, *, viewer_id: int | None) -> list[str]:
    stmt = (
        select(m.EntryFeeling.word)
        .join(m.Entry)
        .where(visible_to(viewer_id), _live())
        .group_by(m.EntryFeeling.word)
        .order_by(func.count().desc(), m.EntryFeeling.word)
    )
    return list(session.scalars(stmt).all())


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


def frame_rows(session: Session, *, viewer_id: int | None) -> dict[str, list[Any]]:
    """Column lists for the insights DataFrame, through the visibility rule, in three queries."""
    conds = (visible_to(viewer_id), _live())
    rows = session.execute(
        select(
            m.Entry.id,
            m.Entry.uid,
            m.Entry.member_id,
            m.Member.name,
            m.Entry.occurred_at,
            m.Entry.utc_offset_min,
            m.Entry.valence,
            m.Entry.energy,
            m.Entry.connection,
            m.Entry.prompt_id,
            m.Entry.reading_id,
        )
        .join(m.Member)
        .where(*conds)
        .order_by(m.Entry.occurred_at)
    ).all()
    tags: dict[int, list[str]] = {}
    for eid, name in session.execute(
        select(m.EntryTag.entry_id, m.Tag.name)
        .join(m.Tag)
        .join(m.Entry)
        .where(*conds)
        .order_by(m.EntryTag.entry_id, m.EntryTag.position)
    ):
        tags.setdefault(eid, []).append(name)
    feels: dict[int, list[str]] = {}
    for eid, word in session.execute(
        select(m.EntryFeeling.entry_id, m.EntryFeeling.word)
        .join(m.Entry)
        .where(*conds)
        .order_by(m.EntryFeeling.entry_id, m.EntryFeeling.position)
    ):
        feels.setdefault(eid, []).append(word)
    cols: dict[str, list[Any]] = {
        k: []
        for k in (
            "uid",
            "member_id",
            "member",
            "occurred_local",
            "valence",
            "energy",
            "connection",
            "tags",
            "feelings",
            "prompt_id",
            "reading_id",
        )
    }
    for r in rows:
        cols["uid"].append(r[1])
        cols["member_id"].append(r[2])
        cols["member"].append(r[3])
        cols["occurred_local"].append((r[4] + timedelta(minutes=r[5])).replace(tzinfo=None))
        cols["valence"].append(r[6])
        cols["energy"].append(r[7])
        cols["connection"].append(r[8])
        cols["tags"].append(tags.get(r[0], []))
        cols["feelings"].append(feels.get(r[0], []))
        cols["prompt_id"].append(r[9])
        cols["reading_id"].append(r[10])
    return cols


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
