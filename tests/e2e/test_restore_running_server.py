"""`restore` while the app's server runs is refused (issue 14, finding 7): the server holds the
journal open, and would go on confirming saves into the file a restore moves aside."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from attune.config import load_settings
from attune.recovery import IN_USE
from attune.services import Journal
from tests.e2e.conftest import ROOT, start_server, stop_server


def test_restore_is_refused_while_the_server_runs(tmp_path: Path, page: Page) -> None:
    env = {
        "ATTUNE_DATABASE_URL": f"sqlite:///{tmp_path / 'attune.db'}",
        "ATTUNE_DATA_DIR": str(tmp_path),
    }
    journal = Journal(load_settings(env))
    journal.add_member("Sam")
    backup = journal.backup()
    journal.close()
    proc, srv = start_server(tmp_path)
    try:
        page.goto(srv.url)
        expect(
            page.get_by_role("heading", name="Today", exact=True)
        ).to_be_visible()  # the journal is open
        cmd = [sys.executable, "-m", "attune", "restore", str(backup), "--yes"]
        run = subprocess.run(cmd, cwd=ROOT, env=srv.env, capture_output=True, text=True)
        assert run.returncode == 1, run.stdout + run.stderr
        assert IN_USE in run.stderr
        assert not list(tmp_path.glob("attune.db.before-restore-*"))  # nothing was moved
    finally:
        page.goto("about:blank")  # no session left for the server to close
        stop_server(proc)
    run = subprocess.run(cmd, cwd=ROOT, env=srv.env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
