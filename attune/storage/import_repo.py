"""Import batches: write a previewed import in the caller's transaction, list and undo them.

Session-first and keyword-only like the other stores; the caller (attune.importing) owns the transaction,
so an import is stored whole or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, String, bindparam, delete, func, select, text, true, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from attune import messages
from attune.domain.entries import EntryDraft, EntryError, NotFoundError
from attune.domain.imports import ImportBatch, ImportResult
from attune.domain.viewer import Viewer

from . import bulk
from . import models as m
from .entries import optimize_index
from .revision import bump_revision

CHUNK = 5_000  # entries per INSERT round (progress is reported after each)
IMPORT_CACHE_KIB = 32 * 1024  # SQLite page cache while an import writes (its default is 2 MB)
LOOKUP = 5_000  # uids per "already here?" query (SQLite allows 32,766 parameters)
ANALYZE_AFTER = 10_000  # PostgreSQL: entries added by one import before its tables are analyzed


def _to_domain(row: m.ImportBatch) -> ImportBatch:
    return ImportBatch(
        id=row.id,
        uid=row.uid,
        format=row.format,
        file_sha256=row.file_sha256,
        member_id=row.member_id,
        created_at=row.created_at,
        entry_count=row.entry_count,
        undone_at=row.undone_at,
    )


def _found(session: Session, part: Sequence[str], member_id: int | None) -> Iterable[str]:
    """Which of `part` are stored uids (the member's own when `member_id` is given).

    On PostgreSQL each uid is looked up on its own down the unique uid index (a LATERAL join
    from the unnested array, which the planner must run as a nested loop): right after a large
    import the tables have no statistics yet (autovacuum analyzes a minute later, and the app's
    role may not ANALYZE tables it does not own), and the planner, taking 100,000 entries for a
    hundred, chose plans for `uid IN (…)` that ran for minutes."""
    if session.get_bind().dialect.name != "postgresql":
        cond: list[ColumnElement[bool]] = [m.Entry.uid.in_(part)]
        if member_id is not None:
            cond.append(m.Entry.member_id == member_id)
        return session.scalars(select(m.Entry.uid).where(*cond))
    if member_id is None:  # the whole journal's, past row-level security (migration 0021)
        taken = func.attune_uids_taken(bindparam("uids", list(part), type_=ARRAY(String)))
        return session.scalars(select(taken))
    wanted = (
        func.unnest(bindparam("uids", list(part), type_=ARRAY(String)))
        .table_valued("uid")
        .render_derived(name="wanted")
    )
    cond = [m.Entry.uid == wanted.c.uid]
    if member_id is not None:
        cond.append(m.Entry.member_id == member_id)
    hit = select(m.Entry.uid).where(*cond).limit(1).lateral("hit")
    return session.scalars(select(hit.c.uid).select_from(wanted).join(hit, true()))


def _none_stored(session: Session, member_id: int | None) -> bool:
    """Whether there is no entry to look uids up among (the member's own, trashed or not; or
    any of the journal's): an import into a new journal, or by a new member, then looks up
    nothing. On PostgreSQL the journal's are asked of `attune_journal_has_entries()`, which sees
    the entries row-level security hides from this member (their uids are taken all the same)."""
    query = select(m.Entry.id)
    if member_id is not None:
        query = query.where(m.Entry.member_id == member_id)
    elif session.get_bind().dialect.name == "postgresql":  # past row-level security (0021)
        return not session.scalar(select(func.attune_journal_has_entries()))
    return session.scalar(query.limit(1)) is None


def existing_uids(session: Session, *, uids: Sequence[str]) -> set[str]:
    """Which of these entry uids are already stored (anyone's, trashed or not)."""
    found: set[str] = set()
    if not uids or _none_stored(session, None):
        return found
    for start in range(0, len(uids), LOOKUP):
        found.update(_found(session, uids[start : start + LOOKUP], None))
    return found


def own_uids(session: Session, *, member_id: int, uids: Sequence[str]) -> set[str]:
    """Which of these uids are the member's own entries (trashed or not). What is "already
    here" for an import: another member's entries are never looked at, so a dry run cannot
    confirm a guess at someone else's words."""
    found: set[str] = set()
    if not uids or _none_stored(session, member_id):
        return found
    for start in range(0, len(uids), LOOKUP):
        found.update(_found(session, uids[start : start + LOOKUP], member_id))
    return found


def present_count(
    session: Session, *, member_id: int, entries: Sequence[tuple[Sequence[str], object]]
) -> int:
    """How many entries, each known by any of its uids, are the member's own already."""
    own = own_uids(session, member_id=member_id, uids=[u for uids, _ in entries for u in uids])
    return sum(1 for uids, _ in entries if own.intersection(uids))


def add_import(
    session: Session,
    *,
    viewer: Viewer,
    fmt: str,
    file_sha256: str,
    entries: Sequence[tuple[Sequence[str], EntryDraft]],
    skipped: int = 0,
    progress: Callable[[float], None] | None = None,
) -> ImportResult:
    """Store entries as one import batch, each under the first of its uids, leaving out those
    the viewer has already (under any of its uids: keyed, or as imported before uids were
    keyed). Records no batch when nothing is new. The batch is the viewer's; a protected
    viewer's private entries are sealed with their key. `file_sha256` is stored as given (the
    service passes a keyed hash)."""
    member_id = viewer.member_id
    if member_id is None:
        raise EntryError("Choose who is importing first.")
    own = own_uids(session, member_id=member_id, uids=[u for uids, _ in entries for u in uids])
    new = [(uids[0], draft) for uids, draft in entries if not own.intersection(uids)]
    present = len(entries) - len(new)
    if not new:
        if progress:
            progress(1.0)
        return ImportResult(None, 0, present, skipped)
    batch = m.ImportBatch(
        uid=str(uuid.uuid4()),
        format=fmt,
        file_sha256=file_sha256,
        member_id=member_id,
        created_at=datetime.now(UTC),
        entry_count=len(new),
    )
    session.add(batch)
    session.flush()
    with _page_cache(session, IMPORT_CACHE_KIB if len(new) > CHUNK else 0):
        for start in range(0, len(new), CHUNK):
            bulk.add_entries_bulk(
                session,
                viewer=viewer,
                drafts=new[start : start + CHUNK],
                import_batch_id=batch.id,
                validated=True,
            )
            if progress:
                progress(min(1.0, (start + CHUNK) / len(new)))
    if len(new) >= ANALYZE_AFTER:
        _analyze(session)
    return ImportResult(batch.id, len(new), present, skipped)


def _analyze(session: Session) -> None:
    """PostgreSQL: fresh planner statistics for the tables a large import just filled, in its
    own transaction (ANALYZE counts the rows it inserted). Until autovacuum gets there, minutes
    later, the planner would take 100,000 new entries for an empty table and scan them all for
    each next import's uid lookup. A role that does not own the tables is skipped with a
    warning (autovacuum then does it). SQLite's planner needs no statistics here."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE entries, entry_tags, entry_feelings"))


@contextmanager
def _page_cache(session: Session, kib: int) -> Iterator[None]:
    """A bigger SQLite page cache for this connection while a large import writes: the entry
    table's seven indexes then stay in memory instead of spilling to the log page by page (a
    third faster at 100,000 entries). Put back afterwards; a cache only holds pages it read."""
    if not kib or session.get_bind().dialect.name != "sqlite":
        yield
        return
    before = session.scalar(text("PRAGMA cache_size"))
    session.execute(text(f"PRAGMA cache_size = -{int(kib)}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size = {int(before)}"))


def holds_other_than(session: Session, *, fmt: str) -> bool:
    """Whether the journal holds anything but imports of format `fmt`: an entry (anyone's,
    trashed or not) from elsewhere, or a member without such an import. Counts, never reads.
    On PostgreSQL, row-level security shows a member only their own private rows, so the
    question goes to the database's `attune_holds_other_than` (migration 0015), which answers it
    for the transaction's journal alone."""
    if session.get_bind().dialect.name == "postgresql":
        return bool(session.scalar(select(func.attune_holds_other_than(fmt))))
    batch = m.ImportBatch
    foreign = select(m.Entry.id).where(
        m.Entry.import_batch_id.is_(None)
        | m.Entry.import_batch_id.in_(select(batch.id).where(batch.format != fmt))
    )
    if session.scalar(foreign.limit(1)) is not None:
        return True
    with_fmt = select(batch.member_id).where(batch.format == fmt)
    return (
        session.scalar(select(m.Member.id).where(m.Member.id.not_in(with_fmt)).limit(1)) is not None
    )


def list_batches(session: Session, *, member_id: int) -> list[ImportBatch]:
    """The member's imports, newest first (undone ones included, marked)."""
    rows = session.scalars(
        select(m.ImportBatch)
        .where(m.ImportBatch.member_id == member_id)
        .order_by(m.ImportBatch.created_at.desc(), m.ImportBatch.id.desc())
    ).all()
    return [_to_domain(r) for r in rows]


def undo_batch(session: Session, *, member_id: int, batch_id: int) -> int:
    """Erase exactly the entries this import added (edited or trashed ones too) and mark it
    undone. Returns how many were erased."""
    row = session.get(m.ImportBatch, batch_id)
    if row is None or row.member_id != member_id or row.undone_at is not None:
        raise NotFoundError(messages.IMPORT_BATCH_GONE)
    result = session.execute(
        delete(m.Entry).where(m.Entry.import_batch_id == batch_id, m.Entry.member_id == member_id)
    )
    erased = int(getattr(result, "rowcount", 0) or 0)
    if erased:  # merge the full-text index so no token of the text survives
        optimize_index(session)
    session.execute(
        update(m.ImportBatch)
        .where(m.ImportBatch.id == batch_id)
        .values(undone_at=datetime.now(UTC))
    )
    bump_revision(session)
    return erased
