"""Issue 15 in two browsers at once: Ana reads the safety screen once, saves a low weekly
check-in (private: the share switch starts off) and sees the private line that says where help
is; Ben, on the same install, gets his own safety screen and none of it — not on screen and not
in any byte the server sends him."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from attune import messages
from attune.config import load_settings
from attune.domain.assessments import CSI4, WHO5
from attune.services import Journal
from tests.e2e.conftest import start_server, stop_server
from tests.e2e.test_partners import captured

NOTE = "okapinotefortalking"


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {
        "ATTUNE_DATABASE_URL": f"sqlite:///{tmp_path / 'attune.db'}",
        "ATTUNE_DATA_DIR": str(tmp_path),
    }
    journal = Journal(load_settings(env))
    journal.add_member("Ana"), journal.add_member("Ben")
    journal.close()
    proc, server = start_server(tmp_path)
    yield server
    stop_server(proc)


def open_together(page: Page, url: str, name: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="Who is writing?")).to_be_visible()
    page.locator("[data-testid=stMain]").get_by_role("button", name=name, exact=True).click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    page.get_by_role("link", name="Together").first.click()
    expect(page.get_by_role("heading", name="Together", exact=True)).to_be_visible()


def answer(page: Page, question: str, option: str) -> None:
    group = page.get_by_role("radiogroup", name=question)
    group.get_by_text(option, exact=True).click()


def test_low_weekly_checkin_is_private_and_its_support_line_is_the_authors(
    browser: Browser, pair
) -> None:  # type: ignore[no-untyped-def]
    a_ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    b_ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    a, b = a_ctx.new_page(), b_ctx.new_page()
    for p in (a, b):
        p.set_default_timeout(45_000)
    b_bytes = captured(b)

    open_together(a, pair.url, "Ana")
    expect(a.get_by_role("heading", name=messages.SAFETY_TITLE)).to_be_visible()
    expect(a.get_by_role("tab")).to_have_count(0)  # nothing of Together before it is read
    a.get_by_role("button", name=messages.SAFETY_UNDERSTAND).click()
    a.get_by_role("tab", name="Weekly check-in").click()
    for item in CSI4.items:
        answer(a, item.text, item.options[4])
    for item in WHO5.items:
        answer(a, item.text, item.options[1])  # "Some of the time": WHO-5 20 of 100
    a.get_by_label("One thing I'd like to talk about").fill(NOTE)
    share = a.get_by_role("switch", name=messages.WEEKLY_SHARE)
    expect(share).not_to_be_checked()  # private unless shared on purpose
    a.get_by_role("button", name=messages.WEEKLY_SAVE).click()
    saved = messages.CHECKIN_KEPT_PRIVATE.format(csi4=16, who5=20)
    expect(a.get_by_text(saved)).to_be_visible()
    a.get_by_role("tab", name="Weekly check-in").click()
    expect(a.get_by_text(messages.HEAVY_DAYS_LINE)).to_be_visible()
    main = a.locator("[data-testid=stMain]")
    expect(main.get_by_role("link", name=messages.HEAVY_DAYS_LINK)).to_be_visible()
    open_together(a, pair.url, "Ana")  # a new session, later: once per member, never again
    expect(a.get_by_role("tab", name="Weekly check-in")).to_be_visible()
    expect(a.get_by_role("heading", name=messages.SAFETY_TITLE)).to_have_count(0)

    # Ben: his own safety screen, then nothing of Ana's check-in, score or line.
    open_together(b, pair.url, "Ben")
    expect(b.get_by_role("heading", name=messages.SAFETY_TITLE)).to_be_visible()
    b.get_by_role("button", name=messages.SAFETY_UNDERSTAND).click()
    b.get_by_role("tab", name="Weekly check-in").click()
    expect(b.get_by_text("Scores appear here after the first weekly check-in.")).to_be_visible()
    expect(b.get_by_text(messages.HEAVY_DAYS_LINE)).to_have_count(0)
    b.get_by_role("link", name="Today").first.click()
    expect(b.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(b.get_by_text(messages.HEAVY_DAYS_LINE)).to_have_count(0)
    b.wait_for_load_state("networkidle")
    everything = b"".join(b_bytes)
    assert b"Ben" in everything  # the capture really saw what Ben was sent
    for secret in (NOTE, messages.HEAVY_DAYS_LINE[:40], "low side"):
        assert secret.encode() not in everything, secret
    assert not re.search(NOTE, b.content())
    a_ctx.close()
    b_ctx.close()
