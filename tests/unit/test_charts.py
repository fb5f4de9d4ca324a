"""Chart builders, tested on their Vega-Lite spec."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pytest

from attune import charts
from attune import insights as ins

SECRET = "my-private-body-text"
END = date(2024, 12, 31)
COLOURS = {1: "#0072B2", 2: "#E69F00", 3: "#CC79A7"}


def synth(n: int, members: int = 3, years: int = 30, seed: int = 7) -> pd.DataFrame:
    """``n`` entries spread over ``years`` years for ``members`` members, with a body column.

    The body is not part of the insights contract; it is there to prove it never reaches a chart.
    """
    rng = np.random.default_rng(seed)
    span = int(years * 365.25)
    start = pd.Timestamp(END) - pd.Timedelta(days=span - 1)
    offsets = rng.integers(0, span, n) * 86_400 + rng.integers(0, 86_400, n)
    when = (start + pd.to_timedelta(offsets, unit="s")).astype("datetime64[ns]")
    member_id = rng.integers(1, members + 1, n)
    tag_sets = [[], ["exercise"], ["work"], ["exercise", "friends"], ["sleep"]]
    feeling_sets = [["calm"], ["tired", "anxious"], ["glad"], ["proud", "calm"]]
    connection = pd.array(rng.integers(1, 6, n), dtype="Int64")
    connection[rng.random(n) < 0.3] = pd.NA
    return pd.DataFrame(
        {
            "uid": [f"uid-{i}" for i in range(n)],
            "member_id": member_id,
            "member": np.array(["Ana", "Ben", "Cy"])[member_id - 1],
            "occurred_local": when,
            "day": when.normalize(),
            "valence": rng.integers(1, 6, n),
            "energy": rng.integers(1, 6, n),
            "connection": connection,
            "tags": [tag_sets[i] for i in rng.integers(0, len(tag_sets), n)],
            "feelings": [feeling_sets[i] for i in rng.integers(0, len(feeling_sets), n)],
            "prompt_theme": rng.choice(np.array([None, "gratitude", "repair"], dtype=object), n),
            "reading_id": None,
            "body": SECRET,
        }
    )


def all_charts(e: pd.DataFrame, colours: dict[int, str] | None = COLOURS) -> dict[str, Any]:
    """Every builder on frames made from ``e``, as the Insights page would call them."""
    a = ins.aggregate_entries(e)
    d = ins.with_rolling(a.daily)
    return {
        "mood": charts.mood_over_time(d, colours),
        "side": charts.members_side_by_side(ins.member_series(d), colours),
        "quadrants": charts.quadrant_heatmap(ins.quadrant_grid(a.grid)),
        "calendar": charts.calendar_heatmap(ins.calendar(a.daily, END)),
        "calendar_all": charts.calendar_heatmap(ins.calendar(a.daily, END, days=365 * 30)),
        "feelings": charts.feelings_bar(ins.feeling_counts(a.words)),
        "weekday": charts.weekday_bar(ins.weekday_pattern(a.daily)),
        "time_of_day": charts.time_of_day_bar(ins.time_of_day_pattern(a.times)),
        "effects": charts.effects_chart(ins.factor_effects(a.daily, a.factor_days)),
    }


def embedded_rows(spec: Any) -> int:
    """Rows of data embedded anywhere in a spec (named datasets and inline values)."""
    if isinstance(spec, dict):
        own = sum(len(v) for v in spec.get("datasets", {}).values())
        inline = spec.get("values") if isinstance(spec.get("values"), list) else []
        rest = sum(embedded_rows(v) for k, v in spec.items() if k != "datasets")
        return own + len(inline) + rest
    if isinstance(spec, list):
        return sum(embedded_rows(v) for v in spec)
    return 0


def data_layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Layers that draw data (reference rules at 0 or 3 have their own one-row frame)."""
    layers = spec.get("layer", [spec])
    return [layer for layer in layers if isinstance(layer["encoding"].get("tooltip"), list)]


def mark(layer: dict[str, Any]) -> str:
    m = layer["mark"]
    return str(m["type"] if isinstance(m, dict) else m)


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    return synth(100_000)


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return synth(600, members=2, years=1)


# ---------------------------------------------------------------- budgets and safety


def test_no_chart_embeds_more_than_5000_rows(big: pd.DataFrame) -> None:
    for name, chart in all_charts(big).items():
        rows = embedded_rows(chart.to_dict())
        assert 0 < rows <= charts.MAX_POINTS, name


