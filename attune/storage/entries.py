"""Entries: one mapper from stored values to a domain `Entry`, bulk loading by id, and the
single-entry writes (add, edit, trash, restore, empty the trash).

Data functions are session-first and keyword-only, return domain objects, and leave the commit
to the caller. Functions that may open sealed words take the `Viewer`; a sealed entry opens only
with its own member's data key, which only that member's viewer holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from typing import Any, cast

from sqlalchemy import Select, String, Table, delete, select, text, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from attune.domain import entries as d
from attune.domain.viewer import Viewer

from . import models as m
from .arrays import any_of
from .revision import bump_revision
from .sealing import open_words, seal_words, sealing_key
from .tags import tag_ids
from .visibility import live, visible_to

_VISIBILITY = {v.value: v for v in d.Visibility}

# The stored values `entry_from_values` reads, in its order (`load_entries` selects these
# columns; `_values` reads the same off an ORM row).
ENTRY_VALUES = [
    "id",
    "uid",
    "member_id",
    "author",
    "occurred_at",
    "utc_offset_min",
    "valence",
    "energy",
    "connection",
    "body",
    "prompt_id",
    "reading_id",
    "visibility",
    "share_with_therapist",
    "created_at",
    "updated_at",
    "deleted_at",
    "version",
    "sealed",
]


# --- the one mapper -------------------------------------------------------------------------------
def entry_from_values(
    values: Sequence[Any],
    tags: Sequence[str],
    feelings: Sequence[str],
    viewer: Viewer,
) -> d.Entry:
    """The domain entry of one stored row: ``values`` in `ENTRY_VALUES` order as the database
    holds them (moments in UTC, as text or datetimes), ``tags`` and ``feelings`` its link rows'
    words in order. A sealed entry's words are opened with the viewer's key when it is theirs and
    unlocked; otherwise they read as empty."""
    (
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
    ) = values
    words = (body, tuple(tags), tuple(feelings))
    if blob is not None:
        words = open_words(viewer, member_id, uid, vis, blob)
    return d.Entry(
        id=eid,
        uid=uid,
        member_id=member_id,
        author=author,
        occurred_at=_utc(occurred).astimezone(_zone(offset)),
        valence=valence,
        energy=energy,
        connection=connection,
        feelings=words[2],
        tags=words[1],
        body=words[0],
        prompt_id=prompt_id,
        reading_id=reading_id,
        visibility=_VISIBILITY[vis],
        share_with_therapist=bool(therapist),
        created_at=_utc(created),
        updated_at=_utc(updated),
        deleted_at=_utc(deleted) if deleted else None,
        version=version,
        sealed=blob is not None,
    )


def _values(row: m.Entry) -> tuple[Any, ...]:
    """An ORM row's values in `ENTRY_VALUES` order."""
    return tuple(row.member.name if c == "author" else getattr(row, c) for c in ENTRY_VALUES)


def _to_domain(row: m.Entry, viewer: Viewer) -> d.Entry:
    """An ORM row through the one mapper (a sealed row has no link rows to read)."""
    if row.sealed is not None:
        return entry_from_values(_values(row), (), (), viewer)
    tags = [t.tag.name for t in row.tag_links]
    return entry_from_values(_values(row), tags, [f.word for f in row.feeling_links], viewer)


@cache
def _zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def _utc(value: str | datetime) -> datetime:
    """A moment, aware in UTC: SQLite gives back its stored UTC text, other databases a naive
    UTC datetime; an ORM row just written holds the aware datetime it was given."""
    stamp = datetime.fromisoformat(value) if isinstance(value, str) else value
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def load_entries(session: Session, ids: Select[Any], viewer: Viewer) -> list[d.Entry]:
    """The entries whose id `ids` selects, newest first, as domain objects: plain rows (no
    datetime per row from the driver) and two link queries, so an export of 100,000 builds no
    ORM objects."""
    entries, people, links, tag_table, feelings = (
        cast(Table, model.__table__)
        for model in (m.Entry, m.Member, m.EntryTag, m.Tag, m.EntryFeeling)
    )
    e = entries.c
    raw = {"occurred_at", "created_at", "updated_at", "deleted_at"}  # as stored: parsed once
    columns = [
        people.c.name
        if name == "author"
        else type_coerce(e[name], String)
        if name in raw
        else e[name]
        for name in ENTRY_VALUES
    ]
    conn = session.connection()  # Core rows: the ORM's row handling costs seconds at 100,000
    pg = conn.dialect.name == "postgresql"
    if pg:  # the ids first: under row-level security the planner misjudges `IN (subquery)` (and
        # the links' joins) and walked every entry of the journal (0.3–0.8 s at 100,000)
        ids = select(e.id).where(any_of(e.id, conn.execute(ids).scalars().all()))
    rows = conn.execute(
        select(*columns)
        .join_from(entries, people)
        .where(e.id.in_(ids))
        .order_by(e.occurred_at.desc(), e.id.desc())
    ).all()
    listed = [r[0] for r in rows]  # PostgreSQL: the links by these ids (see above)
    tags = in_order(
        conn.execute(
            select(links.c.entry_id, links.c.position, tag_table.c.name)
            .join_from(links, tag_table)
            .where(any_of(links.c.entry_id, listed) if pg else links.c.entry_id.in_(ids))
        ).all()
    )
    feels = in_order(
        conn.execute(
            select(feelings.c.entry_id, feelings.c.position, feelings.c.word).where(
                any_of(feelings.c.entry_id, listed) if pg else feelings.c.entry_id.in_(ids)
            )
        ).all()
    )
    return [entry_from_values(r, tags.get(r[0], ()), feels.get(r[0], ()), viewer) for r in rows]


