"""Issue 15 items 2, 3, 4a in Chromium: a new member is offered a passphrase; Leave quickly (the
Esc key) locks every member and the next person, in another browser, sees the lock; a look-alike
name is refused; stepping away follows the member's choice for their private entries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from attune import messages
from attune.config import load_settings
from attune.domain.entries import Visibility
from attune.domain.names import LOOKS_LIKE
from attune.messages import people as words
from attune.services import Journal, together
from tests.e2e.conftest import Server, start_server, stop_server
from tests.factories import make_entry
from tests.viewers import V

SECRET = "quartzprivate"


@pytest.fixture
def ana_and_ben(tmp_path: Path) -> Iterator[Server]:
    env = {
        "ATTUNE_DATABASE_URL": f"sqlite:///{tmp_path / 'attune.db'}",
        "ATTUNE_DATA_DIR": str(tmp_path),
    }
    journal = Journal(load_settings(env))
    ana, ben = journal.add_member("Ana"), journal.add_member("Ben")
    make_entry(journal, ben, body=f"{SECRET} ben's own")
    make_entry(journal, ben, body="ben shared words", visibility=Visibility.SHARED)
    together.set_passphrase(journal, ana.id, "ana passphrase")
    journal.close()
    proc, server = start_server(tmp_path)
    yield server
    stop_server(proc)


def new_page(browser: Browser) -> Page:
    page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.set_default_timeout(45_000)
    return page


def choose(page: Page, name: str) -> None:
    expect(page.get_by_role("heading", name=messages.WHO_TITLE)).to_be_visible()
    page.get_by_role("button", name=name).click()


def test_a_new_member_is_offered_a_passphrase(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.get_by_label(messages.WELCOME_NAME).fill("Sam")
    expect(page.get_by_text(words.ADD_PASSPHRASE_HINT)).to_be_visible()
    page.get_by_label(words.ADD_PASSPHRASE, exact=True).fill("river stones")
    page.get_by_label(words.ADD_PASSPHRASE_AGAIN).fill("river stones")
    page.get_by_role("button", name=messages.WELCOME_START).click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    page.reload()  # a new session: Sam's journal asks for the passphrase
    expect(
        page.get_by_role("heading", name=messages.LOCKED_TITLE.format(name="Sam"))
    ).to_be_visible()


def test_leave_quickly_locks_every_member_in_every_window(
    browser: Browser, ana_and_ben: Server
) -> None:
    a, b = new_page(browser), new_page(browser)
    a.goto(ana_and_ben.url)
    choose(a, "Ana")
    a.get_by_label("Passphrase").fill("ana passphrase")
    a.get_by_role("button", name=messages.UNLOCK).click()
    expect(a.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    b.goto(ana_and_ben.url + "/journal")
    choose(b, "Ben")
    expect(b.get_by_text(f"{SECRET} ben's own")).to_be_visible()

    a.locator("body").press("Escape")  # Leave quickly
    expect(a.get_by_role("heading", name=words.NEUTRAL_TITLE)).to_be_visible()
    expect(a.get_by_role("button", name=words.LEAVE_QUICKLY)).to_have_count(0)
    # the run has ended: until then the old page's elements may still be in the DOM, dimmed
    expect(a.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached()
    shown = a.locator("body").inner_text()
    assert not {"Ana", "Ben", "Attune", "Today"} & set(shown.split()), shown
    expect(a).to_have_title(words.NEUTRAL_TITLE)

    # The next person at Ben's window, without touching it: asked who is writing (within 20 s).
    expect(b.get_by_role("heading", name=messages.WHO_TITLE)).to_be_visible()
    expect(b.get_by_text(f"{SECRET} ben's own")).to_have_count(0)
    choose(b, "Ana")
    expect(b.get_by_role("heading", name=messages.LOCKED_TITLE.format(name="Ana"))).to_be_visible()
    for p in (a, b):
        p.context.close()


def test_look_alike_refused_and_stepping_away_erases_private_entries(
    page: Page, ana_and_ben: Server
) -> None:
    page.goto(ana_and_ben.url + "/settings")
    choose(page, "Ben")
    page.get_by_label(words.ADD_SOMEONE).fill("Аna")  # Cyrillic А
    page.get_by_role("button", name=words.ADD_MEMBER).click()
    expect(page.get_by_text(LOOKS_LIKE.format(name="Ana"))).to_be_visible()

    page.get_by_text(words.STEP_AWAY).click()
    page.get_by_text(words.PRIVATE_ERASE).click()
    page.get_by_label(words.TYPE_NAME.format(name="Ben")).fill("Ben")
    page.get_by_label(words.TYPE_NAME.format(name="Ben")).press("Tab")
    page.get_by_role("button", name=words.REMOVE.format(name="Ben")).click()
    # Ben's session is over: the one left is Ana, whose journal asks for her passphrase.
    expect(
        page.get_by_role("heading", name=messages.LOCKED_TITLE.format(name="Ana"))
    ).to_be_visible()

    journal = Journal(load_settings(ana_and_ben.env))
    try:
        assert [m.name for m in journal.members()] == ["Ana"]
        left = journal.list_entries(V(None)).items
        assert [e.body for e in left] == ["ben shared words"]  # shared ones stay, as chosen
    finally:
        journal.close()
