"""`restore` while Attune runs would lose confirmed saves (issue 14, finding 7): the running
process goes on writing to the file the restore moved aside. So a restore is refused while any
other process has the journal open, and goes ahead once it has stopped.

The other process is real: a Python process that opens the journal as the app's server does,
confirms a save after the backup was taken, and stays open until told to stop."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from attune.cli import main
from attune.config import load_settings
from attune.recovery import IN_USE, RestoreError, restore
from attune.services import Journal
from tests.factories import make_entry, make_member
from tests.viewers import V

ROOT = Path(__file__).resolve().parents[2]
RUNNING = """
import sys
from attune.services import Journal
from tests.factories import make_entry
j = Journal()
make_entry(j, j.members()[0], body="saved while running")
print("saved", flush=True)
sys.stdin.readline()
j.close()
"""


@pytest.fixture
def backup(journal: Journal) -> Path:
    sam = make_member(journal)
    make_entry(journal, sam, body="before the backup")
    path = journal.backup()
    journal.close()
    return path


@pytest.fixture
def app_running(backup: Path, db_url: str) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNING],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "saved"
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _bodies() -> list[str]:
    j = Journal(load_settings())
    try:
        sam = j.members()[0]
        return sorted(e.body for e in j.list_entries(V(sam.id)).items)
    finally:
        j.close()


def test_restore_is_refused_while_another_process_has_the_journal_open(
    backup: Path, app_running: subprocess.Popen[str]
) -> None:
    with pytest.raises(RestoreError, match="stop it first"):
        restore(load_settings(), backup)
    result = CliRunner().invoke(main, ["restore", str(backup), "--yes"])
    assert result.exit_code == 1
    assert IN_USE in result.output
    assert _bodies() == ["before the backup", "saved while running"]  # nothing was lost


def test_restore_goes_ahead_once_the_other_process_stopped(
    backup: Path, app_running: subprocess.Popen[str]
) -> None:
    assert app_running.stdin is not None
    app_running.stdin.write("\n")
    app_running.stdin.flush()
    app_running.wait(timeout=30)
    result = CliRunner().invoke(main, ["restore", str(backup), "--yes"])
    assert result.exit_code == 0, result.output
    assert _bodies() == ["before the backup"]


def test_a_killed_process_does_not_block_a_restore(
    backup: Path, app_running: subprocess.Popen[str]
) -> None:
    app_running.kill()
    app_running.wait(timeout=30)
    kept = restore(load_settings(), backup)
    assert kept is not None
    assert _bodies() == ["before the backup"]
