"""Signed-in states on a hosted Attune (AppTest's `at.user`, `[auth]` in `at.secrets`): the
sign-in page, starting a journal, inviting and joining, no "switch person", signing out — after
which the same identity cookie opens nothing — and an account without an invitation in no
journal. On SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from attune.messages import accounts as words
from attune.services import Journal

pytestmark = pytest.mark.both_backends

APP = str(Path(__file__).resolve().parents[2] / "app.py")
ISSUER = "http://127.0.0.1:9400"
AUTH = {
    "redirect_uri": "http://attune.example.org/oauth2callback",
    "cookie_secret": "test-only-cookie-secret",
    "client_id": "attune",
    "client_secret": "test-only",
    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
}


def user(subject: str, nonce: str = "n1") -> dict[str, Any]:
    return {
        "is_logged_in": True,
        "iss": ISSUER,
        "sub": subject,
        "nonce": nonce,
        "iat": 1796228704,
        "name": subject.title(),
    }


def open_as(who: dict[str, Any] | None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = who if who is not None else {"is_logged_in": False}
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = (
        [m.value for m in at.markdown] + [t.value for t in at.title] + [c.value for c in at.caption]
    )
    return "\n".join(str(p) for p in parts)


def button(at: AppTest, key: str) -> Any:
    return next(b for b in at.button if b.key == key)


def start(at: AppTest, name: str) -> AppTest:
    at.text_input(key="signin.start_name").input(name)
    next(b for b in at.button if b.label == words.START).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_signed_out_sees_only_the_sign_in_page(db_url: str, journal: Journal) -> None:
    journal.add_member("Ana")  # someone's journal exists on this server
    at = open_as(None)
    assert [b.label for b in at.button] == [words.SIGN_IN]
    assert "Ana" not in texts(at)
    assert not at.selectbox  # no "Who is writing?"


def test_start_a_journal_then_no_switching_person(db_url: str, journal: Journal) -> None:
    at = open_as(user("ana"))
    assert words.WELCOME_TITLE in texts(at)
    start(at, "Ana")
    assert any(t.value == "Today" for t in at.title), texts(at)
    assert words.SIGNED_IN_AS.format(name="Ana") in texts(at)
    assert not [s for s in at.selectbox if s.label == "Who is writing?"]
    assert {b.key for b in at.button} >= {"signin.out", "signin.out_everywhere"}


def test_invite_join_and_a_third_account_without_a_code(
    db_url: str, journal: Journal, backend: str
) -> None:
    ana = start(open_as(user("ana")), "Ana")
    settings = ana.switch_page("views/settings.py").run()
    button(settings, "signin.invite").click().run()
    code = settings.code[0].value
    assert len(code) == 14 and code.count("-") == 2
    assert not [b for b in settings.button if b.label == "Add member"]  # no adding here

    ben = open_as(user("ben"))
    ben.text_input(key="signin.code").input(code)
    ben.text_input(key="signin.join_name").input("Ben")
    next(b for b in ben.button if b.label == words.JOIN).click().run()
    assert any(t.value == "Today" for t in ben.title), texts(ben)
    assert words.SIGNED_IN_AS.format(name="Ben") in texts(ben)

    cam = open_as(user("cam"))  # no invitation: no journal of anyone's
    assert words.WELCOME_TITLE in texts(cam)
    cam.text_input(key="signin.code").input(code)  # Ben's code, used up
    cam.text_input(key="signin.join_name").input("Cam")
    next(b for b in cam.button if b.label == words.JOIN).click().run()
    assert "not valid" in " ".join(e.value for e in cam.error)
    assert "Ana" not in texts(cam) and "Ben" not in texts(cam)


def test_signing_out_ends_the_sign_in_and_its_cookie_opens_nothing(
    db_url: str, journal: Journal
) -> None:
    at = start(open_as(user("ana")), "Ana")
    button(at, "signin.out").click().run()  # the record ends, then st.logout
    copied = open_as(user("ana"))  # the same identity cookie, in another browser
    assert words.SIGN_IN_AGAIN in [b.label for b in copied.button]
    assert "Today" not in [t.value for t in copied.title]
    fresh = open_as(user("ana", nonce="n2"))  # signing in again
    assert any(t.value == "Today" for t in fresh.title)
