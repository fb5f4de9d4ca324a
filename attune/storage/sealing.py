"""Sealing a protected member's private entries (see attune.crypto for the scheme).

A sealed entry keeps its time, scores, visibility and uid in the clear (trends need them) and its
words — body, tags, feeling words — only inside `entries.sealed`. Its `body` column is empty, it
has no tag or feeling rows, so the full-text index and the tag list never hold its words. Sealing
and unsealing rewrite rows in one transaction, then merge the FTS index so no old token survives
(`secure_delete` zeroes the freed pages; the caller truncates the WAL afterwards)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from attune import crypto
from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.domain.errors import CryptoError, LockedError
from attune.domain.text import search_terms
from attune.domain.viewer import Viewer

from . import models as m
from .revision import bump_revision
from .tags import tag_ids


def sealing_key(
    session: Session, viewer: Viewer, member_id: int, visibility: Visibility
) -> bytes | None:
    """The data key when this entry must be sealed: a private entry of a member who has one.
    Raises LockedError when the viewer has not unlocked that journal."""
    if visibility is not Visibility.PRIVATE:
        return None
    if session.scalar(select(m.Member.key_wrapped).where(m.Member.id == member_id)) is None:
        return None
    key = viewer.key_for(member_id)
    if key is None:
        raise LockedError("Unlock this journal first: its private entries are encrypted.")
    return key


def seal_words(key: bytes, uid: str, draft: EntryDraft) -> bytes:
    return crypto.seal(
        key, uid, draft.visibility.value, crypto.Sealed(draft.body, draft.tags, draft.feelings)
    )


def open_words(
    viewer: Viewer, member_id: int, uid: str, visibility: str, blob: bytes
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(body, tags, feelings) of a sealed entry, opened with the viewer's key for its member;
    empty when the viewer holds none or it does not open."""
    key = viewer.key_for(member_id)
    if key is None:
        return "", (), ()
    try:
        words = crypto.open_sealed(key, uid, visibility, blob)
    except CryptoError:
        return "", (), ()
    return words.body, words.tags, words.feelings


def is_protected(session: Session, member_id: int) -> bool:
    return session.scalar(select(m.Member.key_wrapped).where(m.Member.id == member_id)) is not None


def key_material(session: Session, member_id: int) -> tuple[bytes, bytes] | None:
    row = session.execute(
        select(m.Member.key_salt, m.Member.key_wrapped).where(m.Member.id == member_id)
    ).one_or_none()
    if row is None or row[0] is None or row[1] is None:
        return None
    return row[0], row[1]


def set_key_material(
    session: Session, member_id: int, salt: bytes | None, wrapped: bytes | None
) -> None:
    member = session.get(m.Member, member_id)
    assert member is not None
    member.key_salt, member.key_wrapped = salt, wrapped


def _secret_aad(member_id: int) -> str:
    return f"attune-import-secret|{member_id}"


def import_secret(session: Session, viewer: Viewer, *, create: bool = False) -> bytes | None:
    """The viewer's own import secret (the key of their import uids and file hashes), made on
    first use when `create`; None when they have none yet. A protected member's is sealed with
    their data key: LockedError while the viewer holds no key."""
    member_id = viewer.member_id
    if member_id is None:
        raise LockedError("Choose who you are first.")
    member = session.get(m.Member, member_id)
    assert member is not None
    key = viewer.key_for(member_id) if member.key_wrapped is not None else None
    if member.key_wrapped is not None and key is None:
        raise LockedError("Unlock this journal first: its private entries are encrypted.")
    if member.import_secret is not None:
        if key is None:
            return member.import_secret
        return crypto.open_bytes(key, _secret_aad(member_id), member.import_secret)
    if not create:
        return None
    secret = crypto.new_secret()
    member.import_secret = (
        secret if key is None else crypto.seal_bytes(key, _secret_aad(member_id), secret)
    )
    return secret


def _reseal_secret(session: Session, member_id: int, old: bytes | None, new: bytes | None) -> None:
    """The member's import secret moved from one key to another (None: in clear)."""
    member = session.get(m.Member, member_id)
    if member is None or member.import_secret is None:
        return
    aad = _secret_aad(member_id)
    secret = (
        member.import_secret if old is None else crypto.open_bytes(old, aad, member.import_secret)
    )
    member.import_secret = secret if new is None else crypto.seal_bytes(new, aad, secret)


