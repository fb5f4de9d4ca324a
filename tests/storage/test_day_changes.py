"""Trends keeps the aggregates of older days ("history") in memory, keyed by a fingerprint that
the triggers of migration 0008 move (revision.history_revision; on PostgreSQL, 0020's per
journal). Every kind of write to an old day must change it for every viewer: after each write the
cached aggregates equal a from-scratch computation, and another member's private entry never
stays in (or enters) anyone's."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from attune import crypto, insights, security
from attune.config import load_settings
from attune.content import load_library
from attune.domain.entries import Entry, EntryDraft, Visibility
from attune.exchange.registry import ImportedEntry, ImportPreview
from attune.services import Journal, importing, together
from attune.services import search as search_service
from attune.services import trends as trends_service
from attune.services.search import RECENT_DAYS
from attune.storage import revision as revisions
from tests import viewers as test_viewers
from tests.sqlite_template import migrated
from tests.viewers import V

TODAY = date.today()
OLD = TODAY - timedelta(days=40)  # well inside "history"
PROMPTS = [p.id for p in load_library().prompts[:2]]


def _when(day: date, hour: int = 9, offset: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone(timedelta(minutes=offset)))


def _draft(day: date, **kw: Any) -> EntryDraft:
    fields: dict[str, object] = {
        "occurred_at": _when(day), "valence": 3, "energy": 3, "connection": None,
        "tags": ("walk",), "feelings": ("calm",), "body": "words",
        "visibility": Visibility.PRIVATE,
    }  # fmt: skip
    fields.update(kw)
    return EntryDraft(**fields)  # type: ignore[arg-type]


def _edit(j: Journal, e: Entry, **kw: Any) -> Entry:
    draft = EntryDraft(occurred_at=e.occurred_at, valence=e.valence, energy=e.energy,
                       connection=e.connection, tags=e.tags, feelings=e.feelings, body=e.body,
                       prompt_id=e.prompt_id, visibility=e.visibility)  # fmt: skip
    return j.update_entry(V(e.member_id), e.id, replace(draft, **kw), e.version)


def canonical(agg: insights.TrendAggregates) -> dict[str, pd.DataFrame]:
    """The aggregates with their rows in one order (row order carries no meaning)."""
    out = {}
    for name in ("daily", "grid", "times", "words", "factor_days"):
        frame: pd.DataFrame = getattr(agg, name)
        if name == "words":
            frame = frame.groupby(["valence", "energy", "feeling"], as_index=False)["count"].sum()
        out[name] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return out


def assert_fresh(j: Journal, viewers: list[int | None], start: date | None = None) -> None:
    """The (possibly cached) aggregates equal those of a new Journal, which caches nothing."""
    fresh = Journal(load_settings())
    try:
        for viewer in viewers:
            got = canonical(trends_service.trend_aggregates(j, V(viewer), start=start, end=TODAY))
            want = canonical(
                trends_service.trend_aggregates(fresh, V(viewer), start=start, end=TODAY)
            )
            for name in got:
                pd.testing.assert_frame_equal(got[name], want[name], obj=f"{name} of {viewer}")
            # tags and feeling words in use are counted the same way (history cached)
            assert search_service.tags(j, V(viewer)) == search_service.tags(fresh, V(viewer)), (
                f"tags of {viewer}"
            )
            assert search_service.feelings(j, V(viewer)) == search_service.feelings(
                fresh, V(viewer)
            ), f"feelings of {viewer}"
    finally:
        fresh.close()


pytestmark = pytest.mark.both_backends


@pytest.fixture
def env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[int, bytes]:
    """The database of `db_url` (SQLite or PostgreSQL as the app's role), quick passphrases."""
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    return test_viewers.unlocked(monkeypatch)


def _journal() -> tuple[Journal, list[int]]:
    j = Journal(load_settings())
    people = [j.add_member(n).id for n in ("Ana", "Ben")]
    for k in range(12):  # history and recent days for both
        for who in people:
            j.add_entry(V(who), _draft(TODAY - timedelta(days=3 * k), valence=1 + k % 5,
                                    tags=("walk", "work")[: 1 + k % 2],
                                    visibility=Visibility.SHARED if k % 3 else Visibility.PRIVATE,
                                    prompt_id=PROMPTS[k % 2] if k % 4 == 0 else None))  # fmt: skip
    return j, people


def _import(j: Journal, member: int, days: list[date], tag: str = "imported") -> int | None:
    entries = tuple(
        ImportedEntry(key=f"k{i}", uid=f"00000000-0000-4000-8000-{i:012d}",
                      draft=_draft(day, valence=5, tags=(tag,), feelings=("proud",)))
        for i, day in enumerate(days)
    )  # fmt: skip
    preview = ImportPreview(format="attune-json", entries=entries, skipped=(), mood_names=(),
                            file_sha256="0" * 64, first=min(days), last=max(days))  # fmt: skip
    return importing.run_import(j, V(member), preview).batch_id


# Each write touches an old day (OLD, well before the recent days) of the given member's.
Write = Callable[[Journal, list[int], Entry], object]
WRITES: dict[str, Write] = {
    "new entry on an old day": lambda j, p, e: j.add_entry(V(p[1]), _draft(OLD, valence=5)),
    "new shared entry of another member": lambda j, p, e: j.add_entry(
        V(p[1]), _draft(OLD, valence=1, visibility=Visibility.SHARED)
    ),
    "edit the scores": lambda j, p, e: _edit(j, e, valence=1, energy=5, connection=2),
    "edit the tags": lambda j, p, e: _edit(j, e, tags=("sleep", "walk")),
    "remove the tags": lambda j, p, e: _edit(j, e, tags=()),
    "edit the feelings": lambda j, p, e: _edit(j, e, feelings=("tired", "glad")),
    "edit the prompt": lambda j, p, e: _edit(j, e, prompt_id=PROMPTS[1]),
    "edit the time of day": lambda j, p, e: _edit(j, e, occurred_at=_when(OLD, 22)),
    "back-date to another old day": lambda j, p, e: _edit(
        j, e, occurred_at=_when(OLD - timedelta(days=5))
    ),
    "move from an old day to today": lambda j, p, e: _edit(j, e, occurred_at=_when(TODAY)),
    "move from today to an old day": lambda j, p, e: _edit(
        j, j.add_entry(V(e.member_id), _draft(TODAY)), occurred_at=_when(OLD)
    ),
    "make private": lambda j, p, e: _edit(j, e, visibility=Visibility.PRIVATE),
    "share": lambda j, p, e: _edit(
        j, _edit(j, e, visibility=Visibility.PRIVATE), visibility=Visibility.SHARED
    ),
    "trash": lambda j, p, e: j.trash_entry(V(e.member_id), e.id),
    "trash and restore": lambda j, p, e: (
        j.trash_entry(V(e.member_id), e.id),
        j.add_entry(V(e.member_id), _draft(TODAY)),  # a write in between: the cache is used
        j.restore_entry(V(e.member_id), e.id),
    ),
    "trash and empty the trash": lambda j, p, e: (
        j.trash_entry(V(e.member_id), e.id),
        j.empty_trash(V(e.member_id)),
    ),
    "import": lambda j, p, e: _import(j, e.member_id, [OLD, OLD - timedelta(days=9)]),
    "import and undo": lambda j, p, e: importing.undo_import(
        j, V(e.member_id), _import(j, e.member_id, [OLD]) or 0
    ),
    "rename a member": lambda j, p, e: j.rename_member(e.member_id, "Renamed"),
    "add a member": lambda j, p, e: j.add_member("Cy"),
    "rename a tag": lambda j, p, e: _sql(j, "UPDATE tags SET name = 'Walking' WHERE name = 'walk'"),
    "set a passphrase (seals private entries)": lambda j, p, e: together.set_passphrase(
        j, e.member_id, "river stones"
    ),
}


def _sql(j: Journal, statement: str) -> None:
    with j.sessions.writing() as s:
        s.execute(text(statement))
        revisions.bump_revision(s)


def _old_entry(j: Journal, member: int, shared: bool) -> Entry:
    vis = Visibility.SHARED if shared else Visibility.PRIVATE
    return j.add_entry(V(member), _draft(OLD, valence=2, energy=4, tags=("walk",),
                                      feelings=("tender",), visibility=vis))  # fmt: skip


@pytest.mark.sqlite_only  # PostgreSQL: every write in turn in one database (the next test)
@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("shared", [True, False], ids=["shared", "private"])
def test_every_write_to_an_old_day_refreshes_the_cached_history(
    env: dict[int, bytes], write: str, shared: bool
) -> None:
    j, people = _journal()
    try:
        _write_refreshes(j, people, write, shared)
    finally:
        j.close()


def _write_refreshes(j: Journal, people: list[int], write: str, shared: bool) -> None:
    target = _old_entry(j, people[0], shared)
    viewers: list[int | None] = [*people, None]
    for viewer in viewers:  # cache every viewer's history, then write
        trends_service.trend_aggregates(j, V(viewer), end=TODAY)
        trends_service.trend_aggregates(j, V(viewer), start=TODAY - timedelta(days=89), end=TODAY)
        search_service.tags(j, V(viewer)), search_service.feelings(j, V(viewer))
    before = {v: repo_fingerprint(j) for v in viewers}
    WRITES[write](j, people, target)
    if write != "add a member":  # the one write that changes no day at all
        assert repo_fingerprint(j) != before[None], write
    assert_fresh(j, viewers)
    assert_fresh(j, viewers, start=TODAY - timedelta(days=89))


def test_every_write_in_turn_refreshes_the_cached_history_on_postgresql(
    env: dict[int, bytes], backend: str
) -> None:
    """The same writes as the test above, on PostgreSQL, one after another in one journal (a
    database per case costs ~0.5 s each): shared and private targets in turn."""
    if backend != "postgresql":
        pytest.skip("SQLite runs one test per write")
    j, people = _journal()
    try:
        # "import and undo" before "import": the second import of the same uids adds nothing
        order = sorted(WRITES, key=lambda w: (w.startswith("set a passphrase"), w == "import"))
        for i, write in enumerate(order[:-1]):  # the passphrase last: it seals the words
            _write_refreshes(j, people, write, shared=i % 2 == 0)
        _write_refreshes(j, people, order[-1], shared=False)
    finally:
        j.close()


def repo_fingerprint(j: Journal) -> int:
    with j.sessions.reading() as s:
        return revisions.history_revision(s, TODAY - timedelta(days=RECENT_DAYS))


def test_a_write_to_recent_days_keeps_the_history_fingerprint(env: dict[int, bytes]) -> None:
    j, people = _journal()
    try:
        before = repo_fingerprint(j)
        made = j.add_entry(V(people[0]), _draft(TODAY, tags=("new",)))
        _edit(j, made, valence=5, feelings=("glad",))
        j.trash_entry(V(people[0]), made.id)
        assert repo_fingerprint(j) == before
        assert_fresh(j, [*people, None])
    finally:
        j.close()


def test_a_private_entry_never_stays_in_another_members_cached_history(
    env: dict[int, bytes],
) -> None:
    j, (ana, ben) = _journal()
    try:
        secret = j.add_entry(V(ben), _draft(OLD, valence=1, energy=1, tags=("zanzibar",),
                                          visibility=Visibility.SHARED))  # fmt: skip
        seen = trends_service.trend_aggregates(j, V(ana), end=TODAY).daily
        assert ((seen["member_id"] == ben) & (seen["day"] == pd.Timestamp(OLD))).any()
        _edit(j, secret, visibility=Visibility.PRIVATE)
        after = trends_service.trend_aggregates(j, V(ana), end=TODAY).daily
        assert not ((after["member_id"] == ben) & (after["day"] == pd.Timestamp(OLD))).any()
        assert (
            trends_service.trend_aggregates(j, V(ben), end=TODAY).daily["day"] == pd.Timestamp(OLD)
        ).any()
    finally:
        j.close()


def test_sealed_words_follow_the_unlock_not_the_cache(env: dict[int, bytes]) -> None:
    j, (ana, _) = _journal()
    try:
        _old_entry(j, ana, shared=False)
        key = together.set_passphrase(j, ana, "river stones")
        assert key is not None
        locked = trends_service.trend_aggregates(j, V(ana), end=TODAY)
        assert "tender" not in set(locked.words["feeling"])
        env[ana] = key  # unlocked: same revision, same cached history, the words appear
        unlocked = trends_service.trend_aggregates(j, V(ana), end=TODAY)
        assert "tender" in set(unlocked.words["feeling"])
        assert_fresh(j, [ana])
        together.set_passphrase(j, ana, None, current="river stones")  # unseal
        env.clear()
        assert "tender" in set(
            trends_service.trend_aggregates(j, V(ana), end=TODAY).words["feeling"]
        )
        assert_fresh(j, [ana, None])
    finally:
        j.close()


def test_the_migration_makes_every_trigger_the_fingerprint_needs(
    env: dict[int, bytes], backend: str
) -> None:
    j, _ = _journal()
    try:
        with j.sessions.reading() as s:
            if backend == "sqlite":
                names = s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                       "AND name LIKE 'day_changes_%'")).all()  # fmt: skip
                assert sorted(names) == sorted(revisions.DAY_CHANGE_TRIGGERS)
            else:
                names = s.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                                       "AND tgname LIKE 'journal_days_%'")).all()  # fmt: skip
                assert sorted(names) == sorted(revisions.PG_DAY_TRIGGERS)
        assert repo_fingerprint(j) >= 0
    finally:
        j.close()


