"""Text alternatives: one plain sentence per insight, the same on the Trends page and in the PDF
report because both describe the same analysis."""

from __future__ import annotations

import pandas as pd

from attune.messages.plural import plural

from .patterns import INSIGHTS, QUADRANTS, WEEKDAY_NAMES, quadrant_of


def fmt(x: float) -> str:
    """One decimal with a true minus sign and no "−0.0"."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s.replace("-", "−")


def describe_readiness(key: str, more: int) -> str:
    """Friendly sparse-state line, e.g. "3 more days of check-ins and your weekday pattern appears"."""
    what, unit = INSIGHTS[key][1], "day" if more == 1 else "days"
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
            move = f"rose from {fmt(first)} to {fmt(last)}"
        elif first - last >= 0.2:
            move = f"fell from {fmt(first)} to {fmt(last)}"
        else:
            move = "stayed about level"
        parts.append(f"{who} averaged {fmt(mean)} and {move}")
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
        plural(total, "Of {n:,} check-in", "Of {n:,} check-ins")
        + f", the most ({int(shares[top]) * 100 // total}%) were {pleasant} with {energy} energy"
    )
    middle = f"; {rest * 100 // total}% were a middling 3 for pleasantness or energy."
    return text + (middle if rest else ".")


def describe_calendar(cal: pd.DataFrame) -> str:
    """How many days of the calendar have entries and their average pleasantness."""
    filled = cal[cal["n"] > 0]
    if filled.empty:
        return plural(len(cal), "No check-ins on this day.", "No check-ins in these {n} days.")
    best = filled.loc[filled["valence"].idxmax(), "day"]
    days = plural(
        len(cal),
        "You checked in on {k} of {n} day",
        "You checked in on {k} of {n} days",
        k=len(filled),
    )
    mean = fmt(float(filled["valence"].mean()))
    return f"{days}; pleasantness averaged {mean}, highest on {best.day} {best:%B %Y}."


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
            return f"on {WEEKDAY_NAMES[int(row['weekday'])]}s ({fmt(float(row['valence']))})"
        at = "at" if row["bucket"] == "night" else "in the"
        return f"{at} {row['bucket']} ({fmt(float(row['valence']))})"

    hi, lo = p.loc[p["valence"].idxmax()], p.loc[p["valence"].idxmin()]
    return f"Pleasantness was highest {when(hi)} and lowest {when(lo)}."
