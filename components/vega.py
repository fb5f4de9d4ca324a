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

from attune.domain.text import escape_markdown

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
    return _title_out(out)


def _title_out(out: Spec) -> Spec:
    """The chart's title moves to ``usermeta`` (which Vega ignores), for `draw` to show as page
    text: Streamlit's chart theme colours a title but not its subtitle (dark on a dark page), and
    page text wraps on a phone where a chart's title would be cut off. The PDF keeps its titles."""
    title = out.pop("title", None)
    if isinstance(title, dict):
        lines = title.get("subtitle") or []
        lines = [lines] if isinstance(lines, str) else list(lines)
        out["usermeta"] = {"title": str(title.get("text", "")), "subtitle": lines}
    elif title:
        out["usermeta"] = {"title": str(title), "subtitle": []}
    return out


def draw(chart_spec: Spec, alt_text: str) -> None:
    """A chart, then its text alternative (which may quote tag words, so it is escaped).

    Streamlit's chart theme gives the text, grid and background colours of the light or dark
    theme; the chart's own config (`attune.charts.THEME`: font, palette) overrides the rest."""
    meta = chart_spec.get("usermeta") or {}
    if meta.get("title"):
        st.markdown(f"**{escape_markdown(meta['title'])}**")
    if meta.get("subtitle"):
        safe.caption(" · ".join(meta["subtitle"]))
    st.vega_lite_chart(chart_spec, width="stretch", theme="streamlit", alt=alt_text)
    safe.caption(alt_text)
