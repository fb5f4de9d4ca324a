"""Each partner on their own device: a real OpenID Connect provider (oidc-provider-mock, started
here on loopback), a real `streamlit run` with sign-in switched on ([auth] in its own secrets
file), on a real PostgreSQL as the app's role, and two browser contexts.

Ana signs in and starts a journal, makes an invitation code; Ben signs in and joins with it;
each writes a private and a shared entry. Every byte the server sends each of them is searched
for the other's private marker (0 found), and each sees the other's shared one. Ana signs out:
her old cookie, copied into a fresh browser, opens nothing. Cam signs in without an invitation:
no journal, nobody's words."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page, expect

from attune.messages import accounts as words
from attune.messages import content as messages
from tests.e2e.conftest import IDLE
from tests.e2e.oidc import hosted, provider, sign_in  # noqa: F401 (fixtures, importable here)
from tests.e2e.test_partners import captured

ANA_SECRET, BEN_SECRET = "quokkaanaprivate", "wombatbenprivate"
ANA_SHARED, BEN_SHARED = "heronanashared", "egretbenshared"


def write(page: Page, text: str, *, shared: bool) -> None:
    """Write an entry on the Write page, one step at a time: each change reruns the page, and a
    click that lands while the page is being drawn again can be lost, so each waits for the
    page to be idle and is checked."""
    page.get_by_role("link", name=re.compile("Write")).first.click()
    expect(page.get_by_role("heading", name=messages.WRITE_TITLE)).to_be_visible()
    idle = page.locator(IDLE)
    idle.wait_for()  # the form of this run, not the one a save just replaced
    if shared:
        page.get_by_text("Share with the others").click()
        expect(page.get_by_role("switch", name="Share with the others")).to_be_checked()
        idle.wait_for()
    page.get_by_label(messages.WRITE_NOTE_LABEL).fill(text)
    for group, name in (
        ("How pleasant does it feel?", "Neutral"),
        ("How much energy do you have?", "Steady"),
    ):
        option = page.get_by_role("radiogroup", name=group).get_by_role("radio", name=name)
        for attempt in range(3):  # a click the page's rerun drew over is clicked again
            option.click()
            idle.wait_for()
            try:
                expect(option).to_be_checked(timeout=5_000)
                break
            except AssertionError:
                if attempt == 2:
                    raise
    page.get_by_role("button", name=messages.SAVE_WRITING).click()
    # Saved: the form is empty again (the one-line confirmation may be drawn over by then).
    expect(page.get_by_label(messages.WRITE_NOTE_LABEL)).to_have_value("")


def search(page: Page, marker: str, *, found: bool) -> None:
    """The person's Journal search for `marker`: one entry (`found`) or none. Each search waits
    for its own answer, which differs from the one before it (the checks alternate). A search
    typed while the page was still being drawn can be drawn over: it is typed again (twice at
    most) once the page is idle."""
    page.get_by_role("link", name="Journal", exact=True).first.click()
    expect(page.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    answer = (
        page.get_by_text(re.compile(r"^1 entry")) if found else page.get_by_text("No entries match")
    )
    for attempt in range(3):
        page.locator(IDLE).wait_for()
        box = page.get_by_label("Search your entries")
        box.fill(marker)
        box.press("Enter")
        try:
            expect(answer).to_be_visible(timeout=15_000)
            expect(box).to_have_value(marker)
            return
        except AssertionError:
            if attempt == 2:
                raise


def test_two_partners_each_on_their_own_device(browser: Browser, hosted: Any) -> None:  # noqa: F811
    url = hosted.url
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(3)]
    a, b, c = (ctx.new_page() for ctx in contexts)
    for p in (a, b, c):
        p.set_default_timeout(45_000)
    a_bytes, b_bytes = captured(a), captured(b)

    # Ana signs in, starts the journal and makes an invitation code.
    sign_in(a, url, "ana@example.org")
    expect(a.get_by_role("heading", name=words.WELCOME_TITLE)).to_be_visible()
    a.get_by_label(words.YOUR_NAME).first.fill("Ana")
    a.get_by_role("button", name=words.START).click()
    expect(a.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(a.locator("[data-testid=stSidebar]").get_by_label("Who is writing?")).to_have_count(0)
    a.get_by_role("link", name="Settings").first.click()
    a.get_by_role("button", name=words.INVITE).click()
    code_box = a.locator("[data-testid=stCode]").first
    expect(code_box).to_contain_text("-")
    code = code_box.inner_text().strip()

    # Ben signs in on his own device and joins with the code.
    sign_in(b, url, "ben@example.org")
    expect(b.get_by_role("heading", name=words.WELCOME_TITLE)).to_be_visible()
    b.get_by_label(words.CODE).fill(code)
    b.get_by_label(words.YOUR_NAME).nth(1).fill("Ben")
    b.get_by_role("button", name=words.JOIN, exact=True).click()
    expect(b.get_by_role("heading", name="Today", exact=True)).to_be_visible()

    write(a, f"{ANA_SECRET} only mine", shared=False)
    write(a, f"{ANA_SHARED} for us", shared=True)
    write(b, f"{BEN_SECRET} only mine", shared=False)
    write(b, f"{BEN_SHARED} for us", shared=True)

    for page, own, theirs, hidden in (
        (a, ANA_SECRET, BEN_SHARED, BEN_SECRET),
        (b, BEN_SECRET, ANA_SHARED, ANA_SECRET),
    ):
        search(page, own, found=True)
        search(page, hidden, found=False)
        search(page, theirs, found=True)
    b.wait_for_load_state("networkidle")
    a.wait_for_load_state("networkidle")
    assert ANA_SECRET.encode() not in b"".join(b_bytes)
    assert BEN_SECRET.encode() not in b"".join(a_bytes)
    assert ANA_SHARED.encode() in b"".join(b_bytes)  # the capture really saw what Ben got

    # Ana signs out; her old identity cookie, copied into a fresh browser, opens nothing.
    cookies = contexts[0].cookies()
    assert any(ck["name"].startswith("_streamlit_user") for ck in cookies), cookies
    a.locator("[data-testid=stSidebar]").get_by_role(
        "button", name=words.SIGN_OUT, exact=True
    ).click()
    a.get_by_role("button", name="End session").click()  # the provider's own sign-out page
    expect(a.get_by_role("button", name=words.SIGN_IN)).to_be_visible()
    thief = browser.new_context()
    thief.add_cookies(cookies)
    t = thief.new_page()
    t_bytes = captured(t)
    t.goto(url)
    expect(t.get_by_role("button", name=words.SIGN_IN_AGAIN)).to_be_visible()
    t.wait_for_load_state("networkidle")
    stolen = b"".join(t_bytes)
    assert ANA_SECRET.encode() not in stolen and ANA_SHARED.encode() not in stolen

    # Cam signs in without an invitation: in no journal, nobody's words.
    c_bytes = captured(c)
    sign_in(c, url, "cam@example.org")
    expect(c.get_by_role("heading", name=words.WELCOME_TITLE)).to_be_visible()
    c.wait_for_load_state("networkidle")
    cams = b"".join(c_bytes) + c.content().encode()
    for marker in (ANA_SECRET, ANA_SHARED, BEN_SECRET, BEN_SHARED, "Ana", "Ben"):
        assert marker.encode() not in cams, marker
    for ctx in (*contexts, thief):
        ctx.close()
