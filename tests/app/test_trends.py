"""AppTest of the Trends page on demo data, sparse data and an empty journal."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.demo import generate
from attune.domain.entries import Visibility
from attune.domain.exports import Scope, assemble
from attune.exchange import report_charts
from attune.services import Journal
from tests.factories import TZ, make_entry, make_member
from tests.viewers import V

Open = Callable[..., AppTest]
SECTIONS = ["Mood over time", "Pleasantness and energy", "Your calendar", "Feeling words", "Rhythms",
            "What goes with better days", "On this day", "Side by side"]  # fmt: skip


def test_trends_on_demo_data(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    for i, member in enumerate((sam, alex)):
        journal.add_entries_bulk(V(member.id), generate(member_index=i, members=2, years=0.5, seed=3,
                                                     end=date.today()))  # fmt: skip
    at = app("views/trends.py", member_id=sam.id)
    assert [s.value for s in at.subheader] == SECTIONS
    assert len(at.get("vega_lite_chart")) >= 7
    captions = " ".join(c.value for c in at.caption)
    assert "Pleasantness averaged" in captions
    assert messages.TRENDS_CAVEAT in captions
    assert "Each member's pleasantness over time (7-day mean)" in captions.replace("\\", "")
    # the days your moods differed most: scores, never "None"
    table = next(d.value for d in at.table if "Day" in d.value.columns)
    assert not table.isna().any().any()
    scores = table.drop(columns=["Day"]).to_numpy().ravel()
    assert all(v == "—" or 0 <= float(v) <= 5 for v in scores)


def test_side_by_side_names_its_window_on_a_long_range(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    for i, member in enumerate((sam, alex)):
        journal.add_entries_bulk(V(member.id), generate(member_index=i, members=2, years=3, seed=3,
                                                     end=date.today()))  # fmt: skip
    at = app("views/trends.py", member_id=sam.id)
    at.session_state["trends_range"] = "All"
    at.run()
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # captions are escaped
    assert "Each member's pleasantness over time (3-month mean)" in captions


def test_trends_sparse_state_says_what_comes_next(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, occurred_at=datetime.combine(date.today(), time(9), TZ))
    at = app("views/trends.py", member_id=sam.id)
    captions = " ".join(c.value for c in at.caption)
    assert "more day" in captions  # e.g. "1 more day of check-ins and your mood over time appears."


def test_trends_empty(app: Open, journal: Journal) -> None:
    sam = make_member(journal)
    at = app("views/trends.py", member_id=sam.id)
    assert "first check-ins" in at.info[0].value


def test_private_entries_of_others_never_reach_the_charts(app: Open, journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    start = datetime.combine(date.today() - timedelta(days=20), time(9), TZ)
    for d in range(20):
        make_entry(journal, sam, occurred_at=start + timedelta(days=d), body="",
                   tags=("zanzibar-secret",), feelings=("jealous",))  # fmt: skip
        make_entry(journal, alex, occurred_at=start + timedelta(days=d), body="",
                   visibility=Visibility.SHARED, tags=("shared-tag",))  # fmt: skip
    at = app("views/trends.py", member_id=alex.id)
    specs = " ".join(str(c.proto.spec) + str(c.proto.datasets) for c in at.get("vega_lite_chart"))
    page = (
        specs + " ".join(str(m.value) for m in at.markdown) + " ".join(c.value for c in at.caption)
    )
    assert "valence" in specs  # the chart specs and their data really are inspected
    assert "zanzibar-secret" not in page
    assert "Sam" not in page  # Sam shared nothing, so Sam appears in no series


def _page_dataset(at: AppTest, title: str) -> pd.DataFrame:
    """The rows the page sends for the chart titled `title` (its Arrow dataset)."""
    for chart in at.get("vega_lite_chart"):
        if json.loads(chart.proto.spec)["usermeta"]["title"] == title:
            (data,) = [d.data.data for d in chart.proto.datasets]
            return pa.ipc.open_stream(io.BytesIO(data)).read_all().to_pandas()
    raise AssertionError(f"no chart titled {title!r}")


def test_the_page_and_the_pdf_report_give_the_same_figures(app: Open, journal: Journal) -> None:
    """One analytics path: the Trends page (SQL aggregates) and the PDF report (its entries,
    aggregated in pandas) describe the same entries in the same words and draw the same grid."""
    sam = make_member(journal, "Sam")
    first = datetime.combine(date.today() - timedelta(days=29), time(8), TZ)
    feelings = [("calm",), ("tired", "calm"), ("glad",), (), ("anxious", "tired")]
    made = [
        make_entry(
            journal,
            sam,
            occurred_at=first + timedelta(days=d // 2, hours=5 * (d % 3)),
            valence=1 + (d * 7) % 5,
            energy=1 + (d * 3) % 5,
            feelings=feelings[d % 5],
        )
        for d in range(50)
    ]
    at = app("views/trends.py", member_id=sam.id)
    captions = {c.value.replace("\\", "") for c in at.caption}
    data = assemble(
        member="Sam",
        member_id=sam.id,
        client_id="c",
        scope=Scope.SUMMARY,
        start=first.date(),
        end=date.today(),
        visible=made,
        assessments=[],
        exported_at=datetime.now(TZ),
    )
    report = {c.key: c for c in report_charts.trend_charts(data)}
    assert report["mood"].alt_text in captions  # "Pleasantness averaged … and rose from …"
    assert report["map"].alt_text in captions  # "Of 50 check-ins, the most (…%) were …"
    assert report["feelings"].alt_text.replace("felt", "you felt") in captions
    page_grid = _page_dataset(at, "Mood map")[["valence", "energy", "count"]]
    report_grid = report["map"].chart.data[["valence", "energy", "count"]]
    pd.testing.assert_frame_equal(page_grid, report_grid, check_dtype=False)
    page_feelings = _page_dataset(at, "Feelings you named most")
    assert list(page_feelings["feeling"])[:3] == list(report["feelings"].chart.data["feeling"])[:3]
