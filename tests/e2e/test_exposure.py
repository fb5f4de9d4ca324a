"""Nothing leaves the machine: the server listens on loopback only, usage statistics are off and
cross-site request protection is on in the effective configuration, and a browser journey
through every page requests nothing from any address but 127.0.0.1."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ROOT, Server, start_server, stop_server

PAGES = [
    "Today",
    "Write",
    "Journal",
    "Trends",
    "Together",
    "Readings",
    "Practices",
    "Settings",
    "Support",
]


def _listening_addresses(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if m := re.match(r"socket:\[(\d+)\]", target):
            inodes.add(m.group(1))
    found = set()
    for table, width in (("tcp", 8), ("tcp6", 32)):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            parts = line.split()
            local, state, inode = parts[1], parts[3], parts[9]
            if state == "0A" and inode in inodes:  # LISTEN
                addr = local.split(":")[0]
                assert len(addr) == width
                found.add(addr)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1


def test_server_listens_on_loopback_only(tmp_path: Path) -> None:
    proc, _ = start_server(tmp_path)
    try:
        addresses = _listening_addresses(proc.pid)
        assert addresses, "the server listens nowhere?"
        assert addresses <= LOOPBACK, addresses
    finally:
        stop_server(proc)


def test_effective_configuration_is_private() -> None:
    code = (
        "import streamlit.config as c; c.get_config_options(); "
        "print(c.get_option('server.address'), c.get_option('browser.gatherUsageStats'), "
        "c.get_option('server.enableXsrfProtection'), c.get_option('server.enableCORS'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["127.0.0.1", "False", "True", "True"]


def test_a_journey_through_every_page_stays_on_loopback(page: Page, server: Server) -> None:
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or r.url.split(":", 1)[0]))
    page.goto(server.url)
    page.get_by_label("What should we call you?").fill("Robin")
    page.get_by_role("button", name="Start journaling").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    page.get_by_role("radiogroup", name="How pleasant does it feel?").get_by_role(
        "radio", name="4", exact=True
    ).click()
    page.get_by_role("radiogroup", name="How much energy do you have?").get_by_role(
        "radio", name="3", exact=True
    ).click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    for name in PAGES:
        page.locator("[data-testid=stSidebarNav]").get_by_role(
            "link", name=name, exact=True
        ).click()
        expect(page.get_by_role("heading", name=name, exact=True).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert hosts <= {"127.0.0.1", "data", "blob"}, hosts


def test_a_direct_link_on_a_fresh_server_still_goes_through_the_lock(
    tmp_path: Path, page: Page
) -> None:
    from attune.config import load_settings
    from attune.services import Journal, together
    from tests.factories import make_entry, make_member

    env = {
        "ATTUNE_DATABASE_URL": f"sqlite:///{tmp_path / 'attune.db'}",
        "ATTUNE_DATA_DIR": str(tmp_path),
    }
    journal = Journal(load_settings(env))
    sam = make_member(journal, "Sam")
    make_entry(journal, sam, body="a note")
    together.set_passphrase(journal, sam.id, "river stones")
    journal.close()
    proc, server = start_server(tmp_path)
    try:
        screens = ("journal", "today", "write", "trends", "together", "readings", "practices")
        for path in (*screens, "settings", "import", "share", "therapist"):
            page.goto(f"{server.url}/{path}")  # the first request this server ever sees, then more
            expect(page.get_by_role("heading", name="Sam's journal is locked")).to_be_visible()
            expect(page.get_by_role("button", name="Edit")).to_have_count(0)
    finally:
        stop_server(proc)


def test_check_in_write_share_export_import_review_stay_on_loopback(
    page: Page, server: Server, tmp_path: Path
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or r.url.split(":", 1)[0]))
    nav = page.locator("[data-testid=stSidebarNav]")
    page.goto(server.url)
    page.get_by_label("What should we call you?").fill("Robin")
    page.get_by_role("button", name="Start journaling").click()
    page.get_by_role("radiogroup", name="How pleasant does it feel?").get_by_role(
        "radio", name="4", exact=True
    ).click()
    page.get_by_role("radiogroup", name="How much energy do you have?").get_by_role(
        "radio", name="3", exact=True
    ).click()
    page.get_by_text("Share with my therapist").click()
    page.get_by_label("Anything you want to add? (optional)").fill("a calm walk by the canal")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    nav.get_by_role("link", name="Write", exact=True).click()
    expect(page.get_by_role("heading", name="Write", exact=True).first).to_be_visible()
    nav.get_by_role("link", name="Share", exact=True).click()
    expect(page.get_by_role("heading", name="Share with a therapist")).to_be_visible()
    page.get_by_role("radiogroup", name="Format").get_by_text("Attune JSON").click()
    expect(page.locator("[data-testid=stMain]")).to_contain_text("a calm walk by the canal")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("^Download")).click()
    export = tmp_path / "export.json"
    info.value.save_as(export)
    assert "a calm walk by the canal" in export.read_text(encoding="utf-8")
    page.get_by_role("radiogroup", name="Format").get_by_text("PDF report").click()
    page.get_by_role("button", name="Prepare the PDF").click()  # charts drawn in a child process
    expect(page.get_by_text(re.compile(r"^Page 1 of \d+$"))).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"^Download .*\.pdf$")).click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF-")
    nav.get_by_role("link", name="Import", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(export))
    expect(page.get_by_text(re.compile("^Recognised: "))).to_be_visible()
    nav.get_by_role("link", name="Therapist", exact=True).click()
    expect(page.get_by_role("heading", name="Therapist review")).to_be_visible()
    page.locator("input[type=file]").set_input_files(str(export))
    page.get_by_role("button", name="Open", exact=True).click()
    expect(page.locator("[data-testid=stMain]")).to_contain_text("a calm walk by the canal")
    page.wait_for_load_state("networkidle")
    assert hosts <= {"127.0.0.1", "data", "blob"}, hosts
