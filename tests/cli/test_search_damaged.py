"""`search` and `stats` skip SQLite's page-by-page check at start (issue 17, item 9), yet a
damaged journal still ends in one line that says to restore, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from attune.cli import main
from attune.services import Journal
from tests.factories import make_entry, make_member


def damage(path: Path, *, whole: bool) -> None:
    data = bytearray(path.read_bytes())
    if whole:
        data[:100] = b"\xff" * 100  # the header: "file is not a database"
    else:
        for page in range(2, len(data) // 4096):  # scribble over the b-tree pages
            data[page * 4096 + 8 : page * 4096 + 200] = b"\x13" * 192
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("whole", [False, True])
@pytest.mark.parametrize("command", [["search", "river"], ["stats"]])
def test_a_damaged_journal_says_restore(
    journal: Journal, db_url: str, whole: bool, command: list[str]
) -> None:
    sam = make_member(journal)
    for i in range(40):
        make_entry(journal, sam, body=f"river {i} " + "long words " * 30)
    journal.checkpoint()
    journal.close()
    damage(Path(db_url.split("///", 1)[1]), whole=whole)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "damaged" in lines[0] and "attune restore FILE" in lines[0]
