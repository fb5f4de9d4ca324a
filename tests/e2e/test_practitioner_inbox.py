"""A practitioner on the same hosted Attune, in Chromium: a real OpenID Connect provider, a real
`streamlit run` with sign-in on, on PostgreSQL as the app's role, two browser contexts.

A client signs in, starts a journal and writes one entry marked for their therapist and one
private; the practitioner signs in, chooses the inbox and makes a one-time code; the client
connects with it on Share and sends; the practitioner reviews the export read-only; the client
withdraws it and the practitioner's inbox no longer has it. No byte the practitioner's browser
receives carries the client's private entry. Screenshots of the inbox and of Share's send
section at 1366×900 and 390×844 go to /tmp/attune-shots-inbox/."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from attune import messages as all_words
from attune.messages import accounts as account_words
from attune.messages import content as messages
from attune.messages import inbox as words
from tests.e2e.conftest import IDLE
from tests.e2e.oidc import hosted, provider, sign_in  # noqa: F401 (fixtures)
from tests.e2e.test_partners import captured

SHOTS = os.environ.get("ATTUNE_SHOTS", "")  # pictures only when asked for (make test: none)
SENT_MARKER, PRIVATE_MARKER = "ibisforthetherapist", "lynxkeptprivate"
SIDEBAR_CLOSED = """() => {
  const bar = document.querySelector('[data-testid=stSidebar]');
  return !bar || bar.getBoundingClientRect().right <= 1;
}"""
SIZES = {"wide": (1366, 900), "phone": (390, 844)}


def write(page: Page, text: str, *, for_therapist: bool) -> None:
    """One entry on the Write page (each step waits for the page to be idle: see
    test_signin_journey.write)."""
    page.get_by_role("link", name=re.compile("Write")).first.click()
    expect(page.get_by_role("heading", name=messages.WRITE_TITLE)).to_be_visible()
    idle = page.locator(IDLE)
    idle.wait_for()
    box = page.get_by_role("checkbox", name=all_words.WRITE_FOR_THERAPIST)
    if box.is_checked() != for_therapist:
        page.get_by_text(all_words.WRITE_FOR_THERAPIST).click()
        idle.wait_for()
    expect(box).to_be_checked(checked=for_therapist)
    page.get_by_label(messages.WRITE_NOTE_LABEL).fill(text)
    for group, name in (
        ("How pleasant does it feel?", "Neutral"),
        ("How much energy do you have?", "Steady"),
    ):
        option = page.get_by_role("radiogroup", name=group).get_by_role("radio", name=name)
        for attempt in range(3):
            option.click()
            idle.wait_for()
            try:
                expect(option).to_be_checked(timeout=5_000)
                break
            except AssertionError:
                if attempt == 2:
                    raise
    page.get_by_role("button", name=messages.SAVE_WRITING).click()
    expect(page.get_by_label(messages.WRITE_NOTE_LABEL)).to_have_value("")


def shoot(page: Page, name: str, anchor: Any) -> None:
    """The page at both sizes, scrolled to `anchor`, into $ATTUNE_SHOTS when it is set; the
    wide size comes back after."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.locator(IDLE).wait_for()
        if width < 640:  # a phone: the sidebar is a drawer, closed once its slide has ended
            page.wait_for_function(SIDEBAR_CLOSED)
        anchor.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{size}.png"))
    page.set_viewport_size({"width": 1366, "height": 900})


def test_a_practitioner_receives_reviews_and_loses_it_on_withdrawal(
    browser: Browser,
    hosted: Any,  # noqa: F811
) -> None:
    url = hosted.url
    contexts = [browser.new_context(viewport={"width": 1366, "height": 900}) for _ in range(2)]
    client, pat = (ctx.new_page() for ctx in contexts)
    for p in (client, pat):
        p.set_default_timeout(45_000)
    pat_bytes = captured(pat)

    sign_in(client, url, "ana@example.org")
    expect(client.get_by_role("heading", name=account_words.WELCOME_TITLE)).to_be_visible()
    client.get_by_label(account_words.YOUR_NAME).first.fill("Ana")
    client.get_by_role("button", name=account_words.START).click()
    expect(client.get_by_role("heading", name="Today", exact=True)).to_be_visible()

    sign_in(pat, url, "pat@example.org")
    expect(pat.get_by_role("heading", name=words.BECOME_TITLE)).to_be_visible()
    pat.locator(IDLE).wait_for()
    pat.get_by_label(words.BECOME_NAME).fill("Dr Pat")
    expect(pat.get_by_label(words.BECOME_NAME)).to_have_value("Dr Pat")
    pat.get_by_role("button", name=words.BECOME).click()
    expect(pat.get_by_role("heading", name=words.INBOX_TITLE)).to_be_visible()
    expect(pat.get_by_text(words.INBOX_EMPTY)).to_be_visible()
    shoot(pat, "inbox-empty", pat.get_by_role("heading", name=words.INBOX_TITLE))
    pat.get_by_role("link", name=words.CLIENTS_NAV).first.click()
    pat.get_by_role("button", name=words.CODE_MAKE).click()
    code_box = pat.locator("[data-testid=stCode]").first
    expect(code_box).to_contain_text("-")
    code = code_box.inner_text().strip()

    write(client, f"{PRIVATE_MARKER} only mine", for_therapist=False)
    write(client, f"{SENT_MARKER} for my therapist", for_therapist=True)
    client.get_by_role("link", name="Share", exact=True).first.click()
    client.get_by_label(words.CONNECT_CODE).fill(code)
    client.get_by_role("button", name=words.CONNECT).click()
    send = client.get_by_role("button", name=words.SEND.format(name="Dr Pat"))
    send.click()
    expect(client.get_by_text(words.SENT.format(name="Dr Pat"))).to_be_visible()
    shoot(client, "share-send", client.get_by_text(words.SENT_TITLE, exact=True))

    pat.get_by_role("link", name=words.INBOX_NAV).first.click()
    expect(pat.get_by_role("combobox", name=words.INBOX_CLIENT)).to_have_value("Ana · 1 export")
    expect(pat.get_by_role("combobox", name=words.INBOX_SENT)).to_have_value(re.compile("1 entry"))
    expect(pat.get_by_role("heading", name="Ana", exact=True)).to_be_visible()
    pat.get_by_role("tab", name=all_words.REPORT_ENTRIES).click()
    expect(pat.get_by_text(f"{SENT_MARKER} for my therapist")).to_be_visible()
    expect(pat.get_by_text("Read-only", exact=False).first).to_be_visible()
    shoot(pat, "inbox-one", pat.get_by_text(f"{SENT_MARKER} for my therapist"))

    client.get_by_role("button", name=words.WITHDRAW, exact=True).click()
    client.get_by_role("button", name=words.WITHDRAW_YES).click()
    expect(client.get_by_text(words.WITHDRAWN.format(name="Dr Pat"))).to_be_visible()

    pat.get_by_role("link", name=words.INBOX_NAV).first.click()
    expect(pat.get_by_text(words.INBOX_EMPTY)).to_be_visible()
    pat.wait_for_load_state("networkidle")
    received = b"".join(pat_bytes)
    assert SENT_MARKER.encode() in received  # the capture saw what the practitioner got
    at = received.find(PRIVATE_MARKER.encode())
    assert at < 0, received[max(0, at - 600) : at + 200]
    for ctx in contexts:
        ctx.close()
