"""One chart theme (issue 16, defect 6): every chart — Trends, Together, the PDF report — carries
the same config (the app's font, one palette), draws colours from that palette only, counts on
whole-number axes, subtitles that fit a phone, and no caveat of its own (the page says it once)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import pytest

from attune import charts
from attune import insights as ins
from attune.charts_scores import scores_over_time
from tests.unit.test_charts import all_charts, synth

HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")
PHONE_LINE = 44  # characters of 12 px text across a chart on a 390 px screen


def every_chart() -> dict[str, alt.TopLevelMixin]:
    out: dict[str, Any] = dict(all_charts(synth(600, members=2, years=1)))
    long = ins.calendar(ins.daily(synth(800, members=1, years=3)), date(2024, 12, 31), 3 * 365)
    out["calendar_long"] = charts.calendar_heatmap(long)  # the month grid
    scores = pd.DataFrame(
        {
            "member_id": [1, 1, 2, 2],
            "member": ["Sam", "Sam", "Alex", "Alex"],
            "kind": ["who5"] * 4,
            "taken_at": pd.to_datetime(["2024-01-01", "2024-01-08"] * 2, utc=True),
            "score": [40, 60, 52, 64],
        }
    )
    out["scores"] = scores_over_time(scores, "who5")
    return out


CHARTS = every_chart()


def without_data(spec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in spec.items() if k != "datasets"}


def walk(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v, key)
    else:
        yield key, node


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_carries_the_one_theme(name: str) -> None:
    spec = CHARTS[name].to_dict()
    assert spec["config"]["font"] == charts.FONT, name
    assert "Source Sans" in charts.FONT and "DejaVu Sans" in charts.FONT  # the app's, the PDF's
    assert spec["config"]["range"]["category"] == list(charts.MEMBER_PALETTE), name
    fonts = {v for k, v in walk(without_data(spec)) if k.lower().endswith("font")}
    assert fonts <= {charts.FONT}, (name, fonts)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_colour_comes_from_the_palette(name: str) -> None:
    spec = without_data(CHARTS[name].to_dict())
    text = json.dumps({k: v for k, v in spec.items() if k != "config"})
    assert set(HEX.findall(text)) <= charts.PALETTE, name
    assert "scheme" not in text, name  # a named scheme would pick its own colours


def _count_encodings(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for layer in spec.get("layer", [spec]):
        for channel, enc in layer.get("encoding", {}).items():
            if channel in ("x", "y", "color") and enc.get("field") in ("count", "n"):
                found.append((channel, enc))
    return found


def test_count_axes_show_whole_numbers() -> None:
    seen = 0
    for name, chart in CHARTS.items():
        for channel, enc in _count_encodings(chart.to_dict()):
            guide = enc.get("legend" if channel == "color" else "axis") or {}
            assert guide.get("tickMinStep") == 1 and guide.get("format") == "d", (name, channel)
            seen += 1
    assert seen >= 2  # feeling words' axis, the mood map's legend


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_subtitles_fit_a_phone_and_carry_no_caveat(name: str) -> None:
    title = CHARTS[name].to_dict().get("title", {})
    title = title if isinstance(title, dict) else {"text": title}
    lines = title.get("subtitle") or []
    for line in [lines] if isinstance(lines, str) else lines:
        assert len(line) <= PHONE_LINE, (name, line)
    words = json.dumps(title).lower()
    assert "proof" not in words and "not cause" not in words, name
