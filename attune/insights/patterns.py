"""Readiness, distributions and patterns, each from the parts of `TrendAggregates` it needs.

One implementation each, for the Trends page and the PDF report alike; the per-entry reference
versions they are tested against live in tests/oracles/insights_oracle.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

import pandas as pd

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES_OF_DAY = ("night", "morning", "afternoon", "evening")  # 0–5, 6–11, 12–17, 18–23
QUADRANTS = ("pleasant-high", "pleasant-low", "unpleasant-high", "unpleasant-low")
# Check-in days each insight needs ("side_by_side" counts days on which two members checked in),
# and how the sparse-state line names it.
INSIGHTS: dict[str, tuple[int, str]] = {
    "calendar": (1, "your calendar"),
    "mood_over_time": (2, "your mood over time"),
    "quadrants": (3, "your mood map"),
    "feelings": (3, "your most frequent feelings"),
    "effects": (6, "what goes with better days"),
    "rolling_mean": (7, "your 7-day average"),
    "time_of_day": (7, "your time-of-day pattern"),
    "weekday_pattern": (14, "your weekday pattern"),
    "side_by_side": (2, "your side-by-side view"),
}
THRESHOLDS: dict[str, int] = {k: v[0] for k, v in INSIGHTS.items()}


class Readiness(TypedDict):
    """What `readiness` returns: counts so far and, per insight key, how many more days it needs."""

    days: int
    entries: int
    members: int
    shared_days: int
    needs: dict[str, int]


def readiness(daily: pd.DataFrame) -> Readiness:
    """How much data a `daily` frame holds and, per insight key in `THRESHOLDS`, how many more
    days it needs (``needs[key] == 0``: show it; else `describe_readiness`)."""
    days = int(daily["day"].nunique()) if len(daily) else 0
    per_day = daily.groupby("day")["member_id"].nunique() if len(daily) else pd.Series()
    shared = int((per_day >= 2).sum())
    have = {k: (shared if k == "side_by_side" else days) for k in THRESHOLDS}
    return Readiness(
        days=days,
        entries=int(daily["n"].sum()) if len(daily) else 0,
        members=int(daily["member_id"].nunique()) if len(daily) else 0,
        shared_days=shared,
        needs={k: max(0, t - have[k]) for k, t in THRESHOLDS.items()},
    )


def _mean_n(values: pd.Series, keys: Any, index: Any, name: str) -> pd.DataFrame:
    """``valence`` mean and ``n`` count of ``values`` per key, on a fixed ``index`` (n=0 if none)."""
    g = values.groupby(keys)
    out = pd.DataFrame({"valence": g.mean(), "n": g.size()}).reindex(index)
    out["n"] = out["n"].fillna(0).astype("int64")
    out.index.name = name
    return out.reset_index()


def quadrant_of(valence: float, energy: float) -> str | None:
    """The mood quadrant for a check-in, or None when either value is the neutral 3."""
    v = "pleasant" if valence >= 4 else "unpleasant" if valence <= 2 else None
    e = "high" if energy >= 4 else "low" if energy <= 2 else None
    return None if v is None or e is None else f"{v}-{e}"


def quadrant_grid(grid: pd.DataFrame) -> pd.DataFrame:
    """Check-ins on the full 5×5 pleasantness × energy grid: ``valence, energy, count`` (25 rows),
    from the ``grid`` counts of the combinations that occur."""
    full = pd.MultiIndex.from_product([range(1, 6), range(1, 6)], names=["valence", "energy"])
    c = grid.groupby([grid["valence"].astype(int), grid["energy"].astype(int)])["count"]
    return c.sum().reindex(full, fill_value=0).astype("int64").rename("count").reset_index()


def _named(words: pd.DataFrame) -> pd.DataFrame:
    """Word counts without blank words."""
    w = words[words["feeling"].notna()]
    w = w[w["feeling"].astype(str).str.strip() != ""]
    return w.assign(feeling=w["feeling"].astype(str))


def _ranked(counts: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` largest counts, ties alphabetical."""
    ranked = counts.sort_values(["count", "feeling"], ascending=[False, True])
    return ranked.head(n).reset_index(drop=True)