def reseal_member(
    session: Session,
    member_id: int,
    old_key: bytes,
    new_key: bytes,
    progress: Callable[[float], object] | None = None,
) -> int:
    """Open everything of the member sealed under `old_key` and seal it again under `new_key`
    (a changed passphrase), in the caller's transaction: entries (the trash too), drafts and the
    import secret. Returns how many entries; `progress` hears the fraction done."""
    ids = list(
        session.scalars(
            select(m.Entry.id)
            .where(m.Entry.member_id == member_id, m.Entry.sealed.is_not(None))
            .order_by(m.Entry.id)
        )
    )
    step = 500
    for start in range(0, len(ids), step):
        part = ids[start : start + step]
        rows = session.execute(
            select(m.Entry.id, m.Entry.uid, m.Entry.visibility, m.Entry.sealed).where(
                m.Entry.id.in_(part)
            )
        ).all()
        session.execute(
            update(m.Entry),
            [
                {
                    "id": eid,
                    "sealed": crypto.seal(
                        new_key, uid, vis, crypto.open_sealed(old_key, uid, vis, blob or b"")
                    ),
                }
                for eid, uid, vis, blob in rows
            ],
        )
        if progress:
            progress(min(1.0, (start + len(part)) / len(ids)) * 0.99)
    for draft in session.scalars(select(m.Draft).where(m.Draft.member_id == member_id)):
        if draft.sealed is not None:
            aad = f"draft:{draft.slot}"
            body = crypto.open_sealed(old_key, aad, "private", draft.sealed).body
            draft.sealed = crypto.seal(new_key, aad, "private", crypto.Sealed(body, (), ()))
    _reseal_secret(session, member_id, old_key, new_key)
    _reseal_notes(session, member_id, old_key, new_key)
    session.flush()
    bump_revision(session)
    if progress:
        progress(1.0)
    return len(ids)


def _note_aad(uid: str) -> str:
    return f"appreciation:{uid}"


def seal_note(key: bytes, uid: str, appreciation: str, talk_about: str) -> bytes:
    """A private weekly check-in note's words (what was appreciated, what to talk about), sealed
    like an entry's: AES-256-GCM under the data key, bound to the row's uid."""
    return crypto.seal(
        key, _note_aad(uid), "private", crypto.Sealed(appreciation, (talk_about,), ())
    )


def open_note(viewer: Viewer, member_id: int, uid: str, blob: bytes) -> tuple[str, str]:
    """(appreciation, talk_about) of a sealed note; empty when the viewer cannot open it."""
    key = viewer.key_for(member_id)
    if key is None:
        return "", ""
    try:
        words = crypto.open_sealed(key, _note_aad(uid), "private", blob)
    except CryptoError:
        return "", ""
    return words.body, (words.tags[0] if words.tags else "")


def _reseal_notes(session: Session, member_id: int, old: bytes | None, new: bytes | None) -> None:
    """The member's private check-in notes moved from one key to another (None: in clear)."""
    rows = session.scalars(
        select(m.Appreciation).where(
            m.Appreciation.member_id == member_id,
            m.Appreciation.visibility == Visibility.PRIVATE.value,
        )
    )
    for row in rows:
        if row.sealed is None:
            text_pair = (row.appreciation, row.talk_about)
        elif old is None:
            continue  # sealed already, and no key to open it with
        else:
            words = crypto.open_sealed(old, _note_aad(row.uid), "private", row.sealed)
            text_pair = (words.body, words.tags[0] if words.tags else "")
        if new is None:
            row.appreciation, row.talk_about, row.sealed = text_pair[0], text_pair[1], None
        else:
            row.sealed = seal_note(new, row.uid, *text_pair)
            row.appreciation, row.talk_about = "", ""


