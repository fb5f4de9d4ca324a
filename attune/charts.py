"""Altair chart builders: a frame from `attune.insights` in, a chart out.

Pure and shared by the Insights page (``st.altair_chart(chart, use_container_width=True)``) and
the PDF report (pass ``width=600`` and render with vl-convert). Every chart has a title, tooltips,
readable axis titles and sends at most `MAX_POINTS` data rows: long daily series are averaged to
weeks, months or years first (`cap_points`). Charts carry numbers, dates, feeling and tag words
and member names only — never entry text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar

import altair as alt
import pandas as pd

MAX_POINTS = 5000
# Okabe–Ito: distinguishable with every common colour-vision deficiency.
MEMBER_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
# Sequential valence ramp, unpleasant (muted purple) → pleasant (deep teal); lightness is monotone
# apart from the ends, so it reads without colour too.
VALENCE_RANGE = ["#b7a6d6", "#8f86bd", "#6a79a8", "#3f7f8f", "#1b6b66"]
DENSITY_SCHEME: Final = "purples"
NO_ENTRY = "#ececec"
ACCENT = "#1b6b66"
MUTED = "#9a9a9a"
FONT = "sans-serif"

Width = int | str
C = TypeVar("C", alt.Chart, alt.LayerChart)
# A chart in two steps: `*_parts` turns the input into the one frame the chart draws and the
# (hashable) parameters of its shape; `*_chart` draws exactly that frame with those parameters.
# The frame enters the spec only as data, so a spec drawn once for some parameters can take
# another frame with the same parameters (components.vega caches Trends' specs that way).
Parts = tuple[pd.DataFrame, dict[str, Any]]


def _valence_scale() -> alt.Scale:
    return alt.Scale(domain=[1, 2, 3, 4, 5], range=VALENCE_RANGE, type="linear")


def _layer(*charts: alt.Chart, title: alt.TitleParams) -> alt.LayerChart:
    return alt.LayerChart(layer=list(charts), title=title)


def _title(text: str, subtitle: str | None = None) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=subtitle or "", anchor="start", font=FONT)


def _finish(chart: C, width: Width, height: int) -> C:
    """Size the chart; no top-level ``configure_*`` so the PDF report can still concatenate."""
    return chart.properties(width=width, height=height, view=alt.ViewBackground(stroke=None))


# ---------------------------------------------------------------- aggregation

# (resolution, pandas period, smoothing window for the trend line, its name)
_LEVELS = (
    ("day", "D", "7D", "7-day mean"),
    ("week", "W-SUN", "91D", "3-month mean"),
    ("month", "M", "365D", "12-month mean"),
    ("year", "Y", "1096D", "3-year mean"),
)
_NAMES = [level[0] for level in _LEVELS]
# A series spanning more than this many days starts at the next resolution, so decades of data
# read as months rather than as a solid band of daily noise.
_SPAN_FOR = {"week": 2 * 366, "month": 10 * 366}


def _aggregate(
    df: pd.DataFrame, freq: str, date_col: str, group_cols: Sequence[str]
) -> pd.DataFrame:
    """Mean of numeric columns (sum of ``n``) per period start and group."""
    period = df[date_col].dt.to_period(freq).dt.start_time.astype("datetime64[ns]")
    keys = [c for c in group_cols if c in df]
    numeric = [c for c in df.select_dtypes("number").columns if c not in keys]
    agg = {c: ("sum" if c == "n" else "mean") for c in numeric}
    out = df.assign(**{date_col: period}).groupby([*keys, date_col], sort=True).agg(agg)
    return out.reset_index()


def cap_points(
    df: pd.DataFrame,
    max_points: int = MAX_POINTS,
    date_col: str = "day",
    group_cols: Sequence[str] = ("member_id", "member"),
) -> pd.DataFrame:
    """Keep a daily series within ``max_points`` rows by averaging to weeks, months, then years.

    Dates become each period's first day (weeks start on Monday); numeric columns are averaged
    per group, ``n`` (check-ins) is summed. A frame already small enough comes back unchanged.
    """
    return capped(df, max_points, date_col, group_cols)[0]


def capped(
    df: pd.DataFrame,
    max_points: int = MAX_POINTS,
    date_col: str = "day",
    group_cols: Sequence[str] = ("member_id", "member"),
    start: str = "day",
) -> tuple[pd.DataFrame, str]:
    """`cap_points` from resolution ``start`` on, plus the resolution used ("day" … "year")."""
    out = df
    for name, freq, _, _ in _LEVELS[_NAMES.index(start) :]:
        out = df if name == "day" else _aggregate(df, freq, date_col, group_cols)
        if len(out) <= max_points:
            return out, name
    return out.tail(max_points), "year"


def _series(df: pd.DataFrame, measure: str) -> tuple[pd.DataFrame, str, str]:
    """Chart-ready series: capped, readable resolution, trend column recomputed when aggregated.

    Returns the frame (``day``, ``measure``, ``trend``, ``n`` …), its resolution and the trend's
    name ("7-day mean" for daily data, longer windows for weekly, monthly or yearly means).
    """
    cols = [c for c in ["member_id", "member", "day", measure, f"{measure}_7d", "n"] if c in df]
    data = df[cols].astype({"member": str})
    if data.empty:
        return data.assign(trend=pd.Series(dtype="float64")), "day", "7-day mean"
    span = (data["day"].max() - data["day"].min()).days
    start = next((r for r in ("month", "week") if span > _SPAN_FOR[r]), "day")
    data, res = capped(data, start=start)
    _, _, window, trend_name = _LEVELS[_NAMES.index(res)]
    if res == "day" and f"{measure}_7d" in data:
        return data.rename(columns={f"{measure}_7d": "trend"}), res, trend_name
    data = data.sort_values(["member_id", "day"]).reset_index(drop=True)
    rolled = data.groupby("member_id").rolling(window, on="day", min_periods=1)[measure].mean()
    return data.assign(trend=rolled.to_numpy("float64")), res, trend_name


def _member_colour(df: pd.DataFrame, colours: Mapping[int, str] | None) -> alt.Scale:
    """Nominal scale mapping member names to their colours (palette colours when unset)."""
    pairs = df.drop_duplicates("member_id").sort_values("member_id")
    names = [str(m) for m in pairs["member"]]
    colours = colours or {}
    rng = [
        colours.get(int(i), MEMBER_PALETTE[k % len(MEMBER_PALETTE)])
        for k, i in enumerate(pairs["member_id"])
    ]
    return alt.Scale(domain=names, range=rng)


_WORDS = {"valence": "Pleasantness", "energy": "Energy", "connection": "Connection"}
_EACH = {"day": "each day", "week": "weekly mean", "month": "monthly mean", "year": "yearly mean"}


# ---------------------------------------------------------------- mood over time


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
    data, params = mood_over_time_parts(daily_with_rolling, colours, measure, width)
    return mood_over_time_chart(data, **params)


def mood_over_time_parts(
    daily_with_rolling: pd.DataFrame,
    colours: Mapping[int, str] | None = None,
    measure: str = "valence",
    width: Width = "container",
) -> Parts:
    data, res, trend = _series(daily_with_rolling, measure)
    scale = _member_colour(data, colours)
    several = data["member_id"].nunique() > 1
    single = scale.range[0] if len(data) else MEMBER_PALETTE[0]
    return data, {
        "res": res,
        "trend": trend,
        "measure": measure,
        "width": width,
        "names": tuple(scale.domain) if several else None,
        "colours": tuple(scale.range) if several else (single,),
    }


def mood_over_time_chart(
    data: pd.DataFrame,
    *,
    res: str,
    trend: str,
    measure: str,
    width: Width,
    names: tuple[str, ...] | None,
    colours: tuple[str, ...],
) -> alt.LayerChart:
    word = _WORDS[measure]
    colour: Any = (
        alt.Color(
            "member:N",
            scale=alt.Scale(domain=list(names), range=list(colours)),
            title="Member",
            legend=alt.Legend(symbolOpacity=1),
        )
        if names is not None
        else alt.ColorValue(colours[0])
    )
    tooltip = [
        alt.Tooltip("day:T", title="Day" if res == "day" else f"{res.capitalize()} from"),
        alt.Tooltip("member:N", title="Member"),
        alt.Tooltip(f"{measure}:Q", title=word, format=".1f"),
        alt.Tooltip("trend:Q", title=trend.capitalize(), format=".1f"),
        alt.Tooltip("n:Q", title="Check-ins"),
    ]
    scale = alt.Scale(domain=[1, 5])
    base = alt.Chart(data).encode(x=alt.X("day:T", title="Date"), color=colour, tooltip=tooltip)
    points = base.mark_circle(size=18, opacity=0.3).encode(
        y=alt.Y(f"{measure}:Q", title=f"{word} (1–5)", scale=scale)
    )
    line = base.mark_line(strokeWidth=2.5, interpolate="monotone").encode(
        y=alt.Y("trend:Q", title=f"{word} (1–5)", scale=scale), detail=alt.Detail("member:N")
    )
    sub = f"Dots: {_EACH[res]} · line: {trend}"
    return _finish(_layer(points, line, title=_title(f"{word} over time", sub)), width, 260)


def members_side_by_side(
    daily_with_rolling: pd.DataFrame,
    colours: Mapping[int, str] | None = None,
    measure: str = "valence",
    width: Width = "container",
) -> alt.LayerChart:
    """Each member's trend (7-day mean) on one shared axis; colour *and* dash tell them apart.

    Takes `insights.member_series(...)`; only members present in the frame are drawn.
    """
    data, params = members_side_by_side_parts(daily_with_rolling, colours, measure, width)
    return members_side_by_side_chart(data, **params)


def members_side_by_side_parts(
    daily_with_rolling: pd.DataFrame,
    colours: Mapping[int, str] | None = None,
    measure: str = "valence",
    width: Width = "container",
) -> Parts:
    data, res, trend = _series(daily_with_rolling, measure)
    scale = _member_colour(data, colours)
    return data, {
        "res": res,
        "trend": trend,
        "measure": measure,
        "width": width,
        "names": tuple(scale.domain),
        "colours": tuple(scale.range),
    }


def members_side_by_side_chart(
    data: pd.DataFrame,
    *,
    res: str,
    trend: str,
    measure: str,
    width: Width,
    names: tuple[str, ...],
    colours: tuple[str, ...],
) -> alt.LayerChart:
    word = _WORDS[measure]
    scale = alt.Scale(domain=list(names), range=list(colours))
    dashes = alt.Scale(domain=scale.domain, range=[[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]])
    line = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.5, interpolate="monotone")
        .encode(
            x=alt.X("day:T", title="Date"),
            y=alt.Y("trend:Q", title=f"{word}, {trend} (1–5)", scale=alt.Scale(domain=[1, 5])),
            color=alt.Color("member:N", scale=scale, title="Member"),
            strokeDash=alt.StrokeDash("member:N", title="Member", scale=dashes),
            tooltip=[
                alt.Tooltip("day:T", title="Day" if res == "day" else f"{res.capitalize()} from"),
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
    return _finish(_layer(rule, line, title=_title(f"{word}, side by side", sub)), width, 260)


# ---------------------------------------------------------------- distributions


def quadrant_heatmap(grid: pd.DataFrame, width: Width = "container") -> alt.LayerChart:
    """5×5 density of check-ins: pleasantness across, energy up; counts written in the cells."""
    data, params = quadrant_heatmap_parts(grid, width)
    return quadrant_heatmap_chart(data, **params)


def quadrant_heatmap_parts(grid: pd.DataFrame, width: Width = "container") -> Parts:
    peak = max(int(grid["count"].max()), 1) if len(grid) else 1
    return grid.assign(dark=grid["count"] > peak * 0.55), {"width": width}


def quadrant_heatmap_chart(grid: pd.DataFrame, *, width: Width) -> alt.LayerChart:
    base = alt.Chart(grid).encode(
        x=alt.X(
            "valence:O", title="Pleasantness", sort=[1, 2, 3, 4, 5], axis=alt.Axis(labelAngle=0)
        ),
        y=alt.Y("energy:O", title="Energy", sort=[5, 4, 3, 2, 1]),
        tooltip=[
            alt.Tooltip("valence:O", title="Pleasantness"),
            alt.Tooltip("energy:O", title="Energy"),
            alt.Tooltip("count:Q", title="Check-ins"),
        ],
    )
    cells = base.mark_rect(cornerRadius=3, stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "count:Q", title="Check-ins", scale=alt.Scale(scheme=DENSITY_SCHEME, domainMin=0)
        )
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("count:Q"),
        color=alt.ColorValue("#333333", condition={"test": "datum.dark", "value": "white"}),
    )
    sub = "1 = very unpleasant / low energy · 5 = very pleasant / high energy"
    return _finish(_layer(cells, text, title=_title("Mood map", sub)), width, 260)


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _month_grid_parts(cal: pd.DataFrame, width: Width) -> Parts:
    g = cal.groupby([cal["day"].dt.year.rename("year"), cal["day"].dt.month.rename("m")])
    data = pd.DataFrame({"valence": g["valence"].mean(), "n": g["n"].sum()}).reset_index()
    data = data.tail(MAX_POINTS).assign(month=lambda d: [_MONTHS[m - 1] for m in d["m"]])
    return data, {
        "months": True,
        "width": width,
        "height": max(120, 16 * int(data["year"].nunique())),
    }


def _month_grid(data: pd.DataFrame, width: Width, height: int) -> alt.LayerChart:
    """Month × year cells (mean of the days' means) for calendars longer than about a year."""
    base = alt.Chart(data).encode(
        x=alt.X("month:O", title=None, sort=_MONTHS, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("year:O", title=None, sort="descending"),
        tooltip=[
            alt.Tooltip("month:O", title="Month"),
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip("valence:Q", title="Pleasantness", format=".1f"),
            alt.Tooltip("n:Q", title="Check-ins"),
        ],
    )
    empty = base.mark_rect(color=NO_ENTRY, stroke="white").transform_filter("datum.n == 0")
    filled = base.mark_rect(stroke="white").transform_filter("datum.n > 0")
    filled = filled.encode(
        color=alt.Color("valence:Q", title="Pleasantness", scale=_valence_scale())
    )
    sub = "Colour: average pleasantness per month · grey: no entry"
    chart = _layer(empty, filled, title=_title("Calendar by month", sub))
    return _finish(chart, width, height)


def calendar_heatmap(cal: pd.DataFrame, width: Width = "container") -> alt.LayerChart:
    """Week × weekday cells coloured by mean pleasantness; days without entries light grey.

    Takes `insights.calendar(...)`. More than 53 weeks of days would be unreadable as day cells,
    so longer calendars are drawn as a month × year grid instead.
    """
    data, params = calendar_heatmap_parts(cal, width)
    return calendar_heatmap_chart(data, **params)


def calendar_heatmap_parts(cal: pd.DataFrame, width: Width = "container") -> Parts:
    if len(cal) > 53 * 7:
        return _month_grid_parts(cal, width)
    data = cal.assign(week_end=lambda d: d["week"] + pd.Timedelta(days=7))
    return data, {"months": False, "width": width, "height": 150}


def calendar_heatmap_chart(
    data: pd.DataFrame, *, months: bool, width: Width, height: int
) -> alt.LayerChart:
    if months:
        return _month_grid(data, width, height)
    base = alt.Chart(data).encode(
        x=alt.X("week:T", title=None, axis=alt.Axis(format="%b %Y", grid=False, tickCount="month")),
        x2=alt.X2("week_end:T"),
        y=alt.Y(
            "weekday_name:O", title=None, sort=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        ),
    )
    empty = (
        base.mark_rect(color=NO_ENTRY, stroke="white", strokeWidth=1)
        .transform_filter("datum.n == 0")
        .encode(
            tooltip=[
                alt.Tooltip("day:T", title="Day", format="%a %-d %b %Y"),
                alt.Tooltip("n:Q", title="Check-ins"),
            ]
        )
    )
    filled = (
        base.mark_rect(stroke="white", strokeWidth=1)
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
    sub = "Colour: average pleasantness · grey: no entry"
    return _finish(_layer(empty, filled, title=_title("Calendar", sub)), width, height)


def feelings_bar(counts: pd.DataFrame, width: Width = "container") -> alt.Chart:
    """Horizontal bars of the most named feeling words (`insights.feeling_counts`)."""
    data, params = feelings_bar_parts(counts, width)
    return feelings_bar_chart(data, **params)


def feelings_bar_parts(counts: pd.DataFrame, width: Width = "container") -> Parts:
    return counts.head(MAX_POINTS), {"width": width, "height": max(120, 22 * len(counts))}


def feelings_bar_chart(data: pd.DataFrame, *, width: Width, height: int) -> alt.Chart:
    chart = (
        alt.Chart(data)
        .mark_bar(color=ACCENT, cornerRadiusEnd=3)
        .encode(
            x=alt.X("count:Q", title="Times named"),
            y=alt.Y("feeling:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("feeling:N", title="Feeling"),
                alt.Tooltip("count:Q", title="Times"),
            ],
        )
        .properties(title=_title("Feelings you named most"))
    )
    return _finish(chart, width, height)


def _mean_bars(
    df: pd.DataFrame, label: str, order: list[str], title: str, x_title: str, width: Width
) -> alt.Chart:
    n_title = "Check-in days" if label == "weekday_name" else "Check-ins"
    chart = (
        alt.Chart(df)
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
        .properties(title=_title(title))
    )
    return _finish(chart, width, 220)


def weekday_bar(pattern: pd.DataFrame, width: Width = "container") -> alt.Chart:
    """Average pleasantness per weekday (`insights.weekday_pattern`); empty weekdays have no bar."""
    data, params = weekday_bar_parts(pattern, width)
    return weekday_bar_chart(data, **params)


def weekday_bar_parts(pattern: pd.DataFrame, width: Width = "container") -> Parts:
    return pattern, {"width": width}


def weekday_bar_chart(pattern: pd.DataFrame, *, width: Width) -> alt.Chart:
    order = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    return _mean_bars(pattern, "weekday_name", order, "Pleasantness by weekday", "Weekday", width)


def time_of_day_bar(pattern: pd.DataFrame, width: Width = "container") -> alt.Chart:
    """Average pleasantness per time of day (`insights.time_of_day_pattern`)."""
    data, params = time_of_day_bar_parts(pattern, width)
    return time_of_day_bar_chart(data, **params)


def time_of_day_bar_parts(pattern: pd.DataFrame, width: Width = "container") -> Parts:
    return pattern, {"width": width}


def time_of_day_bar_chart(pattern: pd.DataFrame, *, width: Width) -> alt.Chart:
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
    data, params = effects_chart_parts(effects, width, max_factors)
    return effects_chart_chart(data, **params)


def effects_chart_parts(
    effects: pd.DataFrame, width: Width = "container", max_factors: int = 25
) -> Parts:
    data = effects.head(max_factors).assign(
        label=lambda d: d["factor"].astype(str) + " (" + d["kind"].astype(str) + ")",
        clear=lambda d: d["certainty"] == "fairly sure",
    )
    lo = min([0.0, *data["ci_low"].dropna()]) - 0.1
    hi = max([0.0, *data["ci_high"].dropna()]) + 0.1
    level = float(data["level"].iloc[0]) if len(data) and "level" in data else 0.95
    order = tuple(data.sort_values("diff", ascending=False)["label"])
    return data, {"width": width, "order": order, "lo": lo, "hi": hi, "level": level}


def effects_chart_chart(
    data: pd.DataFrame,
    *,
    width: Width,
    order: tuple[str, ...],
    lo: float,
    hi: float,
    level: float,
) -> alt.LayerChart:
    y = alt.Y("label:N", title=None, sort=list(order), axis=alt.Axis(labelLimit=260))
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
        legend=alt.Legend(title="Interval excludes 0", labelExpr="datum.value ? 'yes' : 'no'"),
    )
    base = alt.Chart(data).encode(y=y, color=colour, tooltip=tooltip)
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
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#555555").encode(x=alt.X("x:Q"))
    sub = f"Dot: difference · line: {level:.0%} interval · associations, not causes"
    chart = _layer(zero, bars, points, title=_title("What goes with better days", sub))
    return _finish(chart, width, max(120, 26 * len(data)))
