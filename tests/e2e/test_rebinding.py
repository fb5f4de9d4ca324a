"""DNS rebinding gets nothing (issue 14, finding 4). Chromium is told that `evil.example` is
127.0.0.1 (`--host-resolver-rules`), as an attacker's DNS would after a page on evil.example has
loaded: that page's scripts can then talk to the local server as same-origin. Streamlit has no
host allow-list, so the app checks the Host the browser sent before anything renders: on the
foreign name the page shows one neutral line, and no WebSocket frame or HTTP response carries any
journal text or name; at http://127.0.0.1:PORT/ the same server works as ever."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, expect

from attune.config import load_settings
from attune.domain.entries import EntryDraft
from attune.services import Journal
from components.lock import NOT_HERE
from tests.e2e.conftest import CHROMIUM_ARGS, Server, start_server, stop_server
from tests.e2e.test_partners import captured
from tests.viewers import V

SECRET = "quokkaprivatesecret"
NAME = "Wilhelmina"


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Server]:
    env = {
        "ATTUNE_DATABASE_URL": f"sqlite:///{tmp_path / 'attune.db'}",
        "ATTUNE_DATA_DIR": str(tmp_path),
    }
    journal = Journal(load_settings(env))
    me = journal.add_member(NAME)  # the only member, no passphrase: the journal opens at once
    journal.add_entry(
        V(me.id),
        EntryDraft(
            occurred_at=datetime.now().astimezone(), valence=4, energy=3, body=f"{SECRET} today"
        ),
    )
    journal.close()
    proc, srv = start_server(tmp_path)
    yield srv
    stop_server(proc)


@pytest.fixture
def rebound(browser: Browser) -> Iterator[Browser]:
    """A Chromium whose resolver maps evil.example to this machine."""
    b = browser.browser_type.launch(
        executable_path=shutil.which("chromium"),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    )
    yield b
    b.close()


def test_a_foreign_host_gets_one_neutral_line_and_no_data(
    running: Server, rebound: Browser
) -> None:
    port = urlparse(running.url).port
    context = rebound.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    received = captured(page)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(f"http://evil.example:{port}/")
    expect(page.get_by_text(NOT_HERE)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert sockets and all(urlparse(u).hostname == "evil.example" for u in sockets)
    text = page.locator("body").inner_text()
    assert SECRET not in text and NAME not in text
    assert "Today" not in text and "Journal" not in text  # no navigation, no page at all
    blob = b"\n".join(received)
    assert received, "nothing was captured: the check would prove nothing"
    assert SECRET.encode() not in blob and NAME.encode() not in blob
    context.close()


def test_the_loopback_address_still_opens_the_journal(running: Server, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    received = captured(page)
    page.goto(running.url)
    expect(page.get_by_text(SECRET).first).to_be_visible()
    assert NOT_HERE not in page.locator("body").inner_text()
    assert SECRET.encode() in b"\n".join(received)  # the capture does see entry data when sent
    context.close()


def test_localhost_opens_the_journal_too(running: Server, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(running.url.replace("127.0.0.1", "localhost"))
    expect(page.get_by_text(SECRET).first).to_be_visible()
    context.close()
