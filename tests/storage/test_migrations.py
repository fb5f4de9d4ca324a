"""Upgrading a database with data keeps every row: no cascade deletes while batch mode rebuilds
tables, one transaction for the whole upgrade, a backup first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from attune.storage.engine import make_engine
from attune.storage.migrate import alembic_config, current_revision, head_revision, upgrade

TABLES = ("members", "entries", "tags", "entry_tags", "entry_feelings")


def _seed_at_0001(path: Path) -> dict[str, int]:
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO members (name, name_key, colour, created_at) VALUES ('Sam','sam','#000','2026-01-01')"
    )
    for i in range(50):
        con.execute(
            "INSERT INTO entries (uid, member_id, occurred_at, utc_offset_min, local_date, valence, "
            "energy, body, visibility, share_with_therapist, created_at, updated_at, version) "
            "VALUES (?, 1, '2026-01-01 00:00:00', 0, '2026-01-01', 3, 3, ?, 'private', 0, "
            "'2026-01-01', '2026-01-01', 1)",
            (f"u{i}", f"body {i} lighthouse"),
        )
        con.execute(
            "INSERT OR IGNORE INTO tags (name, name_key) VALUES (?, ?)", (f"t{i % 5}", f"t{i % 5}")
        )
        con.execute(
            "INSERT INTO entry_tags (entry_id, tag_id, position) VALUES (?, ?, 0)",
            (i + 1, i % 5 + 1),
        )
        con.execute(
            "INSERT INTO entry_feelings (entry_id, word, position) VALUES (?, 'calm', 0)", (i + 1,)
        )
    con.commit()
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    con.close()
    return counts


def test_upgrade_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    before = _seed_at_0001(path)
    engine = make_engine(f"sqlite:///{path}")
    backup = upgrade(engine, tmp_path / "backups", path)
    assert current_revision(engine) == head_revision(engine)
    engine.dispose()
    con = sqlite3.connect(path)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    hits = con.execute(
        "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'lighthouse'"
    ).fetchone()[0]
    con.close()
    assert after == before
    assert hits == 50  # the full-text index survived the table rebuilds
    assert backup is not None and backup.exists()
    bcon = sqlite3.connect(backup)
    assert bcon.execute("SELECT count(*) FROM entry_tags").fetchone()[0] == before["entry_tags"]
    bcon.close()


def test_downgrade_to_baseline_with_data_keeps_entries(tmp_path: Path) -> None:
    path = tmp_path / "round.db"
    before = _seed_at_0001(path)
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    command.downgrade(alembic_config(engine), "0001")
    assert current_revision(engine) == "0001"
    command.upgrade(alembic_config(engine), "head")
    engine.dispose()
    con = sqlite3.connect(path)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    assert after == before
