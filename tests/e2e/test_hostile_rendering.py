"""Every string of a hostile corpus — the Big List of Naughty Strings plus our own payloads — used
as entry text, tag, member name, conversation answer and imported text, and shown in every view in
Chromium: no dialog, no `javascript:`/`data:` link, no request for a remote image, and the text
shown as typed (compared after folding white space and dropping invisible control characters)."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from attune.config import load_settings
from attune.domain.entries import MAX_TAG_CHARS, EntryDraft, Visibility
from attune.services import Journal, care, together
from attune.services.importing import preview_import, run_import
from tests.e2e.conftest import Server, start_server, stop_server

DATA = Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from payloads import PAYLOADS  # noqa: E402

from tests.viewers import V  # noqa: E402

CORPUS = [
    s
    for s in json.loads((DATA / "blns.json").read_text(encoding="utf-8")) + PAYLOADS
    if "\x00" not in s
]  # NUL is refused on input with a clear message (tested elsewhere)
NAMES = ["<img src=x onerror=alert(1)>", "[x](JaVaScRiPt:alert(1))", "**Eve** $x^2$ :red[Eve]"]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in " \t\n\r")
    return " ".join(text.split())


def short_labels() -> list[str]:
    out = []
    for s in CORPUS:
        label = " ".join(s.split())
        if (
            label
            and len(label) <= MAX_TAG_CHARS
            and not any(unicodedata.category(c) == "Cc" for c in label)
        ):
            out.append(label)
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("hostile")
    env = {"ATTUNE_DATABASE_URL": f"sqlite:///{tmp / 'attune.db'}", "ATTUNE_DATA_DIR": str(tmp)}
    journal = Journal(load_settings(env))
    robin = journal.add_member("Robin")
    others = [journal.add_member(n) for n in NAMES]
    now = datetime.now().astimezone().replace(microsecond=0)
    labels = short_labels()
    for i, text in enumerate(CORPUS):
        journal.add_entry(
            V(robin.id),
            EntryDraft(
                occurred_at=now - timedelta(minutes=i),
                valence=1 + i % 5,
                energy=1 + (i * 3) % 5,
                body=text,
                tags=(labels[i % len(labels)],) if i < 3 * len(labels) else (),
            ),
        )
    for i, member in enumerate(others):
        journal.add_entry(
            V(member.id),
            EntryDraft(
                occurred_at=now - timedelta(days=1, minutes=i),
                valence=3,
                energy=3,
                body=PAYLOADS[i],
                visibility=Visibility.SHARED,
            ),
        )
    conv = together.open_conversation(journal, V(robin.id), PAYLOADS[3])
    for i, member in enumerate([robin, *others]):
        together.answer(journal, V(member.id), conv, PAYLOADS[10 + i])
    imported = [
        {
            "title": "",
            "body": p,
            "date": f"2020-01-{1 + i % 28:02d}",
            "time": f"{i % 24:02d}:00",
            "tags": [],
            "starred": False,
        }
        for i, p in enumerate(PAYLOADS[:30])
    ]
    data = json.dumps({"tags": {}, "entries": imported}).encode()
    run_import(journal, V(robin.id), preview_import(data, "journal.json", fmt="jrnl"))
    care.acknowledge_safety(journal, V(robin.id))  # Together's safety screen, read before
    journal.close()
    proc, server = start_server(tmp)
    yield server
    stop_server(proc)


def watch(page: Page) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"dialogs": [], "hosts": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on(
        "request",
        lambda r: seen["hosts"].append(
            urlparse(r.url).scheme + ":" + (urlparse(r.url).hostname or "")
        ),
    )
    return seen


def settled(page: Page) -> None:
    """Wait until Streamlit has finished the rerun: no element is still marked stale."""
    page.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"
        " && !document.querySelector('[data-testid=stStatusWidget]')"
    )


def main_text(page: Page) -> str:
    settled(page)
    main = page.locator("[data-testid=stMain]")
    assert (
        main.locator("a[href^='javascript:' i], a[href^='data:' i], a[href^='vbscript:' i]").count()
        == 0
    )
    assert main.locator("img[src^='http' i]:not([src^='http://127.0.0.1'])").count() == 0
    assert main.locator("iframe, object, embed").count() == 0
    return norm(main.inner_text())


def journal_pages(page: Page) -> list[str]:
    """The text of every Journal page, oldest last."""
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Journal").click()
    expect(page.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    box = page.get_by_label("Search your entries")
    if box.input_value():  # an earlier search is still in the box: clear it, to see every page
        box.fill("")
        box.press("Enter")
        settled(page)
    caption = page.get_by_text("entries · page")
    expect(caption).to_be_visible()
    found = re.search(r"page \d+ of (\d+)", caption.inner_text())
    assert found, caption.inner_text()
    pages = int(found[1])
    texts = []
    for n in range(1, pages + 1):
        expect(page.get_by_text(f"page {n} of {pages}").first).to_be_visible()
        texts.append(main_text(page))
        if n < pages:
            page.get_by_role("button", name="Older →").click()
    return texts


def test_hostile_strings_render_as_typed_everywhere(page: Page, hostile: Server) -> None:
    seen = watch(page)
    page.set_default_timeout(30_000)
    page.goto(hostile.url)
    expect(page.get_by_role("heading", name="Who is writing?")).to_be_visible()
    main_text(page)  # every hostile name as a button label, checked for links and images
    page.locator("[data-testid=stMain]").get_by_role("button", name="Robin", exact=True).click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    shown = [main_text(page)]  # Today: the check-ins of today are listed below the form

    shown += journal_pages(page)

    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Together").click()
    expect(page.get_by_role("heading", name="Together", exact=True)).to_be_visible()
    shown.append(main_text(page))
    page.get_by_role("tab", name="Shared timeline").click()
    shown.append(main_text(page))

    for query in ("<script>", "javascript:alert(1)", "' OR 1=1 --", "👩‍❤️‍💋‍👨", "\u202e"):
        page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Journal").click()
        box = page.get_by_label("Search your entries")
        box.fill(query)
        box.press("Enter")
        expect(page.locator("[data-testid=stMain]")).to_contain_text("entr")
        main_text(page)

    everything = "\n".join(shown)
    missing = [s for s in CORPUS + NAMES if norm(s) and norm(s) not in everything]
    if missing:  # a page read while a loaded machine was still swapping it: read them all again
        everything += "\n".join(journal_pages(page))
        missing = [s for s in missing if norm(s) not in everything]
    assert not missing, f"{len(missing)} strings not shown as typed, e.g. {missing[:5]!r}"
    assert seen["dialogs"] == []
    assert {
        h for h in seen["hosts"] if h not in ("http:127.0.0.1", "ws:127.0.0.1", "data:", "blob:")
    } == set()
    print(
        f"\nhostile strings: {len(CORPUS)} (+{len(NAMES)} names) × views, dialogs: 0, "
        f"remote requests: 0, shown as typed: {len(CORPUS) + len(NAMES)}"
    )
