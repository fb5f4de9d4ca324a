"""On a phone (390×844): one tap changes page and leaves the page visible, nothing in the main
column is wider than the screen or clipped, and no scale wraps to a lone option (issue 16,
defects 3 and 4). The server holds a year of one person's check-ins (the demo generator)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from attune import messages
from attune.config import load_settings
from attune.demo import generate
from attune.services import Journal
from tests.e2e.conftest import Server, start_server, stop_server
from tests.viewers import V

PHONE = {"width": 390, "height": 844}
# Elements in the main column wider than the screen, or whose content is cut off by their own
# box (scrollWidth beyond clientWidth with overflow hidden or scrolling). Charts draw on a canvas
# of their own size and are checked on their spec (tests/unit/test_chart_theme.py).
OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (el.closest('.vega-embed')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 3 || r.height < 3) continue;
    const clipped = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 2
      && getComputedStyle(el).overflowX !== 'visible';
    if (r.right > vw + 1 || clipped) {
      out.push(`${el.tagName} ${el.getAttribute('data-testid') || ''} right=${Math.round(r.right)}`
        + ` ${el.scrollWidth}/${el.clientWidth}: ${(el.innerText || '').slice(0, 60)}`);
    }
  }
  return out;
}"""
# For each segmented control (a radio group): how many options sit on each of its rows.
ROWS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] [role="radiogroup"]')]
  .map(g => {
    const rows = {};
    for (const b of g.querySelectorAll('[role="radio"]')) {
      const top = Math.round(b.getBoundingClientRect().top);
      rows[top] = (rows[top] || 0) + 1;
    }
    return Object.values(rows);
  })"""


@pytest.fixture
def year(tmp_path: Path) -> Iterator[Server]:
    proc, srv = start_server(tmp_path)
    journal = Journal(load_settings(srv.env))
    sam = journal.add_member("Sam")
    journal.add_entries_bulk(
        V(sam.id), generate(member_index=0, members=1, years=1, seed=5, end=date.today())
    )
    journal.close()
    yield srv
    stop_server(proc)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    context.close()


def _main(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("stMain")


def _sidebar_covers_nothing(page: Page) -> None:
    box = page.get_by_test_id("stSidebar").bounding_box()
    assert box is None or box["x"] + box["width"] <= 1, box


def test_one_tap_changes_page_on_a_phone(year: Server, phone: Page) -> None:
    phone.goto(year.url)
    expect(_main(phone).get_by_role("heading", name="Today", exact=True)).to_be_visible()
    for title in ("Trends", "Journal", "Write", "Together", "Today"):
        _main(phone).get_by_role("link", name=title, exact=True).click()  # one tap
        heading = _main(phone).get_by_role("heading", name=title, exact=True).first
        expect(heading).to_be_in_viewport()
        _sidebar_covers_nothing(phone)


def test_nothing_is_wider_than_a_phone(year: Server, phone: Page) -> None:
    phone.goto(year.url)
    main = _main(phone)
    expect(main.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    # answered, so the suggestion card (a practice and a prompt) shows too
    scales = main.get_by_role("radiogroup")
    scales.nth(0).get_by_role("radio").nth(1).click()  # unpleasant
    scales.nth(1).get_by_role("radio").nth(4).click()  # the most energy
    expect(main.get_by_text(messages.SUGGEST_HEADING)).to_be_visible()
    rows = phone.evaluate(ROWS_JS)
    assert len(rows) >= 3 and all(len(r) == 1 for r in rows), rows  # each scale on one row
    assert phone.evaluate(OVERFLOW_JS) == []
    main.get_by_role("link", name="Trends", exact=True).click()
    expect(main.get_by_role("heading", name="What goes with better days")).to_be_visible()
    expect(main.locator(".vega-embed").last).to_be_visible()
    assert all(len(r) == 1 for r in phone.evaluate(ROWS_JS))  # the range chooser too
    assert phone.evaluate(OVERFLOW_JS) == []
