"""Pure pandas computations behind the Insights page and the PDF report.

Every function takes frames that the service layer has already filtered to what the viewer may
see (the visibility rule lives upstream) and uses nothing else. Inputs follow the entries contract:
``uid, member_id, member, occurred_local, day, valence, energy, connection, tags, feelings,
prompt_theme, reading_id``. No function mutates its input; an empty frame gives an empty result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypedDict

import numpy as np
import pandas as pd
from scipy import special  # stdtrit = Student's t quantile (scipy.stats is 40 MB more)

MEASURES = ("valence", "energy", "connection")
RANGES: dict[str, int | None] = {"30 days": 30, "90 days": 90, "A year": 365, "All": None}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES_OF_DAY = ("night", "morning", "afternoon", "evening")  # 0–5, 6–11, 12–17, 18–23
QUADRANTS = ("pleasant-high", "pleasant-low", "unpleasant-high", "unpleasant-low")
# Certainty words for factor_effects, from most to least informative.
FAIRLY_SURE, UNSURE, TOO_LITTLE = "fairly sure", "unsure", "too little data"
WIDE_HALF_WIDTH = 1.0  # an interval wider than ±1 point on a 1–5 scale says little
# Check-in days each insight needs ("side_by_side" counts days on which two members checked in),
# and how the sparse-state line names it.
_INSIGHTS: dict[str, tuple[int, str]] = {
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
THRESHOLDS: dict[str, int] = {k: v[0] for k, v in _INSIGHTS.items()}
DAILY_COLUMNS = ["member_id", "member", "day", *MEASURES, "n"]
EFFECT_COLUMNS = [
    "kind",
    "factor",
    "days_with",
    "days_without",
    "mean_with",
    "mean_without",
    "diff",
    "ci_low",
    "ci_high",
    "certainty",
    "level",
]


class Readiness(TypedDict):
    """What `readiness` returns: counts so far and, per insight key, how many more days it needs."""

    days: int
    entries: int
    members: int
    shared_days: int
    needs: dict[str, int]


def _numeric(entries: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``entries`` with the mood measures as float64 (NA → NaN)."""
    out = entries.copy()
    for col in MEASURES:
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    return out


def _mean_n(values: pd.Series, keys: Any, index: Any, name: str) -> pd.DataFrame:
    """``valence`` mean and ``n`` count of ``values`` per key, on a fixed ``index`` (n=0 if none)."""
    g = values.groupby(keys)
    out = pd.DataFrame({"valence": g.mean(), "n": g.size()}).reindex(index)
    out["n"] = out["n"].fillna(0).astype("int64")
    out.index.name = name
    return out.reset_index()


