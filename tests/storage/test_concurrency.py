"""Two people at once on one shared service: no read ever returns the other's private words.

Sam and Alex each protect their journal with a passphrase and keep sealed private entries, tags,
feeling words and a draft. Two threads — one per person, each with their own `Viewer` — call
every read of the one shared `Journal` (what `st.cache_resource` gives every browser session)
over and over, with the interpreter forced to switch threads every microsecond, while writes
keep moving the revision so every cache is refilled under contention. Any marker of the other
person's private writing in anything a read returns is a leak.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from attune import crypto, security
from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.domain.exports import Scope
from attune.services import Journal, Viewer, search, sharing, together, trends

pytestmark = pytest.mark.both_backends

TZ = UTC
ROUNDS = 60  # per thread; each round runs every read below (≈ 1,300 reads per thread)
# On PostgreSQL every read is a round trip through the network stack, each a chance for the
# other thread to run: fewer rounds give as many switches (two writes still move the revision).
PG_ROUNDS = 12
MARK = {"sam": "samprivateword", "alex": "alexprivateword"}
TAG = {"sam": "samtag", "alex": "alextag"}
FEEL = {"sam": "tender", "alex": "wistful"}


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


@pytest.fixture
def switch_often() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _people(journal: Journal) -> dict[str, Viewer]:
    viewers: dict[str, Viewer] = {}
    start = datetime(2026, 11, 1, 9, tzinfo=TZ)
    for name in ("sam", "alex"):
        member = journal.add_member(name.title())
        plain = Viewer(member.id)
        for i in range(12):
            journal.add_entry(
                plain,
                EntryDraft(
                    occurred_at=start + timedelta(days=i, hours=i % 5),
                    valence=1 + i % 5,
                    energy=1 + (i * 2) % 5,
                    feelings=(FEEL[name],),
                    tags=(TAG[name],),
                    body=f"{MARK[name]} on day {i}",
                    visibility=Visibility.PRIVATE,
                ),
            )
        journal.add_entry(
            plain,
            EntryDraft(
                occurred_at=start,
                valence=3,
                energy=3,
                body=f"shared note by {name}",
                visibility=Visibility.SHARED,
            ),
        )
        journal.save_draft(plain, "today", f"draft {MARK[name]}")
        key = together.set_passphrase(journal, member.id, f"{name} passphrase")
        assert key is not None
        viewers[name] = Viewer(member.id, key)
    return viewers


def _reads(journal: Journal, viewer: Viewer) -> list[Callable[[], Any]]:
    """Every read a screen or the command line makes of the shared service."""
    own = journal.list_entries(viewer, EntryFilter(text=MARK["sam"] if False else "")).items
    first_id = own[0].id
    return [
        lambda: journal.list_entries(viewer),
        lambda: journal.list_entries(viewer, EntryFilter(text="day")),
        lambda: journal.list_entries(viewer, EntryFilter(tags=(TAG["sam"],))),
        lambda: journal.list_entries(viewer, EntryFilter(tags=(TAG["alex"],))),
        lambda: journal.list_entries(viewer, EntryFilter(feelings=(FEEL["sam"],))),
        lambda: journal.list_entries(viewer, EntryFilter(feelings=(FEEL["alex"],))),
        lambda: journal.list_entries(viewer, EntryFilter(trashed=True)),
        lambda: journal.get_entry(viewer, first_id),
        lambda: journal.entries_on(viewer, date(2026, 11, 3)),
        lambda: journal.stats(viewer),
        lambda: journal.draft(viewer, "today"),
        lambda: search.search(journal, viewer, "day"),
        lambda: search.search(journal, viewer, MARK["sam"]),
        lambda: search.search(journal, viewer, MARK["alex"]),
        lambda: search.tags(journal, viewer),
        lambda: search.feelings(journal, viewer),
        lambda: trends.entries_frame(journal, viewer).to_dict("records"),
        lambda: trends.trend_aggregates(journal, viewer).words.to_dict("records"),
        lambda: trends.trend_aggregates(journal, viewer).factor_days.to_dict("records"),
        lambda: sharing.gather(journal, viewer, scope=Scope.ALL).entries,
        lambda: together.shared_timeline(journal, viewer).items,
    ]


def _leaked(result: Any, other: str) -> bool:
    text = repr(result)
    return MARK[other] in text or TAG[other] in text or FEEL[other] in text


def test_two_viewers_on_two_threads_never_see_each_others_words(
    journal: Journal, fast_kdf: None, switch_often: None, backend: str
) -> None:
    rounds = ROUNDS if backend == "sqlite" else PG_ROUNDS
    viewers = _people(journal)
    leaks: list[str] = []
    seen_own: dict[str, int] = {"sam": 0, "alex": 0}
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(name: str) -> None:
        other = "alex" if name == "sam" else "sam"
        viewer = viewers[name]
        reads = _reads(journal, viewer)
        try:
            start.wait()
            for round_no in range(rounds):
                for i, read in enumerate(reads):
                    result = read()
                    if _leaked(result, other):
                        leaks.append(f"{name} read #{i} in round {round_no}")
                    seen_own[name] += MARK[name] in repr(result)
                if round_no % 10 == 0:  # a write moves the revision: every cache refills
                    journal.add_entry(
                        viewer,
                        EntryDraft(
                            occurred_at=datetime(2026, 11, 20, 8, tzinfo=TZ),
                            valence=3,
                            energy=3,
                            body=f"{MARK[name]} later",
                            visibility=Visibility.PRIVATE,
                        ),
                    )
        except BaseException as exc:  # reported below, after both threads end
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in viewers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    assert leaks == []
    # The readers really opened their own sealed words (the test would pass vacuously if not).
    assert seen_own["sam"] > rounds and seen_own["alex"] > rounds


def test_a_viewer_without_the_key_never_gets_words_an_unlocked_one_opened(
    journal: Journal, fast_kdf: None
) -> None:
    """Locked and unlocked views of one member share no memo and no cache entry."""
    viewers = _people(journal)
    sam = viewers["sam"]
    assert search.tags(journal, sam).count(TAG["sam"]) == 1
    locked = sam.locked()
    assert locked.cache_key != sam.cache_key
    assert TAG["sam"] not in search.tags(journal, locked)
    assert journal.draft(locked, "today") == ""
    assert MARK["sam"] not in repr(journal.list_entries(locked).items)
