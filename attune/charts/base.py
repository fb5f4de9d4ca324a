"""What every chart shares: colours, titles and sizes, and the series of day means capped at
`MAX_POINTS` rows (weeks, months or years when days would be too many)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import altair as alt
import numpy as np
import pandas as pd

MAX_POINTS = 5000

# ---------------------------------------------------------------- the one chart theme
# Every chart of the Trends page, Together, the review mode and the PDF report is drawn with
# these colours and `THEME`, set on each chart as it is made (`_sized`, `_layer`, `themed`).

# Okabe–Ito: distinguishable with every common colour-vision deficiency (one colour per member).
MEMBER_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
# Sequential valence ramp, unpleasant (muted purple) → pleasant (deep teal); lightness is monotone
# apart from the ends, so it reads without colour too.
VALENCE_RANGE = ["#b7a6d6", "#8f86bd", "#6a79a8", "#3f7f8f", "#1b6b66"]
ACCENT = "#1b6b66"  # one series, a clear finding
MUTED = "#9a9a9a"  # reference rules, an unclear finding; mid-grey reads on light and dark
# Counts (the mood map): pale → the accent, so the app has one hue family for "more".
DENSITY_RANGE = ["#e4efec", "#9cc3b9", "#4f8f84", "#1b6b66"]
INK = "#1f2a28"  # text on a pale cell (white on a dark one)
NO_ENTRY = MUTED  # days without entries: `MUTED` at `NO_ENTRY_OPACITY`, faint on either theme
NO_ENTRY_OPACITY = 0.22
PALETTE = frozenset([*MEMBER_PALETTE, *VALENCE_RANGE, *DENSITY_RANGE, ACCENT, MUTED, INK, "white"])
# The app's font (Streamlit's bundled Source Sans) in the browser; the PDF's DejaVu Sans in
# vl-convert, which has no Source Sans — the same stack lands on each medium's own text face.
FONT = '"Source Sans", "Source Sans 3", "Source Sans Pro", "DejaVu Sans", sans-serif'
# Vega-Lite config. No text or background colours: on the page Streamlit's chart theme
# (`theme="streamlit"`) supplies them for light and dark; the PDF keeps Vega's dark-on-white.
THEME: Final[dict[str, Any]] = {
    "font": FONT,
    "title": {"fontSize": 15, "subtitleFontSize": 12, "anchor": "start"},
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelFontSize": 12, "titleFontSize": 12},
    "range": {
        "category": list(MEMBER_PALETTE),
        "ramp": VALENCE_RANGE,
        "heatmap": DENSITY_RANGE,
    },
}
# A count is a whole number: its axis or legend never shows 2.5 check-ins.
COUNT_AXIS: Final[dict[str, Any]] = {"tickMinStep": 1, "format": "d"}

Width = int | str


def themed(chart: Any) -> Any:
    """``chart`` with `THEME` as its config (for charts built outside this package)."""
    chart.config = alt.Config(**THEME)
    return chart


def _valence_scale() -> alt.Scale:
    return alt.Scale(domain=[1, 2, 3, 4, 5], range=VALENCE_RANGE, type="linear")


def _layer(
    data: pd.DataFrame, *charts: alt.Chart, title: alt.TitleParams, width: Width, height: int
) -> alt.LayerChart:
    """Layers over one frame, held by the layer chart itself (layers with a frame of their own,
    such as a reference rule, keep it): the chart's data is ``chart.data``, one frame."""
    return alt.LayerChart(data=data, layer=list(charts), title=title, **_sized(width, height))


