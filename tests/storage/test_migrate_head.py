"""The start-up check that skips Alembic when the database is at head (issue 17, item 9)
agrees with Alembic, and anything else still goes through Alembic."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from attune.services import Journal
from attune.storage import migrate


def test_head_from_files_is_alembics_head(journal: Journal) -> None:
    assert migrate.head_from_files() == migrate.head_revision(journal.engine)
    assert migrate.at_head(journal.engine)


def test_a_database_behind_or_new_is_not_at_head(journal: Journal, tmp_path: Path) -> None:
    with journal.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert not migrate.at_head(journal.engine)
    assert not migrate.at_head(create_engine(f"sqlite:///{tmp_path / 'new.db'}"))


def test_files_that_do_not_say_plainly_leave_it_to_alembic(tmp_path: Path) -> None:
    (tmp_path / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n')
    (tmp_path / "0002_b.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    assert migrate.head_from_files(tmp_path) == "0002"
    (tmp_path / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0001"\n')  # two heads
    assert migrate.head_from_files(tmp_path) is None
    (tmp_path / "0003_c.py").write_text("revision = make_revision()\n")
    assert migrate.head_from_files(tmp_path) is None