def _fmt(x: float) -> str:
    """One decimal with a true minus sign and no "−0.0"."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s.replace("-", "−")


# ---------------------------------------------------------------- daily series and ranges


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


def member_series(daily_df: pd.DataFrame) -> pd.DataFrame:
    """Long frame for side-by-side views: one row per member-day, rolling means included.

    Only members present in ``daily_df`` appear; rows are ordered by member then day.
    """
    out = daily_df if "valence_7d" in daily_df else with_rolling(daily_df)
    return out.sort_values(["member_id", "day"]).reset_index(drop=True)


# ---------------------------------------------------------------- distributions


def quadrant_of(valence: float, energy: float) -> str | None:
    """The mood quadrant for a check-in, or None when either value is the neutral 3."""
    v = "pleasant" if valence >= 4 else "unpleasant" if valence <= 2 else None
    e = "high" if energy >= 4 else "low" if energy <= 2 else None
    return None if v is None or e is None else f"{v}-{e}"


def quadrant_grid(entries: pd.DataFrame) -> pd.DataFrame:
    """Entry counts on the 5×5 pleasantness × energy grid: ``valence, energy, count`` (25 rows)."""
    full = pd.MultiIndex.from_product([range(1, 6), range(1, 6)], names=["valence", "energy"])
    e = _numeric(entries).dropna(subset=["valence", "energy"])
    counts = e.groupby([e["valence"].astype(int), e["energy"].astype(int)]).size()
    return counts.reindex(full, fill_value=0).rename("count").reset_index()


def _exploded(entries: pd.DataFrame, col: str) -> pd.DataFrame:
    """One row per (entry, word) for a list column, blanks dropped."""
    e = entries.explode(col)
    e = e[e[col].notna()]
    return e[e[col].astype(str).str.strip() != ""]


def top_feelings_by_quadrant(entries: pd.DataFrame, n: int = 3) -> dict[str, list[tuple[str, int]]]:
    """The ``n`` most named feeling words in each quadrant (all four keys always present)."""
    out: dict[str, list[tuple[str, int]]] = {q: [] for q in QUADRANTS}
    e = _numeric(entries)
    v, en = e["valence"], e["energy"]
    side = np.select([v >= 4, v <= 2], ["pleasant-", "unpleasant-"], "")
    level = np.select([en >= 4, en <= 2], ["high", "low"], "")
    e = e.assign(quadrant=np.char.add(side.astype(str), level.astype(str)))
    e = _exploded(e[e["quadrant"].isin(QUADRANTS)][["quadrant", "feelings"]], "feelings")
    counts = e.groupby(["quadrant", e["feelings"].astype(str)]).size().rename("count").reset_index()
    counts = counts.sort_values(["quadrant", "count", "feelings"], ascending=[True, False, True])
    for q, grp in counts.groupby("quadrant"):
        top = grp.head(n)
        out[str(q)] = [(str(f), int(c)) for f, c in zip(top["feelings"], top["count"], strict=True)]
    return out


def calendar(entries: pd.DataFrame, end: date, days: int = 365) -> pd.DataFrame:
    """One row per calendar day of the ``days`` days ending on ``end``.

    Columns ``day, valence, n, week, weekday, weekday_name``: mean valence over all given entries
    (NaN and ``n=0`` on days without entries, so gaps stay gaps); ``week`` is that week's Monday,
    ``weekday`` 0 = Monday … 6 = Sunday.
    """
    idx = pd.date_range(end=pd.Timestamp(end), periods=days, freq="D")
    e = _numeric(entries)
    out = _mean_n(e["valence"], e["day"], idx, "day")
    out["weekday"] = out["day"].dt.day_of_week.astype("int64")
    out["week"] = out["day"] - pd.to_timedelta(out["weekday"], unit="D")
    out["weekday_name"] = [WEEKDAYS[i] for i in out["weekday"]]
    return out[["day", "valence", "n", "week", "weekday", "weekday_name"]]


def feeling_counts(entries: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most named feeling words: ``feeling, count`` (ties alphabetical)."""
    e = _exploded(entries, "feelings")
    counts = e["feelings"].astype(str).value_counts()
    out = pd.DataFrame({"feeling": counts.index.astype(str), "count": counts.to_numpy("int64")})
    return (
        out.sort_values(["count", "feeling"], ascending=[False, True])
        .head(n)
        .reset_index(drop=True)
    )


def weekday_pattern(entries: pd.DataFrame) -> pd.DataFrame:
    """Mean pleasantness by weekday: ``weekday`` (0 = Mon), ``weekday_name``, ``valence``, ``n``.

    The unit is the member-day (a day's mean counts once however many entries it had), so ``n`` is
    a number of check-in days. All seven rows are present; empty weekdays have NaN and ``n=0``.
    """
    return weekday_pattern_daily(daily(entries))


def weekday_pattern_daily(daily_df: pd.DataFrame) -> pd.DataFrame:
    """`weekday_pattern` from a `daily` frame (e.g. one aggregated in SQL)."""
    d = daily_df
    out = _mean_n(d["valence"], d["day"].dt.day_of_week, range(7), "weekday")
    out.insert(1, "weekday_name", list(WEEKDAYS))
    return out


