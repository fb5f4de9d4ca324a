"""What goes with better days: days with and without each tag, prompt theme and practice,
compared by a Welch t-interval on the member-day means, and worded strictly as associations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import special  # stdtrit = Student's t quantile (scipy.stats is 40 MB more)

from attune.messages.plural import plural

from .text import fmt

# Certainty words, from most to least informative.
FAIRLY_SURE, UNSURE, TOO_LITTLE = "fairly sure", "unsure", "too little data"
WIDE_HALF_WIDTH = 1.0  # an interval wider than ±1 point on a 1–5 scale says little
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
    daily: pd.DataFrame,
    factor_days: pd.DataFrame,
    practices: pd.DataFrame | None = None,
    min_days: int = 3,
    level: float = 0.95,
) -> pd.DataFrame:
    """Compare days with and without each tag, prompt theme and practice.

    The unit is the member-day of ``daily``: one member's mean valence on one day.
    ``factor_days`` says on which member-days each factor occurred (``kind`` "tag" or "theme",
    ``member_id``, ``day``, ``factor``; repeats are harmless), as `TrendAggregates.factor_days`
    holds them; ``practices`` adds ``member_id, day, practice_id`` rows (kind "practice"). For
    each factor the days where it occurred are compared with all other given days by a Welch
    t-interval on ``diff = mean_with - mean_without``. Only factors with at least ``min_days``
    days with *and* without are reported. ``certainty`` is "fairly sure" when the interval
    excludes 0, else "too little data" when it is wider than ±1 point, else "unsure". Rows are
    sorted by ``|diff|``, largest first. Associations only — never causes. Factors on days
    without an entry are ignored (there is no mood to compare).
    """
    d = daily.dropna(subset=["valence"])
    day_v = pd.Series(
        d["valence"].to_numpy("float64"),
        index=pd.MultiIndex.from_arrays(
            [d["member_id"].astype("int64"), d["day"].astype("datetime64[ns]")]
        ),
    )
    f = factor_days[factor_days["factor"].astype(str).str.strip() != ""]
    parts = [
        (kind, f[f["kind"] == kind], f.loc[f["kind"] == kind, "factor"])
        for kind in ("tag", "theme")
    ]
    if practices is not None and not practices.empty:
        parts.append(("practice", practices, practices["practice_id"]))
    v = day_v.to_numpy("float64")
    frames = []
    for kind, keys, labels in parts:
        if keys.empty:
            continue
        day = _day_codes(keys, day_v.index)
        codes, uniques = pd.factorize(labels.astype(str).to_numpy()[day >= 0])
        found = _welch(v, day[day >= 0], codes, len(uniques), level)
        found.insert(0, "factor", np.asarray(uniques, dtype=object))
        found.insert(0, "kind", kind)
        keep = (found["days_with"] >= min_days) & (found["days_without"] >= min_days)
        frames.append(found[keep])
    if not any(len(found) for found in frames):
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in EFFECT_COLUMNS})
    out = pd.concat([found for found in frames if len(found)], ignore_index=True)
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
    if fmt(abs(diff)) == "0.0":
        size = "pleasantness averaged about the same as on other days"
    else:
        size = f"pleasantness averaged {fmt(abs(diff))} {'higher' if diff > 0 else 'lower'}"
    interval = f"{fmt(lo)} to {fmt(hi)}"
    if is_finding(row):
        return f"{lead}, {size} ({pct} interval {interval})."
    if row["certainty"] == TOO_LITTLE:
        return (
            f"{lead}, {size}, but with {int(row['days_with'])} such days so far the {pct} interval "
            f"({interval}) is too wide to tell. More check-ins will make this clearer."
        )
    return (
        f"{lead}, {size}, but the {pct} interval ({interval}) includes no difference at all, "
        "so this could easily be chance."
    )


def describe_effects(effects: pd.DataFrame) -> str:
    """Summary of `factor_effects`: how many factors were compared and how many show a clear link."""
    if effects.empty:
        return "Nothing has been tracked on enough days yet to compare."
    sure = effects[effects["certainty"] == FAIRLY_SURE]
    compared = plural(len(effects), "Of {n} thing compared", "Of {n} things compared")
    clear = plural(len(sure), "{n} goes", "{n} go")
    return f"{compared}, {clear} with a clear difference in pleasantness."
