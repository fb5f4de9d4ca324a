"""Altair chart builders: one function per chart, a frame from `attune.insights` in, a chart out.

Shared by the Trends page (`components.vega` draws the chart's Vega-Lite dict) and the PDF report
(pass ``width=600`` and render with vl-convert). A chart's data is one frame, held by the top
chart (``chart.data``); only fixed reference rules have a one-row frame of their own. Every chart
has a title, tooltips, readable axis titles and sends at most `MAX_POINTS` data rows: long daily
series are averaged to weeks, months or years first (`cap_points`). Charts carry numbers, dates,
feeling and tag words and member names only — never entry text.
"""

from .bars import effects_chart, feelings_bar, time_of_day_bar, weekday_bar
from .base import (
    ACCENT,
    COUNT_AXIS,
    DENSITY_RANGE,
    FONT,
    MAX_POINTS,
    MEMBER_PALETTE,
    MUTED,
    NO_ENTRY,
    NO_ENTRY_OPACITY,
    PALETTE,
    THEME,
    VALENCE_RANGE,
    Width,
    cap_points,
    capped,
    themed,
    trend_name,
)
from .cells import calendar_heatmap, quadrant_heatmap
from .series import members_side_by_side, mood_over_time

__all__ = [
    "ACCENT",
    "COUNT_AXIS",
    "DENSITY_RANGE",
    "FONT",
    "MAX_POINTS",
    "MEMBER_PALETTE",
    "MUTED",
    "NO_ENTRY",
    "NO_ENTRY_OPACITY",
    "PALETTE",
    "THEME",
    "VALENCE_RANGE",
    "Width",
    "calendar_heatmap",
    "cap_points",
    "capped",
    "effects_chart",
    "feelings_bar",
    "members_side_by_side",
    "mood_over_time",
    "quadrant_heatmap",
    "themed",
    "time_of_day_bar",
    "trend_name",
    "weekday_bar",
]
