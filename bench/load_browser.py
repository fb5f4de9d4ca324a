"""The browser side of the load bench (bench/load.py): signed-in people in one Chromium, a
context each, driven at once with Playwright's asyncio API.

Each person writes notes carrying markers unique to them (`marker`), and every WebSocket frame
their page receives is searched for markers (`Person.on_frame`): a marker of another journal, or
the partner's private one, is a read that must never happen."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import BrowserContext, Locator, Page, expect

from attune.domain.entries import ENERGY_LABELS, VALENCE_LABELS
from attune.messages import accounts as words
from attune.messages import journal as journal_words
from attune.messages.hosted import ON_A_SERVER

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
NOTE_LABEL = "Anything you want to add? (optional)"
SHARE = "Share with the others"
TIMEOUT_MS = 60_000  # one step on a loaded 2-core machine; a step that takes longer is an error
ATTEMPTS = 3  # a click the page's rerun drew over is made again (and checked)

# zq, the journal (two letters), the member (a or b), private or shared (p or s), a counter (four
# letters), x: one word to the search of both databases, and found by a regex in any frame.
MARKER = re.compile(rb"zq([a-z]{2})([ab])([ps])([a-z]{4})x")


def _letters(n: int, width: int) -> str:
    out = ""
    for _ in range(width):
        n, digit = divmod(n, 26)
        out = chr(ord("a") + digit) + out
    return out


def _number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - ord("a")
    return n


def marker(journal: int, member: int, shared: bool, n: int) -> str:
    return f"zq{_letters(journal, 2)}{'ab'[member]}{'s' if shared else 'p'}{_letters(n, 4)}x"


@dataclass
class Person:
    """One signed-in browser session: member `member` (0 starts the journal, 1 joins it) of
    journal `journal`, and what happened to it."""

    journal: int
    member: int
    subject: str
    context: BrowserContext | None = None
    page: Page | None = None
    replica: str = ""  # the proxy's sticky cookie after signing in (r1 or r2)
    replica_at_end: str = ""
    saves: list[float] = field(default_factory=list)  # seconds, click on Save → confirmation
    reads: list[float] = field(default_factory=list)  # seconds, Enter in search → answer
    errors: list[str] = field(default_factory=list)
    last: dict[bool, str] = field(default_factory=dict)  # shared? → latest confirmed marker
    counter: int = 0
    frames: int = 0
    frame_bytes: int = 0
    own_seen: int = 0  # frames holding one of this person's own markers
    partner_shared_seen: int = 0  # frames holding the partner's shared markers (allowed)
    other_journals: list[str] = field(default_factory=list)  # markers of another journal seen
    partner_private: list[str] = field(default_factory=list)  # the partner's private ones seen

    @property
    def name(self) -> str:
        return f"journal {self.journal + 1}, member {'AB'[self.member]}"

    def on_frame(self, payload: str | bytes) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8", "replace")
        self.frames += 1
        self.frame_bytes += len(data)
        own = partner = False
        for found in MARKER.finditer(data):
            journal, member = _number(found.group(1)), b"ab".index(found.group(2))
            shared = found.group(3) == b"s"
            text = found.group(0).decode()
            if journal != self.journal:
                self.other_journals.append(text)
            elif member == self.member:
                own = True
            elif shared:
                partner = True
            else:
                self.partner_private.append(text)
        self.own_seen += own
        self.partner_shared_seen += partner

    def watch(self, page: Page) -> None:
        def on_socket(ws: Any) -> None:
            ws.on("framereceived", self.on_frame)

        page.on("websocket", on_socket)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"[:300]))


async def idle(page: Page) -> None:
    await page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)


async def sign_in(page: Page, url: str, subject: str) -> None:
    """Through the provider's own form, and back to `url`."""
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.get_by_role("button", name=words.SIGN_IN).click(timeout=TIMEOUT_MS)
    await page.locator("input[name=sub]").fill(subject, timeout=TIMEOUT_MS)
    await page.get_by_role("button", name="Authorize").click(timeout=TIMEOUT_MS)
    await page.wait_for_url(re.compile("^" + re.escape(url) + r"([/?#]|$)"), timeout=TIMEOUT_MS)