def feeling_counts(words: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most named feeling words: ``feeling, count`` (ties alphabetical)."""
    counts = _named(words).groupby("feeling")["count"].sum()
    out = pd.DataFrame({"feeling": counts.index.astype(str), "count": counts.to_numpy("int64")})
    return _ranked(out, n)


def top_feelings_by_quadrant(words: pd.DataFrame, n: int = 3) -> dict[str, list[tuple[str, int]]]:
    """The ``n`` most named feeling words in each quadrant (all four keys always present)."""
    w = _named(words)
    quadrant = [quadrant_of(v, e) for v, e in zip(w["valence"], w["energy"], strict=True)]
    w = w.assign(quadrant=pd.Series(quadrant, index=w.index, dtype=object))
    counts = w.groupby(["quadrant", "feeling"])["count"].sum().reset_index()
    out: dict[str, list[tuple[str, int]]] = {q: [] for q in QUADRANTS}
    for q, group in counts.groupby("quadrant"):
        top = _ranked(group, n)
        out[str(q)] = [(str(f), int(c)) for f, c in zip(top["feeling"], top["count"], strict=True)]
    return out


def weekday_pattern(daily: pd.DataFrame) -> pd.DataFrame:
    """Mean pleasantness by weekday: ``weekday`` (0 = Mon), ``weekday_name``, ``valence``, ``n``.

    The unit is the member-day (a day's mean counts once however many entries it had), so ``n`` is
    a number of check-in days. All seven rows are present; empty weekdays have NaN and ``n=0``.
    """
    out = _mean_n(daily["valence"], daily["day"].dt.day_of_week, range(7), "weekday")
    out.insert(1, "weekday_name", list(WEEKDAYS))
    return out


def time_of_day_pattern(times: pd.DataFrame) -> pd.DataFrame:
    """Mean pleasantness by time of day: ``bucket, valence, n`` (entries), four rows in day order,
    from ``bucket`` (0 = night 0–5 h, morning 6–11, afternoon 12–17, evening 18–23),
    ``valence_sum`` and ``n`` rows."""
    t = times.groupby("bucket")[["valence_sum", "n"]].sum().reindex(range(len(TIMES_OF_DAY)))
    n = t["n"].fillna(0).astype("int64")
    valence = (t["valence_sum"] / n.where(n > 0)).astype("float64")
    return pd.DataFrame(
        {"bucket": list(TIMES_OF_DAY), "valence": valence.to_numpy(), "n": n.to_numpy()}
    )


def calendar(daily: pd.DataFrame, end: date, days: int = 365) -> pd.DataFrame:
    """One row per calendar day of the ``days`` days ending on ``end``, from ONE member's `daily`.

    Columns ``day, valence, n, week, weekday, weekday_name``: that day's mean pleasantness (NaN
    and ``n=0`` on days without entries, so gaps stay gaps); ``week`` is that week's Monday,
    ``weekday`` 0 = Monday … 6 = Sunday.
    """
    idx = pd.date_range(end=pd.Timestamp(end), periods=days, freq="D")
    g = daily.groupby("day")
    out = pd.DataFrame({"valence": g["valence"].mean(), "n": g["n"].sum()}).reindex(idx)
    out["n"] = out["n"].fillna(0).astype("int64")
    out.index.name = "day"
    out = out.reset_index()
    out["weekday"] = out["day"].dt.day_of_week.astype("int64")
    out["week"] = out["day"] - pd.to_timedelta(out["weekday"], unit="D")
    out["weekday_name"] = [WEEKDAYS[i] for i in out["weekday"]]
    return out[["day", "valence", "n", "week", "weekday", "weekday_name"]]


def _member_labels(daily: pd.DataFrame) -> dict[int, str]:
    """member_id → display name, disambiguated with the id when two members share a name."""
    names = daily.drop_duplicates("member_id").set_index("member_id")["member"].astype(str)
    dup = names.duplicated(keep=False)
    return {int(i): (f"{n} ({i})" if dup[i] else n) for i, n in names.items()}


def divergent_days(daily: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Days on which members felt most differently: ``day, spread``, then one column per member.

    Only days with entries from at least two members count; ``spread`` is the max − min of the
    members' daily mean valence. Ranked by spread, then most recent first.
    """
    labels = _member_labels(daily)
    wide = daily.pivot_table(index="day", columns="member_id", values="valence", aggfunc="mean")
    wide = wide[wide.notna().sum(axis=1) >= 2]
    wide.columns = [labels[int(c)] for c in wide.columns]
    out = wide.assign(spread=wide.max(axis=1) - wide.min(axis=1)).reset_index()
    out = out.sort_values(["spread", "day"], ascending=[False, False]).head(top)
    return out[["day", "spread", *[str(c) for c in wide.columns]]].reset_index(drop=True)