def time_of_day_pattern(entries: pd.DataFrame) -> pd.DataFrame:
    """Mean pleasantness by time of day: ``bucket, valence, n`` (entries), four rows in day order.

    Buckets by local hour: night 0–5, morning 6–11, afternoon 12–17, evening 18–23.
    """
    e = _numeric(entries)
    bucket = [TIMES_OF_DAY[h // 6] for h in e["occurred_local"].dt.hour]
    return _mean_n(
        e["valence"], pd.Series(bucket, index=e.index, dtype=object), TIMES_OF_DAY, "bucket"
    )


# ---------------------------------------------------------------- what goes with better days


def _day_codes(keys: pd.DataFrame, days: pd.MultiIndex) -> np.ndarray:
    """Position in ``days`` of each ``member_id, day`` row (−1 when that member-day is absent)."""
    wanted = pd.MultiIndex.from_arrays(
        [keys["member_id"].astype("int64"), pd.to_datetime(keys["day"]).astype("datetime64[ns]")]
    )
    return np.asarray(days.get_indexer(wanted))


def _welch(
    v: np.ndarray, day: np.ndarray, factor: np.ndarray, k: int, level: float
) -> pd.DataFrame:
    """Welch comparison of day means ``v`` with vs without each of ``k`` factors.

    ``day``/``factor`` are parallel code arrays saying which factor occurred on which day.
    """
    key = np.unique(factor.astype("int64") * len(v) + day)  # each (factor, day) once
    f, d = key // len(v), key % len(v)
    n1 = np.bincount(f, minlength=k).astype("float64")
    s1 = np.bincount(f, weights=v[d], minlength=k)
    sq1 = np.bincount(f, weights=v[d] ** 2, minlength=k)
    n0, s0, sq0 = len(v) - n1, v.sum() - s1, (v**2).sum() - sq1
    with np.errstate(divide="ignore", invalid="ignore"):
        mean1, mean0 = s1 / n1, s0 / n0
        var1 = np.clip((sq1 - n1 * mean1**2) / (n1 - 1), 0, None)
        var0 = np.clip((sq0 - n0 * mean0**2) / (n0 - 1), 0, None)
        a = np.where(var1 < 1e-12, 0.0, var1) / n1
        b = np.where(var0 < 1e-12, 0.0, var0) / n0
        se = np.sqrt(a + b)
        dof = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n0 - 1))
        half = np.where(se > 0, special.stdtrit(dof, 0.5 + level / 2) * se, 0.0)
    diff = mean1 - mean0
    return pd.DataFrame(
        {
            "days_with": n1.astype("int64"),
            "days_without": n0.astype("int64"),
            "mean_with": mean1,
            "mean_without": mean0,
            "diff": diff,
            "ci_low": diff - half,
            "ci_high": diff + half,
        }
    )


def factor_effects(
    entries: pd.DataFrame,
    practices: pd.DataFrame | None = None,
    min_days: int = 3,
    level: float = 0.95,
) -> pd.DataFrame:
    """Compare days with and without each tag, prompt theme and practice.

    The unit is the member-day: one member's mean valence on one day. For each factor (``kind``
    "tag", "theme" or "practice") the days where it occurred are compared with all other given
    days by a Welch t-interval on ``diff = mean_with - mean_without``. Only factors with at least
    ``min_days`` days with *and* without are reported. ``certainty`` is "fairly sure" when the
    interval excludes 0, else "too little data" when it is wider than ±1 point, else "unsure".
    Rows are sorted by ``|diff|``, largest first. Associations only — never causes. Practices on
    days without an entry are ignored (there is no mood to compare).
    """
    e = _numeric(entries).dropna(subset=["valence"])
    e = e.assign(day=e["day"].astype("datetime64[ns]"), member_id=e["member_id"].astype("int64"))
    day_v = e.groupby(["member_id", "day"])["valence"].mean()
    tags = _exploded(e[["member_id", "day", "tags"]], "tags")
    themes = e[e["prompt_theme"].notna()]
    parts = [("tag", tags, tags["tags"]), ("theme", themes, themes["prompt_theme"])]
    return _effects(day_v, parts, practices, min_days, level)


