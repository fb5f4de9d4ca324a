"""Backups on PostgreSQL are the operator's (pg_dump and pg_restore, docs/hosting.md): `backup`
and `restore` say so in one line and exit with code 1 — no traceback, no question asked, nothing
written — while on SQLite they copy the database file as before. Each test runs on both."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from attune.cli import main
from attune.domain.errors import BackupsAreOperators
from attune.domain.viewer import Viewer
from attune.services import Journal
from tests.factories import make_entry, make_member

pytestmark = pytest.mark.both_backends

OPERATORS = "On PostgreSQL, backups are the operator's: use pg_dump — see docs/hosting.md"


def one_line(result: Result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_the_service_says_whose_backups_they_are(journal: Journal, backend: str) -> None:
    on_postgresql = backend == "postgresql"
    assert journal.backups_are_operators is on_postgresql
    if on_postgresql:
        with pytest.raises(BackupsAreOperators, match="use pg_dump"):
            journal.backup()
    else:
        assert journal.backup().is_file()


def test_backup(journal: Journal, backend: str, tmp_path: Path) -> None:
    make_entry(journal, make_member(journal, "Sam"), body="a walk by the river")
    out = tmp_path / "copy.db"
    result = CliRunner().invoke(main, ["backup", "--out", str(out)])
    if backend == "postgresql":
        assert result.exit_code == 1
        assert one_line(result) == f"Error: {OPERATORS}"
        assert not out.exists()
    else:
        assert result.exit_code == 0, result.output
        assert one_line(result) == f"Backed up to {out}"
        assert out.stat().st_size > 0


def test_restore(journal: Journal, backend: str, tmp_path: Path) -> None:
    sam = make_member(journal, "Sam")
    make_entry(journal, sam, body="before the copy")
    copy = tmp_path / "copy.db"
    if backend == "sqlite":
        journal.backup(copy)
    else:
        copy.write_bytes(b"a pg_dump archive is restored with pg_restore, not here")
    make_entry(journal, sam, body="after the copy")
    journal.close()
    # Without --yes and with nothing to read on stdin: PostgreSQL must not even ask.
    result = CliRunner().invoke(main, ["restore", str(copy)], input="")
    if backend == "postgresql":
        assert result.exit_code == 1
        assert one_line(result) == f"Error: {OPERATORS}"
        assert "Replace" not in result.output
    else:
        assert "Replace" in result.output and result.exit_code == 1  # aborted: no answer
        result = CliRunner().invoke(main, ["restore", str(copy), "--yes"])
        assert result.exit_code == 0, result.output
        assert "Restored copy.db." in result.output
    after = Journal()
    try:
        expected = 1 if backend == "sqlite" else 2  # PostgreSQL: nothing was changed
        assert after.stats(Viewer(sam.id)).entries == expected
    finally:
        after.close()


@pytest.mark.parametrize("command", [["backup", "--out", "x.db"], ["restore", "x.db"]])
def test_said_even_when_the_server_cannot_be_reached(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer comes from the settings alone: an operator restoring after an outage meets
    the pointer to pg_restore, not a connection error."""
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ATTUNE_DATABASE_URL", "postgresql+psycopg://attune_web@127.0.0.1:9/attune")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert one_line(result) == f"Error: {OPERATORS}"
    assert not (tmp_path / "x.db").exists()


def test_help_points_to_pg_dump() -> None:
    for command in ("backup", "restore"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "PostgreSQL" in result.output and "docs/hosting.md" in result.output
