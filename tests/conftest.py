"""Shared fixtures: every test gets a fresh temporary database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from attune.config import load_settings
from attune.services import Journal


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'attune.db'}"
    monkeypatch.setenv("ATTUNE_DATABASE_URL", url)
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    return url


@pytest.fixture
def journal(db_url: str) -> Iterator[Journal]:
    j = Journal(load_settings())
    yield j
    j.close()
