"""The command line's search, prepared: the statements `attune search` runs, rendered to SQLite's
SQL by SQLAlchemy from the storage functions — the members (storage.members), a member's
passphrase hash (storage.together_repo) and the search itself through storage.filtering, and so
through the one visibility rule (storage.visibility) — for `attune.services.quick_search`, which
runs them with the standard library's sqlite3 and answers without importing SQLAlchemy (most of
the command's time: issue 17, item 9). Nothing here is written by hand but the shape of the
search: the newest entries the filter lets through, newest first.

Each statement is rendered once with stand-in values for what a command gives (the viewer, the
words, the limit); each bound parameter is kept as the argument it stands for, or as the value
the rule itself put there (such as 'shared')."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from attune.domain import entries as d
from attune.domain.text import fts_query

from . import models as m
from .engine import BUSY_TIMEOUT_MS, SQLITE_PRAGMAS
from .filtering import DRIVE_HITS, NEWEST, hit_rows, index_count, index_hits, newest_walk
from .members import members_query
from .migrate import head_from_files
from .together_repo import pass_hash_query

VIEWER = -7_000_001  # stand-ins, each found among the rendered parameters by its value
MEMBER = -7_000_002
LIMIT = 7_000_003
WORDS = "qzxjvprepared"


def search_query(
    viewer_id: int | None, query: str, limit: int, *, many: bool
) -> Select[int, str, datetime, int, str, str]:
    """The `limit` newest entries the viewer may see that hold the words, newest first, with
    what a hit shows — the hits of `storage.search.search`, read as it reads them
    (storage.filtering): from the index's hits when they are few, else (`many`: more than
    DRIVE_HITS) by the walk down the live entries newest first that stops when the page is
    full."""
    filt = d.EntryFilter(text=query)
    match = fts_query(query)
    assert match is not None
    # the walk comes newest first as it goes (storage.search reads it the same way)
    page = (
        newest_walk(viewer_id, filt)
        if many
        else index_hits(viewer_id, filt, match).order_by(*NEWEST)
    )
    return hit_rows(m.Entry.id.in_(page.limit(limit).correlate(None)))


def render() -> dict[str, Any]:
    """The statements (SQL and parameters), the connection's pragmas and the schema's head."""
    match = fts_query(WORDS)
    assert match is not None
    roles: dict[object, str] = {VIEWER: "viewer_id", MEMBER: "member_id", LIMIT: "limit"}
    roles[match] = "match"
    statements = {
        "members": (members_query(), set()),
        "pass_hash": (pass_hash_query(MEMBER), {"member_id"}),
        "hits": (index_count(match), {"match"}),
        "few": (search_query(VIEWER, WORDS, LIMIT, many=False), {"viewer_id", "match", "limit"}),
        "many": (search_query(VIEWER, WORDS, LIMIT, many=True), {"viewer_id", "match", "limit"}),
        "few_shared": (search_query(None, WORDS, LIMIT, many=False), {"match", "limit"}),
        "many_shared": (search_query(None, WORDS, LIMIT, many=True), {"match", "limit"}),
    }
    return {
        "head": head_from_files(),
        "drive_hits": DRIVE_HITS,
        "pragmas": list(SQLITE_PRAGMAS),
        "timeout_s": BUSY_TIMEOUT_MS / 1000,
        "statements": {
            name: _rendered(stmt, roles, needs) for name, (stmt, needs) in statements.items()
        },
    }


def _rendered(stmt: ClauseElement, roles: dict[object, str], needs: set[str]) -> dict[str, Any]:
    compiled = stmt.compile(dialect=sqlite.dialect())
    assert isinstance(compiled, SQLCompiler)
    names = compiled.positiontup
    if names is None or "POSTCOMPILE" in compiled.string or compiled.literal_execute_params:
        raise ValueError("a statement whose SQL changes with its values cannot be prepared")
    params: list[dict[str, object]] = []
    for name in names:
        value = compiled.params[name]
        if isinstance(value, bool) or not isinstance(value, int | float | str | None):
            raise ValueError(f"a parameter that is not plain: {name}")
        role = roles.get(value)
        params.append({"arg": role} if role else {"value": value})
    if {p["arg"] for p in params if "arg" in p} != needs:
        raise ValueError("a stand-in is missing from the rendered statement")
    return {"sql": compiled.string, "params": params}
