"""Per-entry reference versions of every `attune.insights` analysis: plain loops over an entries
frame, written for clarity, not speed. The package computes each insight once, from aggregates
(`TrendAggregates`, from SQL or `insights.aggregate_entries`); the tests compare that one path
with these on the same entries."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from attune.insights import (
    DAILY_COLUMNS,
    EFFECT_COLUMNS,
    FAIRLY_SURE,
    QUADRANTS,
    THRESHOLDS,
    TIMES_OF_DAY,
    TOO_LITTLE,
    UNSURE,
    WEEKDAYS,
    WIDE_HALF_WIDTH,
)


def _rows(entries: pd.DataFrame) -> list[dict[str, Any]]:
    return entries.to_dict(orient="records")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def _present(x: Any) -> bool:
    return x is not None and not pd.isna(x)


def _words(values: Any) -> list[str]:
    return [str(w) for w in values if _present(w) and str(w).strip()]


def daily(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per member and day: the means of that day's entries and their number."""
    days: dict[tuple[int, pd.Timestamp], list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(entries):
        days[(int(r["member_id"]), pd.Timestamp(r["day"]))].append(r)
    rows = []
    for (member_id, day), group in sorted(days.items()):
        out: dict[str, Any] = {"member_id": member_id, "member": group[0]["member"], "day": day}
        for m in ("valence", "energy", "connection"):
            out[m] = _mean([float(r[m]) for r in group if _present(r[m])])
        rows.append({**out, "n": len(group)})
    return pd.DataFrame(rows, columns=DAILY_COLUMNS)


def readiness(entries: pd.DataFrame) -> dict[str, Any]:
    members_on: dict[pd.Timestamp, set[int]] = defaultdict(set)
    for r in _rows(entries):
        members_on[pd.Timestamp(r["day"])].add(int(r["member_id"]))
    days, shared = len(members_on), sum(len(m) >= 2 for m in members_on.values())
    return {
        "days": days,
        "entries": len(entries),
        "members": len({int(m) for m in entries["member_id"]}),
        "shared_days": shared,
        "needs": {
            k: max(0, t - (shared if k == "side_by_side" else days)) for k, t in THRESHOLDS.items()
        },
    }


def quadrant_grid(entries: pd.DataFrame) -> pd.DataFrame:
    counts = Counter((int(r["valence"]), int(r["energy"])) for r in _rows(entries))
    cells = [(v, e, counts[(v, e)]) for v in range(1, 6) for e in range(1, 6)]
    return pd.DataFrame(cells, columns=["valence", "energy", "count"]).astype("int64")


def _quadrant(valence: float, energy: float) -> str | None:
    side = "pleasant" if valence >= 4 else "unpleasant" if valence <= 2 else None
    level = "high" if energy >= 4 else "low" if energy <= 2 else None
    return f"{side}-{level}" if side and level else None


def _top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def top_feelings_by_quadrant(entries: pd.DataFrame, n: int = 3) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, Counter[str]] = {q: Counter() for q in QUADRANTS}
    for r in _rows(entries):
        q = _quadrant(r["valence"], r["energy"])
        if q is not None:
            counts[q].update(_words(r["feelings"]))
    return {q: _top(c, n) for q, c in counts.items()}


