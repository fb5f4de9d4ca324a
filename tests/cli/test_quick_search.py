"""`attune search` answers from statements SQLAlchemy prepared before (issue 17, item 9), without
importing SQLAlchemy — and only where its answer is the whole way's: the same hits, or None and
the whole way (attune.services.quick_search)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from attune import messages
from attune.cli import main
from attune.config import load_settings
from attune.domain.entries import Member, Visibility
from attune.services import NOBODY, Journal, Viewer, quick_search, together
from attune.services import search as search_service
from tests.cli.test_search_damaged import damage
from tests.factories import make_entry, make_member

ROOT = Path(__file__).resolve().parents[2]
NEVER = ("sqlalchemy", "alembic", "psycopg", "psycopg2", "streamlit", "cryptography", "pandas")


def fill(journal: Journal) -> tuple[Member, Member]:
    """Two members, private and shared entries at several offsets, one in the trash."""
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    for i in range(12):
        for who, shared in ((sam, i % 3 == 0), (alex, i % 2 == 0)):
            make_entry(
                journal,
                who,
                body=f"By the river, day {i}: stones and reeds." if i % 4 else f"Rain {i}.",
                occurred_at=datetime(2026, 3, 1 + i, 8 + i, 5, tzinfo=timezone(timedelta(hours=i))),
                visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
            )
    gone = make_entry(journal, sam, body="river in the trash")
    journal.trash_entry(Viewer(sam.id), gone.id)
    return sam, alex


def prepare(journal: Journal) -> Path:
    quick_search.remember(journal)
    return quick_search.cache_path(journal.settings)


@pytest.mark.parametrize("drive_hits", [0, 1_000])  # the walk newest first; the index's hits
@pytest.mark.parametrize("query", ["river", "rive", "stones river", "rain", "nothing"])
def test_the_same_hits_as_the_whole_way(journal: Journal, query: str, drive_hits: int) -> None:
    sam, alex = fill(journal)
    cache = prepare(journal)
    kept = json.loads(cache.read_text())
    kept["drive_hits"] = drive_hits
    cache.write_text(json.dumps(kept))
    for member in (sam, alex, None):  # None: no --member, two members: shared entries only
        viewer = NOBODY if member is None else Viewer(member.id)
        for limit in (1, 3, 50):
            whole = search_service.search(journal, viewer, query, limit=limit)
            quick = quick_search.search(query, member and member.name.lower(), limit)
            assert quick == quick_search.Answer(whole, shared_only=member is None), limit
    assert "stones" not in cache.read_text()  # SQL only, nobody's words


def test_where_it_cannot_tell_it_says_none(journal: Journal) -> None:
    sam, _alex = fill(journal)
    assert quick_search.search("river", "Sam", 5) is None  # nothing prepared yet
    cache = prepare(journal)
    assert quick_search.search("river", "Sam", 5) is not None
    assert quick_search.search("river", "Robin", 5) is None  # no such member: said
    assert quick_search.search("  ", "Sam", 5) is None
    assert quick_search.search("?!", "Sam", 5) is None  # no words: a substring search
    together.set_passphrase(journal, sam.id, "river stones")
    assert quick_search.search("river", "Sam", 5) is None  # a passphrase to ask for
    kept = json.loads(cache.read_text())
    cache.write_text(json.dumps({**kept, "key": "another version of the sources"}))
    assert quick_search.search("river", "Alex", 5) is None
    cache.write_text(json.dumps({**kept, "head": "0001"}))  # the journal is past the files
    assert quick_search.search("river", "Alex", 5) is None
    cache.write_text(json.dumps({**kept, "statements": {}}))  # the right key, edited by hand
    assert quick_search.search("river", "Alex", 5) is None
    cache.write_text("{not json")
    assert quick_search.search("river", "Alex", 5) is None


def test_the_command_prints_the_same_either_way(journal: Journal) -> None:
    fill(journal)
    journal.close()
    runner = CliRunner()
    cache = quick_search.cache_path(load_settings())
    for args in (["search", "river", "--member", "alex"], ["search", "rain", "--json"]):
        cache.unlink(missing_ok=True)
        first = runner.invoke(main, args)  # the whole way, which prepares
        assert first.exit_code == 0, first.output
        assert cache.exists()
        again = runner.invoke(main, args)
        assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, first.stderr)
    assert again.stderr == messages.CLI_SHARED_ONLY + "\n"  # two members, none named


def test_a_damaged_journal_still_says_restore(journal: Journal, db_url: str) -> None:
    sam = make_member(journal)
    for i in range(40):
        make_entry(journal, sam, body=f"river {i} " + "long words " * 30)
    prepare(journal)
    journal.checkpoint()
    journal.close()
    damage(Path(db_url.split("///", 1)[1]), whole=False)
    result = CliRunner().invoke(main, ["search", "river"])
    assert result.exit_code == 1, result.output
    assert "damaged" in result.output and "attune restore FILE" in result.output


def test_a_prepared_search_loads_no_sqlalchemy(journal: Journal, db_url: str) -> None:
    """The gain kept: a search at a current schema imports neither SQLAlchemy nor Alembic, a
    PostgreSQL driver, Streamlit or cryptography (checked in a process of its own)."""
    make_entry(journal, make_member(journal, "Sam"), body="a walk by the river")
    journal.close()
    env = {
        **os.environ,
        "ATTUNE_DATABASE_URL": db_url,
        "ATTUNE_DATA_DIR": str(Path(db_url[10:]).parent),
    }
    script = (
        "import sys\n"
        "from attune.cli import main\n"
        "main(['search', 'river'], standalone_mode=False)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))\n"
    )

    def run() -> tuple[str, set[str]]:
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        *printed, modules = done.stdout.splitlines()
        return "\n".join(printed), set(json.loads(modules.replace("'", '"')))

    whole, loaded = run()
    assert "sqlalchemy" in loaded and "river" in whole  # the first went the whole way
    quick, loaded = run()
    assert quick == whole
    assert not loaded & set(NEVER), sorted(loaded & set(NEVER))


def test_a_schema_behind_goes_the_whole_way_and_upgrades(journal: Journal, db_url: str) -> None:
    make_entry(journal, make_member(journal, "Sam"), body="a walk by the river")
    prepare(journal)
    journal.close()
    path = Path(db_url.split("///", 1)[1])
    with sqlite3.connect(path) as con:
        head = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        con.execute("UPDATE alembic_version SET version_num = 'elsewhere'")
    assert quick_search.search("river", "Sam", 5) is None
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = ?", (head,))
    assert quick_search.search("river", "Sam", 5)