async def today_heading(page: Page) -> None:
    heading = page.get_by_role("heading", name="Today", exact=True)
    await expect(heading).to_be_visible(timeout=TIMEOUT_MS)


async def start_journal(p: Person, url: str) -> str:
    """Sign in, start a journal, make an invitation code (Settings) and return it."""
    page = p.page
    assert page is not None
    await arrive(p, url)
    await page.get_by_label(words.YOUR_NAME).first.fill(f"Person {p.journal + 1}A")
    await page.get_by_role("button", name=words.START).click(timeout=TIMEOUT_MS)
    await today_heading(page)
    await page.get_by_role("link", name="Settings").first.click(timeout=TIMEOUT_MS)
    await idle(page)
    await page.get_by_role("button", name=words.INVITE).click(timeout=TIMEOUT_MS)
    code_box = page.locator("[data-testid=stCode]").first
    await expect(code_box).to_contain_text("-", timeout=TIMEOUT_MS)
    return (await code_box.inner_text()).strip()


async def arrive(p: Person, url: str) -> None:
    """Sign in and wait on the welcome page (in no journal yet)."""
    page = p.page
    assert page is not None
    await sign_in(page, url, p.subject)
    await expect(page.get_by_role("heading", name=words.WELCOME_TITLE)).to_be_visible(
        timeout=TIMEOUT_MS
    )


async def join_journal(p: Person, code: str) -> None:
    """On the welcome page (`arrive`): join with the invitation code."""
    page = p.page
    assert page is not None
    await page.get_by_label(words.CODE).fill(code)
    await page.get_by_label(words.YOUR_NAME).nth(1).fill(f"Person {p.journal + 1}B")
    await page.get_by_role("button", name=words.JOIN, exact=True).click(timeout=TIMEOUT_MS)
    await today_heading(page)


