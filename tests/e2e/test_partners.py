"""Two partners at once, in two browser contexts. Partner B must never receive a marker word from
partner A's private entries: not in page text, search, chart data or any download. Every byte the
server sends B (WebSocket frames and HTTP responses) is checked, not just what is on screen."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from attune.config import load_settings
from attune.domain.entries import EntryDraft, Visibility
from attune.messages import people as words
from attune.services import Journal, care, together
from tests.e2e.conftest import start_server, stop_server
from tests.viewers import V

SECRET = "zebrawoodsecret"
SHARED = "lanternshared"


def captured(page: Page) -> list[bytes]:
    received: list[bytes] = []

    def on_ws(ws):  # type: ignore[no-untyped-def]
        ws.on(
            "framereceived",
            lambda payload: received.append(
                payload if isinstance(payload, bytes) else payload.encode()
            ),
        )

    page.on("websocket", on_ws)
    page.on(
        "response",
        lambda r: (
            received.append(r.body())
            if r.ok
            and r.request.method == "GET"
            and "/_stcore/" not in r.url
            and not r.url.endswith((".js", ".css", ".woff2"))
            else None
        ),
    )
    return received


def switch_member(page: Page, name: str) -> None:
    page.locator("[data-testid=stSidebar]").get_by_label("Who is writing?").click()
    page.get_by_role("option", name=name, exact=True).click()


@pytest.fixture
def partners(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {
        "ATTUNE_DATABASE_URL": f"sqlite:///{tmp_path / 'attune.db'}",
        "ATTUNE_DATA_DIR": str(tmp_path),
    }
    journal = Journal(load_settings(env))
    ana, ben = journal.add_member("Ana"), journal.add_member("Ben")
    now = datetime.now().astimezone()
    for day in range(12):
        at = now - timedelta(days=day)
        journal.add_entry(
            V(ana.id),
            EntryDraft(
                occurred_at=at,
                valence=2,
                energy=4,
                body=f"{SECRET} day {day}",
                tags=(f"{SECRET}tag",),
                feelings=("jealous",),
            ),
        )
        journal.add_entry(
            V(ana.id),
            EntryDraft(
                occurred_at=at,
                valence=4,
                energy=3,
                body=f"{SHARED} day {day}",
                tags=("walk",),
                visibility=Visibility.SHARED,
            ),
        )
        journal.add_entry(
            V(ben.id),
            EntryDraft(
                occurred_at=at,
                valence=3,
                energy=3,
                body=f"ben day {day}",
                tags=("work",),
                visibility=Visibility.SHARED,
            ),
        )
    together.set_passphrase(journal, ana.id, "ana passphrase")  # seals Ana's private entries
    care.acknowledge_safety(journal, V(ben.id))  # Together's safety screen, read before
    journal.close()
    db = (
        (tmp_path / "attune.db").read_bytes() + (tmp_path / "attune.db-wal").read_bytes()
        if (tmp_path / "attune.db-wal").exists()
        else (tmp_path / "attune.db").read_bytes()
    )
    assert SECRET.encode() not in db  # encrypted at rest: the file never holds Ana's words
    proc, server = start_server(tmp_path)
    yield server
    stop_server(proc)


def test_partner_never_receives_private_words(browser: Browser, partners) -> None:  # type: ignore[no-untyped-def]
    a_ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    b_ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    a, b = a_ctx.new_page(), b_ctx.new_page()
    for p in (a, b):
        p.set_default_timeout(45_000)
    b_bytes = captured(b)

    # Ana opens the install: nobody is chosen for her; she picks herself, then unlocks.
    a.goto(partners.url)
    expect(a.get_by_role("heading", name="Who is writing?")).to_be_visible()
    a.get_by_role("button", name=re.compile(r"^Ana")).click()
    expect(a.get_by_role("heading", name="Ana's journal is locked")).to_be_visible()
    a.get_by_label("Passphrase").fill("ana passphrase")
    a.get_by_role("button", name="Unlock").click()
    expect(a.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    a.get_by_role("link", name="Journal").first.click()
    a.get_by_label("Search your entries").fill(SECRET)
    a.get_by_label("Search your entries").press("Enter")
    expect(a.get_by_text("12 entries")).to_be_visible()  # Ana reads her own private entries

    # Meanwhile Ben opens the same install: it asks who is writing; he chooses himself.
    b.goto(partners.url)
    expect(b.get_by_role("heading", name="Who is writing?")).to_be_visible()
    switch_member(b, "Ben")
    expect(b.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    b.get_by_role("link", name="Journal").first.click()
    expect(b.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    expect(b.get_by_text(f"{SHARED} day 0")).to_be_visible()  # shared words do reach Ben
    search = b.get_by_label("Search your entries")
    search.fill(SECRET)
    search.press("Enter")
    expect(b.get_by_text("No entries match")).to_be_visible()
    b.get_by_role("link", name="Trends").first.click()
    expect(b.get_by_role("heading", name="Side by side")).to_be_visible()
    expect(b.locator("[data-testid=stVegaLiteChart]").first).to_be_visible()
    b.get_by_role("link", name="Together").first.click()
    expect(b.get_by_role("heading", name="Together")).to_be_visible()
    b.get_by_role("tab", name="Shared timeline").click()
    expect(b.get_by_text(f"{SHARED} day 1")).to_be_visible()
    b.get_by_role("link", name="Today").first.click()
    expect(b.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    b.wait_for_load_state("networkidle")

    everything = b"".join(b_bytes)
    assert SHARED.encode() in everything  # the capture really saw what Ben was sent
    assert SECRET.encode() not in everything
    assert not re.search(SECRET, b.content())

    # Ana switches to Ben and back: her journal asks for the passphrase again.
    switch_member(a, "Ben")
    expect(a.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    # Ben's Journal has really replaced Ana's (two quick switches would otherwise merge into
    # no change at all in Streamlit's rerun queue, and Ana would simply still be there).
    expect(a.get_by_text(f"{SECRET} day 0")).to_have_count(0)
    switch_member(a, f"Ana {words.PROTECTED_MARK}")
    expect(a.get_by_role("heading", name="Ana's journal is locked")).to_be_visible()
    a.get_by_label("Passphrase").fill("ana passphrase")
    a.get_by_role("button", name="Unlock").click()
    expect(a.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    # Lock in the sidebar locks at once.
    a.locator("[data-testid=stSidebar]").get_by_role("button", name="Lock").click()
    expect(a.get_by_role("heading", name="Ana's journal is locked")).to_be_visible()
    expect(a.get_by_text(f"{SECRET} day 0")).to_have_count(0)
    a_ctx.close()
    b_ctx.close()
