"""A damaged database is detected at start and a backup can be restored, from the CLI and the app."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from attune.cli import main
from attune.config import load_settings
from attune.recovery import CorruptDatabase, RestoreError, list_backups, restore
from attune.services import Journal
from tests.factories import make_entry, make_member
from tests.viewers import V

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _damage(path: Path, *, whole: bool = False) -> None:
    data = bytearray(path.read_bytes())
    if whole:
        data[:100] = b"\xff" * 100  # the header: "file is not a database"
    else:
        for page in range(2, len(data) // 4096):  # scribble over the b-tree pages
            data[page * 4096 + 8 : page * 4096 + 200] = b"\x13" * 192
    path.write_bytes(bytes(data))


@pytest.fixture
def backed_up(journal: Journal, db_url: str) -> tuple[Path, Path]:
    sam = make_member(journal)
    for i in range(40):
        make_entry(journal, sam, body=f"entry {i} " + "long words " * 30)
    backup = journal.backup()
    journal.checkpoint()
    journal.close()
    return Path(db_url.split("///", 1)[1]), backup


@pytest.mark.parametrize("whole", [False, True])
def test_damage_is_detected_at_start(backed_up: tuple[Path, Path], whole: bool) -> None:
    db, _ = backed_up
    _damage(db, whole=whole)
    with pytest.raises(CorruptDatabase, match="damaged"):
        Journal(load_settings())


def test_restore_brings_the_entries_back_and_keeps_the_damaged_file(
    backed_up: tuple[Path, Path],
) -> None:
    db, backup = backed_up
    _damage(db)
    kept = restore(load_settings(), backup)
    assert kept is not None and kept.exists()
    j = Journal(load_settings())
    assert j.stats(V(j.members()[0].id)).entries == 40
    j.close()


def test_restore_refuses_a_file_that_is_not_a_backup(
    backed_up: tuple[Path, Path], tmp_path: Path
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(RestoreError):
        restore(load_settings(), junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(RestoreError, match="not an Attune backup"):
        restore(load_settings(), other)


def test_cli_backup_and_restore(backed_up: tuple[Path, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "copy.db"
    result = runner.invoke(main, ["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    db, _ = backed_up
    _damage(db)
    result = runner.invoke(main, ["stats", "--json"])
    assert result.exit_code == 1
    assert "damaged" in result.output
    assert "restore" in result.output
    result = runner.invoke(main, ["restore", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["stats", "--json"])
    assert '"entries": 40' in result.output


def test_app_offers_a_restore_when_damaged(backed_up: tuple[Path, Path]) -> None:
    db, backup = backed_up
    _damage(db)
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert at.title[0].value == "Your journal needs a repair"
    assert list_backups(load_settings())[0] == backup
    at.button(key=f"restore_{backup.name}").click().run()
    j = Journal(load_settings())
    assert j.stats(V(j.members()[0].id)).entries == 40
    j.close()


def test_settings_restores_a_backup(journal: Journal, db_url: str) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, body="before the backup")
    backup = journal.backup()
    make_entry(journal, sam, body="after the backup")
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["member_id"] = sam.id
    at.run()
    at.switch_page("views/settings.py").run()
    assert at.selectbox(key="restore_choice").value == backup.name
    from components import recovery as ui

    journal.close()  # the test's own Journal; the app's cached one is let go of by _restore
    ui._restore(str(backup))  # what the confirmation dialog's button does
    j = Journal(load_settings())
    assert j.stats(V(sam.id)).entries == 1
    j.close()
