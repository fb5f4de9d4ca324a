"""A tag or feeling link is checked against its entry, not also against its journal (migration
0024): the row-level check already makes a link's journal its entry's, and the entries' foreign
key holds that journal, so the journal's own foreign-key check on every link row (393,677 for a
100,000-entry import, a third of the link tables' insert time) held nothing more.

What still holds, as the app's role: a member links only their own entry of their own journal —
not another journal's entry, not a link written into another journal or one that does not exist,
not another member's entry (shared or private). PostgreSQL only: row-level security and the
journal foreign keys are PostgreSQL's."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from attune.storage import journals as journal_store

_names = itertools.count(1)

ENTRY = (
    "INSERT INTO entries (uid, member_id, occurred_at, utc_offset_min, local_date, valence, "
    "energy, body, visibility, share_with_therapist, created_at, updated_at, version, "
    "journal_id) VALUES (gen_random_uuid()::text, :m, now(), 0, '2025-01-01', 3, 3, 'a day', "
    ":v, false, now(), now(), 1, :j) RETURNING id"
)


@pytest.fixture
def database(pg_cluster: Any) -> Iterator[dict[str, str]]:
    name = f"link_journal_{next(_names)}"
    admin = pg_cluster.create_database(name, template="attune_template")
    yield {"admin": admin, "app": pg_cluster.url(name, user=pg_cluster.APP)}
    pg_cluster.drop_database(name)


def _foreign_keys(admin: str, table: str) -> set[str]:
    owner = create_engine(admin)
    try:
        with owner.connect() as conn:
            return set(
                conn.scalars(
                    text(
                        "SELECT confrelid::regclass::text FROM pg_constraint "
                        "WHERE conrelid = CAST(:t AS regclass) AND contype = 'f'"
                    ),
                    {"t": table},
                )
            )
    finally:
        owner.dispose()


def test_a_link_row_is_checked_against_its_entry_and_tag_only(database: dict[str, str]) -> None:
    assert _foreign_keys(database["admin"], "entry_tags") == {"entries", "tags"}
    assert _foreign_keys(database["admin"], "entry_feelings") == {"entries"}
    # the entries keep theirs: the transaction's journal setting may name none that exists
    assert "journals" in _foreign_keys(database["admin"], "entries")


@pytest.fixture
def two_journals(database: dict[str, str]) -> dict[str, int]:
    """Journal 1: Sam (a private and a shared entry) and Alex (a shared one); journal 2: Kim."""
    owner = create_engine(database["admin"])
    ids: dict[str, int] = {}
    try:
        with owner.begin() as conn:
            assert journal_store.add_journal(conn, "Second household") == 2
            for name, journal in (("Sam", 1), ("Alex", 1), ("Kim", 2)):
                ids[name] = conn.scalar(
                    text(
                        "INSERT INTO members (name, name_key, colour, created_at, journal_id) "
                        "VALUES (:n, :k, '#123456', now(), :j) RETURNING id"
                    ),
                    {"n": name, "k": name.lower(), "j": journal},
                )
            for key, member, visibility, journal in (
                ("sam_private", "Sam", "private", 1),
                ("sam_shared", "Sam", "shared", 1),
                ("alex_shared", "Alex", "shared", 1),
                ("kim_shared", "Kim", "shared", 2),
            ):
                ids[key] = conn.scalar(
                    text(ENTRY), {"m": ids[member], "v": visibility, "j": journal}
                )
            for journal in (1, 2):
                ids[f"tag{journal}"] = conn.scalar(
                    text(
                        "INSERT INTO tags (name, name_key, journal_id) "
                        "VALUES ('walk', 'walk', :j) RETURNING id"
                    ),
                    {"j": journal},
                )
    finally:
        owner.dispose()
    return ids


def _link(app: str, member: int, sql: str, params: dict[str, Any]) -> bool:
    """Whether the app's role, as `member` of journal 1, may write this link."""
    engine = create_engine(app)
    try:
        with engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT set_config('attune.journal_id', '1', true), "
                    "set_config('attune.member_id', :m, true)"
                ),
                {"m": str(member)},
            )
            try:
                conn.execute(text(sql), params)
            except DBAPIError:
                return False
            finally:
                conn.rollback()
            return True
    finally:
        engine.dispose()


TAG = "INSERT INTO entry_tags (entry_id, tag_id, position{col}) VALUES (:e, :t, 0{val})"
FEELING = "INSERT INTO entry_feelings (entry_id, word, position{col}) VALUES (:e, 'calm', 0{val})"


@pytest.mark.parametrize("table", [TAG, FEELING])
def test_a_member_links_only_their_own_entry_of_their_journal(
    database: dict[str, str], two_journals: dict[str, int], table: str
) -> None:
    ids, sam = two_journals, two_journals["Sam"]

    def may(entry: str, journal: int | None = None) -> bool:
        sql = table.format(
            col="" if journal is None else ", journal_id", val="" if journal is None else ", :j"
        )
        params = {"e": ids[entry], "t": ids["tag1"], "j": journal}
        return _link(database["app"], sam, sql, params)

    assert may("sam_private") and may("sam_shared") and may("sam_private", journal=1)
    assert not may("alex_shared")  # another member's entry, though Sam may read it
    assert not may("kim_shared")  # another journal's entry
    assert not may("sam_private", journal=2)  # written into another journal
    assert not may("sam_private", journal=99)  # into a journal that does not exist


def test_a_tag_that_does_not_exist_is_refused(
    database: dict[str, str], two_journals: dict[str, int]
) -> None:
    """The tag's own foreign-key check is kept."""
    ids = two_journals
    sql = TAG.format(col="", val="")
    assert _link(database["app"], ids["Sam"], sql, {"e": ids["sam_private"], "t": ids["tag1"]})
    assert not _link(database["app"], ids["Sam"], sql, {"e": ids["sam_private"], "t": 10**9})