def test_long_series_is_aggregated_not_cut(big: pd.DataFrame) -> None:
    d = ins.with_rolling(ins.daily(big))
    capped, res = charts.capped(d)
    assert res == "week"
    assert capped["day"].min() <= d["day"].min() + pd.Timedelta(days=7)
    assert capped["n"].sum() == d["n"].sum()  # every check-in is still counted
    spec = charts.mood_over_time(d, COLOURS).to_dict()
    assert spec["title"]["subtitle"] == "Dots: monthly mean · line: 12-month mean"


@pytest.mark.parametrize(
    ("years", "subtitle"),
    [
        (1, "Dots: each day · line: 7-day mean"),
        (3, "Dots: weekly mean · line: 3-month mean"),
    ],
)
def test_resolution_follows_the_span(years: int, subtitle: str) -> None:
    d = ins.with_rolling(ins.daily(synth(2000, members=2, years=years)))
    assert charts.mood_over_time(d).to_dict()["title"]["subtitle"] == subtitle


def test_charts_carry_no_entry_text(small: pd.DataFrame) -> None:
    for name, chart in all_charts(small).items():
        text = chart.to_json()
        assert SECRET not in text, name
        assert "uid-" not in text, name


def test_every_chart_has_title_tooltips_and_container_width(small: pd.DataFrame) -> None:
    for name, chart in all_charts(small).items():
        spec = chart.to_dict()
        assert spec["width"] == "container", name
        assert spec.get("title"), name
        assert data_layers(spec), name


def test_builders_accept_empty_frames() -> None:
    empty = synth(0)
    for name, chart in all_charts(empty, colours=None).items():
        assert isinstance(chart, alt.Chart | alt.LayerChart), name
        json.loads(chart.to_json())


def test_fixed_width_for_the_pdf(small: pd.DataFrame) -> None:
    d = ins.with_rolling(ins.daily(small))
    assert charts.mood_over_time(d, width=600).to_dict()["width"] == 600


# ---------------------------------------------------------------- specs


def test_mood_over_time_spec(small: pd.DataFrame) -> None:
    spec = charts.mood_over_time(ins.with_rolling(ins.daily(small)), COLOURS).to_dict()
    points, line = spec["layer"]
    assert (mark(points), mark(line)) == ("circle", "line")
    assert points["mark"]["opacity"] < 0.5
    assert line["encoding"]["y"]["field"] == "trend"
    (rows,) = spec["datasets"].values()
    d = ins.with_rolling(ins.daily(small))
    assert [r["trend"] for r in rows] == pytest.approx(list(d["valence_7d"]))
    assert line["encoding"]["y"]["scale"]["domain"] == [1, 5]
    assert points["encoding"]["y"]["scale"]["domain"] == [1, 5]
    colour = points["encoding"]["color"]
    assert colour["field"] == "member"
    assert colour["scale"] == {"domain": ["Ana", "Ben"], "range": ["#0072B2", "#E69F00"]}
    fields = {t["field"] for t in points["encoding"]["tooltip"]}
    assert {"day", "valence", "trend", "n"} <= fields


def test_mood_over_time_single_member_has_no_legend(small: pd.DataFrame) -> None:
    ben = small[small["member_id"] == 2]
    spec = charts.mood_over_time(ins.with_rolling(ins.daily(ben)), COLOURS).to_dict()
    assert spec["layer"][0]["encoding"]["color"] == {"value": COLOURS[2]}  # Ben's own colour


def test_members_side_by_side_only_draws_given_members(small: pd.DataFrame) -> None:
    one = small[small["member_id"] == 1]
    chart = charts.members_side_by_side(ins.member_series(ins.daily(one)), COLOURS)
    spec = chart.to_dict()
    (line,) = data_layers(spec)
    assert mark(line) == "line"
    assert line["encoding"]["strokeDash"]["field"] == "member"
    assert line["encoding"]["color"]["scale"]["domain"] == ["Ana"]
    assert "Ben" not in chart.to_json()


def test_quadrant_heatmap_spec(small: pd.DataFrame) -> None:
    spec = charts.quadrant_heatmap(ins.quadrant_grid(ins.aggregate_entries(small).grid)).to_dict()
    cells, text = spec["layer"]
    assert (mark(cells), mark(text)) == ("rect", "text")
    assert cells["encoding"]["x"]["title"] == "Pleasantness"
    assert cells["encoding"]["y"]["title"] == "Energy"
    assert cells["encoding"]["color"]["field"] == "count"
    assert embedded_rows(spec) == 25


