"""Abuse limits on screen, signed in (AppTest's `at.user`, on SQLite and on PostgreSQL): over a
limit, or past a bound of one request, the screen shows one line and nothing else happens —
the invitation code typed once too often (even the right one), a file larger than an upload
may be, an export larger than one request may make."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.config import load_settings
from attune.domain.accounts import Identity
from attune.domain.limits import Action, Per, rules_for
from attune.exchange import registry
from attune.messages import accounts as words
from attune.messages import limits as limit_words
from attune.services import Journal, sharing
from attune.services.accounts import Accounts, make_invitation
from attune.services.limits import Limits
from tests.app.test_signin import open_as, texts, user
from tests.share_factory import client_month
from tests.viewers import V

pytestmark = pytest.mark.both_backends


@pytest.fixture
def anas(journal: Journal) -> Iterator[tuple[Journal, int]]:
    """Ana, signed in with a journal of her own started (as `user("ana")` is in the app)."""
    identity = Identity.from_claims(user("ana"))
    assert identity is not None
    accounts = Accounts(journal.engine)
    accounts.sign_in(identity)
    account = accounts.start_journal(identity, "Ana")
    assert account.journal_id is not None and account.member_id is not None
    own = Journal(replace(load_settings(), journal_id=account.journal_id))
    yield own, account.member_id
    own.close()


def errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def join(at: AppTest, code: str) -> AppTest:
    at.text_input(key="signin.code").input(code)
    at.text_input(key="signin.join_name").input("Cam")
    next(b for b in at.button if b.label == words.JOIN).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_one_wrong_invitation_code_too_many_is_refused_with_one_line(
    anas: tuple[Journal, int],
) -> None:
    own, ana = anas
    right = make_invitation(own, V(ana))
    (allowed,) = [r.limit for r in rules_for(Action.REDEEM) if r.per is Per.ACCOUNT]
    cam = open_as(user("cam"))
    for n in range(allowed):
        join(cam, f"WRNG-CODE-{n:04d}")
        assert errors(cam) == [errors(cam)[0]] and "not valid" in errors(cam)[0]
    join(cam, right)  # even the right code: nothing else happens
    assert errors(cam) == ["Too many tries from here. Please wait 15 minutes."]
    assert words.WELCOME_TITLE in texts(cam) and "Ana" not in texts(cam)
    assert own.members() and [m.name for m in own.members()] == ["Ana"]  # Cam joined nothing


def test_a_file_larger_than_an_upload_may_be_is_refused_with_one_line(
    anas: tuple[Journal, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 100)
    at = open_as(user("ana"), "views/import.py")
    big = json.dumps({"entries": [{"body": "x" * 200}]}).encode()
    at.file_uploader[0].set_value(("big.json", big, "application/json")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert errors(at) == [messages.IMPORT_TOO_BIG.format(size="100 bytes")]
    assert not [b for b in at.button if "Import" in str(b.label)]  # nothing to import


def test_an_export_larger_than_one_request_may_make_is_refused_with_one_line(
    anas: tuple[Journal, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    own, ana = anas
    client_month(own, next(m for m in own.members() if m.id == ana))  # 8 marked for therapy
    monkeypatch.setattr(sharing, "MAX_EXPORT_ENTRIES", 5)
    at = open_as(user("ana"), "views/share.py")
    assert errors(at) == [limit_words.EXPORT_TOO_MANY_ENTRIES.format(entries=8, limit=5)], texts(at)
    assert "narrower date range" in errors(at)[0]
    assert not at.get("download_button")
    monkeypatch.setattr(sharing, "MAX_EXPORT_ENTRIES", 8)  # within the bound: the file again
    at.run()
    assert not errors(at)
    assert messages.SHARE_PDF_ON_DEMAND in texts(at)  # the PDF is offered again


def _used_up(journal: Journal, action: Action, subject: str) -> None:
    """Every slot of `action` for this account taken, as the app counts them."""
    from components.address import limit_secret
    from tests.app.test_signin import AUTH, ISSUER

    limits = Limits(journal.engine, limit_secret(AUTH["cookie_secret"]))
    (allowed,) = [r.limit for r in rules_for(action) if r.per is Per.ACCOUNT]
    for _ in range(allowed):
        limits.take(action, account=(ISSUER, subject))


def test_a_new_sign_in_over_the_limit_is_one_line_and_nothing_else(journal: Journal) -> None:
    _used_up(journal, Action.SIGN_IN, "ana")
    at = open_as(user("ana", nonce="once-too-often"))
    assert errors(at) == ["Too many tries from here. Please wait 15 minutes."]
    assert not at.title and not at.button and not at.text_input
    assert Accounts(journal.engine).sign_in(Identity.from_claims(user("ben"))).id  # others go on


def test_one_invitation_too_many_is_refused_with_one_line(
    anas: tuple[Journal, int], journal: Journal
) -> None:
    _used_up(journal, Action.INVITE, "ana")
    at = open_as(user("ana"), "views/settings.py")
    next(b for b in at.button if b.key == "signin.invite").click().run()
    assert errors(at) == ["Too many tries from here. Please wait 60 minutes."]
    shown = [str(c.value) for c in at.code]
    assert not [c for c in shown if len(c) == 14 and c.count("-") == 2], shown  # no code made