def _purge_index(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')"))
    # Tags no entry uses any more (their names were private words) are removed too.
    session.execute(delete(m.Tag).where(~m.Tag.id.in_(select(m.EntryTag.tag_id))))


def seal_member(session: Session, member_id: int, data_key: bytes) -> int:
    """Seal every plain private entry (and draft) of the member. Returns how many entries."""
    rows = session.scalars(
        select(m.Entry).where(
            m.Entry.member_id == member_id,
            m.Entry.visibility == Visibility.PRIVATE.value,
            m.Entry.sealed.is_(None),
        )
    ).all()
    for row in rows:
        words = crypto.Sealed(
            row.body,
            tuple(t.tag.name for t in row.tag_links),
            tuple(f.word for f in row.feeling_links),
        )
        row.sealed = crypto.seal(data_key, row.uid, row.visibility, words)
        row.body = ""
        row.tag_links = []
        row.feeling_links = []
    for draft in session.scalars(select(m.Draft).where(m.Draft.member_id == member_id)):
        if draft.sealed is None and draft.body:
            draft.sealed = crypto.seal(
                data_key, f"draft:{draft.slot}", "private", crypto.Sealed(draft.body, (), ())
            )
            draft.body = ""
    _reseal_secret(session, member_id, None, data_key)
    _reseal_notes(session, member_id, None, data_key)
    session.flush()
    _purge_index(session)
    bump_revision(session)
    return len(rows)


def unseal_member(session: Session, member_id: int, data_key: bytes) -> int:
    rows = session.scalars(
        select(m.Entry).where(m.Entry.member_id == member_id, m.Entry.sealed.is_not(None))
    ).all()
    for row in rows:
        words = crypto.open_sealed(data_key, row.uid, row.visibility, row.sealed or b"")
        row.body = words.body
        row.sealed = None
        row.tag_links = [
            m.EntryTag(tag_id=t, position=i)
            for i, t in enumerate(tag_ids(session, list(words.tags)))
        ]
        row.feeling_links = [
            m.EntryFeeling(word=w, position=i) for i, w in enumerate(words.feelings)
        ]
    for draft in session.scalars(select(m.Draft).where(m.Draft.member_id == member_id)):
        if draft.sealed is not None:
            draft.body = crypto.open_sealed(
                data_key, f"draft:{draft.slot}", "private", draft.sealed
            ).body
            draft.sealed = None
    _reseal_secret(session, member_id, data_key, None)
    _reseal_notes(session, member_id, data_key, None)
    bump_revision(session)
    return len(rows)


def opened(
    session: Session, member_id: int, data_key: bytes, *, include_trash: bool = False
) -> dict[int, tuple[str, crypto.Sealed]]:
    """entry id → (uid, words) for every sealed entry of the member: read in memory only."""
    stmt = select(m.Entry.id, m.Entry.uid, m.Entry.visibility, m.Entry.sealed).where(
        m.Entry.member_id == member_id, m.Entry.sealed.is_not(None)
    )
    if not include_trash:
        stmt = stmt.where(m.Entry.deleted_at.is_(None))
    return {
        eid: (uid, crypto.open_sealed(data_key, uid, vis, blob or b""))
        for eid, uid, vis, blob in session.execute(stmt)
    }


def matches(words: crypto.Sealed, filt: EntryFilter) -> bool:
    """The text, tag and feeling parts of a filter, applied to one sealed entry in memory."""
    if filt.tags and not {t.casefold() for t in filt.tags} <= {t.casefold() for t in words.tags}:
        return False
    if filt.feelings and not {f.lower() for f in filt.feelings} <= set(words.feelings):
        return False
    return not filt.text.strip() or text_matches(words.body, filt.text)


def text_matches(body: str, query: str) -> bool:
    """Like the FTS query: every word of the query, the last one as a prefix; else a substring."""
    terms = search_terms(query)
    if not terms:
        return query.strip().casefold() in body.casefold()
    words = [w.casefold() for w in search_terms(body)]
    *whole, last = [t.casefold() for t in terms]
    return all(t in words for t in whole) and any(w.startswith(last) for w in words)


def sealed_words(payloads: Iterable[tuple[str, crypto.Sealed]]) -> tuple[list[str], list[str]]:
    tags: list[str] = []
    feelings: list[str] = []
    for _, w in payloads:
        tags.extend(w.tags)
        feelings.extend(w.feelings)
    return tags, feelings


def load_draft(session: Session, member_id: int, slot: str, key: bytes | None) -> str:
    row = session.scalar(
        select(m.Draft).where(m.Draft.member_id == member_id, m.Draft.slot == slot)
    )
    if row is None:
        return ""
    if row.sealed is None:
        return row.body
    if key is None:
        return ""
    return crypto.open_sealed(key, f"draft:{slot}", "private", row.sealed).body


def save_draft(session: Session, member_id: int, slot: str, body: str, key: bytes) -> None:
    row = session.scalar(
        select(m.Draft).where(m.Draft.member_id == member_id, m.Draft.slot == slot)
    )
    if not body.strip():
        if row is not None:
            session.delete(row)
        return
    blob = crypto.seal(key, f"draft:{slot}", "private", crypto.Sealed(body, (), ()))
    if row is None:
        session.add(m.Draft(member_id=member_id, slot=slot, body="", sealed=blob))
    else:
        row.body, row.sealed = "", blob