def _title(text: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    """A title; a subtitle of several lines (a list) stays whole on a phone's narrow chart."""
    return alt.TitleParams(text, subtitle=subtitle or "", anchor="start", font=FONT)


def _sized(width: Width, height: int) -> dict[str, Any]:
    """Size properties and `THEME`, set as the chart is made (``.properties()`` would check them
    against the schema each time). Each chart is a top-level chart: to concatenate two, drop
    their ``config`` first and set `THEME` on the concatenation."""
    return {
        "width": width,
        "height": height,
        "view": alt.ViewBackground(stroke=None),
        "config": alt.Config(**THEME),
    }


# ---------------------------------------------------------------- aggregation

# (resolution, smoothing window for the trend line, its name)
_LEVELS = (
    ("day", "7D", "7-day mean"),
    ("week", "91D", "3-month mean"),
    ("month", "365D", "12-month mean"),
    ("year", "1096D", "3-year mean"),
)
_NAMES = [level[0] for level in _LEVELS]
# A series spanning more than this many days starts at the next resolution, so decades of data
# read as months rather than as a solid band of daily noise.
_SPAN_FOR = {"week": 2 * 366, "month": 10 * 366}


def _period_starts(days: pd.Series, resolution: str) -> np.ndarray:
    """The first day of each day's week (a Monday), month or year, as datetime64[ns]."""
    d = days.to_numpy("datetime64[ns]").astype("datetime64[D]")
    if resolution == "week":  # 1970-01-01 was a Thursday: weekday (Monday 0) = (days + 3) % 7
        n = d.astype("int64")
        d = (n - (n + 3) % 7).astype("datetime64[D]")
    elif resolution in ("month", "year"):
        d = d.astype("datetime64[M]" if resolution == "month" else "datetime64[Y]")
    return d.astype("datetime64[ns]")


def _aggregate(
    df: pd.DataFrame, resolution: str, date_col: str, group_cols: Sequence[str]
) -> pd.DataFrame:
    """Mean of numeric columns (sum of ``n``) per period start and group."""
    keys = [c for c in group_cols if c in df]
    numeric = [c for c in df.select_dtypes("number").columns if c not in keys]
    agg = {c: ("sum" if c == "n" else "mean") for c in numeric}
    period = _period_starts(df[date_col], resolution)
    out = df.assign(**{date_col: period}).groupby([*keys, date_col], sort=True).agg(agg)
    return out.reset_index()


def _resolution(
    df: pd.DataFrame, max_points: int, date_col: str, group_cols: Sequence[str], start: str
) -> str:
    """The first resolution from ``start`` on whose series has at most ``max_points`` rows
    (counted, not computed), else "year"."""
    group = np.zeros(len(df), dtype="int64")
    for col in (c for c in group_cols if c in df):
        codes, uniques = pd.factorize(df[col])
        group = group * (len(uniques) + 1) + codes
    for name in _NAMES[_NAMES.index(start) :]:
        if name == "day":
            rows = len(df)
        else:  # days since 1970, shifted to be positive: one number per (group, period)
            days = _period_starts(df[date_col], name).astype("datetime64[D]").astype("int64")
            rows = len(np.unique(group * 4_000_000 + (days + 2_000_000)))
        if rows <= max_points:
            return name
    return "year"


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
    res = _resolution(df, max_points, date_col, group_cols, start)
    out = df if res == "day" else _aggregate(df, res, date_col, group_cols)
    return (out if len(out) <= max_points else out.tail(max_points)), res


def _start(data: pd.DataFrame) -> str:
    """The finest resolution worth drawing for the series' span of days."""
    span = (data["day"].max() - data["day"].min()).days
    return next((r for r in ("month", "week") if span > _SPAN_FOR[r]), "day")


def _series(df: pd.DataFrame, measure: str) -> tuple[pd.DataFrame, str, str]:
    """Chart-ready series: capped, readable resolution, trend column recomputed when aggregated.

    Returns the frame (``day``, ``measure``, ``trend``, ``n`` …), its resolution and the trend's
    name ("7-day mean" for daily data, longer windows for weekly, monthly or yearly means).
    """
    cols = [c for c in ["member_id", "member", "day", measure, f"{measure}_7d", "n"] if c in df]
    data = df[cols].astype({"member": str})
    if data.empty:
        return data.assign(trend=pd.Series(dtype="float64")), "day", "7-day mean"
    data, res = capped(data, start=_start(data))
    _, window, trend_name = _LEVELS[_NAMES.index(res)]
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


def trend_name(daily_with_rolling: pd.DataFrame, measure: str = "valence") -> str:
    """The trend line's window as `mood_over_time` and `members_side_by_side` name it for this
    frame ("7-day mean", "3-month mean" …), for text that goes with the chart."""
    if daily_with_rolling.empty:
        return _LEVELS[0][2]
    start = _start(daily_with_rolling)
    res = _resolution(daily_with_rolling, MAX_POINTS, "day", ("member_id", "member"), start)
    return _LEVELS[_NAMES.index(res)][2]


def _tooltip_day(res: str) -> alt.Tooltip:
    return alt.Tooltip("day:T", title="Day" if res == "day" else f"{res.capitalize()} from")
