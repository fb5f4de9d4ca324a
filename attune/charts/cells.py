"""Cell charts: the mood map (pleasantness × energy) and the calendar."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .base import (
    COUNT_AXIS,
    DENSITY_RANGE,
    INK,
    MAX_POINTS,
    NO_ENTRY,
    NO_ENTRY_OPACITY,
    Width,
    _layer,
    _title,
    _valence_scale,
)


def quadrant_heatmap(grid: pd.DataFrame, width: Width = "container") -> alt.LayerChart:
    """5×5 density of check-ins: pleasantness across, energy up; counts written in the cells."""
    peak = max(int(grid["count"].max()), 1) if len(grid) else 1
    base = alt.Chart().encode(
        x=alt.X(
            "valence:O",
            title="Pleasantness",
            sort=[1, 2, 3, 4, 5],
            axis=alt.Axis(labelAngle=0),
            scale=_GAPS,
        ),
        y=alt.Y("energy:O", title="Energy", sort=[5, 4, 3, 2, 1], scale=_GAPS),
        tooltip=[
            alt.Tooltip("valence:O", title="Pleasantness"),
            alt.Tooltip("energy:O", title="Energy"),
            alt.Tooltip("count:Q", title="Check-ins"),
        ],
    )
    cells = base.mark_rect(cornerRadius=3).encode(
        color=alt.Color(
            "count:Q",
            title="Check-ins",
            scale=alt.Scale(range=DENSITY_RANGE, domainMin=0),
            legend=alt.Legend(**COUNT_AXIS),
        )
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("count:Q"),
        color=alt.ColorValue(INK, condition={"test": "datum.dark", "value": "white"}),
    )
    sub = ["1 = very unpleasant or very low energy", "5 = very pleasant or very high energy"]
    data = grid.assign(dark=grid["count"] > peak * 0.55)
    return _layer(data, cells, text, title=_title("Mood map", sub), width=width, height=260)


# Cells are set apart by gaps, not by white strokes (which glare on a dark page).
_GAPS = alt.Scale(paddingInner=0.08)
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _month_grid(cal: pd.DataFrame, width: Width) -> alt.LayerChart:
    """Month × year cells (mean of the days' means) for calendars longer than about a year."""
    g = cal.groupby([cal["day"].dt.year.rename("year"), cal["day"].dt.month.rename("m")])
    data = pd.DataFrame({"valence": g["valence"].mean(), "n": g["n"].sum()}).reset_index()
    data = data.tail(MAX_POINTS).assign(month=lambda d: [_MONTHS[m - 1] for m in d["m"]])
    base = alt.Chart().encode(
        x=alt.X("month:O", title=None, sort=_MONTHS, axis=alt.Axis(labelAngle=0), scale=_GAPS),
        y=alt.Y("year:O", title=None, sort="descending", scale=_GAPS),
        tooltip=[
            alt.Tooltip("month:O", title="Month"),
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip("valence:Q", title="Pleasantness", format=".1f"),
            alt.Tooltip("n:Q", title="Check-ins"),
        ],
    )
    empty = base.mark_rect(color=NO_ENTRY, opacity=NO_ENTRY_OPACITY)
    empty = empty.transform_filter("datum.n == 0")
    filled = base.mark_rect().transform_filter("datum.n > 0")
    filled = filled.encode(
        color=alt.Color("valence:Q", title="Pleasantness", scale=_valence_scale())
    )
    sub = ["Colour: average pleasantness per month", "Grey: no entry"]
    height = max(120, 16 * int(data["year"].nunique()))
    return _layer(
        data, empty, filled, title=_title("Calendar by month", sub), width=width, height=height
    )


def calendar_heatmap(cal: pd.DataFrame, width: Width = "container") -> alt.LayerChart:
    """Week × weekday cells coloured by mean pleasantness; days without entries light grey.

    Takes `insights.calendar(...)`. More than 53 weeks of days would be unreadable as day cells,
    so longer calendars are drawn as a month × year grid instead.
    """
    if len(cal) > 53 * 7:
        return _month_grid(cal, width)
    base = alt.Chart().encode(
        x=alt.X("week:T", title=None, axis=alt.Axis(format="%b %Y", grid=False, tickCount="month")),
        x2=alt.X2("week_end:T"),
        y=alt.Y(
            "weekday_name:O",
            title=None,
            sort=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            scale=alt.Scale(paddingInner=0.15),
        ),
    )
    empty = (
        base.mark_rect(color=NO_ENTRY, opacity=NO_ENTRY_OPACITY, x2Offset=-1.5)
        .transform_filter("datum.n == 0")
        .encode(
            tooltip=[
                alt.Tooltip("day:T", title="Day", format="%a %-d %b %Y"),
                alt.Tooltip("n:Q", title="Check-ins"),
            ]
        )
    )
    filled = (
        base.mark_rect(x2Offset=-1.5)
        .transform_filter("datum.n > 0")
        .encode(
            color=alt.Color("valence:Q", title="Pleasantness", scale=_valence_scale()),
            tooltip=[
                alt.Tooltip("day:T", title="Day", format="%a %-d %b %Y"),
                alt.Tooltip("valence:Q", title="Pleasantness", format=".1f"),
                alt.Tooltip("n:Q", title="Check-ins"),
            ],
        )
    )
    sub = ["Colour: average pleasantness", "Grey: no entry"]
    data = cal.assign(week_end=cal["week"] + pd.Timedelta(days=7))
    return _layer(data, empty, filled, title=_title("Calendar", sub), width=width, height=150)
