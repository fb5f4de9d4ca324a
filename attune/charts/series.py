"""Mood over time: one member's days and trend, or every member's trend side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from .base import (
    _EACH,
    _WORDS,
    ACCENT,
    MUTED,
    Width,
    _layer,
    _member_colour,
    _series,
    _title,
    _tooltip_day,
)


def mood_over_time(
    daily_with_rolling: pd.DataFrame,
    colours: Mapping[int, str] | None = None,
    measure: str = "valence",
    width: Width = "container",
) -> alt.LayerChart:
    """Faint points per day and a bold trend line; one colour per member when several.

    Takes `insights.with_rolling(insights.daily(entries))`. The y scale is fixed at 1–5. Up to two
    years show days and the 7-day mean; longer spans (or more than `MAX_POINTS` rows) show weekly
    or monthly means with a 3- or 12-month trend, as the subtitle says.
    """
    data, res, trend = _series(daily_with_rolling, measure)
    scale = _member_colour(data, colours)
    word = _WORDS[measure]
    colour: Any = (
        alt.Color("member:N", scale=scale, title="Member", legend=alt.Legend(symbolOpacity=1))
        if data["member_id"].nunique() > 1
        else alt.ColorValue(scale.range[0] if len(data) and colours else ACCENT)
    )
    tooltip = [
        _tooltip_day(res),
        alt.Tooltip("member:N", title="Member"),
        alt.Tooltip(f"{measure}:Q", title=word, format=".1f"),
        alt.Tooltip("trend:Q", title=trend.capitalize(), format=".1f"),
        alt.Tooltip("n:Q", title="Check-ins"),
    ]
    y_scale = alt.Scale(domain=[1, 5])
    base = alt.Chart().encode(x=alt.X("day:T", title="Date"), color=colour, tooltip=tooltip)
    points = base.mark_circle(size=18, opacity=0.3).encode(
        y=alt.Y(f"{measure}:Q", title=f"{word} (1–5)", scale=y_scale)
    )
    line = base.mark_line(strokeWidth=2.5, interpolate="monotone").encode(
        y=alt.Y("trend:Q", title=f"{word} (1–5)", scale=y_scale), detail=alt.Detail("member:N")
    )
    sub = f"Dots: {_EACH[res]} · line: {trend}"
    title = _title(f"{word} over time", sub)
    return _layer(data, points, line, title=title, width=width, height=260)


def members_side_by_side(
    daily_with_rolling: pd.DataFrame,
    colours: Mapping[int, str] | None = None,
    measure: str = "valence",
    width: Width = "container",
) -> alt.LayerChart:
    """Each member's trend (7-day mean) on one shared axis; colour *and* dash tell them apart.

    Takes `insights.member_series(...)`; only members present in the frame are drawn.
    """
    data, res, trend = _series(daily_with_rolling, measure)
    word = _WORDS[measure]
    scale = _member_colour(data, colours)
    dashes = alt.Scale(domain=scale.domain, range=[[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]])
    line = (
        alt.Chart()
        .mark_line(strokeWidth=2.5, interpolate="monotone")
        .encode(
            x=alt.X("day:T", title="Date"),
            y=alt.Y("trend:Q", title=f"{word}, {trend} (1–5)", scale=alt.Scale(domain=[1, 5])),
            color=alt.Color("member:N", scale=scale, title="Member"),
            strokeDash=alt.StrokeDash("member:N", title="Member", scale=dashes),
            tooltip=[
                _tooltip_day(res),
                alt.Tooltip("member:N", title="Member"),
                alt.Tooltip("trend:Q", title=trend.capitalize(), format=".1f"),
                alt.Tooltip(f"{measure}:Q", title=word, format=".1f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"y": [3]}))
        .mark_rule(color=MUTED, strokeDash=[2, 2])
        .encode(y=alt.Y("y:Q", scale=alt.Scale(domain=[1, 5])), tooltip=alt.TooltipValue(None))
    )
    sub = f"{trend.capitalize()} per member · dotted: neutral 3"
    title = _title(f"{word}, side by side", sub)
    return _layer(data, rule, line, title=title, width=width, height=260)
