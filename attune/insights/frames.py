"""The aggregate shape every analysis reads (`TrendAggregates`), made from entries in pandas
(`aggregate_entries`, for the PDF report) exactly as the service makes it in SQL (for Trends);
daily series, rolling means and date ranges; "on this day"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

MEASURES = ("valence", "energy", "connection")
RANGES: dict[str, int | None] = {"30 days": 30, "90 days": 90, "A year": 365, "All": None}
#: The columns of an entries frame (one row per entry), as the service and the report make it.
ENTRY_COLUMNS = (
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
DAILY_COLUMNS = ["member_id", "member", "day", *MEASURES, "n"]
GRID_COLUMNS = ["valence", "energy", "count"]
TIMES_COLUMNS = ["bucket", "valence_sum", "n"]
WORDS_COLUMNS = ["valence", "energy", "feeling", "count"]
FACTOR_COLUMNS = ["kind", "member_id", "day", "factor"]


@dataclass(frozen=True)
class TrendAggregates:
    """What every trend analysis reads: entries aggregated (in SQL by the service for the Trends
    page, by `aggregate_entries` for the PDF report), never entry by entry.

    ``daily`` is `daily` of every entry the viewer may see in the range (all members); the rest
    cover the viewer's own entries only: ``grid`` ``valence, energy, count`` (combinations that
    occur), ``times`` ``bucket`` (0 = night … 3 = evening), ``valence_sum``, ``n``; ``words``
    ``valence, energy, feeling, count`` (entries naming that word with those scores);
    ``factor_days`` ``kind`` ("tag"/"theme"), ``member_id``, ``day``, ``factor``.
    """

    daily: pd.DataFrame
    grid: pd.DataFrame
    times: pd.DataFrame
    words: pd.DataFrame
    factor_days: pd.DataFrame


def _numeric(entries: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``entries`` with the mood measures as float64 (NA → NaN)."""
    out = entries.copy()
    for col in MEASURES:
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    return out


def daily(entries: pd.DataFrame) -> pd.DataFrame:
    """Daily means per member: ``member_id, member, day, valence, energy, connection, n``.

    ``n`` is the number of entries that day; ``connection`` is NaN when no entry that day rated it.
    """
    if entries.empty:
        types = {"member_id": "int64", "member": object, "day": "datetime64[ns]", "n": "int64"}
        return pd.DataFrame({c: pd.Series(dtype=types.get(c, "float64")) for c in DAILY_COLUMNS})
    e = _numeric(entries)
    g = e.groupby(["member_id", "day"], sort=True)
    out = g[list(MEASURES)].mean()
    out["n"] = g.size()
    out = out.reset_index()
    names = e.drop_duplicates("member_id").set_index("member_id")["member"]
    out["member"] = out["member_id"].map(names)
    return out[DAILY_COLUMNS]


def _words(entries: pd.DataFrame, col: str) -> pd.DataFrame:
    """One row per (entry, word) of a list column, missing words dropped."""
    e = entries.explode(col)
    return e[e[col].notna()].astype({col: str})