def test_calendar_heatmap_draws_gaps_grey() -> None:
    e = synth(40, members=1, years=1)
    cal = ins.calendar(ins.daily(e), END, days=120)
    spec = charts.calendar_heatmap(cal).to_dict()
    empty, filled = spec["layer"]
    assert (mark(empty), mark(filled)) == ("rect", "rect")
    assert empty["mark"]["color"] == charts.NO_ENTRY
    assert empty["transform"] == [{"filter": "datum.n == 0"}]
    assert filled["encoding"]["color"]["field"] == "valence"
    assert filled["encoding"]["color"]["scale"]["range"] == charts.VALENCE_RANGE
    assert filled["encoding"]["y"]["sort"][0] == "Mon"
    assert embedded_rows(spec) == 120


def test_long_calendar_becomes_a_month_grid(big: pd.DataFrame) -> None:
    spec = charts.calendar_heatmap(ins.calendar(ins.daily(big), END, days=365 * 30)).to_dict()
    empty, filled = spec["layer"]
    assert (mark(empty), mark(filled)) == ("rect", "rect")
    assert filled["encoding"]["x"]["sort"][0] == "Jan"
    assert filled["encoding"]["y"]["field"] == "year"
    assert 355 <= embedded_rows(spec) <= 361  # one row per month of 30 years


def test_bar_charts(small: pd.DataFrame) -> None:
    a = ins.aggregate_entries(small)
    feelings = charts.feelings_bar(ins.feeling_counts(a.words)).to_dict()
    assert mark(feelings) == "bar"
    assert feelings["encoding"]["y"] == {
        "field": "feeling",
        "sort": "-x",
        "title": None,
        "type": "nominal",
    }
    weekday = charts.weekday_bar(ins.weekday_pattern(a.daily)).to_dict()
    assert weekday["encoding"]["x"]["sort"] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert weekday["encoding"]["y"]["scale"]["domain"] == [1, 5]
    tod = charts.time_of_day_bar(ins.time_of_day_pattern(a.times)).to_dict()
    assert tod["encoding"]["x"]["sort"] == ["night", "morning", "afternoon", "evening"]
    assert {t["field"] for t in tod["encoding"]["tooltip"]} == {"bucket", "valence", "n"}


def test_effects_chart_spec() -> None:
    effects = pd.DataFrame(
        {
            "kind": ["tag", "theme"],
            "factor": ["exercise", "gratitude"],
            "days_with": [15, 8],
            "days_without": [15, 22],
            "mean_with": [4.0, 3.2],
            "mean_without": [3.0, 3.3],
            "diff": [1.0, -0.1],
            "ci_low": [0.6, -0.6],
            "ci_high": [1.4, 0.4],
            "certainty": [ins.FAIRLY_SURE, ins.UNSURE],
            "level": [0.95, 0.95],
        }
    )
    spec = charts.effects_chart(effects).to_dict()
    zero, bars, points = spec["layer"]
    assert [mark(x) for x in (zero, bars, points)] == ["rule", "rule", "point"]
    assert bars["encoding"]["x"]["field"] == "ci_low"
    assert bars["encoding"]["x2"]["field"] == "ci_high"
    assert points["encoding"]["x"]["field"] == "diff"
    assert [{"x": 0}] in spec["datasets"].values()  # the rule at zero
    assert "Line: where it likely lies (95% interval)" in spec["title"]["subtitle"]
    assert "cause" not in str(spec["title"])  # the page says the caveat, once


# ---------------------------------------------------------------- cap_points


def test_cap_points_weekly_then_monthly() -> None:
    days = pd.date_range("2024-01-01", periods=14, freq="D")  # Monday 1 Jan to Sunday 14 Jan
    df = pd.DataFrame(
        {
            "member_id": 1,
            "member": "Ana",
            "day": days,
            "valence": np.arange(1.0, 15.0),
            "n": 1,
        }
    )
    assert charts.cap_points(df, max_points=14) is df
    weekly, res = charts.capped(df, max_points=5)
    assert res == "week"
    assert list(weekly["day"]) == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-08")]
    assert list(weekly["valence"]) == [4.0, 11.0]
    assert list(weekly["n"]) == [7, 7]
    monthly, res = charts.capped(df, max_points=1)
    assert res == "month"
    assert monthly["valence"].tolist() == [7.5]


@pytest.mark.parametrize(
    "builder",
    [charts.mood_over_time, charts.members_side_by_side],
)
def test_series_builders_reject_nothing_on_one_day(builder: Callable[..., Any]) -> None:
    e = synth(1, members=1, years=1)
    chart = builder(ins.with_rolling(ins.daily(e)), None)
    assert embedded_rows(chart.to_dict()) >= 1