def in_order(rows: Iterable[tuple[int, int, str]]) -> dict[int, list[str]]:
    """(entry id, position, word) rows in any order -> each entry's words in position order
    (sorting a few words per entry here is cheaper than SQLite sorting every link row)."""
    found: dict[int, list[tuple[int, str]]] = {}
    for eid, position, word in rows:
        found.setdefault(eid, []).append((position, word))
    return {
        eid: [w for _, w in (sorted(pairs) if len(pairs) > 1 else pairs)]
        for eid, pairs in found.items()
    }


# --- writing --------------------------------------------------------------------------------------
def _seal_row(row: m.Entry, key: bytes, draft: d.EntryDraft) -> None:
    row.sealed = seal_words(key, row.uid, draft)
    row.body = ""
    row.tag_links = []
    row.feeling_links = []


def entry_columns(draft: d.EntryDraft) -> dict[str, Any]:
    """The entry table's columns that a draft sets."""
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
        m.EntryTag(tag_id=tid, position=i) for i, tid in enumerate(tag_ids(session, draft.tags))
    ]
    row.feeling_links = [m.EntryFeeling(word=w, position=i) for i, w in enumerate(draft.feelings)]


def author_of(viewer: Viewer) -> int:
    """The member who writes: the viewer (nobody cannot write)."""
    if viewer.member_id is None:
        raise d.EntryError("Choose who is writing first.")
    return viewer.member_id


def entry_with_uid(session: Session, *, viewer: Viewer, uid: str) -> d.Entry | None:
    """The viewer's own entry with this uid (in the trash too), or None. A uid another member's
    entry holds is refused: a save never answers with someone else's entry."""
    row = session.scalar(select(m.Entry).where(m.Entry.uid == uid))
    if row is None:
        return None
    if row.member_id != author_of(viewer):
        raise d.EntryError("That entry could not be saved: try again.")
    return _to_domain(row, viewer)


def add_entry(
    session: Session, *, viewer: Viewer, draft: d.EntryDraft, uid: str | None = None
) -> d.Entry:
    """Store the viewer's new entry (a protected member's private words sealed with their key).

    With a `uid`, the save is idempotent: a second save with the same uid (a double click, a
    shortcut and a click, a retry) stores nothing and returns the entry the first one stored.
    SQLite's writers queue (BEGIN IMMEDIATE), so the look-up sees any earlier save; on a server
    database two racing saves meet the unique index, and the loser returns the winner's entry."""
    member_id = author_of(viewer)
    if uid is not None:
        earlier = entry_with_uid(session, viewer=viewer, uid=uid)
        if earlier is not None:
            return earlier
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
        **entry_columns(draft),
    )
    if key is not None:
        _seal_row(row, key, draft)
    if uid is None:
        _insert(session, row, draft, key)
    else:
        try:
            with session.begin_nested():
                _insert(session, row, draft, key)
        except IntegrityError as exc:  # the same uid committed meanwhile by another transaction
            earlier = entry_with_uid(session, viewer=viewer, uid=uid)
            if earlier is not None:
                return earlier
            if _is_uid_clash(exc):  # a uid this viewer cannot see (row-level security): not theirs
                raise d.EntryError("That entry could not be saved: try again.") from None
            raise
    bump_revision(session)
    return _to_domain(row, viewer)


def _is_uid_clash(exc: IntegrityError) -> bool:
    """The entries' unique uid was what the insert met (PostgreSQL names the index, SQLite the
    column: `entries.uid`, or `entries.journal_id, entries.uid` for the index of 0017)."""
    text_ = str(exc.orig)
    return any(n in text_ for n in ("uq_entries_journal_uid", "uq_entries_uid", "entries.uid"))


def _insert(session: Session, row: m.Entry, draft: d.EntryDraft, key: bytes | None) -> None:
    session.add(row)
    if key is None:
        _set_links(session, row, draft)
    session.flush()


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
    # Before any change is flushed.
    key = sealing_key(session, viewer, row.member_id, draft.visibility)
    was_plain = row.sealed is None
    for name, value in entry_columns(draft).items():
        setattr(row, name, value)
    if key is not None:
        _seal_row(row, key, draft)
    else:
        row.sealed = None
        _set_links(session, row, draft)
    row.version += 1
    row.updated_at = datetime.now(UTC)
    session.flush()
    if key is not None and was_plain:
        # Its plain words were indexed before: merge the index so no token of them survives.
        optimize_index(session)
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
        select(m.Entry.id).where(m.Entry.member_id == viewer_id, live(trashed=True))
    ).all()
    if not ids:
        return 0
    session.execute(delete(m.Entry).where(m.Entry.id.in_(ids)))
    optimize_index(session)
    bump_revision(session)
    return len(ids)


def optimize_index(session: Session) -> None:
    """Merge the full-text index (SQLite) so no token of erased or sealed text survives in old
    segments (`secure_delete` zeroes the freed pages)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')"))
