"""A practitioner on the same hosted Attune (AppTest's `at.user`, `[auth]` in `at.secrets`):
choosing to be a practitioner on the welcome page, the empty Inbox and a one-time code; a client
connecting on Share, sending the Share page's export and withdrawing it; the practitioner's
Inbox with that one export, read-only, and without it after the withdrawal. Both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from attune.config import load_settings
from attune.domain.accounts import Identity
from attune.domain.viewer import Viewer
from attune.messages import accounts as accounts_words
from attune.messages import inbox as words
from attune.messages import people as people_words
from attune.services import Journal
from attune.services.accounts import Accounts, make_invitation
from attune.services.inbox import Inbox
from tests.app.test_signin import open_as, texts, user
from tests.factories import make_entry

pytestmark = pytest.mark.both_backends

SENT_WORDS, KEPT_WORDS = "okapisentonshare", "okapikeptprivate"


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def _all(at: AppTest) -> str:
    return texts(at) + "\n" + "\n".join(str(t.value) for t in at.text)


def _identity(who: dict[str, Any]) -> Identity:
    found = Identity.from_claims(who)
    assert found is not None
    return found


def test_a_practitioner_chooses_the_inbox_and_makes_a_code(db_url: str, journal: Journal) -> None:
    at = open_as(user("pat"))
    assert words.BECOME_TITLE in [s.value for s in at.subheader]
    at.text_input(key="inbox.become_name").input("Dr Pat")
    _ok(_button(at, words.BECOME).click().run())
    assert [t.value for t in at.title] == [words.INBOX_TITLE], texts(at)
    assert [i.value for i in at.info] == [words.INBOX_EMPTY]  # the empty state
    assert "Signed in as Dr Pat" in texts(at)
    assert not at.selectbox  # no client, no "Who is writing?"
    assert "Today" not in texts(at)

    clients = _ok(at.switch_page("views/inbox_clients.py").run())
    assert words.CLIENTS_NONE in texts(clients)
    _ok(_button(clients, words.CODE_MAKE).click().run())
    code = clients.code[0].value
    assert len(code) == 14 and code.count("-") == 2
    assert words.CODES_OPEN.format(count=1) in texts(clients)

    again = open_as(user("pat"))  # the next visit: the inbox again, no welcome
    assert [t.value for t in again.title] == [words.INBOX_TITLE]


def test_a_client_sends_from_share_and_withdraws(db_url: str, journal: Journal) -> None:
    accounts, inbox = Accounts(journal.engine), Inbox(journal.engine)
    pat_id, ana_id = _identity(user("pat")), _identity(user("ana"))
    pat = inbox.become(pat_id, accounts.sign_in(pat_id), "Dr Pat")
    code = inbox.make_code(pat_id, pat)
    accounts.sign_in(ana_id)
    ana = accounts.start_journal(ana_id, "Ana")
    theirs = Journal(replace(load_settings(), journal_id=ana.journal_id or 1))
    try:
        member = theirs.members()[0]
        yesterday = datetime.now(UTC) - timedelta(days=1)
        make_entry(
            theirs, member, body=SENT_WORDS, share_with_therapist=True, occurred_at=yesterday
        )
        make_entry(theirs, member, body=KEPT_WORDS, occurred_at=yesterday)
    finally:
        theirs.close()

    share = open_as(user("ana"), "views/share.py")
    assert words.SEND_TITLE in [s.value for s in share.subheader]
    share.text_input(key="inbox_send.code").input(code)
    _ok(_button(share, words.CONNECT).click().run())
    assert words.CONNECTED.format(name="Dr Pat") in [s.value for s in share.success]
    _ok(_button(share, words.SEND.format(name="Dr Pat")).click().run())
    assert words.SENT.format(name="Dr Pat") in [s.value for s in share.success]
    assert _button(share, words.SEND.format(name="Dr Pat")).disabled  # not twice by mistake
    assert [b.label for b in share.button].count(words.WITHDRAW) == 1

    seen = open_as(user("pat"))
    assert seen.selectbox(key="inbox.client").options == ["Ana · 1 export"]
    shown = _all(seen)
    assert SENT_WORDS in shown and KEPT_WORDS not in shown
    assert "Read-only" in shown

    _ok(_button(share, words.WITHDRAW).click().run())
    assert any("can no longer open it" in w.value for w in share.warning)  # asked once more
    _ok(_button(share, words.WITHDRAW_YES).click().run())
    assert words.WITHDRAWN.format(name="Dr Pat") in [s.value for s in share.success]
    assert words.SENT_NONE in texts(share)

    _ok(seen.run())  # the practitioner's next run: gone
    assert [i.value for i in seen.info] == [words.INBOX_EMPTY]
    assert SENT_WORDS not in _all(seen)


def test_stepping_away_signed_in_leaves_the_journal_and_withdraws_what_was_sent(
    db_url: str, journal: Journal
) -> None:
    """Issue 19 item 3: a member can leave. Ben, signed in, steps away (keeping his private
    entries sealed, his shared ones staying): his account is in no journal any more — his next
    run is the welcome page, nothing of Ana's — and what he sent his practitioner is withdrawn."""
    accounts, inbox = Accounts(journal.engine), Inbox(journal.engine)
    pat_id, ana_id, ben_id = (_identity(user(who)) for who in ("pat", "ana", "ben"))
    pat = inbox.become(pat_id, accounts.sign_in(pat_id), "Dr Pat")
    code = inbox.make_code(pat_id, pat)
    accounts.sign_in(ana_id)
    ana = accounts.start_journal(ana_id, "Ana")
    theirs = Journal(replace(load_settings(), journal_id=ana.journal_id or 1))
    try:
        invitation = make_invitation(theirs, Viewer(ana.member_id))
        accounts.sign_in(ben_id)
        ben = accounts.redeem(ben_id, invitation, "Ben")
        yesterday = datetime.now(UTC) - timedelta(days=1)
        him = next(m for m in theirs.members() if m.id == ben.member_id)
        make_entry(theirs, him, body=SENT_WORDS, share_with_therapist=True, occurred_at=yesterday)
    finally:
        theirs.close()

    share = open_as(user("ben"), "views/share.py")
    share.text_input(key="inbox_send.code").input(code)
    _ok(_button(share, words.CONNECT).click().run())
    _ok(_button(share, words.SEND.format(name="Dr Pat")).click().run())
    assert open_as(user("pat")).selectbox(key="inbox.client").options == ["Ben · 1 export"]

    settings = _ok(share.switch_page("views/settings.py").run())
    assert words.LEAVING_WITHDRAWS.format(name="Dr Pat") in texts(settings)
    _ok(settings.button(key="away_go").click().run())
    assert [s.value for s in settings.success] == [people_words.STEPPED_AWAY_SIGNED_IN]
    assert accounts_words.WELCOME_TITLE in texts(settings)

    again = open_as(user("ben"))  # his next visit, or this one's next run
    assert accounts_words.WELCOME_TITLE in texts(again)
    assert "Today" not in [t.value for t in again.title]
    assert SENT_WORDS not in _all(again) and "Ana" not in _all(again)
    seen = open_as(user("pat"))
    assert [i.value for i in seen.info] == [words.INBOX_EMPTY]
    assert inbox.clients(pat_id, pat) == []
    settings = _ok(open_as(user("ana"), "views/settings.py"))  # Ana's Settings › People
    assert people_words.ARCHIVED_SIGNED_IN in texts(settings)
    assert not [b for b in settings.button if b.key and b.key.startswith("bring_back_")]
