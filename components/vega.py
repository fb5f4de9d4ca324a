"""Charts as ready-to-send Vega-Lite specs, so a cached chart costs nothing on a rerun.

`st.altair_chart` rebuilds and re-validates an Altair chart on every rerun (tens of milliseconds a
chart). `spec()` does that work once — Altair's schema validation skipped, because the builders in
`attune.charts` are validated by their own tests — and returns the same dict Streamlit would
make, its data already Arrow bytes. Cache it (keyed by viewer and revision) and `draw()` it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

import altair as alt
import streamlit as st
from altair.utils import schemapi
from streamlit import dataframe_util

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


def draw(chart_spec: Spec, alt_text: str) -> None:
    """A chart, then its text alternative (which may quote tag words, so it is escaped)."""
    st.vega_lite_chart(chart_spec, width="stretch", theme=None, alt=alt_text)
    safe.caption(alt_text)
