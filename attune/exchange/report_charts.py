"""The trend charts of an export, from its check-ins, with the app's own builders.

`frame(data)` turns an export's check-ins into the entries frame `attune.insights` expects and
`insights.aggregate_entries` into the aggregates the Trends page gets from SQL, so the PDF report
and the therapist's review mode run the page's own analyses and draw its charts
(`attune.charts`), from numbers and feeling words only.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from attune import charts, insights
from attune.charts_scores import scores_over_time
from attune.domain.exports import ExportData
from attune.messages.plural import plural

CLIENT = 1  # the one member in an export's frame
MIN_CALENDAR_DAYS = 28
FEELINGS_TITLE = alt.TitleParams("Feelings named most", anchor="start", font=charts.FONT)


@dataclass(frozen=True)
class ReportChart:
    key: str
    chart: alt.Chart | alt.LayerChart
    alt_text: str


def frame(data: ExportData) -> pd.DataFrame:
    local = [c.occurred_at.replace(tzinfo=None) for c in data.checkins]
    out = pd.DataFrame(
        {
            "uid": [str(i) for i in range(len(data.checkins))],
            "member_id": pd.Series([CLIENT] * len(local), dtype="int64"),
            "member": pd.Series([data.member] * len(local), dtype="object"),
            "occurred_local": pd.Series(local, dtype="datetime64[ns]"),
            "valence": pd.Series([c.valence for c in data.checkins], dtype="int64"),
            "energy": pd.Series([c.energy for c in data.checkins], dtype="int64"),
            "connection": pd.Series([c.connection for c in data.checkins], dtype="Int64"),
            "tags": pd.Series([[] for _ in local], dtype="object"),
            "feelings": pd.Series([list(c.feelings) for c in data.checkins], dtype="object"),
            "prompt_theme": pd.Series([None] * len(local), dtype="object"),
            "reading_id": pd.Series([None] * len(local), dtype="object"),
        }
    )
    out["day"] = out["occurred_local"].dt.normalize()
    return out[list(insights.ENTRY_COLUMNS)]


def _calendar_days(data: ExportData) -> tuple[pd.Timestamp, int]:
    last = data.end or data.summary.last
    first = data.start or data.summary.first
    assert last is not None and first is not None
    days = max(MIN_CALENDAR_DAYS, (last - first).days + 1)
    return pd.Timestamp(last), days


def trend_charts(data: ExportData, width: int | str = "container") -> list[ReportChart]:
    """Mood over time, the mood map, the calendar and feeling words, as far as data allows: the
    Trends page's analyses of the same aggregates (`insights.aggregate_entries`)."""
    entries = frame(data)
    if entries.empty:
        return []
    agg = insights.aggregate_entries(entries)
    ready = insights.readiness(agg.daily)["needs"]
    out = []
    if not ready["mood_over_time"]:
        daily = insights.with_rolling(agg.daily)
        out.append(
            ReportChart(
                "mood", charts.mood_over_time(daily, width=width), insights.describe_trend(daily)
            )
        )
    grid = insights.quadrant_grid(agg.grid)
    out.append(
        ReportChart(
            "map", charts.quadrant_heatmap(grid, width=width), insights.describe_quadrants(grid)
        )
    )
    end, days = _calendar_days(data)
    cal = insights.calendar(agg.daily, end.date(), days=days)
    filled = int((cal["n"] > 0).sum())
    out.append(
        ReportChart(
            "calendar",
            charts.calendar_heatmap(cal, width=width),
            plural(
                len(cal), "Check-ins on {k} of {n} day.", "Check-ins on {k} of {n} days.", k=filled
            ),
        )
    )
    counts = insights.feeling_counts(agg.words, n=10)
    if not counts.empty:
        # The Trends page speaks to the person ("Feelings you named most"); a report is read by
        # someone else, so the same chart gets a third-person title.
        bar = charts.feelings_bar(counts, width=width).properties(title=FEELINGS_TITLE)
        text = insights.describe_feelings(counts).replace("Most often you felt", "Most often felt")
        out.append(ReportChart("feelings", bar, text))
    return out


def score_charts(data: ExportData, width: int | str = "container") -> list[ReportChart]:
    """Each questionnaire answered at least twice, over time (CSI-4 0–21, WHO-5 0–100)."""
    rows = [
        {
            "member_id": CLIENT,
            "member": data.member,
            "kind": a.kind,
            "taken_at": pd.Timestamp(a.taken_at),
            "score": a.score,
        }
        for a in data.assessments
    ]
    if not rows:
        return []
    scores = pd.DataFrame(rows)
    scores["taken_at"] = pd.to_datetime(scores["taken_at"], utc=True)
    out = []
    for kind in sorted(scores["kind"].unique()):
        if int((scores["kind"] == kind).sum()) >= 2:
            chart = scores_over_time(scores, str(kind)).properties(width=width)
            out.append(ReportChart(f"scores-{kind}", chart, ""))
    return out
