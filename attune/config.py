"""One settings object, read from the environment. Each setting is declared once, with help."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class SettingSpec:
    """A setting users can change: its environment variable, default and meaning."""

    env: str
    default: str
    help: str


SETTINGS: dict[str, SettingSpec] = {
    "data_dir": SettingSpec(
        "ATTUNE_DATA_DIR",
        "(your user data folder, e.g. ~/.local/share/attune)",
        "Folder for the database and its backups. Never inside the code checkout.",
    ),
    "database_url": SettingSpec(
        "ATTUNE_DATABASE_URL",
        "sqlite:///<data_dir>/attune.db",
        "SQLAlchemy URL of the database: another SQLite file, or PostgreSQL for a hosted install.",
    ),
    "admin_database_url": SettingSpec(
        "ATTUNE_ADMIN_DATABASE_URL",
        "(the same as ATTUNE_DATABASE_URL)",
        "PostgreSQL: the URL of the role that owns the tables; migrations run with it (the app "
        "itself connects as a role that owns nothing; see docs/hosting.md).",
    ),
    "journal_id": SettingSpec(
        "ATTUNE_JOURNAL_ID",
        "1",
        "PostgreSQL: which journal (household) this process serves. A SQLite file is one journal.",
    ),
    "trusted_proxies": SettingSpec(
        "ATTUNE_TRUSTED_PROXIES",
        "",
        "Hosted: the reverse proxies whose X-Forwarded-For header names the client's address "
        "(addresses or networks, comma-separated: 127.0.0.1 for deploy/replicas.py's HAProxy). "
        "Unset: the header is never believed, and the direct peer is counted.",
    ),
    "address_limit_scale": SettingSpec(
        "ATTUNE_ADDRESS_LIMIT_SCALE",
        "1",
        "Hosted: multiply the sign-in and invitation limits per address by this whole number "
        "(a practice whose clients all come from one address; a load test).",
    ),
    "emergency_number": SettingSpec(
        "ATTUNE_EMERGENCY_NUMBER",
        "112 (EU) / 911 (US) / 999 (UK)",
        "The emergency number shown on the Support page.",
    ),
    "helplines": SettingSpec(
        "ATTUNE_HELPLINES",
        "",
        "Extra helplines for the Support page, one per line as 'Name | number or address'.",
    ),
    "practitioner_name": SettingSpec(
        "ATTUNE_PRACTITIONER_NAME",
        "",
        "A practitioner's name shown on readings and the share page (can also be set in Settings).",
    ),
    "practitioner_url": SettingSpec(
        "ATTUNE_PRACTITIONER_URL",
        "",
        "The practitioner's booking link (https only).",
    ),
}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    emergency_number: str
    helplines: str
    practitioner_name: str
    practitioner_url: str
    admin_database_url: str = ""
    journal_id: int = 1
    trusted_proxies: str = ""
    address_limit_scale: int = 1

    @property
    def migration_url(self) -> str:
        """The URL migrations run with: the owner's when given, else the app's own."""
        return self.admin_database_url or self.database_url

    @property
    def sqlite_path(self) -> Path | None:
        """The database file when the URL names a SQLite file, else None."""
        return sqlite_file(self.database_url)

    @property
    def on_a_server(self) -> bool:
        """The journal is a database on a server (PostgreSQL), not a file on this computer."""
        from sqlalchemy.engine import make_url

        return make_url(self.database_url).get_backend_name() != "sqlite"

    @property
    def backup_dir(self) -> Path:
        path = self.sqlite_path
        return (path.parent if path else self.data_dir) / "backups"


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (`sqlite:///relative.db`, `sqlite:////abs/path.db`), or None
    for another database, an in-memory one or a URL that cannot be parsed. (SQLAlchemy is
    imported here, not with the settings: `attune search` reads them without it.)"""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    if name.startswith("file:") or parsed.query.get("mode") == "memory":
        return None
    return Path(name)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from the environment (or the mapping given, for tests)."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("ATTUNE_DATA_DIR") or platformdirs.user_data_dir("attune", False))
    url = env.get("ATTUNE_DATABASE_URL") or f"sqlite:///{data_dir / 'attune.db'}"
    return Settings(
        data_dir=data_dir,
        database_url=url,
        emergency_number=env.get("ATTUNE_EMERGENCY_NUMBER") or SETTINGS["emergency_number"].default,
        helplines=env.get("ATTUNE_HELPLINES", ""),
        practitioner_name=env.get("ATTUNE_PRACTITIONER_NAME", ""),
        practitioner_url=env.get("ATTUNE_PRACTITIONER_URL", ""),
        admin_database_url=env.get("ATTUNE_ADMIN_DATABASE_URL", ""),
        journal_id=_journal_id(env.get("ATTUNE_JOURNAL_ID", ""), url),
        trusted_proxies=env.get("ATTUNE_TRUSTED_PROXIES", ""),
        address_limit_scale=_scale(env.get("ATTUNE_ADDRESS_LIMIT_SCALE", "")),
    )


def _scale(raw: str) -> int:
    """A whole number, 1 or more; 1 when unset."""
    value = raw.strip() or "1"
    if not value.isdigit() or not 1 <= int(value) <= 10_000:
        raise ValueError(
            f"ATTUNE_ADDRESS_LIMIT_SCALE must be a whole number from 1 to 10000, not {raw!r}"
        )
    return int(value)


def _journal_id(raw: str, url: str) -> int:
    """A positive whole number; 1 when unset. A SQLite file is one journal: only 1 there."""
    value = raw.strip() or "1"
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"ATTUNE_JOURNAL_ID must be a journal's number (1, 2, …), not {raw!r}")
    if int(value) != 1 and sqlite_file(url) is not None:
        raise ValueError("ATTUNE_JOURNAL_ID: a SQLite file holds one journal, number 1")
    return int(value)