async def go(page: Page, link: str) -> None:
    """Open a page from the sidebar and wait until it is drawn."""
    await page.get_by_role("link", name=link, exact=True).first.click(timeout=TIMEOUT_MS)
    await expect(page.get_by_role("heading", name=link, exact=True)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    await idle(page)


async def checked(page: Page, option: Locator, *, role_checked: bool = True) -> None:
    """Click `option` until it shows as chosen (a click a rerun drew over is made again)."""
    for attempt in range(ATTEMPTS):
        await option.click(timeout=TIMEOUT_MS)
        await idle(page)
        try:
            await expect(option).to_be_checked(timeout=10_000)
            return
        except AssertionError:
            if attempt == ATTEMPTS - 1:
                raise


def _scale_option(page: Page, group: str, labels: dict[int, str], word: str) -> Locator:
    number = next(k for k, w in labels.items() if w == word)
    name = re.compile(rf"^({number}|{re.escape(word)})$")
    return page.get_by_role("radiogroup", name=group).get_by_role("radio", name=name)


async def save(p: Person, shared: bool) -> str:
    """A check-in on Today with a new marker in its note; times Save → confirmation."""
    page = p.page
    assert page is not None
    mark = marker(p.journal, p.member, shared, p.counter)
    p.counter += 1
    await go(page, "Today")
    saved = page.get_by_text(ON_A_SERVER[journal_words.SAVED])  # PostgreSQL: hosted wording
    await expect(saved).to_have_count(0, timeout=TIMEOUT_MS)
    await checked(page, _scale_option(page, "How pleasant does it feel?", VALENCE_LABELS,
                                      "Pleasant"))  # fmt: skip
    await checked(page, _scale_option(page, "How much energy do you have?", ENERGY_LABELS,
                                      "Steady"))  # fmt: skip
    if shared:
        switch = page.get_by_role("switch", name=SHARE)
        for attempt in range(ATTEMPTS):
            await page.get_by_text(SHARE).click(timeout=TIMEOUT_MS)
            await idle(page)
            try:
                await expect(switch).to_be_checked(timeout=10_000)
                break
            except AssertionError:
                if attempt == ATTEMPTS - 1:
                    raise
    note = page.get_by_label(NOTE_LABEL)
    await note.fill(f"{mark} a load test note, {'shared' if shared else 'private'}")
    button = page.get_by_role("button", name="Save check-in")
    started = time.perf_counter()
    await button.click(timeout=TIMEOUT_MS)
    await expect(saved).to_be_visible(timeout=TIMEOUT_MS)
    p.saves.append(time.perf_counter() - started)
    await expect(note).to_have_value("", timeout=TIMEOUT_MS)
    p.last[shared] = mark
    return mark


async def read(p: Person, mark: str, found: bool) -> None:
    """Search the Journal for `mark`: one entry (`found`) or none; times Enter → answer. The
    reads alternate between found and not found, so an answer on screen is never the last one's."""
    page = p.page
    assert page is not None
    await go(page, "Journal")
    box = page.get_by_label("Search your entries")
    for attempt in range(ATTEMPTS):
        await idle(page)
        await box.fill(mark, timeout=TIMEOUT_MS)
        started = time.perf_counter()
        await box.press("Enter", timeout=TIMEOUT_MS)
        try:
            if found:
                await expect(page.get_by_text(re.compile(r"^1 entry"))).to_be_visible(
                    timeout=TIMEOUT_MS // 2
                )
                await expect(page.get_by_text(mark).first).to_be_visible(timeout=TIMEOUT_MS // 2)
            else:
                await expect(page.get_by_text(journal_words.NO_MATCHES)).to_be_visible(
                    timeout=TIMEOUT_MS // 2
                )
            p.reads.append(time.perf_counter() - started)
            await expect(box).to_have_value(mark, timeout=10_000)
            return
        except AssertionError:
            if attempt == ATTEMPTS - 1:
                raise


def next_read(partner: Person, n: int, own: str) -> tuple[str, bool]:
    """What the n-th read looks for, in turn: one's own `own` (found), the partner's latest
    private (not found), the partner's latest shared (found), the partner's private again. Before
    the partner has confirmed one: one's own (found), a marker never written (not found)."""
    if n % 2 == 1:  # never two "not found" in a row
        return partner.last.get(False) or marker(
            partner.journal, partner.member, False, 9999
        ), False
    if n % 4 == 2 and partner.last.get(True):
        return partner.last[True], True
    return own, True


async def recover(p: Person, url: str) -> None:
    """After a failed step: load the page again (still signed in: a new Streamlit session)."""
    page = p.page
    assert page is not None
    try:
        await page.goto(url, timeout=TIMEOUT_MS)
        await today_heading(page)
        await idle(page)
    except Exception as exc:  # counted; the next step tries again
        p.errors.append(f"recovering: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")


async def run(p: Person, partner: Person, url: str, until: float) -> None:
    """Save and read in turn until `until` (time.monotonic()); a step that fails is an error."""
    n = 0
    while time.monotonic() < until:
        step = "save"
        try:
            own = await save(p, shared=n % 2 == 1)
            step = "read"
            mark, found = next_read(partner, n, own)
            await read(p, mark, found)
            if await p.page.locator("[data-testid=stException]").count():  # type: ignore[union-attr]
                p.errors.append(f"{step}: an exception was drawn")
        except Exception as exc:
            first = str(exc).splitlines()[0] if str(exc) else ""
            p.errors.append(f"{step}: {type(exc).__name__}: {first[:200]}")
            await recover(p, url)
        n += 1
        await asyncio.sleep(0)
