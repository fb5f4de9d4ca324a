"""Trends draws each chart from its Vega-Lite dict (components.vega.spec): the chart's frame as
the named dataset ``rows`` (the frame itself), everything else exactly what Altair's own
``to_dict()`` (which validates against the Vega-Lite schema) makes of the same chart."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from components import vega
from tests.unit.test_charts import all_charts, synth


def _renamed(node: Any, old: str, new: str) -> Any:
    if isinstance(node, dict):
        if node == {"name": old}:
            return {"name": new}
        return {k: _renamed(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [_renamed(v, old, new) for v in node]
    return node


@pytest.fixture(scope="module")
def every_chart() -> dict[str, Any]:
    return all_charts(synth(3000, seed=3))


NAMES = ["mood", "side", "quadrants", "calendar", "calendar_all", "feelings", "weekday"]
NAMES += ["time_of_day", "effects"]


@pytest.mark.parametrize("name", NAMES)
def test_the_spec_is_altairs_with_the_frame_as_rows(every_chart: dict[str, Any], name: str) -> None:
    chart = every_chart[name]
    frame = chart.data
    assert isinstance(frame, pd.DataFrame)  # one frame, held by the top chart
    altair = chart.to_dict()  # validated
    got = vega.spec(lambda: chart)
    old = altair["data"]["name"]
    rows = got["datasets"].pop(vega.ROWS)
    others = {k: v for k, v in altair["datasets"].items() if k != old}  # reference rules
    expected = _renamed({**altair, "datasets": others}, old, vega.ROWS)
    title = expected.pop("title")  # shown as page text by `vega.draw`, from `usermeta`
    lines = title.get("subtitle") or []
    assert got.pop("usermeta") == {
        "title": title["text"],
        "subtitle": [lines] if isinstance(lines, str) else lines,
    }
    assert got == expected
    assert rows is frame
    assert chart.data is frame  # the chart itself is left as it was
    assert chart.to_dict() == altair
