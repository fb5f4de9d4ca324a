"""Issue 17 in Chromium: a therapist on a fresh data folder reaches review without a journal; a
record refuses an export signed by another key; Share's default path never yields an empty PDF."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from attune import messages
from attune.config import load_settings
from attune.exchange import attune_json, signature
from attune.services import Journal, sharing
from tests.e2e.conftest import Server
from tests.factories import make_entry
from tests.share_factory import sample_export
from tests.viewers import V

PHRASE = "couch and tissues"


def set_up_practice(page: Page, server: Server) -> None:
    page.goto(server.url + "/therapist")
    expect(page.get_by_role("heading", name=messages.PRACTICE_SETUP_TITLE)).to_be_visible()
    page.get_by_label(messages.PRACTICE_PASSPHRASE, exact=True).fill(PHRASE)
    page.get_by_label(messages.PRACTICE_PASSPHRASE_AGAIN).fill(PHRASE)
    page.get_by_role("button", name=messages.PRACTICE_SET_UP).click()
    expect(page.get_by_role("heading", name=messages.PRACTICE_CLIENTS)).to_be_visible()


def open_export(page: Page, path: Path) -> None:
    # An empty uploader first (after an earlier open the page draws a new one): its Open is off.
    expect(page.locator(".st-key-practice_open button").last).to_be_disabled()
    uploader = page.locator("input[type=file]")
    expect(uploader).to_have_count(1)  # the earlier uploader is gone once that run has ended
    uploader.set_input_files(str(path))
    # The upload's own Open (its widget key is practice_open; the record list has an Open too),
    # enabled once the upload's rerun has been drawn.
    button = page.locator(".st-key-practice_open button").last
    expect(button).to_be_enabled()
    button.click()


def test_a_therapist_on_a_fresh_folder_reviews_without_a_journal(
    page: Page, server: Server, tmp_path: Path
) -> None:
    export = tmp_path / "client.json"
    export.write_bytes(attune_json.dumps(sample_export()))
    set_up_practice(page, server)
    open_export(page, export)
    expect(page.get_by_text(re.compile(r"Opened Sam's export"))).to_be_visible()
    page.get_by_role("link", name=messages.PRACTICE_RECORD).first.click()
    expect(page.get_by_role("heading", name="Sam")).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    for journal_page in ("Today", "Write", "Trends"):
        expect(nav.get_by_role("link", name=journal_page, exact=True)).to_have_count(0)
    expect(page.get_by_text("Writing as")).to_have_count(0)
    with sqlite3.connect(server.db_path) as db:
        assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 0


def test_a_record_refuses_an_export_signed_by_another_key(
    page: Page, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two members of another install make exports; the second forges the first's client id.
    monkeypatch.setenv("ATTUNE_DATABASE_URL", f"sqlite:///{tmp_path / 'client.db'}")
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path / "client"))
    client = Journal(load_settings())
    sam, alex = client.add_member("Sam"), client.add_member("Alex")
    make_entry(client, sam)
    now = datetime.now().astimezone()
    real = sharing.gather(client, V(sam.id), now=now)
    forged = sharing.gather(client, V(alex.id), now=now + timedelta(minutes=5))
    alex_key = sharing.signing_key(client, V(alex.id))
    assert alex_key is not None
    forged = signature.sign(replace(forged, client_id=real.client_id, member="Sam"), alex_key)
    client.close()
    (tmp_path / "real.json").write_bytes(attune_json.dumps(real))
    (tmp_path / "forged.json").write_bytes(attune_json.dumps(forged))

    set_up_practice(page, server)
    open_export(page, tmp_path / "real.json")
    expect(page.get_by_text(re.compile(r"Opened Sam's export"))).to_be_visible()
    open_export(page, tmp_path / "forged.json")
    expect(page.get_by_text(messages.REVIEW_OTHER_KEY)).to_be_visible()
    kept = page.get_by_text(re.compile(re.escape(messages.REPORT_SCOPES["therapist"])))
    expect(kept).to_have_count(1)  # the client's one export; the forged one was not kept


def test_shares_default_path_never_yields_an_empty_pdf(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.get_by_label(messages.WELCOME_NAME).fill("Sam")
    page.get_by_role("button", name=messages.WELCOME_START).click()
    expect(page.get_by_role("link", name="Share").first).to_be_visible()
    page.goto(server.url + "/share")
    expect(page.get_by_text(messages.SHARE_NOTHING_MARKED)).to_be_visible()
    expect(page.get_by_role("button", name=messages.SHARE_PDF_PREPARE)).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Download"))).to_have_count(0)
    page.get_by_role("button", name=messages.SHARE_PICK_INSTEAD).click()
    expect(page.get_by_text(messages.SHARE_NOTHING_PICKED)).to_be_visible()
    expect(page.get_by_role("button", name=messages.SHARE_PDF_PREPARE)).to_have_count(0)
