"""Journals are walled off from each other, and members' private rows from each other, on a real
PostgreSQL server — member × journal × every read, with leaks 0:

- **the app's own rule** (the journal criterion of every ORM statement + `visible_to`), with the
  database's row-level security out of the way (the app connected as the superuser);
- **row-level security alone** (the app's role; the journal criterion taken off the sessions
  and `visible_to` made to let every row through): only migration 0015's policies stand.

And a pooled connection whose settings are unset or empty sees nothing rather than failing.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text, true

from attune.config import load_settings
from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.domain.exports import Scope
from attune.domain.viewer import NOBODY, Viewer
from attune.services import Journal, sharing, together
from attune.services import search as search_service
from attune.services import trends as trends_service
from attune.storage import journals as journal_store
from attune.storage import visibility

JOURNALS = (1, 2)
NAMES = ("Ana", "Ben")  # the same names in both journals: names are unique per journal only
_names = itertools.count(1)


def _marker(journal: int, name: str, vis: Visibility) -> str:
    return f"okapi{journal}{name.lower()}{vis.value}"


@pytest.fixture
def database(pg_cluster: Any) -> Iterator[dict[str, str]]:
    """A migrated database with two journals, as the owner made them."""
    name = f"tenancy_{next(_names)}"
    admin = pg_cluster.create_database(name, template="attune_template")
    engine = create_engine(admin)
    with engine.begin() as conn:
        assert journal_store.add_journal(conn, "Second household") == 2
    engine.dispose()
    yield {"admin": admin, "app": pg_cluster.url(name, user=pg_cluster.APP)}
    pg_cluster.drop_database(name)


def _open(url: str, admin: str, journal_id: int, monkeypatch: pytest.MonkeyPatch) -> Journal:
    monkeypatch.setenv("ATTUNE_DATABASE_URL", url)
    monkeypatch.setenv("ATTUNE_ADMIN_DATABASE_URL", admin)
    monkeypatch.setenv("ATTUNE_JOURNAL_ID", str(journal_id))
    return Journal(load_settings())


def _fill(journal: Journal) -> dict[str, int]:
    """Ana and Ben, each with a private and a shared entry, a weekly check-in (shared or not)
    and a conversation both answered: every kind of row that can be read."""
    j = journal.journal_id
    members = {name: journal.add_member(name).id for name in NAMES}
    for name, member in members.items():
        for day, vis in enumerate(Visibility):
            journal.add_entry(
                Viewer(member),
                EntryDraft(
                    occurred_at=datetime(2026, 2, 2 + day, 9, tzinfo=UTC),
                    valence=4,
                    energy=3,
                    connection=4,
                    feelings=("calm",),
                    tags=(f"tag{_marker(j, name, vis)}",),
                    body=f"the {_marker(j, name, vis)} words",
                    visibility=vis,
                ),
            )
        for shared in (True, False):
            vis = Visibility.SHARED if shared else Visibility.PRIVATE
            together.weekly_checkin(
                journal,
                Viewer(member),
                csi4=[3, 3, 3, 3],
                who5=[3] * 5,
                appreciation=f"note{_marker(j, name, vis)}",
                talk_about="",
                shared=shared,
            )
    ana, ben = (Viewer(members[n]) for n in NAMES)
    asked = together.open_conversation(journal, ana, f"ask{j}okapi")
    together.answer(journal, ana, asked, f"answer{j}okapiana")
    together.answer(journal, ben, asked, f"answer{j}okapiben")
    return members


def _everything(journal: Journal, viewer: Viewer) -> str:
    """All a viewer can read, through every read the app has, as one text."""
    blobs = [
        repr(journal.list_entries(viewer, page_size=200)),
        repr(journal.list_entries(viewer, EntryFilter(text="okapi"), page_size=200)),
        repr(journal.list_entries(viewer, EntryFilter(text="words"), page_size=200)),
        repr(search_service.search(journal, viewer, "words", limit=200)),
        repr(search_service.search(journal, viewer, "oka")),  # the last word as a prefix
        repr(search_service.tags(journal, viewer)),
        repr(search_service.feelings(journal, viewer)),
        repr(journal.stats(viewer)),
        repr(journal.members()),
        trends_service.entries_frame(journal, viewer).to_json(date_format="iso"),
        _aggregates(journal, viewer),
        repr(together.shared_timeline(journal, viewer)),
        together.assessments(journal, viewer).to_json(date_format="iso"),
        repr(together.appreciations(journal, viewer)),
        repr(together.conversations(journal, viewer)) if viewer.member_id else "",
    ]
    data = sharing.gather(journal, viewer, scope=Scope.ALL)
    for fmt in ("json", "csv", "md"):
        blobs.append(sharing.render(data, fmt).content.decode("utf-8-sig").replace("\\-", "-"))
    return "\n".join(blobs)


def _aggregates(journal: Journal, viewer: Viewer) -> str:
    """The Trends page's aggregates, every field (frames as JSON, the rest as they print)."""
    found = trends_service.trend_aggregates(journal, viewer)
    parts = []
    for field in dataclasses.fields(found):
        value = getattr(found, field.name)
        parts.append(value.to_json(date_format="iso") if hasattr(value, "to_json") else repr(value))
    return "\n".join(parts)