def factor_effects_daily(
    daily_df: pd.DataFrame,
    factor_days: pd.DataFrame,
    practices: pd.DataFrame | None = None,
    min_days: int = 3,
    level: float = 0.95,
) -> pd.DataFrame:
    """`factor_effects` from a `daily` frame and the days each factor occurred on.

    ``factor_days`` has ``kind`` ("tag" or "theme"), ``member_id``, ``day`` and ``factor`` (one
    row per occurrence; repeats are harmless), as `TrendAggregates.factor_days` holds them.
    """
    d = daily_df.dropna(subset=["valence"])
    d = d.assign(day=d["day"].astype("datetime64[ns]"), member_id=d["member_id"].astype("int64"))
    day_v = d.set_index(["member_id", "day"])["valence"].astype("float64")
    f = factor_days[factor_days["factor"].astype(str).str.strip() != ""]
    parts = [
        (kind, f[f["kind"] == kind], f.loc[f["kind"] == kind, "factor"])
        for kind in ("tag", "theme")
    ]
    return _effects(day_v, parts, practices, min_days, level)


def _effects(
    day_v: pd.Series,
    parts: list[tuple[str, pd.DataFrame, pd.Series]],
    practices: pd.DataFrame | None,
    min_days: int,
    level: float,
) -> pd.DataFrame:
    """The Welch comparisons of `factor_effects`: ``day_v`` is the mean valence per
    (member_id, day); each part is (kind, rows with member_id and day, their factor labels)."""
    v = day_v.to_numpy("float64")
    days = pd.MultiIndex.from_arrays(
        [day_v.index.get_level_values(0), day_v.index.get_level_values(1)]
    )
    if practices is not None and not practices.empty:
        parts.append(("practice", practices, practices["practice_id"]))
    frames = []
    for kind, keys, labels in parts:
        if keys.empty:
            continue
        day = _day_codes(keys, days)
        codes, uniques = pd.factorize(labels.astype(str).to_numpy()[day >= 0])
        stats_ = _welch(v, day[day >= 0], codes, len(uniques), level)
        stats_.insert(0, "factor", np.asarray(uniques, dtype=object))
        stats_.insert(0, "kind", kind)
        keep = (stats_["days_with"] >= min_days) & (stats_["days_without"] >= min_days)
        frames.append(stats_[keep])
    if not any(len(f) for f in frames):
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in EFFECT_COLUMNS})
    out = pd.concat([f for f in frames if len(f)], ignore_index=True)
    excludes_zero = (out["ci_low"] > 0) | (out["ci_high"] < 0)
    wide = ((out["ci_high"] - out["ci_low"]) / 2 > WIDE_HALF_WIDTH) | out["ci_low"].isna()
    out["certainty"] = np.where(excludes_zero, FAIRLY_SURE, np.where(wide, TOO_LITTLE, UNSURE))
    out["level"] = level
    out = out.assign(_abs=out["diff"].abs()).sort_values(
        ["_abs", "kind", "factor"], ascending=[False, True, True]
    )
    return out.drop(columns="_abs").reset_index(drop=True)[EFFECT_COLUMNS]


def is_finding(row: Mapping[str, Any]) -> bool:
    """True when an effect row's interval excludes zero (the only case worded as a finding)."""
    return bool(row["certainty"] == FAIRLY_SURE)


def describe_effect(row: Mapping[str, Any], name: str | None = None) -> str:
    """Plain-language sentence for one `factor_effects` row, worded strictly as an association.

    ``name`` overrides the factor shown (e.g. a practice's title instead of its id). The text
    contains the user's tag word: render it through the safe-text helper, never as markup.
    """
    label = name or str(row["factor"])
    lead = {
        "tag": f"On days you tagged “{label}”",
        "theme": f"On days you answered a “{label}” prompt",
        "practice": f"On days you did the “{label}” practice",
    }.get(str(row["kind"]), f"On days with “{label}”")
    diff, lo, hi = float(row["diff"]), float(row["ci_low"]), float(row["ci_high"])
    pct = f"{float(row.get('level', 0.95)) * 100:.0f}%"
    if _fmt(abs(diff)) == "0.0":
        size = "pleasantness averaged about the same as on other days"
    else:
        size = f"pleasantness averaged {_fmt(abs(diff))} {'higher' if diff > 0 else 'lower'}"
    interval = f"{_fmt(lo)} to {_fmt(hi)}"
    if is_finding(row):
        return (
            f"{lead}, {size} ({pct} interval {interval}). "
            "This is an association, not proof that one causes the other."
        )
    if row["certainty"] == TOO_LITTLE:
        return (
            f"{lead}, {size}, but with {int(row['days_with'])} such days so far the {pct} interval "
            f"({interval}) is too wide to tell. More check-ins will make this clearer."
        )
    return (
        f"{lead}, {size}, but the {pct} interval ({interval}) includes no difference at all, "
        "so this could easily be chance."
    )