def aggregate_entries(entries: pd.DataFrame, member_id: int | None = None) -> TrendAggregates:
    """`TrendAggregates` of an entries frame, shaped as `attune.services.trends.trend_aggregates` shapes its SQL
    aggregates: ``daily`` of every entry; grid, times, words and factor days of ``member_id``'s
    entries (of every entry when None, as in a one-person export)."""
    own = _numeric(entries if member_id is None else entries[entries["member_id"] == member_id])
    own = own.dropna(subset=["valence", "energy"]).astype({"valence": "int64", "energy": "int64"})
    cells = own.groupby(["valence", "energy"], as_index=False).size()
    hours = own["occurred_local"].dt.hour.astype("int64") // 6
    times = own.groupby(hours.rename("bucket"))["valence"].agg(valence_sum="sum", n="size")
    words = _words(own[["valence", "energy", "feelings"]], "feelings")
    words = words.groupby(["valence", "energy", "feelings"], as_index=False).size()
    tags = _words(own[["member_id", "day", "tags"]], "tags").rename(columns={"tags": "factor"})
    themes = own.loc[own["prompt_theme"].notna(), ["member_id", "day", "prompt_theme"]]
    factors = pd.concat(
        [
            tags.assign(kind="tag"),
            themes.rename(columns={"prompt_theme": "factor"}).assign(kind="theme"),
        ],
        ignore_index=True,
    )
    return TrendAggregates(
        daily=daily(entries),
        grid=cells.rename(columns={"size": "count"}).astype("int64")[GRID_COLUMNS],
        times=times.reset_index().astype({"valence_sum": "float64", "n": "int64"})[TIMES_COLUMNS],
        words=words.rename(columns={"feelings": "feeling", "size": "count"})[WORDS_COLUMNS],
        factor_days=factors.astype({"member_id": "int64", "factor": str})[FACTOR_COLUMNS]
        .drop_duplicates()
        .reset_index(drop=True),
    )


def with_rolling(daily_df: pd.DataFrame, window_days: int = 7) -> pd.DataFrame:
    """Add ``valence_7d``, ``energy_7d``, ``connection_7d``: calendar trailing means per member.

    The window is the ``window_days`` calendar days ending on each row's day; days without entries
    are simply absent (never zeros), and each day counts once whatever its number of entries.
    The column suffix stays ``_7d`` whatever the window, so charts need not know it.
    """
    out = daily_df.sort_values(["member_id", "day"]).reset_index(drop=True)
    cols = [f"{m}_7d" for m in MEASURES]
    if out.empty:
        return out.assign(**{c: pd.Series(dtype="float64") for c in cols})
    rolled = (
        out.groupby("member_id", sort=False)
        .rolling(f"{window_days}D", on="day", min_periods=1)[list(MEASURES)]
        .mean()
    )
    out[cols] = rolled.to_numpy(dtype="float64")
    return out


def member_series(daily_df: pd.DataFrame) -> pd.DataFrame:
    """Long frame for side-by-side views: one row per member-day, rolling means included.

    Only members present in ``daily_df`` appear; rows are ordered by member then day.
    """
    out = daily_df if "valence_7d" in daily_df else with_rolling(daily_df)
    return out.sort_values(["member_id", "day"]).reset_index(drop=True)


def range_start(label: str, end: date) -> date | None:
    """First day of the named range in `RANGES` that ends (inclusive) on ``end``; None = all."""
    n = RANGES[label]
    return None if n is None else end - timedelta(days=n - 1)


def filter_range(entries: pd.DataFrame, start: date | None, end: date) -> pd.DataFrame:
    """Rows whose ``day`` lies in ``[start, end]`` (both inclusive; ``start=None`` = no lower bound)."""
    mask = entries["day"] <= pd.Timestamp(end)
    if start is not None:
        mask &= entries["day"] >= pd.Timestamp(start)
    return entries.loc[mask]


def on_this_day(entries: pd.DataFrame, today: date) -> pd.DataFrame:
    """Entries from earlier years on today's month and day, newest first, with ``years_ago``.

    On 28 February of a non-leap year, entries from 29 February are included too, so leap-day
    memories still come round; on 29 February only 29 February matches.
    """
    t = entries["occurred_local"]
    match = (t.dt.month == today.month) & (t.dt.day == today.day)
    leap = today.year % 4 == 0 and (today.year % 100 != 0 or today.year % 400 == 0)
    if today.month == 2 and today.day == 28 and not leap:
        match |= (t.dt.month == 2) & (t.dt.day == 29)
    out = entries.loc[match & (t.dt.year < today.year)]
    out = out.assign(years_ago=today.year - out["occurred_local"].dt.year.astype("int64"))
    return out.sort_values("occurred_local", ascending=False).reset_index(drop=True)