def _allowed(journal_id: int, viewer_name: str | None) -> set[str]:
    """The markers the rule lets this viewer read: their own journal's shared rows, their own
    private ones, and their journal's conversation."""
    allowed = {
        f"ask{journal_id}okapi",
        f"answer{journal_id}okapiana",
        f"answer{journal_id}okapiben",
    }
    if viewer_name is None:
        allowed -= {f"answer{journal_id}okapiana", f"answer{journal_id}okapiben"}
        allowed.discard(f"ask{journal_id}okapi")
    for name in NAMES:
        allowed.add(_marker(journal_id, name, Visibility.SHARED))
        if name == viewer_name:
            allowed.add(_marker(journal_id, name, Visibility.PRIVATE))
    return allowed


ALL_MARKERS = {
    *(f"ask{j}okapi" for j in JOURNALS),
    *(f"answer{j}okapi{n.lower()}" for j in JOURNALS for n in NAMES),
    *(_marker(j, n, v) for j in JOURNALS for n in NAMES for v in Visibility),
}


def _leaks(seen: str, allowed: set[str]) -> set[str]:
    return {m for m in ALL_MARKERS - allowed if m in seen}


def _matrix(journals: dict[int, Journal], members: dict[int, dict[str, int]]) -> dict[str, set]:
    found: dict[str, set[str]] = {}
    for j, journal in journals.items():
        for name in (*NAMES, None):
            viewer = NOBODY if name is None else Viewer(members[j][name])
            seen = _everything(journal, viewer)
            allowed = _allowed(j, name)
            found[f"journal {j} / {name or 'nobody'}"] = _leaks(seen, allowed)
            # what is allowed is really there (the matrix would pass on an empty page too)
            own_shared = _marker(j, NAMES[0], Visibility.SHARED)
            assert own_shared in seen, (j, name, "own journal's shared entry missing")
            if name is not None:
                assert _marker(j, name, Visibility.PRIVATE) in seen, (j, name, "own private")
    return found


