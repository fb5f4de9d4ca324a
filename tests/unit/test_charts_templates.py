"""Trends draws each chart's spec with Altair once per shape and then only swaps its data
(components.vega.templated over the attune.charts ``*_parts``/``*_chart`` pairs). The swapped
spec must equal the one Altair would draw for the new data, and the pairs must draw what the
public builders draw."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from attune import charts
from attune import insights as ins
from components import vega
from tests.unit.test_charts import COLOURS, END, synth

# name -> (parts from an entries frame, the chart function, the public builder on the same input)
PAIRS: dict[str, tuple[Callable[[pd.DataFrame], Any], Callable[..., Any], Callable[..., Any]]] = {
    "mood": (lambda e: (ins.with_rolling(ins.daily(e)), COLOURS),
             charts.mood_over_time_chart, charts.mood_over_time),
    "mood_one": (lambda e: (ins.with_rolling(ins.daily(e[e["member_id"] == 1])),),
                 charts.mood_over_time_chart, charts.mood_over_time),
    "side": (lambda e: (ins.member_series(ins.daily(e)), COLOURS),
             charts.members_side_by_side_chart, charts.members_side_by_side),
    "quadrants": (lambda e: (ins.quadrant_grid(e),),
                  charts.quadrant_heatmap_chart, charts.quadrant_heatmap),
    "calendar": (lambda e: (ins.calendar(e, END),),
                 charts.calendar_heatmap_chart, charts.calendar_heatmap),
    "calendar_all": (lambda e: (ins.calendar(e, END, days=365 * 30),),
                     charts.calendar_heatmap_chart, charts.calendar_heatmap),
    "feelings": (lambda e: (ins.feeling_counts(e),),
                 charts.feelings_bar_chart, charts.feelings_bar),
    "weekday": (lambda e: (ins.weekday_pattern(e),), charts.weekday_bar_chart, charts.weekday_bar),
    "time_of_day": (lambda e: (ins.time_of_day_pattern(e),),
                    charts.time_of_day_bar_chart, charts.time_of_day_bar),
    "effects": (lambda e: (ins.factor_effects(e),), charts.effects_chart_chart,
                charts.effects_chart),
}  # fmt: skip

PARTS: dict[Callable[..., Any], Callable[..., tuple[pd.DataFrame, dict[str, Any]]]] = {
    charts.mood_over_time: charts.mood_over_time_parts,
    charts.members_side_by_side: charts.members_side_by_side_parts,
    charts.quadrant_heatmap: charts.quadrant_heatmap_parts,
    charts.calendar_heatmap: charts.calendar_heatmap_parts,
    charts.feelings_bar: charts.feelings_bar_parts,
    charts.weekday_bar: charts.weekday_bar_parts,
    charts.time_of_day_bar: charts.time_of_day_bar_parts,
    charts.effects_chart: charts.effects_chart_parts,
}


def _parts(name: str, e: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    inputs, _, public = PAIRS[name]
    return PARTS[public](*inputs(e))


@pytest.mark.parametrize("name", list(PAIRS))
def test_the_pairs_draw_what_the_builders_draw(name: str) -> None:
    e = synth(3000, seed=3)
    inputs, draw, public = PAIRS[name]
    data, params = _parts(name, e)
    assert vega.spec(lambda: draw(data, **params)) == vega.spec(lambda: public(*inputs(e)))


@pytest.mark.parametrize("name", list(PAIRS))
def test_a_templated_spec_equals_a_fresh_one(name: str) -> None:
    """The first frame draws the template; the others (the same shape, new data: as after a
    write) fill it. Each must equal Altair's own spec of that frame."""
    _, draw, _ = PAIRS[name]
    vega._TEMPLATES.clear()
    shapes: set[Any] = set()
    for seed in range(4):
        e = synth(2000 + seed, seed=seed)  # same span and members: mostly the same shape
        data, params = _parts(name, e)
        got = vega.templated(name, draw, data, params)
        assert got == vega.spec(lambda: draw(data, **params)), seed  # noqa: B023
        shapes.add(tuple(sorted(params.items())))
        assert len(vega._TEMPLATES) == len(shapes)  # one template per shape
    if name != "effects":  # its order and domain follow the data
        assert len(shapes) == 1


def test_a_template_is_not_changed_by_what_streamlit_does_with_a_spec() -> None:
    vega._TEMPLATES.clear()
    data, params = _parts("quadrants", synth(500, seed=1))
    first = vega.templated("quadrants", charts.quadrant_heatmap_chart, data, params)
    first["layer"].clear()
    first["datasets"].clear()
    again = vega.templated("quadrants", charts.quadrant_heatmap_chart, data, params)
    assert again == vega.spec(lambda: charts.quadrant_heatmap_chart(data, **params))


def test_shapes_do_not_share_a_template() -> None:
    vega._TEMPLATES.clear()
    e = synth(2000, seed=5)
    one, params_one = _parts("mood_one", e)
    several, params_several = _parts("mood", e)
    assert params_one != params_several
    for data, params in ((one, params_one), (several, params_several), (one, params_one)):
        got = vega.templated("mood", charts.mood_over_time_chart, data, params)
        assert got == vega.spec(lambda: charts.mood_over_time_chart(data, **params))  # noqa: B023
    assert len(vega._TEMPLATES) == 2
