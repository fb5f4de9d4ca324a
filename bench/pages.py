"""Server time of every page through AppTest, search latency and chart sizes, on one journal.

Runs in its own process (the parent sets ATTUNE_DATABASE_URL first):

    python -m bench.pages --db PATH --warm 9 --cold 5 --out figures.json

Warm: the same page re-run with nothing changed. Cold: right after a new entry was added through
the service, so the revision changes and every cached read of the viewer must be redone.
`at.run()` is timed around the whole rerun (app.py's frame and the page script), in one session
of the first member, who sees their own entries and everyone's shared ones.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from attune.domain.viewer import Viewer
from attune.services import search as search_service
from bench.results import CHART_ROWS, COLD_MS, SEARCH_MS, WARM_MS, Figure, median, timed

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
VIEWER = 1
# Common words of the demo notes, rarer ones, a phrase, a prefix and a word that is nowhere.
SEARCH_WORDS = ("day", "slept", "river", "argued", "weekend", "slept well", "walk*", "zebra")
TRENDS_RANGE_KEY = "trends_range"


def pages() -> list[tuple[str, str]]:
    """(title, script) of every page in app.py's navigation once someone exists."""
    found = re.findall(r'st\.Page\(\s*"([\w/]+\.py)",\s*title="([^"]+)"', APP.read_text())
    return [(title, script) for script, title in found if not script.endswith("welcome.py")]


def chart_rows(at: Any) -> list[int]:
    """Rows each Vega-Lite chart on the page sends to the browser (all its datasets)."""
    import pyarrow as pa

    sizes = []
    for chart in at.get("vega_lite_chart"):
        blobs = [d.data.data for d in chart.proto.datasets] + [chart.proto.data.data]
        rows = 0
        for blob in blobs:
            if blob:
                rows += pa.ipc.open_stream(io.BytesIO(blob)).read_all().num_rows
        sizes.append(rows)
    return sizes


def new_entry(journal: Any) -> None:
    from attune.domain.entries import EntryDraft

    journal.add_entry(Viewer(VIEWER), EntryDraft(occurred_at=datetime.now().astimezone(), valence=4,
                                         energy=3, tags=("bench",), body="A benchmark note."))  # fmt: skip


def page_figures(
    at: Any, journal: Any, title: str, entries: int, warm: int, cold: int, label: str = ""
) -> list[Figure]:
    name = f"{title} page{label}"
    first = timed(at.run)
    if at.exception:
        errors = "; ".join(str(e.value)[:120] for e in at.exception)
        return [Figure(f"{name}, warm", None, "ms", entries, note=f"error: {errors}")]
    warm_s = [timed(at.run) for _ in range(warm)]
    rows = chart_rows(at)
    cold_s = []
    for _ in range(cold):
        new_entry(journal)
        cold_s.append(timed(at.run))
    out = [
        Figure(f"{name}, warm", median(warm_s) * 1000, "ms", entries, budget=WARM_MS,
               runs=warm, samples=[s * 1000 for s in warm_s],
               note=f"first open {first * 1000:.0f} ms"),
        Figure(f"{name}, cold", median(cold_s) * 1000, "ms", entries, budget=COLD_MS,
               runs=cold, samples=[s * 1000 for s in cold_s]),
    ]  # fmt: skip
    if rows:
        out.append(Figure(f"{name}: rows sent by its largest chart", max(rows), "rows", entries,
                          budget=CHART_ROWS, runs=1,
                          note=f"{len(rows)} charts: {', '.join(map(str, rows))} rows"))  # fmt: skip
    return out


def search_figures(journal: Any, entries: int, runs: int) -> list[Figure]:
    """Each word twice: as the Journal page searches (its first page of 20 and the count) and as
    `python -m attune search` does (the 50 newest hits with snippets). Both through the
    service, uncached (the page caches a repeated search by revision)."""
    from attune.domain.entries import EntryFilter

    out = []
    for word in SEARCH_WORDS:
        ways = (
            ("Journal", lambda w=word: journal.list_entries(Viewer(VIEWER), EntryFilter(text=w))),
            ("CLI", lambda w=word: search_service.search(journal, Viewer(VIEWER), w)),
        )
        for way, run in ways:
            found = run()  # warm-up, and how many it finds
            hits = (f"{'more than ' if found.more else ''}{found.total:,} entries match"
                    if way == "Journal" else f"{len(found)} hits shown (of at most 50)")  # fmt: skip
            samples = [timed(run) * 1000 for _ in range(runs)]
            out.append(Figure(f"search “{word}” ({way})", median(samples), "ms", entries,
                              budget=SEARCH_MS, runs=runs, samples=samples, note=hits))  # fmt: skip
    return out


def measure(
    entries: int, warm: int, cold: int, search_runs: int, only: str = "", label: str = ""
) -> list[Figure]:
    """Every page (or only the page titled `only`, without the searches), each figure's name
    followed by `label` (" (8 members)")."""
    from streamlit.testing.v1 import AppTest

    from attune.services import Journal, care

    journal = Journal()
    # The member has said "I understand" on Together's safety screen (issue 15): the page itself
    # is measured, not the one-time screen before it.
    care.acknowledge_safety(journal, Viewer(VIEWER, None))
    at = AppTest.from_file(str(APP), default_timeout=600)
    at.session_state["member_id"] = VIEWER
    at.run()
    figures: list[Figure] = []
    for title, script in pages():
        if only and title != only:
            continue
        at.switch_page(script)
        figures += page_figures(at, journal, title, entries, warm, cold, label)
        if script.endswith("trends.py") and not only:  # the longest range too
            at.session_state[TRENDS_RANGE_KEY] = "All"
            figures += page_figures(at, journal, title, entries, warm, cold, " (range: All)")
            at.session_state[TRENDS_RANGE_KEY] = "90 days"
    if not only:
        figures += search_figures(journal, entries, search_runs)
    journal.close()
    return figures


def floor(warm: int, cold: int) -> list[Figure]:
    """The same warm/cold runs on the bare reference page (cold: its cached data recomputed)."""
    from streamlit.testing.v1 import AppTest

    from bench.results import FLOOR

    at = AppTest.from_file(str(Path(__file__).with_name("reference_app.py")), default_timeout=60)
    first = timed(at.run)
    warm_s = [timed(at.run) for _ in range(warm)]
    cold_s = []
    for i in range(cold):
        at.session_state["revision"] = i + 1
        cold_s.append(timed(at.run))
    return [
        Figure("bare page, warm", median(warm_s) * 1000, "ms", 0, group=FLOOR, runs=warm,
               samples=[s * 1000 for s in warm_s], note=f"first open {first * 1000:.0f} ms"),
        Figure("bare page, cold", median(cold_s) * 1000, "ms", 0, group=FLOOR, runs=cold,
               samples=[s * 1000 for s in cold_s]),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=0)
    parser.add_argument("--warm", type=int, default=9)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--search-runs", type=int, default=15)
    parser.add_argument("--floor", action="store_true", help="measure the bare reference page")
    parser.add_argument("--only", default="", help="measure only the page with this title")
    parser.add_argument("--label", default="", help="added to each figure's name")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.floor:
        figures = floor(args.warm, args.cold)
    else:
        if "ATTUNE_DATABASE_URL" not in os.environ:
            parser.error("ATTUNE_DATABASE_URL must name the journal to measure")
        figures = measure(
            args.entries, args.warm, args.cold, args.search_runs, args.only, args.label
        )
    args.out.write_text(json.dumps([f.as_json() for f in figures], indent=1))


if __name__ == "__main__":
    main()