# ---------------------------------------------------------------- memories and partners


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


def _member_labels(entries: pd.DataFrame) -> dict[int, str]:
    """member_id → display name, disambiguated with the id when two members share a name."""
    names = entries.drop_duplicates("member_id").set_index("member_id")["member"].astype(str)
    dup = names.duplicated(keep=False)
    return {int(i): (f"{n} ({i})" if dup[i] else n) for i, n in names.items()}


def divergent_days(entries: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Days on which members felt most differently: ``day, spread``, then one column per member.

    Only days with entries from at least two members count; ``spread`` is the max − min of the
    members' daily mean valence. Ranked by spread, then most recent first.
    """
    return divergent_days_daily(daily(entries), top)


def divergent_days_daily(daily_df: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """`divergent_days` from a `daily` frame of several members."""
    d = daily_df
    labels = _member_labels(d)
    wide = d.pivot_table(index="day", columns="member_id", values="valence", aggfunc="mean")
    wide = wide[wide.notna().sum(axis=1) >= 2]
    wide.columns = [labels[int(c)] for c in wide.columns]
    out = wide.assign(spread=wide.max(axis=1) - wide.min(axis=1)).reset_index()
    out = out.sort_values(["spread", "day"], ascending=[False, False]).head(top)
    return out[["day", "spread", *[str(c) for c in wide.columns]]].reset_index(drop=True)


# ---------------------------------------------------------------- from aggregates


@dataclass(frozen=True)
class TrendAggregates:
    """What the Trends page needs, aggregated (in SQL by the service) instead of entry by entry.

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


def readiness_daily(daily_df: pd.DataFrame) -> Readiness:
    """`readiness` from a `daily` frame (``n`` = entries that member-day)."""
    d = daily_df
    days = int(d["day"].nunique()) if len(d) else 0
    per_day = d.groupby("day")["member_id"].nunique() if len(d) else pd.Series()
    shared = int((per_day >= 2).sum())
    have = {k: (shared if k == "side_by_side" else days) for k in THRESHOLDS}
    return Readiness(
        days=days,
        entries=int(d["n"].sum()) if len(d) else 0,
        members=int(d["member_id"].nunique()) if len(d) else 0,
        shared_days=shared,
        needs={k: max(0, t - have[k]) for k, t in THRESHOLDS.items()},
    )


def quadrant_grid_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """`quadrant_grid` from ``valence, energy, count`` rows (the full 25-cell grid)."""
    full = pd.MultiIndex.from_product([range(1, 6), range(1, 6)], names=["valence", "energy"])
    c = counts.groupby([counts["valence"].astype(int), counts["energy"].astype(int)])["count"]
    return c.sum().reindex(full, fill_value=0).astype("int64").rename("count").reset_index()


def _words(words: pd.DataFrame) -> pd.DataFrame:
    """Word counts with blank words dropped (as `_exploded` drops them)."""
    w = words[words["feeling"].notna()]
    return w[w["feeling"].astype(str).str.strip() != ""].assign(
        feeling=lambda x: x["feeling"].astype(str)
    )


def feeling_counts_words(words: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """`feeling_counts` from ``valence, energy, feeling, count`` rows."""
    counts = _words(words).groupby("feeling")["count"].sum()
    out = pd.DataFrame({"feeling": counts.index.astype(str), "count": counts.to_numpy("int64")})
    return (
        out.sort_values(["count", "feeling"], ascending=[False, True])
        .head(n)
        .reset_index(drop=True)
    )


def top_feelings_words(words: pd.DataFrame, n: int = 3) -> dict[str, list[tuple[str, int]]]:
    """`top_feelings_by_quadrant` from ``valence, energy, feeling, count`` rows."""
    out: dict[str, list[tuple[str, int]]] = {q: [] for q in QUADRANTS}
    w = _words(words)
    w = w.assign(
        quadrant=[quadrant_of(v, e) for v, e in zip(w["valence"], w["energy"], strict=True)]
    )
    w = w[w["quadrant"].isin(QUADRANTS)]
    counts = w.groupby(["quadrant", "feeling"])["count"].sum().reset_index()
    counts = counts.sort_values(["quadrant", "count", "feeling"], ascending=[True, False, True])
    for q, grp in counts.groupby("quadrant"):
        top = grp.head(n)
        out[str(q)] = [(str(f), int(c)) for f, c in zip(top["feeling"], top["count"], strict=True)]
    return out


def time_of_day_sums(times: pd.DataFrame) -> pd.DataFrame:
    """`time_of_day_pattern` from ``bucket`` (0–3), ``valence_sum``, ``n`` rows."""
    t = times.groupby("bucket")[["valence_sum", "n"]].sum()
    t = t.reindex(range(len(TIMES_OF_DAY)))
    n = t["n"].fillna(0).astype("int64")
    valence = (t["valence_sum"] / n.where(n > 0)).astype("float64")
    return pd.DataFrame(
        {"bucket": list(TIMES_OF_DAY), "valence": valence.to_numpy(), "n": n.to_numpy()}
    )


def calendar_daily(daily_df: pd.DataFrame, end: date, days: int = 365) -> pd.DataFrame:
    """`calendar` from the `daily` frame of ONE member (its daily mean is the day's mean)."""
    idx = pd.date_range(end=pd.Timestamp(end), periods=days, freq="D")
    d = daily_df
    g = d.groupby("day")
    out = pd.DataFrame({"valence": g["valence"].mean(), "n": g["n"].sum()}).reindex(idx)
    out["n"] = out["n"].fillna(0).astype("int64")
    out.index.name = "day"
    out = out.reset_index()
    out["weekday"] = out["day"].dt.day_of_week.astype("int64")
    out["week"] = out["day"] - pd.to_timedelta(out["weekday"], unit="D")
    out["weekday_name"] = [WEEKDAYS[i] for i in out["weekday"]]
    return out[["day", "valence", "n", "week", "weekday", "weekday_name"]]


# ---------------------------------------------------------------- readiness and text alternatives


def readiness(entries: pd.DataFrame) -> Readiness:
    """How much data there is and, per insight key in `THRESHOLDS`, how many more days it needs.

    ``needs[key] == 0`` means the insight can be shown; otherwise use `describe_readiness`.
    """
    days = int(entries["day"].nunique()) if len(entries) else 0
    per_day = entries.groupby("day")["member_id"].nunique() if len(entries) else pd.Series()
    shared = int((per_day >= 2).sum())
    have = {k: (shared if k == "side_by_side" else days) for k in THRESHOLDS}
    return Readiness(
        days=days,
        entries=len(entries),
        members=int(entries["member_id"].nunique()) if len(entries) else 0,
        shared_days=shared,
        needs={k: max(0, t - have[k]) for k, t in THRESHOLDS.items()},
    )


def describe_readiness(key: str, more: int) -> str:
    """Friendly sparse-state line, e.g. "3 more days of check-ins and your weekday pattern appears"."""
    what, unit = _INSIGHTS[key][1], "day" if more == 1 else "days"
    if key == "side_by_side":
        return f"{more} more {unit} when you both check in and {what} appears."
    return f"{more} more {unit} of check-ins and {what} appears."


def describe_trend(
    daily_df: pd.DataFrame, period: str | None = None, measure: str = "valence"
) -> str:
    """Average and direction of a measure per member, e.g. "Over the last 30 days pleasantness
    averaged 3.4 and rose from 3.1 to 3.7." Direction compares the first and last 7-day means
    (from `with_rolling`, else daily means); changes under 0.2 read as "stayed about level"."""
    word = {"valence": "pleasantness", "energy": "energy", "connection": "connection"}[measure]
    if daily_df.empty or daily_df[measure].isna().all():
        return f"No check-ins {'over ' + period if period else ''} yet.".replace("  ", " ")
    several = daily_df["member_id"].nunique() > 1
    parts = []
    for _, g in daily_df.sort_values("day").groupby("member_id", sort=True):
        g = g.dropna(subset=[measure])
        if g.empty:
            continue
        # Direction: the mean of the first 7 calendar days against the last 7 (one odd day at
        # either end must not read as a rise or a fall).
        start, end = g["day"].min(), g["day"].max()
        week = pd.Timedelta(days=6)
        first = float(g.loc[g["day"] <= start + week, measure].mean())
        last = float(g.loc[g["day"] >= end - week, measure].mean())
        mean = float(g[measure].mean())
        who = f"{g['member'].iloc[0]}'s {word}" if several else word
        if last - first >= 0.2:
            move = f"rose from {_fmt(first)} to {_fmt(last)}"
        elif first - last >= 0.2:
            move = f"fell from {_fmt(first)} to {_fmt(last)}"
        else:
            move = "stayed about level"
        parts.append(f"{who} averaged {_fmt(mean)} and {move}")
    text = "; ".join(parts)
    return f"Over {period} {text}." if period else f"{text[0].upper()}{text[1:]}."


def describe_quadrants(grid: pd.DataFrame) -> str:
    """Where check-ins fall on the pleasantness × energy grid, as the share in each quadrant."""
    total = int(grid["count"].sum())
    if total == 0:
        return "No check-ins to place on the mood map yet."
    q = [quadrant_of(v, e) for v, e in zip(grid["valence"], grid["energy"], strict=True)]
    shares = grid.assign(q=q).groupby("q")["count"].sum().reindex(list(QUADRANTS), fill_value=0)
    top = str(shares.idxmax())
    rest = total - int(shares.sum())
    pleasant, energy = top.split("-")
    text = (
        f"Of {total:,} check-ins, the most ({int(shares[top]) * 100 // total}%) were {pleasant} "
        f"with {energy} energy"
    )
    return text + (f"; {rest * 100 // total}% sat at the neutral middle." if rest else ".")


def describe_calendar(cal: pd.DataFrame) -> str:
    """How many days of the calendar have entries and their average pleasantness."""
    filled = cal[cal["n"] > 0]
    if filled.empty:
        return f"No check-ins in these {len(cal)} days."
    best = filled.loc[filled["valence"].idxmax(), "day"]
    return (
        f"You checked in on {len(filled)} of {len(cal)} days; pleasantness averaged "
        f"{_fmt(float(filled['valence'].mean()))}, highest on {best.day} {best:%B %Y}."
    )


def describe_feelings(counts: pd.DataFrame) -> str:
    """The most named feeling words, e.g. "Most often you felt calm (12), tired (9) and glad (4)"."""
    if counts.empty:
        return "No feeling words named yet."
    items = [
        f"{f} ({c})"
        for f, c in zip(counts["feeling"].head(3), counts["count"].head(3), strict=True)
    ]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"
    return f"Most often you felt {listed}."


def describe_pattern(pattern: pd.DataFrame) -> str:
    """Best and lowest weekday or time of day from `weekday_pattern` / `time_of_day_pattern`."""
    p = pattern[pattern["n"] > 0]
    if p.empty:
        return "Not enough check-ins to show a pattern yet."

    def when(row: pd.Series) -> str:
        if "weekday" in row:
            return f"on {WEEKDAY_NAMES[int(row['weekday'])]}s ({_fmt(float(row['valence']))})"
        at = "at" if row["bucket"] == "night" else "in the"
        return f"{at} {row['bucket']} ({_fmt(float(row['valence']))})"

    hi, lo = p.loc[p["valence"].idxmax()], p.loc[p["valence"].idxmin()]
    return f"Pleasantness was highest {when(hi)} and lowest {when(lo)}."


def describe_effects(effects: pd.DataFrame) -> str:
    """Summary of `factor_effects`: how many factors were compared and how many show a clear link."""
    if effects.empty:
        return "Nothing has been tracked on enough days yet to compare."
    sure = effects[effects["certainty"] == FAIRLY_SURE]
    return (
        f"Of {len(effects)} things compared, {len(sure)} "
        f"{'goes' if len(sure) == 1 else 'go'} with a clear difference in pleasantness. "
        "These are associations, not proof of cause."
    )
