"""A text search reads the full-text index two ways (few hits: look each up; many: walk the
visible entries newest first, count only up to a cap). Both must give exactly what a plain
reading of the visibility rule gives, page by page, with sealed entries mixed in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune import crypto, security
from attune.config import load_settings
from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.domain.text import HIT_END, HIT_START
from attune.services import Journal, together
from attune.services import search as search_service
from attune.storage import search as search_store
from tests import viewers as test_viewers
from tests.sqlite_template import migrated
from tests.viewers import V

pytestmark = pytest.mark.both_backends

TZ = timezone(timedelta(hours=-5))
WORDS = ("river", "rain", "quiet", "argued")
START = datetime(2025, 1, 1, 8, 0, tzinfo=TZ)

entry_spec = st.tuples(
    st.integers(0, 2),  # author
    st.sampled_from(list(Visibility)),
    st.integers(0, 400),  # hours after START (ties happen)
    st.lists(st.sampled_from(WORDS), max_size=3),
    st.booleans(),  # trashed
    st.sampled_from(["walk", "work"]),  # tag
)


@pytest.fixture(scope="module")
def journal_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Journal]]:
    made: list[Journal] = []
    yield made
    for j in made:
        j.close()


def fresh(tmp_path_factory: pytest.TempPathFactory, made: list[Journal]) -> Journal:
    path = tmp_path_factory.mktemp("search") / "attune.db"
    url = migrated(path)
    j = Journal(load_settings({"ATTUNE_DATABASE_URL": url, "ATTUNE_DATA_DIR": str(path.parent)}))
    made.append(j)
    return j


def expected(rows: list[dict], viewer: int | None, filt: EntryFilter) -> list[int]:
    word = filt.text.strip()
    keep = [r for r in rows
            if (r["member"] == viewer or r["visibility"] is Visibility.SHARED)
            and not r["trashed"] and word in r["words"]
            and (not filt.tags or r["tag"] in filt.tags)]  # fmt: skip
    keep.sort(key=lambda r: (r["when"], r["id"]), reverse=True)
    return [r["id"] for r in keep]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(specs=st.lists(entry_spec, min_size=1, max_size=40), drive=st.integers(0, 12),
       cap=st.integers(1, 8), page_size=st.integers(1, 6), tagged=st.booleans())  # fmt: skip
def test_both_ways_page_exactly_like_the_rule(
    tmp_path_factory: pytest.TempPathFactory,
    journal_factory: list[Journal],
    monkeypatch: pytest.MonkeyPatch,
    specs: list[tuple],
    drive: int,
    cap: int,
    page_size: int,
    tagged: bool,
) -> None:
    monkeypatch.setattr(search_store, "DRIVE_HITS", drive)
    monkeypatch.setattr(search_store, "COUNT_CAP", cap)
    journal = fresh(tmp_path_factory, journal_factory)
    people = [journal.add_member(n).id for n in ("Ana", "Ben", "Cai")]
    rows = []
    for author, vis, hours, words, trashed, tag in specs:
        when = START + timedelta(hours=hours)
        e = journal.add_entry(V(people[author]), EntryDraft(
            occurred_at=when, valence=3, energy=3, visibility=vis, tags=(tag,),
            body=" ".join(["today", *words]) + "."))  # fmt: skip
        if trashed:
            journal.trash_entry(V(people[author]), e.id)
        rows.append({"id": e.id, "member": people[author], "visibility": vis, "when": when,
                     "words": words, "trashed": trashed, "tag": tag})  # fmt: skip
    for viewer in [*people, None]:  # None: nobody (the CLI without --member), shared only
        for word in WORDS:
            filt = EntryFilter(text=word, tags=("walk",) if tagged else ())
            want = expected(rows, viewer, filt)
            got: list[int] = []
            page = 1
            while True:
                result = journal.list_entries(V(viewer), filt, page=page, page_size=page_size)
                if result.more:  # counted up to the cap only: a lower bound, and more pages
                    assert len(want) > result.total >= page * page_size
                else:
                    assert result.total == len(want)
                got += [e.id for e in result.items]
                if page >= result.pages:
                    break
                page += 1
            assert got == want
            hits = search_service.search(journal, V(viewer), word, limit=5)
            if not tagged:
                assert [h.entry_id for h in hits] == want[:5]
            assert all(HIT_START + word in h.snippet.lower() for h in hits)


def test_sealed_entries_join_both_ways(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    unlocked = test_viewers.unlocked(monkeypatch)
    sam, alex = journal.add_member("Sam").id, journal.add_member("Alex").id
    for i in range(6):  # alternate: Sam's private (sealed later), Alex's shared
        who, vis = (sam, Visibility.PRIVATE) if i % 2 == 0 else (alex, Visibility.SHARED)
        journal.add_entry(V(who), EntryDraft(occurred_at=START + timedelta(days=i), valence=3,
                                          energy=3, visibility=vis, body=f"river day {i}"))  # fmt: skip
    key = together.set_passphrase(journal, sam, "stones in the river")
    assert key is not None
    unlocked[sam] = key
    for drive, cap in ((100, 100), (0, 2)):
        monkeypatch.setattr(search_store, "DRIVE_HITS", drive)
        monkeypatch.setattr(search_store, "COUNT_CAP", cap)
        page = journal.list_entries(V(sam), EntryFilter(text="river"), page_size=10)
        assert [e.body for e in page.items] == [f"river day {i}" for i in range(5, -1, -1)]
        assert (page.total, page.more) == (6, False)
        hits = search_service.search(journal, V(sam), "river")
        assert [h.occurred_at for h in hits] == sorted((h.occurred_at for h in hits), reverse=True)
        assert len(hits) == 6
        assert journal.list_entries(V(alex), EntryFilter(text="river")).total == 3
    assert HIT_END in search_service.search(journal, V(sam), "river")[0].snippet
