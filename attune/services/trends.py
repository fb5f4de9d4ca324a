"""Trends: what the Trends page and the report need, aggregated in SQL through the one
visibility rule, with a protected viewer's sealed words added in memory when they unlocked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from attune import insights
from attune.content import load_library
from attune.domain.viewer import Viewer
from attune.storage import aggregates, frames
from attune.storage import revision as revisions

from .journal import Journal, opened
from .search import RECENT_DAYS


def entries_frame(
    journal: Journal,
    viewer: Viewer,
    *,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
    month_days: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Every entry the viewer may see, as the DataFrame that attune.insights expects.

    ``start``/``end`` (local dates, inclusive), ``member_id`` and ``month_days`` ("MM-DD")
    narrow it in SQL, so a 90-day chart never loads decades of entries."""
    with journal.sessions.reading(viewer) as s:
        cols = frames.frame_rows(
            s,
            viewer_id=viewer.member_id,
            start=start,
            end=end,
            member_id=member_id,
            month_days=month_days,
        )
    frame = pd.DataFrame(cols)
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in insights.ENTRY_COLUMNS})
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
    if words := dict(opened(journal, viewer).values()):
        frame["tags"] = [
            list(words[u].tags) if u in words else t
            for u, t in zip(frame["uid"], frame["tags"], strict=True)
        ]
        frame["feelings"] = [
            list(words[u].feelings) if u in words else f
            for u, f in zip(frame["uid"], frame["feelings"], strict=True)
        ]
    return frame[list(insights.ENTRY_COLUMNS)]


def daily_frame(
    journal: Journal,
    viewer: Viewer,
    *,
    start: date | None = None,
    end: date | None = None,
    member_id: int | None = None,
) -> pd.DataFrame:
    """`insights.daily` of the entries the viewer may see, grouped in SQL (one row per
    member-day, however many entries); narrowed like `entries_frame`."""
    with journal.sessions.reading(viewer) as s:
        cols = aggregates.daily_means(
            s, viewer_id=viewer.member_id, start=start, end=end, member_id=member_id
        )
    return _daily(cols)


def trend_aggregates(
    journal: Journal, viewer: Viewer, *, start: date | None = None, end: date | None = None
) -> insights.TrendAggregates:
    """What the Trends page needs, aggregated in SQL through the visibility rule: member-days
    of everything visible in the range, and the viewer's own grid, times, feeling words and
    tag/theme days. Words of the viewer's sealed entries are added in memory when their
    journal is unlocked (the database never holds them), exactly as `entries_frame` does.

    The range is cut at `RECENT_DAYS` before today: the days before ("history") are kept in
    memory per (viewer, range, history fingerprint) — `revision.history_revision`, which every
    write that can change an earlier day's aggregates moves — so a new entry today recomputes
    only the last days. Day rows of the two parts never overlap; counts add."""
    viewer_id = viewer.member_id
    mine = opened(journal, viewer)
    split = date.today() - timedelta(days=RECENT_DAYS)  # the first "recent" day
    if end is not None and end < split:
        split = end + timedelta(days=1)
    parts: list[_TrendPart] = []
    sealed: list[tuple[int, int, int, int, int]] = []
    with journal.sessions.reading(viewer) as s:  # one snapshot: fingerprint, recent days and sealed
        if start is None or start < split:
            last = split - timedelta(days=1)
            key = (viewer_id, start, last, revisions.history_revision(s, split))
            parts.append(
                journal.history.get_or_make(key, lambda: _trend_part(s, viewer_id, start, last))
            )
        if end is None or end >= split:
            parts.append(_trend_part(s, viewer_id, max(start or split, split), end))
        if viewer_id is not None and mine:
            sealed = aggregates.sealed_rows(
                s, viewer_id=viewer_id, start=start, end=end, member_id=viewer_id
            )
    words = [w for part in parts for w in part.words]
    sealed_tags: list[tuple[int, int, str]] = []
    for eid, member, day, valence, energy in sealed:
        if eid in mine:
            words += [(valence, energy, f, 1) for f in mine[eid][1].feelings]
            sealed_tags += [(member, day, t) for t in mine[eid][1].tags]
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


@dataclass(frozen=True)
class _TrendPart:
    """`trend_aggregates` of a span of days, before sealed words are added: ``daily``
    (as `_daily`), the viewer's (valence, energy, bucket, entries) ``cells`` and (valence,
    energy, word, entries) ``words``, and their tag and theme days as `_factor_frame`s."""

    daily: pd.DataFrame
    cells: list[tuple[int, int, int, int]]
    words: list[tuple[int, int, str, int]]
    tags: pd.DataFrame
    themes: pd.DataFrame


def _trend_part(s: Any, viewer_id: int | None, start: date | None, end: date | None) -> _TrendPart:
    """The SQL aggregates of `trend_aggregates` from ``start`` to ``end`` (inclusive)."""
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
