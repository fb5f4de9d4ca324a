"""Signed-in use of a hosted Attune: accounts, their server-side sign-ins, invitations.

`Accounts` is one per database (the screens cache it), like the engine it holds; who is signing
in travels as an argument (`Identity`, from the identity provider's claims). Every run of a
signed-in session calls `sign_in`: it finds (or makes) the account and lets the run in only
while that sign-in's record is live — so signing out, signing out everywhere or a long idle time
end it for good, and a copy of the old cookie opens nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from attune.domain import accounts as a
from attune.domain.accounts import Account, Identity, SignedOut
from attune.domain.limits import Action
from attune.domain.viewer import Viewer
from attune.storage import accounts as store
from attune.storage import members as member_store
from attune.storage import revision as revisions

from .journal import Journal
from .limits import Limits, TooManyTries

__all__ = ["Accounts", "TooManyTries", "make_invitation", "open_invitations"]


def _who(identity: Identity) -> tuple[str, str]:
    return (identity.issuer, identity.subject)


class Accounts:
    def __init__(self, engine: Engine, limits: Limits | None = None) -> None:
        self._sessions = store.account_sessions(engine)
        self.limits = limits or Limits(engine)

    @contextmanager
    def _session(self, identity: Identity, account_id: int | None = None) -> Iterator[Session]:
        with self._sessions(info=store.session_info(identity, account_id)) as s, s.begin():
            yield s

    def sign_in(
        self, identity: Identity, now: datetime | None = None, *, address: str | None = None
    ) -> Account:
        """The account of this run's identity, its sign-in live (made on first sight). Raises
        SignedOut for a sign-in that was ended, or has been idle too long (ended now); and
        TooManyTries when a new sign-in would pass the limits of this account or `address`
        (then nothing is made)."""
        now = now or datetime.now(UTC)
        token = identity.sign_in_token
        idle = False
        with self._session(identity) as s:
            account = store.find_account(s, identity)
            record = None
            if account is not None:
                store.as_account(s, account.id)
                record = store.find_sign_in(s, token)
            if record is None:
                pass
            elif record.ended_at is not None:
                raise SignedOut("You signed out here. Sign in again to go on.")
            elif a.is_idle(record.last_seen_at, now):
                record.ended_at, record.ended_why, idle = now, "idle", True
            elif now - record.last_seen_at > a.SEEN_EVERY:
                record.last_seen_at = now
        if idle:
            raise SignedOut("You were away for a while, so Attune signed you out. Sign in again.")
        if account is not None and record is not None:
            return account
        # A new sign-in: counted first (its own transaction, shared by every replica).
        self.limits.take(Action.SIGN_IN, account=_who(identity), address=address, now=now)
        with self._session(identity) as s:
            account = store.find_account(s, identity) or store.add_account(s, identity)
            store.as_account(s, account.id)
            if store.find_sign_in(s, token) is None:
                store.add_sign_in(s, account.id, token, now)
        return account

    def sign_out(self, identity: Identity, *, everywhere: bool = False) -> int:
        """End this sign-in (or, `everywhere`, every sign-in of the account); how many ended."""
        with self._session(identity) as s:
            account = store.find_account(s, identity)
            if account is None:
                return 0
            store.as_account(s, account.id)
            token = None if everywhere else identity.sign_in_token
            return store.end_sign_ins(
                s, account.id, "everywhere" if everywhere else "signed-out", token
            )

    def start_journal(self, identity: Identity, name: str) -> Account:
        """A journal of their own for someone signed in without one, with them as its first
        member called `name`."""
        with self._session(identity) as s:
            account = self._without_journal(s, identity)
            journal_id = store.new_journal(s, name)
            return self._join(s, account, journal_id, name)

    def redeem(
        self, identity: Identity, code: str, name: str, *, address: str | None = None
    ) -> Account:
        """Join the journal an invitation code opens, as a new member called `name`; the code
        is used up. AccountError for a code that is unknown, used or expired; TooManyTries
        (before the code is even looked at) when this account or `address` tried too often."""
        now = datetime.now(UTC)
        self.limits.take(Action.REDEEM, account=_who(identity), address=address, now=now)
        digest = a.code_hash(code)
        with self._session(identity) as s:
            account = self._without_journal(s, identity)
            journal_id = store.redeemable(s, digest, now)
            store.enter_journal(s, journal_id)
            store.use_invitation(s, digest, account.id, now)
            return self._join(s, account, journal_id, name)

    def _without_journal(self, s: Session, identity: Identity) -> Account:
        account = store.find_account(s, identity)
        if account is None:
            raise SignedOut("Sign in first.")
        store.as_account(s, account.id)
        if account.has_journal:
            raise a.AccountError("You are in a journal already.")
        return account

    def _join(self, s: Session, account: Account, journal_id: int, name: str) -> Account:
        store.enter_journal(s, journal_id)
        member = member_store.add_member(s, name=name)
        store.enter_journal(s, journal_id, member.id)
        revisions.bump_revision(s)
        store.link(s, account.id, journal_id, member.id)
        return Account(account.id, journal_id, member.id, account.kind)

    def invite(
        self, identity: Identity, journal: Journal, viewer: Viewer, *, address: str | None = None
    ) -> str:
        """`make_invitation`, counted against this account's and `address`'s limits first
        (TooManyTries: no code made)."""
        if viewer.member_id is None:
            raise a.AccountError("Choose who you are first.")
        self.limits.take(Action.INVITE, account=_who(identity), address=address)
        return make_invitation(journal, viewer)

    def leave_journal(self, identity: Identity) -> None:
        """After the member stepped away (services.people): the account keeps no journal."""
        with self._session(identity) as s:
            account = store.find_account(s, identity)
            if account is not None:
                store.as_account(s, account.id)
                store.link(s, account.id, None, None)


def make_invitation(journal: Journal, viewer: Viewer, now: datetime | None = None) -> str:
    """A one-time code to join this journal, valid for `INVITATION_LIFETIME`. Shown once: only
    its hash is kept."""
    if viewer.member_id is None:
        raise a.AccountError("Choose who you are first.")
    now = now or datetime.now(UTC)
    code = a.new_code()
    with journal.sessions.writing(viewer) as s:
        store.add_invitation(
            s, a.code_hash(code), viewer.member_id, now, now + a.INVITATION_LIFETIME
        )
    return code


def open_invitations(journal: Journal, viewer: Viewer) -> int:
    with journal.sessions.reading(viewer) as s:
        return store.live_invitations(s, datetime.now(UTC))
