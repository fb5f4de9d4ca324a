"""Issue 15 items 2, 3, 4a on screen: a passphrase offered when someone is added, the lock mark,
look-alike names refused, Leave quickly locks every session, stepping away follows the member's
choice for their private entries."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from attune import crypto, messages, security
from attune.domain.entries import Visibility
from attune.domain.names import LOOKS_LIKE
from attune.messages import people as words
from attune.services import Journal, together
from attune.services import people as people_service
from tests.factories import make_entry
from tests.viewers import V

Open = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text] + [t.value for t in at.title]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    parts += [b.label for b in at.button] + [s.label for s in at.selectbox]
    parts += [o for s in at.selectbox for o in s.options]
    return "\n".join(str(p) for p in parts)


def test_welcome_offers_a_passphrase_and_says_what_skipping_means(
    app: Open, journal: Journal
) -> None:
    at = app()
    assert at.text_input(key="welcome_passphrase").label == words.ADD_PASSPHRASE
    assert words.ADD_PASSPHRASE_HINT in [c.value for c in at.caption]
    at.text_input[0].input("Sam")
    at.text_input(key="welcome_passphrase").input("river stones")
    at.text_input(key="welcome_again").input("river stones")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    sam = journal.members()[0]
    assert together.is_protected(journal, sam.id)
    # Who set it is in at once: Today, not the unlock form.
    assert not any(t.value == messages.LOCKED_TITLE.format(name="Sam") for t in at.title)


def test_welcome_can_skip_the_passphrase(app: Open, journal: Journal) -> None:
    at = app()
    at.text_input[0].input("Sam")
    at.button[0].click().run()
    assert [m.name for m in journal.members()] == ["Sam"]
    assert not together.is_protected(journal, journal.members()[0].id)


def test_settings_adds_someone_with_a_passphrase_and_refuses_a_look_alike(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, _ = two_members
    at = app("views/settings.py", member_id=sam)
    assert at.text_input(key="add_passphrase").label == words.ADD_PASSPHRASE
    at.text_input(key="add_member").input("Ѕam")  # Cyrillic Ѕ
    at.button(key="FormSubmitter:add_member-" + words.ADD_MEMBER).click().run()
    assert LOOKS_LIKE.format(name="Sam") in [e.value for e in at.error]
    at.text_input(key="add_member").input("Kim")
    at.text_input(key="add_passphrase").input("kim's own words")
    at.text_input(key="add_again").input("kim's own words")
    at.button(key="FormSubmitter:add_member-" + words.ADD_MEMBER).click().run()
    kim = next(m for m in journal.members() if m.name == "Kim")
    assert together.is_protected(journal, kim.id)


def test_protection_is_marked_whether_or_not_unlocked(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, _ = two_members
    together.set_passphrase(journal, sam, "river stones")
    at = app("views/today.py", member_id=sam)
    at.text_input(key="unlock_passphrase").input("river stones")
    at.button(key="unlock").click().run()
    options = at.sidebar.selectbox[0].options
    assert options == [f"Sam {words.PROTECTED_MARK}", "Alex"]
    assert "locked" not in "".join(options)


def test_only_a_member_renames_themselves(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    at = app("views/settings.py", member_id=sam)
    keys = {t.key for t in at.text_input}
    assert f"rename_{sam}" in keys and f"rename_{alex}" not in keys


def test_leave_quickly_locks_every_session_and_shows_a_plain_page(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    together.set_passphrase(journal, sam, "river stones")
    here = app("views/today.py", member_id=sam)
    here.text_input(key="unlock_passphrase").input("river stones")
    here.button(key="unlock").click().run()
    there = app("views/journal.py")
    there.button(key=f"who.{alex}").click().run()
    assert there.title[0].value != messages.WHO_TITLE

    here.button(key="leave_quickly").click().run()
    assert not here.exception
    assert [t.value for t in here.title] == [words.NEUTRAL_TITLE]
    assert "Sam" not in shown(here) and "Alex" not in shown(here)
    assert not here.sidebar.button  # nothing else on it

    there.run()  # the next person, in another window
    assert there.title[0].value == messages.WHO_TITLE
    there.button(key=f"who.{sam}").click().run()
    assert there.title[0].value == messages.LOCKED_TITLE.format(name="Sam")

    here.button(key="neutral_continue").click().run()
    assert here.title[0].value == messages.WHO_TITLE


def test_discreet_mode_is_a_journal_preference(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    at = app("views/settings.py", member_id=two_members[0])
    at.toggle(key="discreet_tab").set_value(True).run()
    assert people_service.discreet(journal)


@pytest.mark.parametrize(
    ("choice", "left"),
    [("keep", {"sam private", "sam shared"}), ("erase", {"sam shared"})],
)
def test_stepping_away_follows_the_members_choice_for_private_entries(
    app: Open, journal: Journal, two_members: tuple[int, int], choice: str, left: set[str]
) -> None:
    sam, _ = two_members
    make_entry(journal, journal.members()[0], body="sam private")
    make_entry(journal, journal.members()[0], body="sam shared", visibility=Visibility.SHARED)
    at = app("views/settings.py", member_id=sam)
    at.radio(key="away_private").set_value(choice).run()
    if choice == "erase":
        at.text_input(key="away_name").input("Sma")
        at.button(key="away_go").click().run()
        assert words.TYPE_NAME_WRONG in [e.value for e in at.error]
        at.text_input(key="away_name").input("Sam")
    at.button(key="away_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.name for m in journal.members()] == ["Alex"]
    assert words.STEPPED_AWAY.format(name="Sam") in [m.value for m in at.success]
    assert "Writing as Alex" in [c.value for c in at.sidebar.caption]  # Sam's session closed
    people_service.bring_back(journal, sam)
    assert {e.body for e in journal.list_entries(V(sam)).items} == left
