"""`attune search` without SQLAlchemy (issue 17, item 9). Importing SQLAlchemy, its ORM and the
models is most of the command's time (~0.3 s of ~0.45 s; the query itself takes milliseconds),
so the command runs statements SQLAlchemy rendered before — `attune.storage.prepared`: the
members, a member's passphrase hash, and the search through the one visibility rule
(storage.visibility) — with the standard library's sqlite3. No SQL is written here.

They are kept in `<data_dir>/cache/cli-search.json` by the last search that went the whole way
(`remember`), under a key made of the sources they come from: attune/storage (its migrations
too), attune/domain, this module and SQLAlchemy's own version. When any of them changes, so does
the key, and the next search goes the whole way and renders them again. Nothing of anyone's
journal is kept there: SQL, the schema's head, and which file each SQLite URL names.

It answers only where its answer is the whole way's: a SQLite file at the schema's head, a viewer
who is a member without a passphrase (named with --member, or the only member) or nobody (shared
entries only: several members, none named), words the full-text index can match. Anything else — any error too — returns None, and the command goes
the whole way, which says what went wrong in its own words."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attune.config import Settings, load_settings
from attune.domain import entries as d
from attune.domain.text import fts_query, snippet
from attune.private_files import create_private, private_dir, write_private
from attune.recovery import check_database, hold_open

if TYPE_CHECKING:
    from .journal import Journal

ATTUNE = Path(__file__).resolve().parents[1]
CACHE_NAME = "cli-search.json"
KEPT_DATABASES = 16  # SQLite URLs remembered (a person has one or two)


def sources() -> list[Path]:
    """The files the prepared statements come from."""
    found = [*ATTUNE.glob("storage/**/*.py"), *ATTUNE.glob("domain/*.py"), Path(__file__)]
    spec = importlib.util.find_spec("sqlalchemy")  # found, not imported: its version is in it
    if spec is not None and spec.origin:
        found.append(Path(spec.origin))
    return sorted(found)


def cache_key() -> str:
    digest = hashlib.sha256()
    for path in sources():
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_path(settings: Settings) -> Path:
    return settings.data_dir / "cache" / CACHE_NAME


def _load(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


@dataclass(frozen=True)
class Answer:
    hits: list[d.SearchHit]
    shared_only: bool  # no member named, several on the journal: the command says so


def search(query: str, member: str | None, limit: int) -> Answer | None:
    """The hits `services.search.search` gives for this command, or None where it cannot tell."""
    settings = load_settings()
    prepared = _load(cache_path(settings))
    if prepared is None or prepared.get("key") != cache_key():
        return None
    url = settings.database_url
    name = prepared.get("databases", {}).get(url)
    if name is None or settings.admin_database_url not in ("", url):
        return None
    match = fts_query(query) if query.strip() else None
    if match is None:  # no words for the index: a substring search, the whole way
        return None
    path = Path(name)
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None  # a new journal: the whole way makes it
        check_database(path, thorough=False)
        held = hold_open(path)
    except Exception:
        return None
    try:
        return _search(prepared, path, member, {"match": match, "limit": limit}, query)
    except (sqlite3.Error, LookupError, TypeError, ValueError):
        return None  # damaged, busy past the timeout, a cache edited by hand…: the whole way
    finally:
        if held is not None:
            held.close()


def _search(
    prepared: dict[str, Any], path: Path, member: str | None, args: dict[str, object], query: str
) -> Answer | None:
    private_dir(path.parent)  # as storage.engine.make_engine leaves a journal's files
    for suffix in ("", "-wal", "-shm"):
        if suffix == "" or Path(f"{path}{suffix}").exists():
            create_private(Path(f"{path}{suffix}"))
    con = sqlite3.connect(path, timeout=prepared["timeout_s"], isolation_level=None)
    try:
        for pragma in prepared["pragmas"]:
            con.execute(pragma)
        con.execute("BEGIN")
        heads = [row[0] for row in con.execute("SELECT version_num FROM alembic_version")]
        if heads != [prepared["head"]]:
            return None  # the whole way upgrades it first
        members = [
            d.Member(id=row["id"], name=row["name"], colour=row["colour"])
            for row in _rows(con, prepared, "members", {})
        ]
        # the viewer as the command line chooses one (cli.common._viewer): the member named,
        # else the only member, else nobody — shared entries only
        chosen = d.member_called(members, member) if member else None
        if member and chosen is None:
            return None  # no such member: the whole way says who is here
        if not member and len(members) == 1:
            chosen = members[0]
        if chosen is not None:
            if _rows(con, prepared, "pass_hash", {"member_id": chosen.id})[0]["pass_hash"]:
                return None  # a passphrase to ask for, sealed entries to open
            args["viewer_id"] = chosen.id
        hits = _rows(con, prepared, "hits", args)[0]
        form = "many" if next(iter(hits.values())) > prepared["drive_hits"] else "few"
        rows = _rows(con, prepared, form if chosen else f"{form}_shared", args)
        con.execute("COMMIT")
    finally:
        con.close()
    return Answer([_hit(row, query) for row in rows], shared_only=chosen is None and bool(members))


def _rows(
    con: sqlite3.Connection, prepared: dict[str, Any], name: str, args: dict[str, object]
) -> list[dict[str, Any]]:
    statement = prepared["statements"][name]
    values = [args[p["arg"]] if "arg" in p else p["value"] for p in statement["params"]]
    cursor = con.execute(statement["sql"], values)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _hit(row: dict[str, Any], query: str) -> d.SearchHit:
    """A hit as storage.search makes it: occurred_at is stored as naive UTC (UTCDateTime, read by
    SQLAlchemy's SQLite DATETIME with `datetime.fromisoformat`), shown at its own offset."""
    stored = datetime.fromisoformat(row["occurred_at"]).replace(tzinfo=UTC)
    return d.SearchHit(
        uid=row["uid"],
        entry_id=row["id"],
        author=row["name"],
        snippet=snippet(row["body"], query),
        occurred_at=stored.astimezone(timezone(timedelta(minutes=row["utc_offset_min"]))),
    )


def remember(journal: Journal) -> None:
    """After a search that went the whole way: keep its statements for the next (see above)."""
    path = journal.settings.sqlite_path
    if path is None:
        return
    out = cache_path(journal.settings)
    key = cache_key()
    kept = _load(out) or {}
    databases = kept.get("databases", {}) if kept.get("key") == key else {}
    url = journal.settings.database_url
    if databases.get(url) == str(path):
        return
    from attune.storage.prepared import render

    try:
        prepared = render()
    except ValueError:  # a statement that cannot be kept as SQL: every search goes the whole way
        return
    databases = {u: p for u, p in databases.items() if u != url}
    databases = dict(list(databases.items())[-(KEPT_DATABASES - 1) :]) | {url: str(path)}
    body = {"key": key, **prepared, "databases": databases}
    try:
        private_dir(out.parent)
        write_private(out, json.dumps(body, indent=1).encode())
    except OSError:
        pass  # a read-only data folder: every search goes the whole way
