"""The practitioner's inbox (migration 0018), in the caller's transaction.

Two kinds of session use it. A practitioner's: made by `storage.accounts.account_sessions`, in
no journal, carrying `attune.account_id` — every statement names `practitioner_id`. A client's:
their journal's session as their member — every statement names `member_id` (and the journal).
The app's rule is in each statement; on PostgreSQL row-level security (0018) holds the same
line, so a statement that forgot it would still see only the rows of its own side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from attune.domain.accounts import AccountError
from attune.messages import inbox as words

from . import models as m
from .visibility import set_settings

CONNECT = "attune.connect"  # the hash of the code being redeemed, for row-level security
PRACTITIONER = "practitioner"


@dataclass(frozen=True)
class Link:
    """A member connected to a practitioner: each side sees the other's name as it was given."""

    id: int
    practitioner_id: int
    practitioner_name: str
    member_id: int
    client_name: str
    created_at: datetime


@dataclass(frozen=True)
class Sent:
    """One export sent over a link (without its content)."""

    id: int
    link_id: int
    client_name: str
    practitioner_name: str
    sent_at: datetime
    scope: str
    entries: int
    size: int


def _link(row: m.PractitionerLink) -> Link:
    return Link(
        row.id,
        row.practitioner_id,
        row.practitioner_name,
        row.member_id,
        row.client_name,
        row.created_at,
    )