def feeling_counts(entries: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    counts: Counter[str] = Counter()
    for r in _rows(entries):
        counts.update(_words(r["feelings"]))
    return pd.DataFrame(_top(counts, n), columns=["feeling", "count"]).astype({"count": "int64"})


def weekday_pattern(entries: pd.DataFrame) -> pd.DataFrame:
    """The member-day is the unit: each day's mean counts once."""
    by_weekday: dict[int, list[float]] = defaultdict(list)
    for r in _rows(daily(entries)):
        by_weekday[r["day"].weekday()].append(r["valence"])
    return pd.DataFrame(
        {
            "weekday": range(7),
            "weekday_name": list(WEEKDAYS),
            "valence": [_mean(by_weekday[w]) for w in range(7)],
            "n": [len(by_weekday[w]) for w in range(7)],
        }
    ).astype({"weekday": "int64", "n": "int64"})


def time_of_day_pattern(entries: pd.DataFrame) -> pd.DataFrame:
    """The entry is the unit: night 0–5 h, morning 6–11, afternoon 12–17, evening 18–23."""
    by_bucket: dict[int, list[float]] = defaultdict(list)
    for r in _rows(entries):
        by_bucket[r["occurred_local"].hour // 6].append(float(r["valence"]))
    return pd.DataFrame(
        {
            "bucket": list(TIMES_OF_DAY),
            "valence": [_mean(by_bucket[b]) for b in range(4)],
            "n": [len(by_bucket[b]) for b in range(4)],
        }
    ).astype({"n": "int64"})


def calendar(entries: pd.DataFrame, end: date, days: int = 365) -> pd.DataFrame:
    """Every day of the span: the mean of that day's entries (NaN, n=0 without entries)."""
    on: dict[date, list[float]] = defaultdict(list)
    for r in _rows(entries):
        on[pd.Timestamp(r["day"]).date()].append(float(r["valence"]))
    rows = []
    for k in range(days - 1, -1, -1):
        day = end - timedelta(days=k)
        monday = day - timedelta(days=day.weekday())
        cells = (_mean(on[day]), len(on[day]), pd.Timestamp(monday))
        rows.append((pd.Timestamp(day), *cells, day.weekday(), WEEKDAYS[day.weekday()]))
    cols = ["day", "valence", "n", "week", "weekday", "weekday_name"]
    out = pd.DataFrame(rows, columns=cols).astype({"n": "int64", "weekday": "int64"})
    return out.astype({"day": "datetime64[ns]", "week": "datetime64[ns]"})


def _welch(with_: list[float], without: list[float], level: float) -> tuple[float, float, float]:
    """diff of the means and its Welch interval; zero width when both groups are constant."""
    diff = _mean(with_) - _mean(without)

    def var(x: list[float]) -> float:
        v = float(np.var(x, ddof=1)) if len(x) > 1 else math.nan
        return 0.0 if v < 1e-12 else v

    a, b = var(with_) / len(with_), var(without) / len(without)
    se = math.sqrt(a + b)
    if not se > 0:
        return diff, diff, diff
    dof = (a + b) ** 2 / (a**2 / (len(with_) - 1) + b**2 / (len(without) - 1))
    half = float(stats.t.ppf(0.5 + level / 2, dof)) * se
    return diff, diff - half, diff + half


def factor_effects(
    entries: pd.DataFrame,
    practices: pd.DataFrame | None = None,
    min_days: int = 3,
    level: float = 0.95,
) -> pd.DataFrame:
    """Each tag, theme and practice: its member-days against all the others, by Welch."""
    means = {(r["member_id"], r["day"]): r["valence"] for r in _rows(daily(entries))}
    means = {k: v for k, v in means.items() if not math.isnan(v)}
    on: dict[tuple[str, str], set[tuple[int, pd.Timestamp]]] = defaultdict(set)
    for r in _rows(entries):
        key = (int(r["member_id"]), pd.Timestamp(r["day"]))
        for tag in _words(r["tags"]):
            on[("tag", tag)].add(key)
        if _present(r["prompt_theme"]) and str(r["prompt_theme"]).strip():
            on[("theme", str(r["prompt_theme"]))].add(key)
    for r in _rows(practices if practices is not None else pd.DataFrame()):
        on[("practice", str(r["practice_id"]))].add((int(r["member_id"]), pd.Timestamp(r["day"])))
    rows = []
    for (kind, factor), days in on.items():
        with_ = [v for k, v in means.items() if k in days]
        without = [v for k, v in means.items() if k not in days]
        if len(with_) < min_days or len(without) < min_days:
            continue
        diff, low, high = _welch(with_, without, level)
        certainty = (
            FAIRLY_SURE
            if low > 0 or high < 0
            else TOO_LITTLE
            if math.isnan(low) or (high - low) / 2 > WIDE_HALF_WIDTH
            else UNSURE
        )
        counts = (len(with_), len(without), _mean(with_), _mean(without))
        rows.append((kind, factor, *counts, diff, low, high, certainty, level))
    out = pd.DataFrame(rows, columns=EFFECT_COLUMNS)
    order = sorted(range(len(out)), key=lambda i: (-abs(rows[i][6]), rows[i][0], rows[i][1]))
    return (
        out.iloc[order]
        .reset_index(drop=True)
        .astype({"days_with": "int64", "days_without": "int64"})
    )


def divergent_days(entries: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    d = daily(entries)
    names = dict(zip(d["member_id"], d["member"].astype(str), strict=False))
    shared = Counter(names.values())
    label = {i: (f"{n} ({i})" if shared[n] > 1 else n) for i, n in names.items()}
    on: dict[pd.Timestamp, dict[str, float]] = defaultdict(dict)
    for r in _rows(d):
        if not math.isnan(r["valence"]):
            on[r["day"]][label[r["member_id"]]] = r["valence"]
    cols = [label[i] for i in sorted(names) if any(label[i] in v for v in on.values())]
    rows = [
        {"day": day, "spread": max(v.values()) - min(v.values()), **v}
        for day, v in on.items()
        if len(v) >= 2
    ]
    rows.sort(key=lambda r: (-r["spread"], -r["day"].value))
    return pd.DataFrame(rows[:top], columns=["day", "spread", *cols])


# ---------------------------------------------------------------- comparisons


def assert_same_effects(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """`factor_effects` rows equal up to float rounding (sums of squares against np.var); the
    certainty word may only differ where an interval touches zero within that rounding."""
    key = ["kind", "factor"]
    got = got.sort_values(key).reset_index(drop=True)
    want = want.sort_values(key).reset_index(drop=True)
    assert list(got[key].itertuples(index=False)) == list(want[key].itertuples(index=False))
    for col in ("days_with", "days_without"):
        assert list(got[col]) == list(want[col])
    for col in ("mean_with", "mean_without", "diff", "ci_low", "ci_high"):
        np.testing.assert_allclose(got[col].astype(float), want[col].astype(float), atol=1e-9)
    edge = (want["ci_low"].abs() < 1e-9) | (want["ci_high"].abs() < 1e-9)
    assert list(got.loc[~edge, "certainty"]) == list(want.loc[~edge, "certainty"])


def _rows_of(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """A frame's rows as sorted tuples (day as a date), whatever their order and dtypes."""
    out = frame.copy()
    if "day" in out:
        out["day"] = pd.to_datetime(out["day"]).dt.date
    return sorted(tuple(r) for r in out.itertuples(index=False))


def assert_same_aggregates(got: Any, want: Any) -> None:
    """Two `TrendAggregates` hold the same rows (in any order, any dtype; a word's count may be
    split over several rows, as the service adds opened sealed entries' words one by one)."""
    pd.testing.assert_frame_equal(got.daily, want.daily, check_dtype=False)
    for part in ("grid", "times", "words", "factor_days"):
        mine, theirs = getattr(got, part), getattr(want, part)
        assert list(mine.columns) == list(theirs.columns), part
        if part == "words":
            mine, theirs = (
                w.groupby(list(w.columns[:3]), as_index=False)["count"].sum()
                for w in (mine, theirs)
            )
        assert _rows_of(mine) == _rows_of(theirs), part
