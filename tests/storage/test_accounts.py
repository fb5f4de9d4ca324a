"""Accounts, sign-ins and invitations through the service, on SQLite and on PostgreSQL (as the
app's role, row-level security in force)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from attune.config import load_settings
from attune.domain import accounts as a
from attune.domain.accounts import AccountError, Identity, SignedOut
from attune.services import Journal
from attune.services.accounts import Accounts, make_invitation, open_invitations
from tests.viewers import V

pytestmark = pytest.mark.both_backends

ISSUER = "http://127.0.0.1:9400"


def who(subject: str, nonce: str = "n1") -> Identity:
    return Identity(ISSUER, subject, nonce=nonce, issued_at="1796228704")


@pytest.fixture
def accounts(journal: Journal) -> Accounts:
    return Accounts(journal.engine)


def test_a_sign_in_lives_until_signed_out_and_a_copy_of_it_then_opens_nothing(
    accounts: Accounts,
) -> None:
    ana = who("ana")
    first = accounts.sign_in(ana)
    assert accounts.sign_in(ana) == first  # every run of the session
    assert not first.has_journal  # signed in, in no journal yet
    assert accounts.sign_out(ana) == 1
    with pytest.raises(SignedOut):
        accounts.sign_in(ana)  # the same cookie, copied or kept: nothing
    again = accounts.sign_in(replace(ana, nonce="n2"))  # signing in again is a new sign-in
    assert again.id == first.id


def test_sign_out_everywhere_ends_every_sign_in_of_the_account_only(accounts: Accounts) -> None:
    phone, laptop, ben = who("ana", "phone"), who("ana", "laptop"), who("ben")
    for identity in (phone, laptop, ben):
        accounts.sign_in(identity)
    assert accounts.sign_out(phone, everywhere=True) == 2
    for identity in (phone, laptop):
        with pytest.raises(SignedOut):
            accounts.sign_in(identity)
    accounts.sign_in(ben)  # someone else's sign-in is theirs


def test_a_sign_in_idle_too_long_is_ended(accounts: Accounts) -> None:
    ana = who("ana")
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    accounts.sign_in(ana, now=start)
    accounts.sign_in(ana, now=start + a.IDLE_LIMIT - timedelta(minutes=1))  # still live
    with pytest.raises(SignedOut, match="away"):
        accounts.sign_in(ana, now=start + 2 * a.IDLE_LIMIT)
    with pytest.raises(SignedOut):
        accounts.sign_in(ana, now=start + 2 * a.IDLE_LIMIT)


def _journal_of(account: a.Account) -> Journal:
    settings = replace(load_settings(), journal_id=account.journal_id or 1)
    return Journal(settings)


def test_an_invitation_joins_its_journal_once_and_nobody_else_gets_in(
    accounts: Accounts, backend: str
) -> None:
    ana, ben, cam = who("ana"), who("ben"), who("cam")
    for identity in (ana, ben, cam):
        accounts.sign_in(identity)
    mine = accounts.start_journal(ana, "Ana")
    assert mine.has_journal
    journal = _journal_of(mine)
    try:
        code = make_invitation(journal, V(mine.member_id))
        assert open_invitations(journal, V(mine.member_id)) == 1
        with pytest.raises(AccountError, match="not valid"):
            accounts.redeem(ben, "AAAA-BBBB-CCCC", "Ben")  # a guess
        joined = accounts.redeem(ben, code.lower().replace("-", " "), "Ben")  # as typed
        assert joined.journal_id == mine.journal_id and joined.member_id != mine.member_id
        assert [m.name for m in journal.members()] == ["Ana", "Ben"]
        with pytest.raises(AccountError, match="not valid"):
            accounts.redeem(cam, code, "Cam")  # used up
        assert open_invitations(journal, V(mine.member_id)) == 0
        assert not accounts.sign_in(cam).has_journal  # no invitation: no journal
        if backend == "sqlite":  # one journal to a file, and it has people in it
            with pytest.raises(AccountError, match="one journal"):
                accounts.start_journal(cam, "Cam")
        else:  # a journal of their own, walled off from Ana's
            own = accounts.start_journal(cam, "Cam")
            assert own.journal_id != mine.journal_id
            theirs = _journal_of(own)
            try:
                assert [m.name for m in theirs.members()] == ["Cam"]
                assert [m.name for m in journal.members()] == ["Ana", "Ben"]
            finally:
                theirs.close()
    finally:
        journal.close()


def test_an_expired_invitation_opens_nothing(accounts: Accounts) -> None:
    ana, ben = who("ana"), who("ben")
    accounts.sign_in(ana)
    accounts.sign_in(ben)
    mine = accounts.start_journal(ana, "Ana")
    journal = _journal_of(mine)
    try:
        old = datetime.now(UTC) - a.INVITATION_LIFETIME - timedelta(minutes=1)
        code = make_invitation(journal, V(mine.member_id), now=old)
        with pytest.raises(AccountError, match="expired"):
            accounts.redeem(ben, code, "Ben")
        with pytest.raises(AccountError, match="already"):
            accounts.start_journal(ana, "Again")
    finally:
        journal.close()


def test_codes_are_unguessable_and_forgiving_to_type() -> None:
    codes = {a.new_code() for _ in range(200)}
    assert len(codes) == 200
    code = next(iter(codes))
    assert len(a.normalise_code(code)) == a.CODE_GROUPS * a.CODE_GROUP_LEN
    assert a.code_hash(code) == a.code_hash(f"  {code.lower()} ")
    assert a.code_hash(code) != a.code_hash(a.new_code())
    assert Identity.from_claims({"iss": ISSUER}) is None
    assert who("x").sign_in_token != who("x", "other").sign_in_token
