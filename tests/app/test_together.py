"""AppTest journeys for partners: shared prompts revealed only when everyone has answered,
closing early, the weekly check-in, passphrase lock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from attune import crypto, messages, security
from attune.domain.entries import Visibility
from attune.services import Journal, care, together
from tests.factories import make_entry
from tests.viewers import V

Open = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def seen_safety(journal: Journal, *member_ids: int) -> None:
    """These members have said "I understand" on the safety screen before Together."""
    for member_id in member_ids:
        care.acknowledge_safety(journal, V(member_id))


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def test_two_member_conversation_reveals_only_when_both_answered(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    seen_safety(journal, sam, alex)
    at_sam = app("views/together.py", member_id=sam)
    at_sam.text_input(key="ask.own").input("What made you feel close this week?")
    at_sam.button(key="ask.send").click().run()
    assert at_sam.success[0].value == messages.ASKED
    [conv] = together.conversations(journal, V(sam))

    at_sam.text_area(key=f"answer_{conv.id}").input("walking home in the rain").run()
    at_sam.button(key=f"send_{conv.id}").click().run()
    assert at_sam.success[0].value == messages.ANSWERED

    at_alex = app("views/together.py", member_id=alex)
    assert "walking home in the rain" not in page_text(at_alex)  # hidden from Alex
    assert "Waiting for: Alex" in page_text(at_alex)
    at_alex.text_area(key=f"answer_{conv.id}").input("the pancake morning").run()
    at_alex.button(key=f"send_{conv.id}").click().run()

    shown = page_text(app("views/together.py", member_id=alex))
    assert "walking home in the rain" in shown
    assert "the pancake morning" in shown
    assert "walking home in the rain" in page_text(app("views/together.py", member_id=sam))


def test_closing_early_reveals_and_says_so(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    seen_safety(journal, sam, alex)
    conv_id = together.open_conversation(journal, V(sam), "One small repair we could try?")
    together.answer(journal, V(sam), conv_id, "a ten minute walk after dinner")
    at = app("views/together.py", member_id=sam)
    at.button(key=f"close_{conv_id}").click().run()
    shown = page_text(app("views/together.py", member_id=alex))
    assert "Closed early by Sam" in shown
    assert "a ten minute walk after dinner" in shown


def test_together_alone_explains(app: Open, journal: Journal) -> None:
    me = journal.add_member("Sam")
    at = app("views/together.py", member_id=me.id)
    assert at.info[0].value == messages.TOGETHER_ALONE


def test_shared_timeline_has_shared_entries_only(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam_m = journal.members()[0]
    make_entry(journal, sam_m, body="shared pancakes", visibility=Visibility.SHARED)
    make_entry(journal, sam_m, body="private capybara")
    seen_safety(journal, two_members[1])
    at = app("views/together.py", member_id=two_members[1])
    shown = page_text(at)
    assert "shared pancakes" in shown
    assert "capybara" not in shown


GATED = """
import streamlit as st
from components.lock import require_member

me, viewer = require_member()
st.title("Open")
st.write("ocelot secret")
"""


def gated(member_id: int) -> AppTest:
    at = AppTest.from_string(GATED, default_timeout=30)
    at.session_state["member_id"] = member_id
    return at.run()


def test_app_opens_locked_for_a_protected_member(
    app: Open, journal: Journal, two_members: tuple[int, int]
) -> None:
    sam, alex = two_members
    make_entry(
        journal, journal.members()[0], body="ocelot secret", occurred_at=datetime.now().astimezone()
    )
    together.set_passphrase(journal, sam, "river stones")  # seals the entry written before
    at = app(None, member_id=sam)  # through app.py, the frame that gates every page
    assert at.title[0].value == messages.LOCKED_TITLE.format(name="Sam")
    assert "ocelot" not in page_text(at)
    assert app(None, member_id=alex).title[0].value == "Today"  # Alex has no passphrase


def test_passphrase_unlocks_and_a_wrong_one_does_not(
    journal: Journal, db_url: str, two_members: tuple[int, int]
) -> None:
    sam, _ = two_members
    together.set_passphrase(journal, sam, "river stones")
    at = gated(sam)
    assert at.title[0].value == messages.LOCKED_TITLE.format(name="Sam")
    at.text_input(key="unlock_passphrase").input("wrong one")
    at.button[0].click().run()
    assert at.error[0].value == messages.WRONG_PASSPHRASE
    assert "ocelot" not in page_text(at)
    at.text_input(key="unlock_passphrase").input("river stones")
    at.button[0].click().run()
    assert at.title[0].value == "Open"


def test_idle_session_locks_again(
    journal: Journal, db_url: str, two_members: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import components.lock as lock

    sam, _ = two_members
    together.set_passphrase(journal, sam, "river stones")
    together.set_lock_minutes(journal, 5)
    at = gated(sam)
    at.text_input(key="unlock_passphrase").input("river stones")
    at.button[0].click().run()
    assert at.title[0].value == "Open"
    real = lock.time.time
    monkeypatch.setattr(lock.time, "time", lambda: real() + 4 * 60)
    assert at.run().title[0].value == "Open"  # within 5 minutes of the last activity
    monkeypatch.setattr(lock.time, "time", lambda: real() + 10 * 60)
    assert at.run().title[0].value == messages.LOCKED_TITLE.format(name="Sam")
