"""Charts as ready-to-send Vega-Lite specs, so a cached chart costs nothing on a rerun.

`st.altair_chart` rebuilds and re-validates an Altair chart on every rerun (tens of milliseconds a
chart). `spec()` does that work once — Altair's schema validation skipped, because the builders in
`attune.charts` are validated by their own tests — and returns the same dict Streamlit would
make, its data already Arrow bytes. Cache it (keyed by viewer and revision) and `draw()` it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from contextlib import nullcontext
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from altair.utils import schemapi
from streamlit import dataframe_util

from attune.recent import Recent

from . import safe

try:  # Altair's theme and data transformer are process-wide: share Streamlit's lock on them.
    from streamlit.elements.vega_charts import _altair_globals_lock as _LOCK
except ImportError:  # pragma: no cover - a Streamlit without it
    _LOCK = threading.Lock()

Spec = dict[str, Any]


def _to_arrow(data: Any, datasets: dict[str, bytes]) -> dict[str, str]:
    """Altair data transformer: store the frame as Arrow bytes under a hash of its content."""
    payload = dataframe_util.convert_anything_to_arrow_bytes(data)
    name = hashlib.sha256(payload).hexdigest()[:32]
    datasets[name] = payload
    return {"name": name}


alt.data_transformers.register("attune_arrow", _to_arrow)


def spec(build: Callable[[], alt.TopLevelMixin]) -> Spec:
    """Build a chart and turn it into a Vega-Lite dict whose datasets are Arrow bytes."""
    datasets: dict[str, bytes] = {}
    with _LOCK, schemapi.debug_mode(False):
        theme = alt.theme.enable("none") if alt.theme.active == "default" else nullcontext()
        with theme, alt.data_transformers.enable("attune_arrow", datasets=datasets):
            out = build().to_dict(validate=False)
    out["datasets"] = {**out.get("datasets", {}), **datasets}
    return out


# (chart, shape parameters, theme) -> (spec drawn once, the name of its frame's dataset)
TEMPLATES = 128
_TEMPLATES: Recent[tuple[Spec, str]] = Recent(TEMPLATES)


def templated(
    key: Hashable,
    draw_chart: Callable[..., alt.TopLevelMixin],
    data: pd.DataFrame,
    params: dict[str, Any],
) -> Spec:
    """`spec(lambda: draw_chart(data, **params))`, but building the chart with Altair only once
    per (``key``, ``params``): later calls put ``data`` into a copy of that spec in place of the
    frame it was drawn with. Right for the `attune.charts` pairs ``*_parts``/``*_chart``, whose
    chart depends on its frame only as data (every encoding names its type, so Altair infers
    nothing from the frame); ``params`` must be hashable."""
    theme = alt.theme.active
    full_key = (key, theme, tuple(sorted(params.items())))
    found = _TEMPLATES.get(full_key)
    datasets: dict[str, bytes] = {}
    name = _to_arrow(data, datasets)["name"]
    if found is None:
        out = spec(lambda: draw_chart(data, **params))
        if name in out["datasets"]:  # else the frame is not in the spec (never reused)
            kept = {k: _renamed(v, name, name) for k, v in out.items() if k != "datasets"}
            kept["datasets"] = dict(out["datasets"])  # a copy: Streamlit may change `out`
            _TEMPLATES.put(full_key, (kept, name))
        return out
    template, old = found
    out = {k: _renamed(v, old, name) for k, v in template.items() if k != "datasets"}
    out["datasets"] = {**{k: v for k, v in template["datasets"].items() if k != old}, **datasets}
    return out


def _renamed(node: Any, old: str, new: str) -> Any:
    """A copy of a spec's part whose ``{"name": old}`` data references name ``new``."""
    if isinstance(node, dict):
        if node.get("name") == old and len(node) == 1:
            return {"name": new}
        return {k: _renamed(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [_renamed(v, old, new) for v in node]
    return node  # str, number, bool, None


def draw(chart_spec: Spec, alt_text: str) -> None:
    """A chart, then its text alternative (which may quote tag words, so it is escaped)."""
    st.vega_lite_chart(chart_spec, width="stretch", theme=None, alt=alt_text)
    safe.caption(alt_text)
