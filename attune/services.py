"""Use cases for pages and the CLI. Each method opens one unit of work.

`Journal` is built once per database (the pages cache it with st.cache_resource; the CLI builds
its own). Reads take the viewer — the member whose session is open, or None — and go through
the one visibility rule in `storage.repo.visible_to`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from attune import __version__, crypto, insights, messages
from attune.config import Settings, load_settings
from attune.crypto import Sealed
from attune.domain import entries as d
from attune.domain.practices import PracticeSession
from attune.domain.text import snippet as text_snippet
from attune.recent import Recent
from attune.recovery import check_database
from attune.storage import aggregates, practice_repo, repo, sealing
from attune.storage.engine import Sessions, backup_sqlite, backup_sqlite_to, make_engine
from attune.storage.migrate import upgrade

ENTRY_FRAME_COLUMNS = (
    "uid",
    "member_id",
    "member",
    "occurred_local",
    "day",
    "valence",
    "energy",
    "connection",
    "tags",
    "feelings",
    "prompt_theme",
    "reading_id",
)


class Journal:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        if self.settings.sqlite_path is not None:
            check_database(self.settings.sqlite_path)  # CorruptDatabase: the app offers a restore
        self.engine = make_engine(self.settings.database_url)
        self.sessions = Sessions(self.engine)
        self._opened_cache: dict[str, object] = {}
        self._history: Recent[_TrendPart] = Recent(HISTORY_CACHE)
        self._word_history: Recent[list[tuple[str, int]]] = Recent(HISTORY_CACHE)
        self.last_backup = upgrade(self.engine, self.settings.backup_dir, self.settings.sqlite_path)

    # --- about -------------------------------------------------------------------------------
    @property
    def version(self) -> str:
        return __version__

    @property
    def location(self) -> str:
        path = self.settings.sqlite_path
        if path is not None:
            return str(path.resolve())
        return self.engine.url.render_as_string(hide_password=True)

    def revision(self) -> int:
        with self.sessions.reading() as s:
            return repo.get_revision(s)

    def close(self) -> None:
        self.engine.dispose()

    # --- members -----------------------------------------------------------------------------
    def members(self) -> list[d.Member]:
        with self.sessions.reading() as s:
            return repo.list_members(s)

    def member_named(self, name: str) -> d.Member:
        for member in self.members():
            if member.name.casefold() == d.normalise_label(name).casefold():
                return member
        raise d.NotFoundError(f"No member called {name!r} on this journal.")

    def add_member(self, name: str) -> d.Member:
        with self.sessions.writing() as s:
            member = repo.add_member(s, name=name)
            repo.bump_revision(s)
            return member

    def rename_member(self, member_id: int, name: str) -> d.Member:
        with self.sessions.writing() as s:
            member = repo.rename_member(s, member_id=member_id, name=name)
            repo.bump_revision(s)
            return member

    # --- entries -----------------------------------------------------------------------------
    def add_entry(self, member_id: int, draft: d.EntryDraft, *, draft_slot: str = "") -> d.Entry:
        """Store an entry; returns only after the commit (so a confirmation is truthful)."""
        with self.sessions.writing() as s:
            entry = repo.add_entry(s, member_id=member_id, draft=draft)
            if draft_slot:
                repo.save_draft(s, member_id=member_id, slot=draft_slot, body="")
            return entry

    def add_entries_bulk(self, member_id: int, rows: Iterable[tuple[str, d.EntryDraft]]) -> int:
        with self.sessions.writing() as s:
            return repo.add_entries_bulk(s, member_id=member_id, drafts=rows)

    def get_entry(self, viewer_id: int | None, entry_id: int) -> d.Entry:
        with self.sessions.reading() as s:
            return repo.get_entry(s, viewer_id=viewer_id, entry_id=entry_id)

    def update_entry(
        self, viewer_id: int | None, entry_id: int, draft: d.EntryDraft, expected_version: int
    ) -> d.Entry:
        with self.sessions.writing() as s:
            return repo.update_entry(
                s,
                viewer_id=viewer_id,
                entry_id=entry_id,
                draft=draft,
                expected_version=expected_version,
            )

    def trash_entry(self, viewer_id: int | None, entry_id: int) -> d.Entry:
        with self.sessions.writing() as s:
            return repo.trash_entry(s, viewer_id=viewer_id, entry_id=entry_id)

    def restore_entry(self, viewer_id: int | None, entry_id: int) -> d.Entry:
        with self.sessions.writing() as s:
            return repo.restore_entry(s, viewer_id=viewer_id, entry_id=entry_id)

    def empty_trash(self, viewer_id: int | None) -> int:
        with self.sessions.writing() as s:
            erased = repo.empty_trash(s, viewer_id=viewer_id)
        if erased:
            self.checkpoint()
        return erased

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database and truncate it (no stale copies linger)."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def _opened(
        self, viewer_id: int | None, *, trash: bool = False
    ) -> dict[int, tuple[str, Sealed]]:
        """The viewer's sealed entries, opened in memory — only when their journal is unlocked
        in this session (the data key comes from attune.crypto's provider). Cached per revision."""
        key = crypto.key_for(viewer_id) if viewer_id is not None else None
        if key is None or viewer_id is None:
            return {}
        revision = self.revision()
        cache_key = (viewer_id, trash, revision, key)
        if self._opened_cache.get("key") != cache_key:
            with self.sessions.reading() as s:
                opened = sealing.opened(s, viewer_id, key, include_trash=trash)
            self._opened_cache = {"key": cache_key, "value": opened}
        return cast("dict[int, tuple[str, Sealed]]", self._opened_cache["value"])

    def list_entries(
        self,
        viewer_id: int | None,
        filt: d.EntryFilter | None = None,
        page: int = 1,
        page_size: int = 20,
    ) -> d.EntryPage:
        filt = filt or d.EntryFilter()
        sealed_ids: list[int] = []
        if filt.text.strip() or filt.tags or filt.feelings:
            sealed_ids = [
                eid
                for eid, (_, words) in self._opened(viewer_id, trash=filt.trashed).items()
                if sealing.matches(words, filt)
            ]
        with self.sessions.reading() as s:
            return repo.list_entries(
                s,
                viewer_id=viewer_id,
                filt=filt,
                page=page,
                page_size=page_size,
                sealed_ids=sealed_ids,
            )

    def entries_on(self, viewer_id: int | None, day: date) -> list[d.Entry]:
        page = self.list_entries(viewer_id, d.EntryFilter(on_day=day), page_size=100)
        return [e for e in page.items if e.member_id == viewer_id]

    def search(self, viewer_id: int | None, query: str, limit: int = 50) -> list[d.SearchHit]:
        """Entries holding the words, newest first, with a marked snippet each."""
        with self.sessions.reading() as s:
            hits = repo.search(s, viewer_id=viewer_id, query=query, limit=limit)
        sealed = [
            (eid, uid, text_snippet(w.body, query))
            for eid, (uid, w) in self._opened(viewer_id).items()
            if query.strip() and sealing.text_matches(w.body, query)
        ]
        if sealed:  # matched in memory; the index never held these words
            page = self.list_entries(viewer_id, d.EntryFilter(text=query), page_size=limit)
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

    def tags(self, viewer_id: int | None) -> list[str]:
        """Tags on entries the viewer may see, most used first (sealed ones after unlock)."""
        plain = self._words_in_use("tags", viewer_id)
        return _merge_words(plain, (t for _, w in self._opened(viewer_id).values() for t in w.tags))

    def feelings(self, viewer_id: int | None) -> list[str]:
        plain = self._words_in_use("feelings", viewer_id)
        return _merge_words(
            plain, (f for _, w in self._opened(viewer_id).values() for f in w.feelings)
        )

    def _words_in_use(self, kind: str, viewer_id: int | None) -> list[str]:
        """Counted like the Trends aggregates: the days before the last `RECENT_DAYS` once per
        history fingerprint (kept in memory), the recent days afresh; then added up."""
        split = date.today() - timedelta(days=RECENT_DAYS)
        with self.sessions.reading() as s:
            key = (kind, viewer_id, split, repo.history_revision(s, split))
            old = self._word_history.get_or_make(
                key, lambda: repo.word_counts(s, kind, viewer_id=viewer_id, before=split)
            )
            recent = repo.word_counts(s, kind, viewer_id=viewer_id, since=split)
        return repo.ranked_words(old, recent)

    def stats(self, viewer_id: int | None) -> d.Stats:
        with self.sessions.reading() as s:
            return repo.stats(s, viewer_id=viewer_id)

    def entries_frame(
        self,
        viewer_id: int | None,
        *,
        start: date | None = None,
        end: date | None = None,
        member_id: int | None = None,
        month_days: tuple[str, ...] = (),
    ) -> pd.DataFrame:
        """Every entry the viewer may see, as the DataFrame that attune.insights expects.

        ``start``/``end`` (local dates, inclusive), ``member_id`` and ``month_days`` ("MM-DD")
        narrow it in SQL, so a 90-day chart never loads decades of entries."""
        from attune.content import load_library

        with self.sessions.reading() as s:
            cols = repo.frame_rows(
                s,
                viewer_id=viewer_id,
                start=start,
                end=end,
                member_id=member_id,
                month_days=month_days,
            )
        frame = pd.DataFrame(cols)
        if frame.empty:
            frame = pd.DataFrame({c: pd.Series(dtype="object") for c in ENTRY_FRAME_COLUMNS})
            frame["occurred_local"] = pd.to_datetime(frame["occurred_local"])
            frame["day"] = pd.to_datetime(frame["day"])
            return frame
        utc = pd.to_datetime(frame["occurred_at"], format="ISO8601", utc=True).dt.tz_localize(None)
        offset = pd.to_timedelta(frame["utc_offset_min"], unit="min")
        frame["occurred_local"] = (utc + offset).astype("datetime64[us]")
        frame["day"] = frame["occurred_local"].dt.normalize()
        frame["connection"] = frame["connection"].astype("Int64")
        themes = {p.id: p.theme for p in load_library().prompts}
        frame["prompt_theme"] = frame["prompt_id"].map(lambda p: themes.get(p) if p else None)
        if opened := dict(self._opened(viewer_id).values()):
            frame["tags"] = [
                list(opened[u].tags) if u in opened else t
                for u, t in zip(frame["uid"], frame["tags"], strict=True)
            ]
            frame["feelings"] = [
                list(opened[u].feelings) if u in opened else f
                for u, f in zip(frame["uid"], frame["feelings"], strict=True)
            ]
        return frame[list(ENTRY_FRAME_COLUMNS)]

    def daily_frame(
        self,
        viewer_id: int | None,
        *,
        start: date | None = None,
        end: date | None = None,
        member_id: int | None = None,
    ) -> pd.DataFrame:
        """`insights.daily` of the entries the viewer may see, grouped in SQL (one row per
        member-day, however many entries); narrowed like `entries_frame`."""
        with self.sessions.reading() as s:
            cols = aggregates.daily_means(
                s, viewer_id=viewer_id, start=start, end=end, member_id=member_id
            )
        return _daily(cols)

    def trend_aggregates(
        self, viewer_id: int | None, *, start: date | None = None, end: date | None = None
    ) -> insights.TrendAggregates:
        """What the Trends page needs, aggregated in SQL through the visibility rule: member-days
        of everything visible in the range, and the viewer's own grid, times, feeling words and
        tag/theme days. Words of the viewer's sealed entries are added in memory when their
        journal is unlocked (the database never holds them), exactly as `entries_frame` does.

        The range is cut at `RECENT_DAYS` before today: the days before ("history") are kept in
        memory per (viewer, range, history fingerprint) — `repo.history_revision`, which every
        write that can change an earlier day's aggregates moves — so a new entry today recomputes
        only the last days. Day rows of the two parts never overlap; counts add."""
        opened = self._opened(viewer_id)
        split = date.today() - timedelta(days=RECENT_DAYS)  # the first "recent" day
        if end is not None and end < split:
            split = end + timedelta(days=1)
        parts: list[_TrendPart] = []
        sealed: list[tuple[int, int, int, int, int]] = []
        with self.sessions.reading() as s:  # one snapshot: fingerprint, recent days and sealed
            if start is None or start < split:
                last = split - timedelta(days=1)
                key = (viewer_id, start, last, repo.history_revision(s, split))
                parts.append(
                    self._history.get_or_make(key, lambda: _trend_part(s, viewer_id, start, last))
                )
            if end is None or end >= split:
                parts.append(_trend_part(s, viewer_id, max(start or split, split), end))
            if viewer_id is not None and opened:
                sealed = aggregates.sealed_rows(
                    s, viewer_id=viewer_id, start=start, end=end, member_id=viewer_id
                )
        words = [w for part in parts for w in part.words]
        sealed_tags: list[tuple[int, int, str]] = []
        for eid, member, day, valence, energy in sealed:
            if eid in opened:
                words += [(valence, energy, f, 1) for f in opened[eid][1].feelings]
                sealed_tags += [(member, day, t) for t in opened[eid][1].tags]
        tags = pd.DataFrame(sealed_tags, columns=["member_id", "day", "factor"])
        factors = pd.concat(
            [
                *(part.tags for part in parts),
                _factor_frame(tags.assign(kind="tag")),
                *(part.themes for part in parts),
            ],
            ignore_index=True,
        )
        if sealed_tags:  # a sealed entry's tag may repeat a plain one of the day
            factors = factors.drop_duplicates(ignore_index=True)
        daily = pd.concat([part.daily for part in parts], ignore_index=True)
        if len(parts) > 1:  # by member, then day (history's days come first)
            daily = daily.sort_values("member_id", kind="stable", ignore_index=True)
        cells = [c for part in parts for c in part.cells]
        c = pd.DataFrame(cells, columns=["valence", "energy", "bucket", "count"], dtype="int64")
        c = c.groupby(["valence", "energy", "bucket"], as_index=False)["count"].sum()
        times = c.assign(valence_sum=c["valence"] * c["count"]).groupby("bucket", as_index=False)
        return insights.TrendAggregates(
            daily=daily,
            grid=c.groupby(["valence", "energy"], as_index=False)["count"].sum(),
            times=times.agg(valence_sum=("valence_sum", "sum"), n=("count", "sum")).astype(
                {"valence_sum": "float64"}
            ),
            words=pd.DataFrame(words, columns=["valence", "energy", "feeling", "count"]).astype(
                {"valence": "int64", "energy": "int64", "count": "int64"}
            ),
            factor_days=factors,
        )

    # --- drafts and preferences ----------------------------------------------------------------
    def draft(self, member_id: int, slot: str) -> str:
        with self.sessions.reading() as s:
            if sealing.is_protected(s, member_id):
                return sealing.load_draft(s, member_id, slot, crypto.key_for(member_id))
            return repo.get_draft(s, member_id=member_id, slot=slot)

    def save_draft(self, member_id: int, slot: str, body: str) -> None:
        """A protected member's draft is sealed like their private entries (never stored plain)."""
        with self.sessions.writing() as s:
            if sealing.is_protected(s, member_id):
                key = crypto.key_for(member_id)
                if key is not None:
                    sealing.save_draft(s, member_id, slot, body, key)
                return
            repo.save_draft(s, member_id=member_id, slot=slot, body=body)

    def preference(self, key: str) -> str:
        with self.sessions.reading() as s:
            return repo.get_preference(s, key=key)

    def set_preference(self, key: str, value: str) -> None:
        with self.sessions.writing() as s:
            repo.set_preference(s, key=key, value=value)

    # --- backups -----------------------------------------------------------------------------
    def backup(self, dest: Path | None = None) -> Path:
        path = self.settings.sqlite_path
        if path is None:
            raise RuntimeError("Backups from the app work for SQLite databases only.")
        if dest is None:
            return backup_sqlite(path, self.settings.backup_dir, "manual")
        return backup_sqlite_to(path, dest)

    # --- practices ---
    def record_practice(
        self,
        member_id: int,
        practice_id: str,
        before: int | None,
        after: int | None,
        *,
        started_at: datetime | None = None,
    ) -> PracticeSession:
        """Store one run of a practice with its optional 1–5 intensity ratings (see
        domain.practices). Private to the member; returns only after the commit."""
        from attune.content import load_library

        try:
            load_library().practice(practice_id)
        except KeyError as exc:
            raise d.EntryError(messages.UNKNOWN_PRACTICE) from exc
        with self.sessions.writing() as s:
            return practice_repo.add_practice_session(
                s,
                member_id=member_id,
                practice_id=practice_id,
                before=before,
                after=after,
                started_at=started_at,
            )

    def practice_sessions(self, viewer_id: int | None) -> pd.DataFrame:
        """The viewer's own practice sessions (never another member's): member_id, day (local
        date, datetime64), practice_id, before and after (Int64, missing when skipped)."""
        with self.sessions.reading() as s:
            rows = practice_repo.list_practice_sessions(s, viewer_id=viewer_id)
        local = [r.started_at.astimezone().replace(tzinfo=None) for r in rows]
        return pd.DataFrame(
            {
                "member_id": pd.Series([r.member_id for r in rows], dtype="int64"),
                "day": pd.Series(local, dtype="datetime64[ns]").dt.normalize(),
                "practice_id": pd.Series([r.practice_id for r in rows], dtype="object"),
                "before": pd.Series([r.before for r in rows], dtype="Int64"),
                "after": pd.Series([r.after for r in rows], dtype="Int64"),
            }
        )


RECENT_DAYS = (
    2  # days before today that Trends recomputes on every write (time zones, late entries)
)
HISTORY_CACHE = 8  # (viewer, range) histories kept in memory


@dataclass(frozen=True)
class _TrendPart:
    """`Journal.trend_aggregates` of a span of days, before sealed words are added: ``daily``
    (as `_daily`), the viewer's (valence, energy, bucket, entries) ``cells`` and (valence,
    energy, word, entries) ``words``, and their tag and theme days as `_factor_frame`s."""

    daily: pd.DataFrame
    cells: list[tuple[int, int, int, int]]
    words: list[tuple[int, int, str, int]]
    tags: pd.DataFrame
    themes: pd.DataFrame


def _trend_part(s: Any, viewer_id: int | None, start: date | None, end: date | None) -> _TrendPart:
    """The SQL aggregates of `Journal.trend_aggregates` from ``start`` to ``end`` (inclusive)."""
    from attune.content import load_library

    own: dict[str, Any] = {
        "viewer_id": viewer_id,
        "start": start,
        "end": end,
        "member_id": viewer_id,
    }
    cells: list[tuple[int, int, int, int]] = []
    words: list[tuple[int, int, str, int]] = []
    tag_links = np.zeros((0, 3), dtype="int64")
    tag_names: dict[int, str] = {}
    prompts: list[tuple[int, int, str]] = []
    cols = aggregates.daily_means(s, viewer_id=viewer_id, start=start, end=end)
    if viewer_id is not None:  # "own" is nobody's without a viewer
        cells = aggregates.mood_cells(s, **own)
        words = aggregates.feeling_words(s, **own)
        tag_links, tag_names = aggregates.tag_days(s, **own)
        prompts = aggregates.prompt_days(s, **own)
    links = pd.DataFrame(np.unique(tag_links, axis=0), columns=["member_id", "day", "tag_id"])
    themes = {p.id: p.theme for p in load_library().prompts}
    return _TrendPart(
        daily=_daily(cols),
        cells=cells,
        words=words,
        tags=_factor_frame(links.assign(kind="tag", factor=links["tag_id"].map(tag_names))),
        themes=_factor_frame(
            pd.DataFrame(
                [(i, day, themes[p]) for i, day, p in prompts if themes.get(p)],
                columns=["member_id", "day", "factor"],
            ).assign(kind="theme")
        ),
    )


def _factor_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """``kind, member_id, day, factor`` rows (``day`` in days since 1970-01-01) as
    `TrendAggregates.factor_days` holds them: typed, dates, without repeats."""
    out = rows[["kind", "member_id", "day", "factor"]].astype(
        {"member_id": "int64", "day": "int64", "factor": str}
    )
    return out.drop_duplicates(ignore_index=True).assign(day=lambda f: _dates(f["day"]))


def _daily(cols: dict[str, Any]) -> pd.DataFrame:
    """`aggregates.daily_means` columns as the frame `insights.daily` makes (same dtypes)."""
    if not len(cols["day"]):
        return insights.daily(pd.DataFrame())  # the typed empty frame
    frame = pd.DataFrame(cols, columns=list(aggregates.DAILY_NAMES))
    frame = frame.astype(
        {
            "member_id": "int64",
            "n": "int64",
            "valence": "float64",
            "energy": "float64",
            "connection": "float64",
        }
    )
    frame["day"] = _dates(frame["day"])
    return frame[insights.DAILY_COLUMNS]


def _dates(days: pd.Series) -> pd.Series:
    """Days since 1970-01-01 (as `aggregates` gives them) as datetime64[us] midnights."""
    values = days.to_numpy("int64").astype("datetime64[D]").astype("datetime64[us]")
    return pd.Series(values, index=days.index, name=days.name)


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
