"""Altair charts as Vega-Lite dicts, drawn with `st.vega_lite_chart`. Public Streamlit and
Altair API only.

`st.altair_chart` converts and validates a chart on every rerun. `spec()` makes a chart of
`attune.charts` and turns it into its Vega-Lite dict once, through Altair's ``to_dict`` (the
schema check is left to the tests of `attune.charts`, which validate every builder), with the
chart's frame as the named dataset `ROWS`; Trends caches that dict per analysis, so a warm rerun
only sends it. The frame stays a DataFrame, which `st.vega_lite_chart` turns into Arrow as it
does any chart data: as JSON records it cost the Trends page 20 ms more per warm rerun and 50 ms
more per cold one at 100,000 entries (range "All").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from altair.utils import schemapi

from . import safe

Spec = dict[str, Any]
ROWS = "rows"  # the dataset name of a chart's frame


def spec(build: Callable[[], alt.Chart | alt.LayerChart]) -> Spec:
    """The chart that ``build`` makes, as a Vega-Lite dict whose frame (``chart.data``) is the
    dataset `ROWS`.

    Altair checks every schema object against the schema as it is made ("debug mode"), which
    costs more than making the chart; `attune.charts`' tests validate every builder, so the
    chart is made and converted with those checks off. (The switch is process-wide in Altair;
    two sessions at once can at worst leave it off, which changes no chart.)"""
    with schemapi.debug_mode(False):
        chart = build()
        data = chart.data
        if not isinstance(data, pd.DataFrame):
            return chart.to_dict(validate=False)
        chart.data = alt.NamedData(name=ROWS)  # the frame goes into `datasets` as it is
        try:
            out = chart.to_dict(validate=False)
        finally:
            chart.data = data
    out["datasets"] = {**out.get("datasets", {}), ROWS: data}
    return out


def draw(chart_spec: Spec, alt_text: str) -> None:
    """A chart, then its text alternative (which may quote tag words, so it is escaped)."""
    st.vega_lite_chart(chart_spec, width="stretch", theme=None, alt=alt_text)
    safe.caption(alt_text)
