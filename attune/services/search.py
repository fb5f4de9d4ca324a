"""Search and the words in use: what the Journal's search box and the tag and feeling pickers
read. Plain words come from the database through the one visibility rule; a protected viewer's
sealed words are matched in memory, only when they unlocked their journal."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from attune.domain import entries as d
from attune.domain.text import snippet as text_snippet
from attune.domain.viewer import Viewer
from attune.storage import frames, jump, sealing
from attune.storage import revision as revisions
from attune.storage import search as search_store

from .journal import Journal, opened, sealed_matches

RECENT_DAYS = 2  # days before today that are recounted on every write (time zones, late entries)


def search(journal: Journal, viewer: Viewer, query: str, limit: int = 50) -> list[d.SearchHit]:
    """Entries holding the words, newest first, with a marked snippet each."""
    with journal.sessions.reading(viewer) as s:
        hits = search_store.search(s, viewer_id=viewer.member_id, query=query, limit=limit)
    sealed = [
        (eid, uid, text_snippet(w.body, query))
        for eid, (uid, w) in opened(journal, viewer).items()
        if query.strip() and sealing.text_matches(w.body, query)
    ]
    if sealed:  # matched in memory; the index never held these words
        page = journal.list_entries(viewer, d.EntryFilter(text=query), page_size=limit)
        when = {e.id: e for e in page.items}
        hits += [
            d.SearchHit(
                uid=uid,
                entry_id=eid,
                occurred_at=when[eid].occurred_at,
                author=when[eid].author,
                snippet=snip,
            )
            for eid, uid, snip in sealed
            if eid in when
        ]
        hits.sort(key=lambda h: (h.occurred_at, h.entry_id), reverse=True)
    return hits[:limit]


def tags(journal: Journal, viewer: Viewer) -> list[str]:
    """Tags on entries the viewer may see, most used first (sealed ones after unlock)."""
    plain = _words_in_use(journal, "tags", viewer)
    return _merge_words(plain, (t for _, w in opened(journal, viewer).values() for t in w.tags))


def feelings(journal: Journal, viewer: Viewer) -> list[str]:
    plain = _words_in_use(journal, "feelings", viewer)
    return _merge_words(plain, (f for _, w in opened(journal, viewer).values() for f in w.feelings))


def _words_in_use(journal: Journal, kind: str, viewer: Viewer) -> list[str]:
    """Counted like the Trends aggregates: the days before the last `RECENT_DAYS` once per
    history fingerprint (kept in memory, keyed by who may see them), the recent days afresh."""
    split = date.today() - timedelta(days=RECENT_DAYS)
    viewer_id = viewer.member_id
    with journal.sessions.reading(viewer) as s:
        key = (kind, viewer_id, split, revisions.history_revision(s, split))
        old = journal.word_history.get_or_make(
            key, lambda: frames.word_counts(s, kind, viewer_id=viewer_id, before=split)
        )
        recent = frames.word_counts(s, kind, viewer_id=viewer_id, since=split)
    return frames.ranked_words(old, recent)


def _merge_words(plain: list[str], sealed: Iterable[str]) -> list[str]:
    """Add words from sealed entries to a list of words in use (most used first)."""
    counts: dict[str, int] = {}
    for word in sealed:
        counts[word] = counts.get(word, 0) + 1
    extra = sorted(
        (w for w in counts if w.casefold() not in {p.casefold() for p in plain}),
        key=lambda w: (-counts[w], w.casefold()),
    )
    return plain + extra


def page_of_day(
    journal: Journal, viewer: Viewer, filt: d.EntryFilter, day: date, page_size: int = 20
) -> tuple[int, bool]:
    """The Journal page (newest first, `page_size` a page) that holds the newest entry matching
    `filt` on or before `day`, and whether there is one (else the last page). Two indexed
    queries at any length of journal (attune.storage.jump)."""
    sealed_ids = sealed_matches(journal, viewer, filt)
    with journal.sessions.reading(viewer) as s:
        return jump.page_of_day(
            s,
            viewer_id=viewer.member_id,
            filt=filt,
            day=day,
            page_size=page_size,
            sealed_ids=sealed_ids,
        )
