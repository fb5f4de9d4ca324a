"""A new person's first minutes, in a real browser: name → check in → Journal → search."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server

HOSTILE_NOTE = "<b>x</b> ![x](http://example.invalid/p.png) marmalade [go](javascript:alert(1))"


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("radiogroup", name=group).get_by_role("radio", name=option, exact=True).click()


def test_first_check_in_shows_in_journal_and_search(page: Page, server: Server) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(server.url)
    expect(page.get_by_role("heading", name="Welcome to Attune")).to_be_visible()
    page.get_by_label("What should we call you?").fill("Robin")
    page.get_by_role("button", name="Start journaling").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()

    choose(page, "How pleasant does it feel?", "4")  # 4 · pleasant
    choose(page, "How much energy do you have?", "4")  # 4 · lively
    page.get_by_role("button", name="excited", exact=True).click()
    note = page.get_by_label("Anything you want to add? (optional)")
    note.fill(HOSTILE_NOTE)
    note.press("Tab")  # commit the text (Ctrl+Enter would itself press Save: one save here)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Saved. Your check-in is stored on this computer.")).to_be_visible()

    # The entry is listed with its text exactly as typed: no bold, no image, no link.
    entry = page.get_by_text("marmalade", exact=False).last
    expect(entry).to_have_text(HOSTILE_NOTE)
    app = page.locator("[data-testid=stMain]")
    expect(app.locator("b", has_text="x")).to_have_count(0)
    expect(app.locator("img[src*='example.invalid']")).to_have_count(0)
    expect(app.locator("a[href^='javascript:']")).to_have_count(0)

    page.get_by_role("link", name=re.compile("Journal")).first.click()
    expect(page.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    expect(page.get_by_text("1 entry")).to_be_visible()
    search = page.get_by_label("Search your entries")
    search.fill("marmalade")
    search.press("Enter")
    expect(page.get_by_text("1 entry")).to_be_visible()
    search.fill("nothingmatchesthis")
    search.press("Enter")
    expect(page.get_by_text("No entries match")).to_be_visible()

    assert dialogs == []
    assert not [u for u in requests if "example.invalid" in u]
    assert all(u.startswith((server.url, "data:")) for u in requests), {
        u for u in requests if not u.startswith(server.url)
    }


def test_draft_survives_reload(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.get_by_label("What should we call you?").fill("Robin")
    page.get_by_role("button", name="Start journaling").click()
    note = page.get_by_label("Anything you want to add? (optional)")
    note.fill("an unfinished thought about Sunday")
    page.get_by_role(
        "heading", name="Today", exact=True
    ).click()  # leaving the field commits the draft
    expect(page.get_by_text("Earlier today")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.reload()
    expect(page.get_by_label("Anything you want to add? (optional)")).to_have_value(
        "an unfinished thought about Sunday"
    )