@pytest.mark.sqlite_only  # the app's role may not drop PostgreSQL's triggers
@pytest.mark.parametrize("dropped", ["day_changes_entries_au", "all"])
def test_without_the_triggers_every_write_changes_the_fingerprint(
    env: dict[int, bytes], dropped: str
) -> None:
    j, people = _journal()
    try:
        with j.sessions.writing() as s:
            for name in revisions.DAY_CHANGE_TRIGGERS if dropped == "all" else (dropped,):
                s.execute(text(f"DROP TRIGGER {name}"))
        before = repo_fingerprint(j)
        j.add_entry(V(people[0]), _draft(TODAY))
        assert repo_fingerprint(j) != before < 0
        assert_fresh(j, [*people, None])
    finally:
        j.close()


entry_st = st.fixed_dictionaries(
    {
        "member": st.integers(0, 1),
        "days_ago": st.integers(0, 12),
        "valence": st.integers(1, 5),
        "tags": st.lists(st.sampled_from(["walk", "work", "sleep"]), max_size=2, unique=True),
        "feelings": st.lists(st.sampled_from(["calm", "glad"]), max_size=2, unique=True),
        "shared": st.booleans(),
    }
)
op_st = st.tuples(st.sampled_from(["add", "edit", "move", "visibility", "trash", "restore"]),
                  entry_st, st.integers(0, 10**6))  # fmt: skip


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(entry_st, min_size=1, max_size=20), ops=st.lists(op_st, max_size=8))
def test_random_writes_keep_cached_history_equal_to_a_recomputation(
    entries: list[dict], ops: list[tuple[str, dict, int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATTUNE_DATABASE_URL", migrated(Path(tmp) / "attune.db"))
        mp.setenv("ATTUNE_DATA_DIR", tmp)
        j = Journal(load_settings())
        try:
            people = [j.add_member(n).id for n in ("Ana", "Ben")]

            def draft(e: dict) -> EntryDraft:
                return _draft(TODAY - timedelta(days=e["days_ago"]), valence=e["valence"],
                              tags=tuple(e["tags"]), feelings=tuple(e["feelings"]),
                              visibility=Visibility.SHARED if e["shared"] else Visibility.PRIVATE)  # fmt: skip

            made = [j.add_entry(V(people[e["member"]]), draft(e)) for e in entries]
            viewers: list[int | None] = [*people, None]
            for kind, e, pick in ops:
                for viewer in viewers:
                    trends_service.trend_aggregates(j, V(viewer), end=TODAY)
                    search_service.tags(j, V(viewer)), search_service.feelings(j, V(viewer))
                target = j.get_entry(V(made[pick % len(made)].member_id), made[pick % len(made)].id)
                if kind == "add":
                    made.append(j.add_entry(V(people[e["member"]]), draft(e)))
                elif kind == "edit":
                    _edit(j, target, valence=e["valence"], tags=tuple(e["tags"]),
                          feelings=tuple(e["feelings"]))  # fmt: skip
                elif kind == "move":
                    _edit(j, target, occurred_at=_when(TODAY - timedelta(days=e["days_ago"])))
                elif kind == "visibility":
                    vis = Visibility.SHARED if e["shared"] else Visibility.PRIVATE
                    if vis != target.visibility:
                        _edit(j, target, visibility=vis)
                elif kind == "trash" and target.deleted_at is None:
                    j.trash_entry(V(target.member_id), target.id)
                elif kind == "restore" and target.deleted_at is not None:
                    j.restore_entry(V(target.member_id), target.id)
                assert_fresh(j, viewers)
        finally:
            j.close()
