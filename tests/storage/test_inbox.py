"""A practitioner's inbox on a hosted Attune (migration 0018), on SQLite and on PostgreSQL as
the app's role: a practitioner connects a client with a one-time code, the client sends the
Share page's export and withdraws it; nobody else sees either — through the service, and on
PostgreSQL through row-level security alone (plain SQL, no rule of the app's in it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from attune.config import load_settings
from attune.domain import accounts as a
from attune.domain.accounts import Account, AccountError, Identity
from attune.domain.exports import Scope
from attune.services import Journal, sharing
from attune.services import inbox as service
from attune.services.accounts import Accounts
from attune.services.inbox import Inbox
from tests.factories import make_entry
from tests.viewers import V

pytestmark = pytest.mark.both_backends

ISSUER = "http://127.0.0.1:9400"
SHARED_WORDS, PRIVATE_WORDS = "okapisentwords", "okapikeptwords"


def who(subject: str) -> Identity:
    return Identity(ISSUER, subject, nonce="n1", issued_at="1796228704")


def _journal_of(account: Account) -> Journal:
    return Journal(replace(load_settings(), journal_id=account.journal_id or 1))


@pytest.fixture
def accounts(journal: Journal) -> Accounts:
    return Accounts(journal.engine)


def _practitioner(accounts: Accounts, inbox: Inbox, subject: str = "pat") -> Account:
    account = accounts.sign_in(who(subject))
    return inbox.become(who(subject), account, "Dr Pat")


def _send_one(journal: Journal, member_id: int, link_id: int) -> service.Sent:
    member = next(m for m in journal.members() if m.id == member_id)
    make_entry(journal, member, body=f"{SHARED_WORDS} today", share_with_therapist=True)
    make_entry(journal, member, body=f"{PRIVATE_WORDS} mine alone")
    data = sharing.gather(journal, V(member_id), scope=Scope.THERAPIST)
    return service.send(journal, V(member_id), link_id, data)


def test_a_client_connects_sends_and_withdraws(journal: Journal, accounts: Accounts) -> None:
    inbox = Inbox(journal.engine)
    pat = _practitioner(accounts, inbox)
    assert pat.kind == "practitioner" and not pat.has_journal
    assert accounts.sign_in(who("pat")).kind == "practitioner"  # kept
    assert inbox.name(who("pat"), pat) == "Dr Pat"
    assert inbox.received(who("pat"), pat) == []  # the empty inbox

    accounts.sign_in(who("ana"))
    ana = accounts.start_journal(who("ana"), "Ana")
    mine = _journal_of(ana)
    try:
        code = inbox.make_code(who("pat"), pat)
        assert inbox.open_codes(who("pat"), pat) == 1
        with pytest.raises(AccountError, match="not valid"):
            service.connect(mine, V(ana.member_id), "AAAA-BBBB-CCCC", "Ana")  # a guess
        link = service.connect(mine, V(ana.member_id), code.lower(), "Ana R.")
        assert link.practitioner_name == "Dr Pat" and link.client_name == "Ana R."
        assert inbox.open_codes(who("pat"), pat) == 0
        with pytest.raises(AccountError, match="not valid"):
            service.connect(mine, V(ana.member_id), code, "Ana")  # used up
        assert [c.client_name for c in inbox.clients(who("pat"), pat)] == ["Ana R."]

        sent = _send_one(mine, ana.member_id or 0, link.id)
        assert sent.entries == 1
        assert [s.id for s in service.sent(mine, V(ana.member_id))] == [sent.id]
        got = inbox.received(who("pat"), pat)
        assert [(s.id, s.client_name) for s in got] == [(sent.id, "Ana R.")]
        opened = inbox.open(who("pat"), pat, sent.id)
        assert opened is not None
        bodies = " ".join(e.body for e in opened.data.entries)
        assert SHARED_WORDS in bodies and PRIVATE_WORDS not in bodies
        assert opened.previous is None and opened.authenticity.trust == "only"

        second = _send_one(mine, ana.member_id or 0, link.id)
        again = inbox.open(who("pat"), pat, second.id)
        assert again is not None and again.previous is not None
        assert len(again.new) == 1 and again.authenticity.trust == "same"

        assert service.withdraw(mine, V(ana.member_id), sent.id)
        assert inbox.open(who("pat"), pat, sent.id) is None  # gone at once
        assert [s.id for s in inbox.received(who("pat"), pat)] == [second.id]
        assert service.disconnect(mine, V(ana.member_id), link.id)
        assert inbox.received(who("pat"), pat) == []
        assert inbox.clients(who("pat"), pat) == []
    finally:
        mine.close()


def test_a_code_expires_and_a_member_account_makes_none(
    journal: Journal, accounts: Accounts
) -> None:
    inbox = Inbox(journal.engine)
    pat = _practitioner(accounts, inbox)
    accounts.sign_in(who("ana"))
    ana = accounts.start_journal(who("ana"), "Ana")
    mine = _journal_of(ana)
    try:
        old = datetime.now(UTC) - a.INVITATION_LIFETIME - timedelta(minutes=1)
        code = inbox.make_code(who("pat"), pat, now=old)
        with pytest.raises(AccountError, match="expired"):
            service.connect(mine, V(ana.member_id), code, "Ana")
        with pytest.raises(AccountError, match="practitioners"):
            inbox.make_code(who("ana"), ana)  # a member has no inbox
        with pytest.raises(AccountError, match="journal already"):
            inbox.become(who("ana"), ana, "Ana")
        assert mine.members()[0].name == "Ana"
    finally:
        mine.close()


def _visible(url: str, settings: dict[str, object]) -> dict[str, int]:
    """Rows of each inbox table a transaction with these settings sees: plain SQL, as the app's
    role, so only row-level security stands between it and the rows."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for key, value in settings.items():
                conn.execute(text("SELECT set_config(:k, :v, true)"), {"k": key, "v": str(value)})
            tables = ("practitioner_codes", "practitioner_links", "deliveries", "practitioners")
            return {
                t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables
            }
    finally:
        engine.dispose()


