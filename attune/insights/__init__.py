"""Pure pandas computations behind the Trends page and the PDF report: one analysis each.

Both read the same aggregate shape, `TrendAggregates`: the Trends page gets it from SQL through
the service (`attune.services.trends.trend_aggregates`), the PDF report from its entries through
`aggregate_entries`; then both call the same functions below, so they cannot disagree. Every
function takes frames already filtered to what the viewer may see (the visibility rule lives
upstream) and uses nothing else. Entries frames follow the entries contract: ``uid, member_id,
member, occurred_local, day, valence, energy, connection, tags, feelings, prompt_theme,
reading_id``. No function mutates its input; an empty frame gives an empty result.
"""

from __future__ import annotations

from .effects import (
    EFFECT_COLUMNS,
    FAIRLY_SURE,
    TOO_LITTLE,
    UNSURE,
    WIDE_HALF_WIDTH,
    describe_effect,
    describe_effects,
    factor_effects,
    is_finding,
)
from .frames import (
    DAILY_COLUMNS,
    ENTRY_COLUMNS,
    MEASURES,
    RANGES,
    TrendAggregates,
    aggregate_entries,
    daily,
    filter_range,
    member_series,
    on_this_day,
    range_start,
    with_rolling,
)
from .patterns import (
    QUADRANTS,
    THRESHOLDS,
    TIMES_OF_DAY,
    WEEKDAY_NAMES,
    WEEKDAYS,
    Readiness,
    calendar,
    divergent_days,
    feeling_counts,
    quadrant_grid,
    quadrant_of,
    readiness,
    time_of_day_pattern,
    top_feelings_by_quadrant,
    weekday_pattern,
)
from .text import (
    describe_calendar,
    describe_feelings,
    describe_pattern,
    describe_quadrants,
    describe_readiness,
    describe_trend,
)

__all__ = [
    "DAILY_COLUMNS",
    "EFFECT_COLUMNS",
    "ENTRY_COLUMNS",
    "FAIRLY_SURE",
    "MEASURES",
    "QUADRANTS",
    "RANGES",
    "THRESHOLDS",
    "TIMES_OF_DAY",
    "TOO_LITTLE",
    "UNSURE",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "WIDE_HALF_WIDTH",
    "Readiness",
    "TrendAggregates",
    "aggregate_entries",
    "calendar",
    "daily",
    "describe_calendar",
    "describe_effect",
    "describe_effects",
    "describe_feelings",
    "describe_pattern",
    "describe_quadrants",
    "describe_readiness",
    "describe_trend",
    "divergent_days",
    "factor_effects",
    "feeling_counts",
    "filter_range",
    "is_finding",
    "member_series",
    "on_this_day",
    "quadrant_grid",
    "quadrant_of",
    "range_start",
    "readiness",
    "time_of_day_pattern",
    "top_feelings_by_quadrant",
    "weekday_pattern",
    "with_rolling",
]
