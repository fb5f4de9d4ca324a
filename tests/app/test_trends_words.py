"""Trends says each caveat once, in plain words, and its calendar follows the chosen range
(issue 16, defect 6)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import date

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.demo import generate
from attune.services import Journal
from tests.factories import make_member
from tests.viewers import V

Open = Callable[..., AppTest]
CAVEAT = re.compile(r"associat|proof|caus", re.IGNORECASE)


def _page_text(at: AppTest) -> str:
    """Everything the page says: captions (the charts' subtitles among them), text, markdown
    (the charts' titles) and anything left in the chart specs."""
    titles = [json.dumps(json.loads(c.proto.spec).get("title")) for c in at.get("vega_lite_chart")]
    parts = [c.value for c in at.caption] + [t.value for t in at.text]
    return "\n".join([*parts, *(str(m.value) for m in at.markdown), *titles]).replace("\\", "")


def _page_dataset(at: AppTest, title: str) -> pd.DataFrame:
    """The rows the page sends for the chart titled `title` (its Arrow dataset)."""
    for chart in at.get("vega_lite_chart"):
        if json.loads(chart.proto.spec)["usermeta"]["title"] == title:
            (data,) = [d.data.data for d in chart.proto.datasets]
            return pa.ipc.open_stream(io.BytesIO(data)).read_all().to_pandas()
    raise AssertionError(f"no chart titled {title!r}")


def _year_of(journal: Journal) -> int:
    sam = make_member(journal, "Sam")
    journal.add_entries_bulk(
        V(sam.id), generate(member_index=0, members=1, years=1, seed=5, end=date.today())
    )
    return sam.id


def test_trends_says_the_caveat_once_and_explains_the_interval(app: Open, journal: Journal) -> None:
    at = app("views/trends.py", member_id=_year_of(journal))
    at.session_state["trends_range"] = "A year"
    at.run()
    text = _page_text(at)
    findings = [t.value for t in at.text if t.value.startswith("• ")]
    assert findings, "the demo year has clear findings, each a sentence of its own"
    assert len(CAVEAT.findall(text)) == 1, CAVEAT.findall(text)
    assert text.count(messages.TRENDS_CAVEAT) == 1
    assert text.count(messages.TRENDS_INTERVAL) == 1
    assert "neutral middle" not in text


def test_the_calendar_follows_the_range(app: Open, journal: Journal) -> None:
    at = app("views/trends.py", member_id=_year_of(journal))
    at.session_state["trends_range"] = "30 days"
    at.run()
    assert len(_page_dataset(at, "Calendar")) == 30
    assert any("of 30 days" in c.value for c in at.caption)
    at.session_state["trends_range"] = "A year"
    at.run()
    assert len(_page_dataset(at, "Calendar")) == 365
