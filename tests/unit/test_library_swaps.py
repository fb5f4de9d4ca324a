"""What the library swaps of issue 13 item 7 must keep: the bounded LRU, the local time zone and
the SQLite file named by a database URL."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from attune.config import load_settings, sqlite_file
from attune.exchange.registry import ImportOptions, local_zone
from attune.recent import Recent


def test_recent_keeps_the_most_recently_used() -> None:
    recent: Recent[int] = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # "a" is now the most recent, so "b" goes next
    recent.put("c", 3)
    assert (recent.get("a"), recent.get("b"), recent.get("c"), len(recent)) == (1, None, 3, 2)
    made = []
    assert recent.get_or_make("d", lambda: made.append(1) or 4) == 4
    assert recent.get_or_make("d", lambda: made.append(1) or 5) == 4
    assert made == [1]
    recent.clear()
    assert len(recent) == 0


@pytest.mark.parametrize("tz", ["Europe/Paris", ":Asia/Tokyo"])
def test_local_zone_follows_tz(monkeypatch: pytest.MonkeyPatch, tz: str) -> None:
    monkeypatch.setenv("TZ", tz)
    assert local_zone() == ZoneInfo(tz.lstrip(":"))
    assert ImportOptions().tz == ZoneInfo(tz.lstrip(":"))


def test_local_zone_survives_a_tz_that_names_no_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    assert local_zone() is not None


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:////tmp/a/attune.db", Path("/tmp/a/attune.db")),
        ("sqlite:///relative/attune.db", Path("relative/attune.db")),
        ("sqlite+pysqlite:////tmp/b.db", Path("/tmp/b.db")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("postgresql://attune@db.example/attune", None),
        ("not a url", None),
    ],
)
def test_sqlite_file_of_a_url(url: str, path: Path | None) -> None:
    assert sqlite_file(url) == path


def test_default_database_is_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"ATTUNE_DATA_DIR": str(tmp_path)})
    assert settings.sqlite_path == tmp_path / "attune.db"
    assert settings.backup_dir == tmp_path / "backups"
