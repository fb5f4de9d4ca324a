"""The bench's browser timings end a navigation only once the new page has run (issue 16).

A sidebar link's click leaves Streamlit's "not running" marker in place for a moment, with the old
page still standing; the bench once took that for the new page's end, so a chart left from an
earlier visit timed the bare page's first screen at 46 ms, and Trends was timed from a Today run
still going. Checked on the bench's own bare two-page app, in Debian's Chromium.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from bench import browser

NAV_APP = Path(browser.__file__).with_name("reference_nav.py")


def test_a_link_is_done_when_the_new_page_has_run_and_nothing_of_the_old_one_stands(
    tmp_path: Path, page: Page
) -> None:
    # the suite's own Chromium page (a second sync Playwright cannot start inside its loop)
    with browser.server(NAV_APP, {}, tmp_path / "server.log") as (url, _):
        browser._open(page, url)
        for _ in range(5):
            browser._go(page, "Reference")
            assert page.locator("h1").all_text_contents() == ["Reference"]
            browser._go(page, "Start")
            assert page.locator("h1").all_text_contents() == ["Start"]
            assert page.locator(browser.CHARTS).count() == 0


def test_a_link_to_the_page_already_open_is_done_at_once(
    tmp_path: Path, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the bare page's bench once clicked Start while on Start: no run the watcher could see, and
    # the wait ran to its 180 s timeout
    with browser.server(NAV_APP, {}, tmp_path / "server.log") as (url, _):
        browser._open(page, url)
        monkeypatch.setattr(browser, "TIMEOUT_MS", 10_000)
        for _ in range(3):
            browser._go(page, "Start")
            assert page.locator("h1").all_text_contents() == ["Start"]
        browser._go(page, "Reference")
        browser._go(page, "Reference")
        assert page.locator("h1").all_text_contents() == ["Reference"]
