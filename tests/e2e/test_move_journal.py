"""Back up / move a journal (issue 17, item 6), in a real browser on two servers: Sam makes a
bundle in Settings › Your data on one journal and restores it on a fresh data folder's Welcome.
Sam's entries are there, and the bundle holds nobody else's: not Alex's private entries (its
decrypted text is searched for Alex's markers), nor Alex's shared ones. With $ATTUNE_SHOTS set,
screenshots of both screens at 1366×900 and 390×844, light and dark, go there (a third server
and eight browser sessions: make test takes none)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from attune.config import load_settings
from attune.domain.entries import EntryDraft, Visibility
from attune.exchange import bundle
from attune.services import Journal, together
from tests.e2e.conftest import IDLE, Server, start_server, stop_server
from tests.viewers import V

PASS = "moving day passphrase"
SAM_PRIVATE, SAM_SHARED = "samprivatemarker lighthouse", "samsharedmarker orchard"
ALEX_PRIVATE, ALEX_SHARED = "alexprivatemarker quartz", "alexsharedmarker meadow"
SIZES = {"wide": (1366, 900), "phone": (390, 844)}


def _env(folder: Path) -> dict[str, str]:
    return {
        "ATTUNE_DATABASE_URL": f"sqlite:///{folder / 'attune.db'}",
        "ATTUNE_DATA_DIR": str(folder),
    }


def _serve(folder: Path) -> Iterator[Server]:
    proc, server = start_server(folder)
    yield server
    stop_server(proc)


@pytest.fixture
def old_computer(tmp_path: Path) -> Iterator[Server]:
    folder = tmp_path / "old"
    folder.mkdir()
    journal = Journal(load_settings(_env(folder)))
    sam, alex = journal.add_member("Sam"), journal.add_member("Alex")
    now = datetime.now().astimezone()
    for who, body, visibility, days in (
        (sam, SAM_PRIVATE, Visibility.PRIVATE, 3),
        (sam, SAM_SHARED, Visibility.SHARED, 2),
        (alex, ALEX_PRIVATE, Visibility.PRIVATE, 3),
        (alex, ALEX_SHARED, Visibility.SHARED, 1),
    ):
        draft = EntryDraft(
            occurred_at=now - timedelta(days=days),
            valence=4,
            energy=3,
            body=body,
            visibility=visibility,
        )
        journal.add_entry(V(who.id), draft)
    together.set_passphrase(journal, alex.id, "alex passphrase")  # seals Alex's private entry
    journal.close()
    yield from _serve(folder)


@pytest.fixture
def new_computer(tmp_path: Path) -> Iterator[Server]:
    folder = tmp_path / "new"
    folder.mkdir()
    yield from _serve(folder)


def shoot(browser: Browser, url: str, name: str, folder: Path, steps) -> None:  # type: ignore[no-untyped-def]
    """Screenshots of what `steps(page)` leads to, per size and colour scheme."""
    for size, (width, height) in SIZES.items():
        for scheme in ("light", "dark"):
            # There at desktop width (a phone's sidebar is a closed drawer), then the size.
            ctx = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
            page = ctx.new_page()
            page.set_default_timeout(45_000)
            page.goto(url)
            target = steps(page)
            page.set_viewport_size({"width": width, "height": height})
            expect(target).to_be_visible()
            target.scroll_into_view_if_needed()
            page.wait_for_timeout(600)  # the layout settles after the resize (a picture only)
            target.screenshot(path=str(folder / f"{name}-{size}-{scheme}.png"))
            ctx.close()


def to_settings_as_sam(page: Page) -> None:
    expect(page.get_by_role("heading", name="Who is writing?")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Sam")).click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    page.get_by_role("link", name="Settings").first.click()
    expect(page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()


def test_move_a_journal_to_a_new_computer(
    browser: Browser, old_computer: Server, new_computer: Server, tmp_path: Path
) -> None:
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(45_000)

    # On the old computer, Sam makes the bundle in Settings › Your data.
    page.goto(old_computer.url)
    to_settings_as_sam(page)
    box = page.locator(".st-key-move_backup")
    expect(box.get_by_text("other people's entries, even the ones they shared")).to_be_visible()
    box.get_by_label("A passphrase for the bundle").fill(PASS)
    box.get_by_label("The same passphrase again").fill(PASS)
    box.get_by_role("button", name="Make the bundle").click()
    expect(box.get_by_text("Your bundle is ready: 2 entries.")).to_be_visible()
    with page.expect_download() as info:
        box.get_by_role("button", name="Download the bundle").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert re.fullmatch(r"attune-sam-journal-\d{4}-\d\d-\d\d\.attune", path.name)

    # The bundle holds Sam's own entries, and none of Alex's (private or shared).
    data = path.read_bytes()
    plain = bundle.unseal(data, PASS).decode()
    assert SAM_PRIVATE in plain and SAM_SHARED in plain
    for marker in (ALEX_PRIVATE, ALEX_SHARED, "Alex"):
        assert marker not in plain
        assert marker.encode() not in data

    # On the new computer, Welcome restores it: Sam is made, the entries are there.
    page.goto(new_computer.url)
    expect(page.get_by_role("heading", name="Welcome to Attune")).to_be_visible()
    page.get_by_text("Moving from another computer? Restore from a bundle").click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_label("The bundle's passphrase").fill("not the passphrase")
    page.get_by_role("button", name="Open the bundle").click()
    expect(page.get_by_text("The passphrase is wrong")).to_be_visible()
    page.get_by_label("The bundle's passphrase").fill(PASS)
    page.get_by_role("button", name="Open the bundle").click()
    expect(page.get_by_text(re.compile(r"This bundle holds 2 entries of Sam"))).to_be_visible()
    expect(page.get_by_label("Your name here")).to_have_value("Sam")
    page.get_by_role("button", name="Restore my journal").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("Restored: 2 entries.")).to_be_visible()
    page.get_by_role("link", name="Journal").first.click()
    expect(page.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    expect(page.get_by_text(SAM_PRIVATE)).to_be_visible()
    expect(page.get_by_text(SAM_SHARED)).to_be_visible()
    expect(page.get_by_text(ALEX_SHARED)).to_have_count(0)
    ctx.close()
    if os.environ.get("ATTUNE_SHOTS"):
        pictures(browser, old_computer, tmp_path, Path(os.environ["ATTUNE_SHOTS"]))


def pictures(browser: Browser, old_computer: Server, tmp_path: Path, shots: Path) -> None:
    """What the screens look like: the restore on a fresh Welcome, the action in Settings."""
    shots.mkdir(parents=True, exist_ok=True)

    def welcome(p: Page):  # type: ignore[no-untyped-def]
        # Opened once the page has run: a click while the first run still draws the expander
        # can be lost with the element it landed on (CI, 2026-12-03: the button never showed).
        expect(p.get_by_role("heading", name="Welcome to Attune")).to_be_visible()
        expect(p.locator(IDLE)).to_be_attached()
        p.get_by_text("Moving from another computer? Restore from a bundle").click()
        expect(p.get_by_role("button", name="Open the bundle")).to_be_visible()
        return p.get_by_test_id("stExpander")

    def settings(p: Page):  # type: ignore[no-untyped-def]
        to_settings_as_sam(p)
        return p.locator(".st-key-move_backup")

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for server in _serve(fresh):
        shoot(browser, server.url, "move-welcome", shots, welcome)
    shoot(browser, old_computer.url, "move-settings", shots, settings)