def test_row_level_security_alone_shows_a_delivery_to_its_two_ends_only(
    journal: Journal, accounts: Accounts, backend: str, db_url: str
) -> None:
    if backend != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")
    inbox = Inbox(journal.engine)
    pat = _practitioner(accounts, inbox)
    other = _practitioner(accounts, inbox, "quinn")  # a third account: another practitioner
    for subject in ("ana", "ben", "cam"):
        accounts.sign_in(who(subject))
    ana = accounts.start_journal(who("ana"), "Ana")
    cam = accounts.start_journal(who("cam"), "Cam")  # another journal's member
    mine = _journal_of(ana)
    try:
        code = inbox.make_code(who("pat"), pat)
        link = service.connect(mine, V(ana.member_id), code, "Ana")
        sent = _send_one(mine, ana.member_id or 0, link.id)
        ben = accounts.redeem(who("ben"), _invite(mine, ana), "Ben")  # the partner

        def member(acc: Account) -> dict[str, object]:
            return {
                "attune.journal_id": acc.journal_id,
                "attune.member_id": acc.member_id,
                "attune.account_id": acc.id,
            }

        assert _visible(db_url, member(ana)) == {
            "practitioner_codes": 0,
            "practitioner_links": 1,
            "deliveries": 1,
            "practitioners": 0,
        }
        assert _visible(db_url, {"attune.account_id": pat.id}) == {
            "practitioner_codes": 1,
            "practitioner_links": 1,
            "deliveries": 1,
            "practitioners": 1,
        }
        nothing = dict.fromkeys(("practitioner_links", "deliveries"), 0)
        for settings in (
            {"attune.account_id": other.id},  # a third account
            member(cam),  # another journal's member
            member(ben),  # the partner, in the same journal
            {"attune.journal_id": ana.journal_id},  # the journal, nobody in it
            {},  # nothing set
        ):
            seen = _visible(db_url, settings)
            assert {k: seen[k] for k in nothing} == nothing, settings
            assert seen["practitioner_codes"] == 0
        # Writes: the partner cannot send in Ana's name, nor a member make a code.
        delivery = (
            "INSERT INTO deliveries (link_id, practitioner_id, journal_id, member_id, sent_at, "
            "scope, entries, size, signed_by, payload) VALUES "
            f"({link.id}, {pat.id}, {ana.journal_id}, {ben.member_id}, now(), 'therapist', 0, "
            "1, '', 'x')"
        )
        with pytest.raises(ProgrammingError, match="row-level security"):
            _write(db_url, member(ben), delivery)
        code_row = (
            "INSERT INTO practitioner_codes (practitioner_id, practitioner_name, code_hash, "
            f"created_at, expires_at) VALUES ({ana.id}, 'x', 'h', now(), now())"
        )
        with pytest.raises(ProgrammingError, match="row-level security"):
            _write(db_url, {"attune.account_id": ana.id}, code_row)

        assert service.withdraw(mine, V(ana.member_id), sent.id)
        assert _visible(db_url, {"attune.account_id": pat.id})["deliveries"] == 0
        assert _visible(db_url, member(ana))["deliveries"] == 0
    finally:
        mine.close()


def _write(url: str, settings: dict[str, object], sql: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for key, value in settings.items():
                conn.execute(text("SELECT set_config(:k, :v, true)"), {"k": key, "v": str(value)})
            conn.execute(text(sql))
    finally:
        engine.dispose()


def _invite(journal: Journal, account: Account) -> str:
    from attune.services.accounts import make_invitation

    return make_invitation(journal, V(account.member_id))


def test_the_partner_sees_no_connection_and_nothing_sent(
    journal: Journal, accounts: Accounts
) -> None:
    """The app's own rule (both databases): the partner in the same journal."""
    inbox = Inbox(journal.engine)
    pat = _practitioner(accounts, inbox)
    for subject in ("ana", "ben"):
        accounts.sign_in(who(subject))
    ana = accounts.start_journal(who("ana"), "Ana")
    mine = _journal_of(ana)
    try:
        ben = accounts.redeem(who("ben"), _invite(mine, ana), "Ben")
        link = service.connect(mine, V(ana.member_id), inbox.make_code(who("pat"), pat), "Ana")
        sent = _send_one(mine, ana.member_id or 0, link.id)
        assert service.links(mine, V(ben.member_id)) == []
        assert service.sent(mine, V(ben.member_id)) == []
        assert not service.withdraw(mine, V(ben.member_id), sent.id)  # not his to withdraw
        with pytest.raises(AccountError):
            service.send(
                mine,
                V(ben.member_id),
                link.id,
                sharing.gather(mine, V(ben.member_id), scope=Scope.SUMMARY),
            )
        assert [s.id for s in inbox.received(who("pat"), pat)] == [sent.id]
    finally:
        mine.close()
