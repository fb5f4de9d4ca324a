"""Issue 17 item 1: a therapist on a fresh install reviews clients' exports in a practice of their
own — its own passphrase, its own navigation, no journal — and the practice and a journal can
live on one install."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from attune import crypto, messages, security
from attune.exchange import attune_json
from attune.services import Journal, practice
from components.practice import PRACTICE_KEYS
from tests.share_factory import export_entry, sample_export

Open = Callable[..., AppTest]
ROOT = Path(__file__).resolve().parents[2]
PHRASE = "couch and tissues"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def shown(at: AppTest) -> str:
    parts = [m.value for m in (*at.markdown, *at.caption, *at.title, *at.header, *at.subheader)]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def set_up(at: AppTest) -> AppTest:
    at.text_input(key="practice.new").input(PHRASE)
    at.text_input(key="practice.again").input(PHRASE)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_first_run_offers_a_practice_without_a_journal(app: Open, journal: Journal) -> None:
    at = app()
    assert at.get("button_group")[0].value == "journal"  # the choice, above the welcome
    at.switch_page("views/practice_clients.py").run()
    assert at.title[0].value == messages.PRACTICE_SETUP_TITLE
    set_up(at)
    assert practice.is_set_up(journal) and journal.members() == []
    assert at.title[0].value == messages.PRACTICE_CLIENTS
    assert messages.REVIEW_NONE in shown(at)
    at.file_uploader[0].upload("c.json", attune_json.dumps(sample_export()), "application/json")
    at.run()
    at.button(key="practice_open").click().run()
    assert not at.exception
    assert at.selectbox(key=PRACTICE_KEYS.client).value is not None
    assert "Writing as" not in shown(at) and journal.members() == []
    at.switch_page("views/practice_record.py").run()
    assert "Sam" in [h.value for h in at.header]
    assert export_entry(3).body in [t.value for t in at.text]
    # The records are sealed with the practice's key: nothing of the client's words in clear.
    files = (journal.settings.data_dir / "review" / "practice").rglob("*")
    assert not [p for p in files if p.is_file() and b"Entry number" in p.read_bytes()]


def test_a_practice_asks_for_its_own_passphrase(app: Open, journal: Journal) -> None:
    practice.set_up(journal, PHRASE)
    at = app()  # a new browser session
    assert at.title[0].value == messages.PRACTICE_LOCKED_TITLE
    at.text_input(key="practice.passphrase").input("not it at all")
    at.button[0].click().run()
    assert messages.PRACTICE_WRONG in shown(at)
    at.text_input(key="practice.passphrase").input(PHRASE)
    at.button[0].click().run()
    assert at.title[0].value == messages.PRACTICE_CLIENTS


def test_a_practice_and_a_journal_live_on_one_install(app: Open, journal: Journal) -> None:
    practice.set_up(journal, PHRASE)
    sam = journal.add_member("Sam")
    at = app(member_id=sam.id)
    assert at.title[0].value != messages.PRACTICE_LOCKED_TITLE  # the journal opens as before
    at.switch_page("views/therapist.py").run()
    assert at.title[0].value == messages.REVIEW_TITLE
    at.switch_page("views/practice_clients.py").run()
    assert at.title[0].value == messages.PRACTICE_LOCKED_TITLE


@pytest.mark.parametrize("screen", sorted(p for p in (ROOT / "views").glob("practice_*.py")))
def test_every_practice_screen_on_its_own_meets_its_lock(screen: Path, journal: Journal) -> None:
    practice.set_up(journal, PHRASE)
    at = AppTest.from_file(str(screen), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == messages.PRACTICE_LOCKED_TITLE
