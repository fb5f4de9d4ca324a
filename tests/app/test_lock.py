"""The lock on every screen: `require_member()` starts each view, switching person always asks a
protected member again, Lock locks at once, and nobody is chosen for you when several share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from attune import crypto, messages, security
from attune.messages import inbox as inbox_words
from attune.services import Journal, together
from tests.factories import make_entry

Open = Callable[..., AppTest]
ROOT = Path(__file__).resolve().parents[2]
SCREENS = sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "views").glob("*.py") if p.stem != "__init__"
)
OPEN_TO_ALL = {"views/support.py", "views/welcome.py"}  # help, and the first run before anyone
# The practice's screens have a lock of their own (tests/app/test_practice.py).
OPEN_TO_ALL |= {s for s in SCREENS if s.startswith("views/practice_")}
# A hosted practitioner's screens open only for a signed-in practitioner (below, and
# tests/app/test_inbox.py).
INBOX = {"views/inbox.py", "views/inbox_clients.py"}
OPEN_TO_ALL |= INBOX
SECRET = "ocelot"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


@pytest.fixture
def sam_protected(journal: Journal, two_members: tuple[int, int]) -> tuple[int, int]:
    sam, alex = two_members
    make_entry(
        journal,
        journal.members()[0],
        body=f"{SECRET} secret",
        occurred_at=datetime.now().astimezone(),
    )
    together.set_passphrase(journal, sam, "river stones")
    return sam, alex


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text] + [t.value for t in at.title]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def locked(at: AppTest, name: str = "Sam") -> bool:
    return bool(at.title) and at.title[0].value == messages.LOCKED_TITLE.format(name=name)


def unlock(at: AppTest, passphrase: str = "river stones") -> AppTest:
    at.text_input(key="unlock_passphrase").input(passphrase)
    at.button(key="unlock").click().run()
    return at


@pytest.mark.parametrize("screen", [s for s in SCREENS if s not in OPEN_TO_ALL])
def test_every_screen_on_its_own_meets_the_lock(
    screen: str, sam_protected: tuple[int, int]
) -> None:
    """Run as a script without app.py's frame (as a fresh server's direct link could): the
    screen still asks for the passphrase and shows nothing of Sam's."""
    at = AppTest.from_file(str(ROOT / screen), default_timeout=60)
    at.session_state["member_id"] = sam_protected[0]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert locked(at), screen
    assert SECRET not in shown(at)


@pytest.mark.parametrize("screen", [s for s in SCREENS if s not in OPEN_TO_ALL])
def test_every_screen_asks_who_is_writing_when_several_share(
    screen: str, journal: Journal, two_members: tuple[int, int]
) -> None:
    """No fallback to the first member: with two people and nobody chosen, the screen asks."""
    make_entry(journal, journal.members()[0], body=f"{SECRET} secret")
    at = AppTest.from_file(str(ROOT / screen), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == messages.WHO_TITLE
    assert SECRET not in shown(at)


@pytest.mark.parametrize("screen", sorted(INBOX))
@pytest.mark.parametrize("chosen", [False, True])
def test_a_practitioners_screen_shows_a_journal_member_nothing(
    screen: str, chosen: bool, sam_protected: tuple[int, int]
) -> None:
    """Reached directly without a practitioner's sign-in — chosen as a member or not — the page is
    one neutral line: no journal, no inbox, nothing of Sam's."""
    at = AppTest.from_file(str(ROOT / screen), default_timeout=60)
    if chosen:
        at.session_state["member_id"] = sam_protected[0]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [i.value for i in at.info] == [inbox_words.PRACTITIONERS_ONLY]
    assert not at.title and not at.button and not at.text_input
    assert SECRET not in shown(at)


def test_choosing_yourself_then_unlocking(app: Open, sam_protected: tuple[int, int]) -> None:
    at = app()
    assert at.title[0].value == messages.WHO_TITLE
    at.button(key=f"who.{sam_protected[0]}").click().run()
    assert locked(at)
    assert at.title[0].value != "Today"
    unlock(at)
    assert at.title[0].value == "Today"
    assert SECRET in shown(at)


def test_a_wrong_passphrase_keeps_it_locked(app: Open, sam_protected: tuple[int, int]) -> None:
    at = app(None, member_id=sam_protected[0])
    unlock(at, "not it")
    assert at.error[0].value == messages.WRONG_PASSPHRASE
    assert locked(at) and SECRET not in shown(at)


def test_switching_away_and_back_asks_again(app: Open, sam_protected: tuple[int, int]) -> None:
    sam, alex = sam_protected
    at = unlock(app(None, member_id=sam))
    assert at.title[0].value == "Today" and SECRET in shown(at)
    at.sidebar.selectbox(key="sidebar_member").set_value(alex).run()
    assert at.title[0].value == "Today"  # Alex has no passphrase
    assert SECRET not in shown(at)
    at.sidebar.selectbox(key="sidebar_member").set_value(sam).run()
    assert locked(at)
    assert SECRET not in shown(at)
    unlock(at)
    assert SECRET in shown(at)


def test_lock_locks_at_once(app: Open, sam_protected: tuple[int, int]) -> None:
    at = unlock(app(None, member_id=sam_protected[0]))
    at.switch_page("views/journal.py").run()
    assert SECRET in shown(at)
    at.sidebar.button(key="lock_now").click().run()
    assert locked(at)
    assert SECRET not in shown(at)
    assert "viewer" not in at.session_state  # no key left in the session


def test_lock_is_offered_only_to_an_unlocked_protected_member(
    app: Open, sam_protected: tuple[int, int]
) -> None:
    sam, alex = sam_protected
    at = app(None, member_id=alex)
    assert not [b for b in at.sidebar.button if b.key == "lock_now"]
    at = unlock(app(None, member_id=sam))
    assert [b for b in at.sidebar.button if b.key == "lock_now"]


def test_someone_else_can_leave_a_lock_screen_that_is_not_theirs(
    app: Open, sam_protected: tuple[int, int]
) -> None:
    sam, alex = sam_protected
    at = app(None, member_id=sam)
    assert locked(at)
    at.button(key="not_me").click().run()
    assert at.title[0].value == messages.WHO_TITLE
    at.button(key=f"who.{alex}").click().run()
    assert at.title[0].value == "Today"
    assert SECRET not in shown(at)


def test_switching_person_leaves_nothing_typed_behind(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    """What one person typed but did not save (a weekly note, a search) is not on the next
    person's screen after a switch in the same browser."""
    from attune.services import care
    from components import state
    from tests.viewers import V

    sam, alex = two_members
    for member in (sam, alex):
        care.acknowledge_safety(journal, V(member))
    at = app("views/together.py", member_id=sam)
    at.text_area(key=state.WEEKLY_TALK).input("typed-by-sam-not-saved").run()
    at.switch_page("views/journal.py").run()
    at.text_input(key=state.SEARCH).input("sam-was-looking-for-this").run()
    at.sidebar.selectbox(key="sidebar_member").set_value(alex).run()
    assert at.text_input(key=state.SEARCH).value in ("", None)
    at.switch_page("views/together.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_area(key=state.WEEKLY_TALK).value in ("", None)
    typed = " ".join(str(w.value) for w in (*at.text_area, *at.text_input))
    assert "typed-by-sam" not in typed and "sam-was-looking" not in typed
