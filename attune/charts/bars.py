"""Bar and interval charts: feeling words, weekday and time-of-day means, what goes with better
days."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .base import (
    ACCENT,
    COUNT_AXIS,
    MAX_POINTS,
    MUTED,
    Width,
    _layer,
    _sized,
    _title,
    _valence_scale,
)


def feelings_bar(counts: pd.DataFrame, width: Width = "container") -> alt.Chart:
    """Horizontal bars of the most named feeling words (`insights.feeling_counts`)."""
    title, height = _title("Feelings you named most"), max(120, 22 * len(counts))
    return (
        alt.Chart(counts.head(MAX_POINTS), title=title, **_sized(width, height))
        .mark_bar(color=ACCENT, cornerRadiusEnd=3)
        .encode(
            x=alt.X("count:Q", title="Times named", axis=alt.Axis(**COUNT_AXIS)),
            y=alt.Y("feeling:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("feeling:N", title="Feeling"),
                alt.Tooltip("count:Q", title="Times"),
            ],
        )
    )


def _mean_bars(
    df: pd.DataFrame, label: str, order: list[str], title: str, x_title: str, width: Width
) -> alt.Chart:
    n_title = "Check-in days" if label == "weekday_name" else "Check-ins"
    return (
        alt.Chart(df, title=_title(title), **_sized(width, 220))
        .mark_bar(cornerRadiusEnd=3, clip=True)
        .encode(
            x=alt.X(f"{label}:N", title=x_title, sort=order, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "valence:Q", title="Average pleasantness (1–5)", scale=alt.Scale(domain=[1, 5])
            ),
            y2=alt.Y2Datum(1),
            color=alt.Color("valence:Q", scale=_valence_scale(), legend=None),
            tooltip=[
                alt.Tooltip(f"{label}:N", title=x_title),
                alt.Tooltip("valence:Q", title="Average pleasantness", format=".2f"),
                alt.Tooltip("n:Q", title=n_title),
            ],
        )
    )


def weekday_bar(pattern: pd.DataFrame, width: Width = "container") -> alt.Chart:
    """Average pleasantness per weekday (`insights.weekday_pattern`); empty weekdays have no bar."""
    order = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    return _mean_bars(pattern, "weekday_name", order, "Pleasantness by weekday", "Weekday", width)


def time_of_day_bar(pattern: pd.DataFrame, width: Width = "container") -> alt.Chart:
    """Average pleasantness per time of day (`insights.time_of_day_pattern`)."""
    order = ["night", "morning", "afternoon", "evening"]
    return _mean_bars(pattern, "bucket", order, "Pleasantness by time of day", "Time of day", width)


# ---------------------------------------------------------------- effects


def effects_chart(
    effects: pd.DataFrame, width: Width = "container", max_factors: int = 25
) -> alt.LayerChart:
    """Difference in pleasantness with vs without each factor, with its interval and a rule at 0.

    Takes `insights.factor_effects(...)`; shows the ``max_factors`` largest. Clear associations
    (interval excluding 0) are drawn in teal, the rest in grey.
    """
    data = effects.head(max_factors).assign(
        label=lambda d: d["factor"].astype(str) + " (" + d["kind"].astype(str) + ")",
        clear=lambda d: d["certainty"] == "fairly sure",
    )
    lo = min([0.0, *data["ci_low"].dropna()]) - 0.1
    hi = max([0.0, *data["ci_high"].dropna()]) + 0.1
    level = float(data["level"].iloc[0]) if len(data) and "level" in data else 0.95
    order = list(data.sort_values("diff", ascending=False)["label"])
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("factor:N", title="Factor"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("diff:Q", title="Difference", format="+.2f"),
        alt.Tooltip("ci_low:Q", title="Interval from", format="+.2f"),
        alt.Tooltip("ci_high:Q", title="Interval to", format="+.2f"),
        alt.Tooltip("days_with:Q", title="Days with"),
        alt.Tooltip("days_without:Q", title="Days without"),
        alt.Tooltip("certainty:N", title="Certainty"),
    ]
    colour = alt.Color(
        "clear:N",
        scale=alt.Scale(domain=[True, False], range=[ACCENT, MUTED]),
        legend=alt.Legend(title="Clear difference", labelExpr="datum.value ? 'yes' : 'no'"),
    )
    base = alt.Chart().encode(y=y, color=colour, tooltip=tooltip)
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X(
            "ci_low:Q",
            title="Difference in average pleasantness (days with − without)",
            scale=alt.Scale(domain=[lo, hi], nice=True),
            axis=alt.Axis(tickCount=8, format="+.1~f"),
        ),
        x2=alt.X2("ci_high:Q"),
    )
    points = base.mark_point(filled=True, size=70).encode(x=alt.X("diff:Q"))
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color=MUTED).encode(x=alt.X("x:Q"))
    sub = ["Dot: the difference in your days", f"Line: where it likely lies ({level:.0%} interval)"]
    title = _title("What goes with better days", sub)
    return _layer(
        data, zero, bars, points, title=title, width=width, height=max(120, 26 * len(data))
    )
