"""`python -m attune import`: counts only, --dry-run writes nothing, exit code 1 on a bad file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from attune import messages
from attune.cli import main
from attune.services import Journal
from attune.services.importing import import_batches
from tests.factories import make_member
from tests.import_files import FIXTURES, MARKER
from tests.viewers import V

DAYLIO = str(FIXTURES / "daylio_v3_bom.csv")


def digest(db_url: str) -> str:
    return hashlib.sha256(Path(db_url.split("///", 1)[1]).read_bytes()).hexdigest()


def test_dry_run_writes_nothing(journal: Journal, db_url: str) -> None:
    sam = make_member(journal)
    journal.checkpoint()
    before = digest(db_url)
    result = CliRunner().invoke(main, ["import", DAYLIO, "--mood", "sad=2", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert messages.IMPORT_WOULD_ADD.format(added=5, present=0) in result.output
    assert messages.IMPORT_DRY_RUN in result.output
    journal.checkpoint()
    assert digest(db_url) == before
    assert journal.list_entries(V(sam.id)).total == 0


def test_import_then_again(journal: Journal) -> None:
    sam = make_member(journal)
    runner = CliRunner()
    first = runner.invoke(main, ["import", DAYLIO, "--member", "sam", "--mood", "Sad=2"])
    assert first.exit_code == 0, first.output
    assert "Recognised: Daylio." in first.output
    assert "5 entries from 2021-09-25 to 2021-09-28." in first.output
    assert messages.IMPORT_DONE.format(added=5, present=0, skipped=0) in first.output
    assert "Stomach" not in first.output and "Picnic" not in first.output  # never entry text
    second = runner.invoke(main, ["import", DAYLIO, "--mood", "sad=2", "--format", "daylio"])
    assert messages.IMPORT_DONE.format(added=0, present=5, skipped=0) in second.output
    assert journal.list_entries(V(sam.id)).total == 5
    assert [b.entry_count for b in import_batches(journal, V(sam.id))] == [5]


def test_unmapped_mood_exits_1_and_names_it(journal: Journal) -> None:
    sam = make_member(journal)
    result = CliRunner().invoke(main, ["import", DAYLIO])
    assert result.exit_code == 1
    assert "before importing: sad. Use --mood NAME=N." in result.output
    assert journal.list_entries(V(sam.id)).total == 0


def test_bad_file_exits_1_with_one_line(journal: Journal, tmp_path: Path, db_url: str) -> None:
    sam = make_member(journal)
    journal.checkpoint()
    before = digest(db_url)
    bad = tmp_path / "export.json"
    bad.write_text('{"tags": {}, "entries": [{"title": "' + MARKER + '", "starred": NaN}]}')
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {messages.IMPORT_JSON_NAN}"
    assert MARKER not in result.output
    journal.checkpoint()
    assert digest(db_url) == before and journal.list_entries(V(sam.id)).total == 0


def test_bad_mood_option_is_a_usage_error(journal: Journal) -> None:
    make_member(journal)
    result = CliRunner().invoke(main, ["import", DAYLIO, "--mood", "sad=7"])
    assert result.exit_code == 2 and "NAME=N" in result.output