def _without_the_apps_rule(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the app's own rule away: no journal criterion on the sessions, and `visible_to`
    letting every row through wherever it is used. Only row-level security is left."""
    for maker in (journal.sessions._read, journal.sessions._write):
        event.remove(maker, "do_orm_execute", visibility._only_this_journal)
    import attune.storage.aggregates
    import attune.storage.entries
    import attune.storage.filtering
    import attune.storage.frames
    import attune.storage.search
    import attune.storage.together_repo

    for module in (
        visibility,
        attune.storage.aggregates,
        attune.storage.entries,
        attune.storage.filtering,
        attune.storage.frames,
        attune.storage.search,
        attune.storage.together_repo,
    ):
        if hasattr(module, "visible_to"):
            monkeypatch.setattr(module, "visible_to", lambda *_a, **_k: true())


def test_the_apps_rule_alone_keeps_journals_and_members_apart(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    # The superuser: row-level security does not apply to it, so only the app's rule stands.
    journals = {j: _open(database["admin"], database["admin"], j, monkeypatch) for j in JOURNALS}
    try:
        members = {j: _fill(journal) for j, journal in journals.items()}
        leaks = _matrix(journals, members)
    finally:
        for journal in journals.values():
            journal.close()
    assert leaks == {key: set() for key in leaks}


def test_row_level_security_alone_keeps_journals_and_members_apart(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    journals = {j: _open(database["app"], database["admin"], j, monkeypatch) for j in JOURNALS}
    try:
        members = {j: _fill(journal) for j, journal in journals.items()}
        for journal in journals.values():
            _without_the_apps_rule(journal, monkeypatch)
        leaks = _matrix(journals, members)
    finally:
        for journal in journals.values():
            journal.close()
    assert leaks == {key: set() for key in leaks}
    assert len(leaks) == len(JOURNALS) * (len(NAMES) + 1)


def test_the_bypassed_rule_really_is_bypassed(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """The RLS-alone test means something only if taking the app's rule away opens the rows
    when RLS is not there: as the superuser, without the rule, the other journal shows."""
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    journals = {j: _open(database["admin"], database["admin"], j, monkeypatch) for j in JOURNALS}
    try:
        members = {j: _fill(journal) for j, journal in journals.items()}
        _without_the_apps_rule(journals[1], monkeypatch)
        seen = _everything(journals[1], Viewer(members[1]["Ana"]))
    finally:
        for journal in journals.values():
            journal.close()
    assert _marker(2, "Ben", Visibility.PRIVATE) in seen
    assert _marker(1, "Ben", Visibility.PRIVATE) in seen


def test_writes_cannot_cross_into_another_journal_or_member(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """Row-level security refuses a row written for another journal or in another member's
    name, whatever the statement says."""
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    journal = _open(database["app"], database["admin"], 1, monkeypatch)
    try:
        ana = journal.add_member("Ana").id
        ben = journal.add_member("Ben").id
        from sqlalchemy.exc import ProgrammingError

        with (
            pytest.raises(ProgrammingError, match="row-level security"),
            journal.sessions.writing(Viewer(ana)) as s,
        ):
            s.execute(
                text(
                    "INSERT INTO members (name, name_key, colour, created_at, journal_id) VALUES ('X', 'x', '#000', now(), 2)"
                )
            )
        with (
            pytest.raises(ProgrammingError, match="row-level security"),
            journal.sessions.writing(Viewer(ana)) as s,
        ):
            s.execute(
                text(
                    "INSERT INTO drafts (member_id, slot, body, updated_at) "
                    "VALUES (:ben, 'x', 'y', now())"
                ),
                {"ben": ben},
            )
    finally:
        journal.close()


def test_a_pooled_connection_with_no_settings_sees_nothing(database: dict[str, str]) -> None:
    """After a transaction that set the journal and member, the same pooled connection reads
    with the settings unset (SET LOCAL ended with the transaction) or empty: no rows, no error
    (`nullif(…, '')` keeps an empty setting from being cast)."""
    admin = create_engine(database["admin"])
    with admin.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO members (name, name_key, colour, created_at, journal_id) "
                "VALUES ('Ana', 'ana', '#000', now(), 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO entries (uid, member_id, occurred_at, utc_offset_min, local_date, "
                "valence, energy, body, visibility, share_with_therapist, created_at, "
                "updated_at, version, journal_id) SELECT 'u1', id, now(), 0, '2026-01-01', 3, "
                "3, 'x', 'shared', false, now(), now(), 1, 1 FROM members"
            )
        )
    admin.dispose()
    engine = create_engine(database["app"], pool_size=1, max_overflow=0)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT set_config('attune.journal_id', '1', true)"))
            assert conn.execute(text("SELECT count(*) FROM entries")).scalar_one() == 1
        with engine.begin() as conn:  # the same connection, back from the pool
            settings = conn.execute(
                text("SELECT current_setting('attune.journal_id', true)")
            ).scalar_one()
            assert settings in ("", None)
            assert conn.execute(text("SELECT count(*) FROM entries")).scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM members")).scalar_one() == 0
        with engine.begin() as conn:  # set to empty for the session: still nothing, no error
            conn.execute(text("SELECT set_config('attune.journal_id', '', false)"))
            conn.execute(text("SELECT set_config('attune.member_id', '', false)"))
            assert conn.execute(text("SELECT count(*) FROM entries")).scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM journals")).scalar_one() == 0
    finally:
        engine.dispose()


def test_the_app_role_owns_nothing_and_every_user_table_is_forced(
    database: dict[str, str],
) -> None:
    admin = create_engine(database["admin"])
    try:
        with admin.connect() as conn:
            owned = conn.execute(
                text(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                    "AND tableowner IN ('attune_app', 'attune_web')"
                )
            ).scalar_one()
            unforced = conn.execute(
                text(
                    "SELECT array_agg(relname::text) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = 'public' AND c.relkind = 'r' "
                    "AND relname <> 'alembic_version' "
                    "AND NOT (relrowsecurity AND relforcerowsecurity)"
                )
            ).scalar_one()
            bypass = conn.execute(
                text("SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = 'attune_web'")
            ).scalar_one()
    finally:
        admin.dispose()
    assert owned == 0
    assert unforced is None, unforced
    assert bypass is False


def test_names_are_unique_per_journal_only(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    journals = [_open(database["app"], database["admin"], j, monkeypatch) for j in JOURNALS]
    try:
        for journal in journals:
            journal.add_member("Ana")
        assert [[m.name for m in j.members()] for j in journals] == [["Ana"], ["Ana"]]
        assert json.dumps([j.revision() for j in journals])
    finally:
        for journal in journals:
            journal.close()


def test_anything_but_sample_data_is_counted_across_members_within_the_journal_only(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """`holds_real_data` needs every member's rows (a count, never a row): under row-level
    security it asks the database's SECURITY DEFINER function, which counts the transaction's
    journal alone."""
    from attune.services import sample

    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    journals = {j: _open(database["app"], database["admin"], j, monkeypatch) for j in JOURNALS}
    try:
        assert not sample.holds_real_data(journals[1])
        ana = journals[1].add_member("Ana")
        journals[1].add_entry(
            Viewer(ana.id),
            EntryDraft(
                occurred_at=datetime(2026, 2, 2, 9, tzinfo=UTC), valence=3, energy=3, body="x"
            ),
        )
        assert sample.holds_real_data(journals[1])  # Ana's private entry, asked by nobody
        assert not sample.holds_real_data(journals[2])
    finally:
        for journal in journals.values():
            journal.close()


def test_one_export_imports_into_two_journals(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """An export keeps its entries' uids; imported into a second journal of the same database
    it is a new set of entries there (uids are unique per journal), and importing it again
    into either adds nothing."""
    from attune.services import importing

    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    journals = {j: _open(database["app"], database["admin"], j, monkeypatch) for j in JOURNALS}
    try:
        ana = journals[1].add_member("Ana")
        for day in range(3):
            journals[1].add_entry(
                Viewer(ana.id),
                EntryDraft(
                    occurred_at=datetime(2026, 2, 2 + day, 9, tzinfo=UTC),
                    valence=3,
                    energy=3,
                    body=f"okapi day {day}",
                ),
            )
        data = sharing.gather(journals[1], Viewer(ana.id), scope=Scope.ALL)
        export = tmp_path / "ana.json"
        export.write_bytes(sharing.render(data, "json").content)
        ada = journals[2].add_member("Ada")
        for journal, member in (
            (journals[2], ada.id),
            (journals[2], ada.id),
            (journals[1], ana.id),
        ):
            preview = importing.preview_import(export.read_bytes(), export.name)
            importing.run_import(journal, Viewer(member), preview)
        assert journals[2].stats(Viewer(ada.id)).entries == 3
        assert journals[1].stats(Viewer(ana.id)).entries == 3
    finally:
        for journal in journals.values():
            journal.close()


def test_text_hits_are_exactly_the_entries_the_member_may_read(
    database: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """Migration 0020's `attune_text_hits` reads past row-level security (its owner's policy is
    `true`, so the GIN index can answer `@@`); it must apply the rule itself: for every journal
    and viewer, its hits for a word in every entry are exactly the entries row-level security
    lets that viewer read, whatever the journal or the other member holds."""
    from attune.domain.text import ts_query
    from attune.storage.fulltext_pg import text_hits

    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    journals = {j: _open(database["app"], database["admin"], j, monkeypatch) for j in JOURNALS}
    try:
        members = {j: _fill(journal) for j, journal in journals.items()}
        query = ts_query("words")
        assert query is not None
        for j, journal in journals.items():
            for name in (*NAMES, None):
                viewer = NOBODY if name is None else Viewer(members[j][name])
                with journal.sessions.reading(viewer) as s:
                    hits = set(s.scalars(text_hits(query, 1000)).all())
                    readable = set(s.scalars(text("SELECT id FROM entries")).all())  # RLS only
                    trashed = set(s.scalars(text_hits(query, 1000, trashed=True)).all())
                assert hits == readable and len(hits) == (2 if name is None else 3), (j, name)
                assert trashed == set()
    finally:
        for journal in journals.values():
            journal.close()
