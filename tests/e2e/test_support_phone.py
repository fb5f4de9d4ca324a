"""Support on a phone (390×844) with a country chosen, light and dark (issue 15, item 8): the
country's emergency number, crisis and abuse lines, a local line and the directories, all plain
text (no link leaves the app), nothing wider than the screen. Screenshots are written to the
test's folder (or SUPPORT_SCREENSHOTS, to look at them)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from attune import messages
from attune.config import load_settings
from attune.services import Journal
from components.support import COUNTRY_KEY, LOCAL_KEY
from tests.e2e.conftest import Server
from tests.e2e.test_phone import OVERFLOW_JS, PHONE

# Links in the main column that point anywhere but this app.
OUTSIDE_LINKS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] a[href]')]
  .map(a => a.href).filter(h => !h.startsWith(location.origin))"""


@pytest.fixture
def chosen(server: Server) -> Server:
    journal = Journal(load_settings(server.env))
    journal.add_member("Sam")
    journal.set_preference(COUNTRY_KEY, "GB")
    journal.set_preference(LOCAL_KEY, "Town counselling service | 01632 960 000")
    journal.close()
    return server


@pytest.fixture(params=["light", "dark"])
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, color_scheme=request.param)
    pg = context.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    context.close()


def test_support_on_a_phone_with_a_country_chosen(
    chosen: Server, phone: Page, tmp_path: Path
) -> None:
    phone.goto(chosen.url + "/support")
    main = phone.get_by_test_id("stMain")
    heading = messages.SUPPORT_HELP_IN.format(country="United Kingdom")
    expect(main.get_by_role("heading", name=heading)).to_be_visible()
    for text in ("999", "116 123", "0808 2000 247", "01632 960 000", "findahelpline.com"):
        expect(main.get_by_text(text).first).to_be_visible()
    expect(main.get_by_role("heading", name=messages.SUPPORT_HISTORY_HEADING)).to_be_visible()
    assert phone.evaluate(OUTSIDE_LINKS_JS) == []
    assert phone.evaluate(OVERFLOW_JS) == []
    out = Path(os.environ.get("SUPPORT_SCREENSHOTS") or tmp_path)
    scheme = phone.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    name = "dark" if scheme else "light"
    phone.screenshot(path=out / f"support-phone-{name}.png")
    directories = main.get_by_role("heading", name=messages.SUPPORT_DIRECTORY)
    directories.scroll_into_view_if_needed()
    expect(directories).to_be_in_viewport()
    phone.screenshot(path=out / f"support-phone-{name}-directories.png")
