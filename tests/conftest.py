"""Shared fixtures: every test gets a fresh temporary database.

A test module marked `pytest.mark.both_backends` runs each of its tests twice: on SQLite (the
embedded default) and on PostgreSQL (a real server: Debian's `postgresql`, one throwaway cluster
per test process, `tests/pg_cluster.py`; each test gets its own database, copied from a migrated
template). On SQLite too each test's file is a copy of one migrated per test process
(tests/sqlite_template.py). The summary at the end says how many tests ran on each.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from attune.config import load_settings
from attune.services import Journal
from tests.sqlite_template import migrated

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "attune_template"
_numbers = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: run each test on SQLite and on PostgreSQL (a real server)"
    )
    config.addinivalue_line(
        "markers", "sqlite_only: in a both-backends module, a test of SQLite's own machinery"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", BACKENDS[:1] if only_sqlite else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database under the test: "sqlite" unless the module runs on both."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """One PostgreSQL server for this test process, with a template database at head."""
    from tests.pg_cluster import Cluster, available

    if not available():
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    with Cluster() as cluster:
        url = cluster.create_database(TEMPLATE)
        from attune.storage.engine import make_engine
        from attune.storage.migrate import upgrade

        engine = make_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        yield cluster


@pytest.fixture
def db_url(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[str]:
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    if backend == "sqlite":
        url = migrated(tmp_path / "attune.db")
        monkeypatch.setenv("ATTUNE_DATABASE_URL", url)
        yield url
        return
    # The app connects as a role that owns nothing (row-level security applies to it); the
    # owner's URL is the admin one, as on a hosted install (docs/hosting.md).
    cluster = request.getfixturevalue("pg_cluster")
    name = f"t{os.getpid()}_{next(_numbers)}"
    admin = cluster.create_database(name, template=TEMPLATE)
    url = cluster.url(name, user=cluster.APP)
    monkeypatch.setenv("ATTUNE_DATABASE_URL", url)
    monkeypatch.setenv("ATTUNE_ADMIN_DATABASE_URL", admin)
    yield url
    cluster.drop_database(name)


@pytest.fixture
def admin_url(db_url: str) -> str:
    """The owner's URL on PostgreSQL (the same as db_url on SQLite)."""
    return os.environ.get("ATTUNE_ADMIN_DATABASE_URL") or db_url


@pytest.fixture
def journal(db_url: str) -> Iterator[Journal]:
    j = Journal(load_settings())
    yield j
    j.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How many tests ran on each database (the both-backends suites' share)."""
    counts = dict.fromkeys(BACKENDS, 0)
    for report in terminalreporter.stats.get("passed", []):
        for name in BACKENDS:
            if re.search(rf"[\[-]{name}[\]-]", report.nodeid):
                counts[name] += 1
    if any(counts.values()):
        terminalreporter.write_line(
            "tests passed per database (both-backends suites): "
            + ", ".join(f"{name} {count}" for name, count in counts.items())
        )