def _sent_rows(session: Session, *where: object) -> list[Sent]:
    d, link = m.Delivery, m.PractitionerLink
    rows = session.execute(
        select(
            d.id,
            d.link_id,
            link.client_name,
            link.practitioner_name,
            d.sent_at,
            d.scope,
            d.entries,
            d.size,
        )
        .join(link, link.id == d.link_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(d.sent_at.desc(), d.id.desc())
    )
    return [Sent(*row) for row in rows]


# --- the practitioner's side --------------------------------------------------------------
def become_practitioner(session: Session, account_id: int, name: str) -> None:
    """The account (in no journal) is a practitioner from now on, known to clients as `name`."""
    done = session.execute(
        update(m.AccountRecord)
        .where(m.AccountRecord.id == account_id, m.AccountRecord.journal_id.is_(None))
        .values(kind=PRACTITIONER)
    )
    if not getattr(done, "rowcount", 0):
        raise AccountError("You are in a journal already.")
    session.add(m.PractitionerProfile(account_id=account_id, name=name))
    session.flush()


def practitioner_name(session: Session, account_id: int) -> str | None:
    return session.scalar(
        select(m.PractitionerProfile.name).where(m.PractitionerProfile.account_id == account_id)
    )


def add_code(
    session: Session,
    practitioner_id: int,
    name: str,
    code_hash: str,
    now: datetime,
    expires_at: datetime,
) -> None:
    session.add(
        m.PractitionerCode(
            practitioner_id=practitioner_id,
            practitioner_name=name,
            code_hash=code_hash,
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()


def live_codes(session: Session, practitioner_id: int, now: datetime) -> int:
    c = m.PractitionerCode
    return int(
        session.scalar(
            select(func.count())
            .select_from(c)
            .where(c.practitioner_id == practitioner_id, c.used_at.is_(None), c.expires_at > now)
        )
        or 0
    )


def links_to(session: Session, practitioner_id: int) -> list[Link]:
    rows = session.scalars(
        select(m.PractitionerLink)
        .where(m.PractitionerLink.practitioner_id == practitioner_id)
        .order_by(m.PractitionerLink.client_name, m.PractitionerLink.id)
    )
    return [_link(r) for r in rows]


def received(session: Session, practitioner_id: int) -> list[Sent]:
    """What was sent to the practitioner and not withdrawn, the newest first."""
    return _sent_rows(session, m.Delivery.practitioner_id == practitioner_id)


def payload_for(
    session: Session, practitioner_id: int, delivery_id: int
) -> tuple[Sent, bytes] | None:
    """One delivery sent to the practitioner, with its export; None when gone (withdrawn)."""
    found = _sent_rows(
        session, m.Delivery.practitioner_id == practitioner_id, m.Delivery.id == delivery_id
    )
    if not found:
        return None
    content = session.scalar(
        select(m.Delivery.payload).where(
            m.Delivery.practitioner_id == practitioner_id, m.Delivery.id == delivery_id
        )
    )
    return None if content is None else (found[0], bytes(content))


def link_history(session: Session, practitioner_id: int, link_id: int) -> list[tuple[int, str]]:
    """Each export of one client's link, oldest first: its id and the key it is signed with
    ("" unsigned) — to say what is new since the one before, and whether the key held."""
    rows = session.execute(
        select(m.Delivery.id, m.Delivery.signed_by)
        .where(m.Delivery.practitioner_id == practitioner_id, m.Delivery.link_id == link_id)
        .order_by(m.Delivery.sent_at, m.Delivery.id)
    )
    return [(int(i), str(k)) for i, k in rows]


def end_link(session: Session, practitioner_id: int, link_id: int) -> int:
    """The practitioner ends a connection: its deliveries go with it."""
    session.execute(
        delete(m.Delivery).where(
            m.Delivery.practitioner_id == practitioner_id, m.Delivery.link_id == link_id
        )
    )
    done = session.execute(
        delete(m.PractitionerLink).where(
            m.PractitionerLink.practitioner_id == practitioner_id, m.PractitionerLink.id == link_id
        )
    )
    return int(getattr(done, "rowcount", 0) or 0)


# --- the client's side --------------------------------------------------------------------
INVALID = words.CODE_INVALID


def connect(
    session: Session,
    code_hash: str,
    *,
    journal_id: int,
    member_id: int,
    client_name: str,
    now: datetime,
) -> Link:
    """Connect the member to the practitioner whose unused, unexpired code this is; the code is
    used up. AccountError for any other code (unknown, used, expired)."""
    session.info.setdefault("settings", {})[CONNECT] = code_hash
    set_settings(session.connection(), {CONNECT: code_hash})
    code = session.scalar(
        select(m.PractitionerCode).where(m.PractitionerCode.code_hash == code_hash)
    )
    expires = None if code is None else code.expires_at
    if code is None or code.used_at is not None or expires is None or expires <= now:
        raise AccountError(INVALID)
    done = session.execute(
        update(m.PractitionerCode)
        .where(m.PractitionerCode.id == code.id, m.PractitionerCode.used_at.is_(None))
        .values(used_at=now)
    )
    if not getattr(done, "rowcount", 0):
        raise AccountError(INVALID)
    found = session.scalar(
        select(m.PractitionerLink).where(
            m.PractitionerLink.member_id == member_id,
            m.PractitionerLink.practitioner_id == code.practitioner_id,
        )
    )
    if found is not None:
        return _link(found)
    row = m.PractitionerLink(
        practitioner_id=code.practitioner_id,
        practitioner_name=code.practitioner_name,
        journal_id=journal_id,
        member_id=member_id,
        client_name=client_name,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return _link(row)


def links_of(session: Session, member_id: int) -> list[Link]:
    """The member's own connections (never another member's)."""
    rows = session.scalars(
        select(m.PractitionerLink)
        .where(m.PractitionerLink.member_id == member_id)
        .order_by(m.PractitionerLink.id)
    )
    return [_link(r) for r in rows]


def add_delivery(
    session: Session,
    link: Link,
    *,
    journal_id: int,
    scope: str,
    entries: int,
    payload: bytes,
    key: str,
    now: datetime,
) -> int:
    row = m.Delivery(
        link_id=link.id,
        practitioner_id=link.practitioner_id,
        journal_id=journal_id,
        member_id=link.member_id,
        sent_at=now,
        scope=scope,
        entries=entries,
        size=len(payload),
        payload=payload,
        signed_by=key,
    )
    session.add(row)
    session.flush()
    return int(row.id)


def sent_by(session: Session, member_id: int) -> list[Sent]:
    """What the member sent and has not withdrawn, the newest first."""
    return _sent_rows(session, m.Delivery.member_id == member_id)


def withdraw(session: Session, member_id: int, delivery_id: int) -> int:
    done = session.execute(
        delete(m.Delivery).where(m.Delivery.member_id == member_id, m.Delivery.id == delivery_id)
    )
    return int(getattr(done, "rowcount", 0) or 0)


def disconnect(session: Session, member_id: int, link_id: int) -> int:
    """The member ends a connection: everything sent over it is withdrawn with it."""
    session.execute(
        delete(m.Delivery).where(m.Delivery.member_id == member_id, m.Delivery.link_id == link_id)
    )
    done = session.execute(
        delete(m.PractitionerLink).where(
            m.PractitionerLink.member_id == member_id, m.PractitionerLink.id == link_id
        )
    )
    return int(getattr(done, "rowcount", 0) or 0)


def leave(session: Session, member_id: int) -> int:
    """The member steps away from the journal: every connection ends and everything sent over
    it is withdrawn (it came from a journal they are no longer in); how many connections."""
    session.execute(delete(m.Delivery).where(m.Delivery.member_id == member_id))
    done = session.execute(
        delete(m.PractitionerLink).where(m.PractitionerLink.member_id == member_id)
    )
    return int(getattr(done, "rowcount", 0) or 0)
