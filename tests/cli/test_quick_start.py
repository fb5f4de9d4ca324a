"""A quick start (issue 17, item 9): each command imports what it needs when it runs.
Checked in a real process with `python -X importtime`, which lists every module imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from attune.services import Journal
from tests.factories import make_entry, make_member

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "altair", "numpy", "scipy", "alembic", "vl_convert", "fpdf", "pydantic")


def imported(*args: str, env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The modules a `python -m attune …` process imports, and what it printed."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "attune", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return names, done.stdout


def top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


def test_version_imports_neither_pandas_nor_the_services() -> None:
    names, out = imported("--version")
    assert out.startswith("attune, version ")
    assert not top(names) & {*HEAVY, "sqlalchemy", "cryptography"}, sorted(names)
    assert not {n for n in names if n.startswith(("attune.services", "attune.storage"))}


def test_search_imports_no_pandas_charts_or_alembic(journal: Journal, db_url: str) -> None:
    sam = make_entry(journal, make_member(journal, "Sam"), body="a walk by the river").member_id
    assert sam
    journal.close()
    env = {"ATTUNE_DATABASE_URL": db_url, "ATTUNE_DATA_DIR": str(Path(db_url[10:]).parent)}
    names, out = imported("search", "river", env=env)
    assert "river" in out
    assert not top(names) & set(HEAVY), sorted(top(names) & set(HEAVY))
    assert "attune.content" not in names
    stats_names, out = imported("stats", env=env)
    assert out.startswith("1 entry\n")
    assert not top(stats_names) & set(HEAVY)


def test_the_attune_command_is_the_cli() -> None:
    """pyproject.toml makes an `attune` command of attune.cli:main (pip install -e .), with the
    pinned requirements as its dependencies; `python -m attune` stays the same group."""
    import tomllib

    from attune.cli import main

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["scripts"] == {"attune": "attune.cli:main"}
    deps = project["tool"]["setuptools"]["dynamic"]["dependencies"]["file"]
    assert deps == ["requirements.txt"]
    _names, out = imported("--help")
    assert "members" in out and "search" in out
    assert main.name == "main"
