"""Accounts, sign-ins and invitations (migration 0016), in the caller's transaction.

A session for these is made by `account_sessions`: it belongs to no journal until one is known
(`enter_journal`), and on PostgreSQL it carries the sign-in's settings for row-level security —
the identity being signed in, the account, a code's hash while it is redeemed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from attune.domain.accounts import Account, AccountError, Identity

from . import models as m
from .visibility import ANY_JOURNAL, JOURNAL_SETTING, scope_to_journal, set_settings

ISSUER, SUBJECT = "attune.issuer", "attune.subject"
ACCOUNT, INVITATION = "attune.account_id", "attune.invitation"


def account_sessions(engine: Engine) -> sessionmaker[Session]:
    maker = sessionmaker(engine.execution_options(attune_write=True), expire_on_commit=False)
    scope_to_journal(maker)
    return maker


def session_info(identity: Identity, account_id: int | None = None) -> dict[str, Any]:
    return {
        "journal_id": None,
        "member_id": None,
        "settings": {ISSUER: identity.issuer, SUBJECT: identity.subject, ACCOUNT: account_id},
    }


def _setting(session: Session, key: str, value: object) -> None:
    session.info.setdefault("settings", {})[key] = value
    set_settings(session.connection(), {key: value})


def enter_journal(session: Session, journal_id: int, member_id: int | None = None) -> None:
    """From here on this transaction works in `journal_id` (as `member_id`)."""
    session.info["journal_id"], session.info["member_id"] = journal_id, member_id
    set_settings(session.connection(), {JOURNAL_SETTING: journal_id, "attune.member_id": member_id})


def as_account(session: Session, account_id: int) -> None:
    _setting(session, ACCOUNT, account_id)


def _account(row: m.AccountRecord) -> Account:
    return Account(id=row.id, journal_id=row.journal_id, member_id=row.member_id, kind=row.kind)


def find_account(session: Session, identity: Identity) -> Account | None:
    row = session.scalar(
        select(m.AccountRecord).where(
            m.AccountRecord.issuer == identity.issuer, m.AccountRecord.subject == identity.subject
        )
    )
    return None if row is None else _account(row)


def add_account(session: Session, identity: Identity, kind: str = "member") -> Account:
    row = m.AccountRecord(issuer=identity.issuer, subject=identity.subject, kind=kind)
    session.add(row)
    session.flush()
    return _account(row)


def link(session: Session, account_id: int, journal_id: int | None, member_id: int | None) -> None:
    session.execute(
        update(m.AccountRecord)
        .where(m.AccountRecord.id == account_id)
        .values(journal_id=journal_id, member_id=member_id)
    )


def accounts_in_journal(session: Session) -> int:
    """How many accounts belong to the session's journal (the journal's own, through RLS)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(m.Member)
            .where(m.Member.id.in_(select(m.AccountRecord.member_id)))
        )
        or 0
    )


# --- sign-ins ---------------------------------------------------------------------------------
def find_sign_in(session: Session, token: str) -> m.SignInRecord | None:
    return session.scalar(select(m.SignInRecord).where(m.SignInRecord.token_hash == token))


def add_sign_in(session: Session, account_id: int, token: str, now: datetime) -> None:
    session.add(
        m.SignInRecord(account_id=account_id, token_hash=token, created_at=now, last_seen_at=now)
    )
    session.flush()


def end_sign_ins(session: Session, account_id: int, why: str, token: str | None = None) -> int:
    """End the account's live sign-in `token` (None: every one); how many ended."""
    stmt = update(m.SignInRecord).where(
        m.SignInRecord.account_id == account_id, m.SignInRecord.ended_at.is_(None)
    )
    if token is not None:
        stmt = stmt.where(m.SignInRecord.token_hash == token)
    done = session.execute(stmt.values(ended_at=datetime.now(UTC), ended_why=why))
    return int(getattr(done, "rowcount", 0) or 0)


# --- invitations ------------------------------------------------------------------------------
def add_invitation(
    session: Session, code_hash: str, made_by: int, now: datetime, expires_at: datetime
) -> None:
    session.add(
        m.Invitation(code_hash=code_hash, made_by=made_by, created_at=now, expires_at=expires_at)
    )
    session.flush()


def redeemable(session: Session, code_hash: str, now: datetime) -> int:
    """The journal an unused, unexpired invitation with this hash opens; AccountError else."""
    _setting(session, INVITATION, code_hash)
    row = session.scalar(
        select(m.Invitation)
        .where(m.Invitation.code_hash == code_hash)
        .execution_options(**{ANY_JOURNAL: True})
    )
    expires = None if row is None else row.expires_at
    if row is None or row.used_at is not None or expires is None or expires <= now:
        raise AccountError("That invitation code is not valid: it may be used up or expired.")
    return int(row.journal_id)


def use_invitation(session: Session, code_hash: str, account_id: int, now: datetime) -> None:
    """Use the code up (in the journal it opens: enter it first). Two people redeeming one code
    at once: the second finds it used."""
    done = session.execute(
        update(m.Invitation)
        .where(m.Invitation.code_hash == code_hash, m.Invitation.used_at.is_(None))
        .values(used_at=now, used_by=account_id)
    )
    if not getattr(done, "rowcount", 0):
        raise AccountError("That invitation code is not valid: it may be used up or expired.")


def live_invitations(session: Session, now: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(m.Invitation)
            .where(m.Invitation.used_at.is_(None), m.Invitation.expires_at > now)
        )
        or 0
    )


# --- journals ---------------------------------------------------------------------------------
def new_journal(session: Session, name: str) -> int:
    """A journal for someone starting out. PostgreSQL: a new one (attune_new_journal). SQLite:
    the file's one journal, while nobody is in it yet."""
    if session.get_bind().dialect.name == "postgresql":
        return int(session.scalar(select(func.attune_new_journal(name[:120]))) or 0)
    enter_journal(session, 1)
    if session.scalar(select(func.count()).select_from(m.Member)):
        raise AccountError(
            "This Attune keeps one journal, and it has people in it already: ask one of them "
            "for an invitation code."
        )
    return 1
