"""A real `streamlit run` driven by Playwright in Debian's Chromium (no browser download).

Measures the server's peak resident memory after every page has been opened (VmHWM of the server
and its children, from /proc), the time from navigation to the Trends charts being drawn, and
from pressing Save on Today to the confirmation. The bare reference page gets the same navigation
timing. Waits use Streamlit's own "script not running" marker and Playwright's `expect`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.corpus import ROOT, env_for
from bench.pages import pages
from bench.results import FLOOR, SERVER_MB, Figure, median

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
CHARTS = "[data-testid=stVegaLiteChart]"
TIMEOUT_MS = 180_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(script: Path, env: dict[str, str], log: Path) -> Iterator[tuple[str, int]]:
    """`streamlit run script` on a free loopback port; yields (url, pid)."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"streamlit did not start; see {log}") from None
                    time.sleep(0.2)
            yield url, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def peak_mb(pid: int) -> float:
    """Sum of VmHWM (peak resident set) over the server and its children, in MB."""
    total_kb = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def _idle(page: Any) -> None:
    page.wait_for_selector(IDLE, state="attached", timeout=TIMEOUT_MS)


def _open(page: Any, url: str) -> float:
    """Navigate and wait until the script has run; seconds."""
    start = time.perf_counter()
    page.goto(url)
    _idle(page)
    return time.perf_counter() - start


def _charts_drawn(page: Any, count: int) -> None:
    """Wait until `count` charts are on the page and every one has drawn its canvas or SVG."""
    page.wait_for_function(
        """([sel, n]) => {
            const charts = [...document.querySelectorAll(sel)];
            return charts.length >= n && charts.every(c => {
                const g = c.querySelector('canvas, svg.marks');
                return g && g.getBoundingClientRect().width > 0;
            });
        }""",
        arg=[CHARTS, count],
        timeout=TIMEOUT_MS,
        polling="raf",
    )


def _to_charts(page: Any, url: str, count: int) -> float:
    start = time.perf_counter()
    page.goto(url)
    _idle(page)
    _charts_drawn(page, count)
    return time.perf_counter() - start


def _as_first_member(page: Any, url: str) -> None:
    """Open the app and choose the first member (as bench.pages does): with several people on a
    journal, a new browser session asks who is writing, so the pages are reached by their links
    within that one session from here on."""
    from attune.demo import NAMES

    _open(page, url)
    page.get_by_test_id("stMain").get_by_role("button", name=NAMES[0], exact=True).click()
    _idle(page)


# A link's click does not change the script-state marker at once: for a moment after it the page
# still says "not running", and the page left still stands (its title, its charts). Waiting for the
# marker alone then returned before the new page had run, and a chart left over from an earlier
# visit could pass for one drawn by this run. So each click first sets a watcher on the marker, and
# a navigation counts as done once a run has started since the click, ended, and left no stale
# element. A run short enough (an empty page) can start and end within one render, the marker never
# saying "running"; the address changing to the new page's says it started then.
WATCH = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    const state = () => app.getAttribute('data-test-script-state');
    const run = {started: state() === 'running', from: location.pathname};
    if (window.__benchWatch) window.__benchWatch.disconnect();
    window.__benchRun = run;
    window.__benchWatch = new MutationObserver(records => {
        if (state() === 'running' || records.some(r => r.oldValue === 'running')) run.started = true;
    });
    window.__benchWatch.observe(app, {attributes: true, attributeOldValue: true,
                                      attributeFilter: ['data-test-script-state']});
}"""
RUN_ENDED = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    const run = window.__benchRun;
    return (run.started || location.pathname !== run.from)
        && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale=true]');
}"""


def _click(page: Any, title: str) -> None:
    """Click the sidebar link to `title`, watching for the run it starts. A link to the page
    already open is not clicked: Streamlit may run it again or not, and an empty page's run can
    start and end within one render at the same address, which no watcher sees (the bench's bare
    page once waited its whole timeout there); the page is already what the click would give."""
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
    here = link.evaluate("a => new URL(a.href).pathname === location.pathname")
    page.evaluate(WATCH)
    if here:
        page.evaluate("() => { window.__benchRun.started = true; }")
        return
    link.click()


def _run_ended(page: Any) -> None:
    page.wait_for_function(RUN_ENDED, timeout=TIMEOUT_MS, polling="raf")


def _go(page: Any, title: str) -> None:
    _click(page, title)
    _run_ended(page)


def _link_to_charts(page: Any, count: int) -> float:
    """From Today, time the Trends link → every chart drawn (in the open session)."""
    _go(page, "Today")
    start = time.perf_counter()
    _go(page, "Trends")
    _charts_drawn(page, count)
    return time.perf_counter() - start


def _first_screen_drawn(page: Any, placed: int) -> None:
    """Wait until `placed` charts are on the page (so everything above the last of them has its
    place) and every chart that starts within the first screen has drawn — what a person sees
    before scrolling, whether or not the page's run has ended (issue 16: charts below the fold
    may draw when reached)."""
    page.wait_for_function(
        """([sel, n]) => {
            const run = window.__benchRun;
            if (!run.started && location.pathname === run.from) return false;
            const all = [...document.querySelectorAll(sel)]
                .filter(c => !c.closest('[data-stale=true]'));
            const seen = all.filter(c => c.getBoundingClientRect().top < window.innerHeight);
            return all.length >= n && seen.length > 0 && seen.every(c => {
                const g = c.querySelector('canvas, svg.marks');
                return g && g.getBoundingClientRect().width > 0;
            });
        }""",
        arg=[CHARTS, placed],
        timeout=TIMEOUT_MS,
        polling="raf",
    )


def _link_to_first_screen(page: Any, origin: str, target: str, placed: int) -> float:
    """From `origin`, time a click on `target`'s link → its first screen's charts drawn; then
    let the run end before the next measurement."""
    _go(page, origin)
    start = time.perf_counter()
    _click(page, target)
    _first_screen_drawn(page, placed)
    elapsed = time.perf_counter() - start
    _run_ended(page)
    return elapsed


def _save(page: Any) -> float:
    """Open Today, check in, and time Save → the confirmation."""
    from playwright.sync_api import expect

    from attune import messages

    _go(page, "Write")  # Today afresh: its link, while on it, is not clicked (see _click)
    _go(page, "Today")
    expect(page.get_by_text(messages.SAVED)).to_have_count(0)
    for group, option in (("How pleasant does it feel?", "4"),
                          ("How much energy do you have?", "4")):  # fmt: skip
        page.get_by_role("radiogroup", name=group).get_by_role("radio", name=option,
                                                               exact=True).first.click()  # fmt: skip
        _idle(page)
    button = page.get_by_role("button", name="Save check-in")
    start = time.perf_counter()
    button.click()
    expect(page.get_by_text(messages.SAVED)).to_be_visible(timeout=TIMEOUT_MS)
    return time.perf_counter() - start


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path is None:
        raise RuntimeError("Debian's chromium is missing (make chromium installs it)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def measure(db: Path, entries: int, runs: int, trends_charts: int, log: Path) -> list[Figure]:
    env = env_for(db)
    out = []
    with server(ROOT / "app.py", env, log) as (url, pid), chromium() as page:
        _as_first_member(page, url)
        first = _link_to_charts(page, trends_charts)
        nav = [_link_to_charts(page, trends_charts) for _ in range(runs)]
        out.append(Figure("Chromium: Trends link → charts drawn", median(nav) * 1000, "ms",
                          entries, runs=runs, samples=[s * 1000 for s in nav],
                          note=f"first after start {first * 1000:.0f} ms; "
                               f"{trends_charts} charts"))  # fmt: skip
        seen = [_link_to_first_screen(page, "Today", "Trends", 2) for _ in range(runs)]
        out.append(Figure(TRENDS_FIRST, median(seen) * 1000, "ms", entries, runs=runs,
                          samples=[s * 1000 for s in seen],
                          note="the charts that start within the first 1200×900 screen, "
                               "the second chart placed"))  # fmt: skip
        saves = [_save(page) for _ in range(runs)]
        out.append(Figure("Chromium: Save on Today → confirmation", median(saves) * 1000, "ms",
                          entries, runs=runs, samples=[s * 1000 for s in saves]))  # fmt: skip
        opened = []
        for title, _ in pages():
            start = time.perf_counter()
            _go(page, title)
            opened.append(time.perf_counter() - start)
        out.append(Figure("server peak memory (every page opened)", peak_mb(pid), "MB",
                          entries, budget=SERVER_MB, budget_kind="below", runs=1,
                          note=f"VmHWM of the server process tree; {len(opened)} pages"))  # fmt: skip
    return out


LINK_FLOOR = "Chromium: link → chart drawn"
SEEN_FLOOR = "Chromium: link → first screen's chart drawn"
TRENDS_DRAWN = "Chromium: Trends link → charts drawn"
TRENDS_RATIO = "Chromium: Trends charts drawn, × the bare page"
TRENDS_FIRST = "Chromium: Trends link → first screen's charts drawn"
FIRST_RATIO = "Chromium: Trends first screen's charts, × the bare page"
RATIO_BUDGET = 2.0  # issue 16: Trends' charts within 2× a bare page with one chart


def _link_to_chart(page: Any) -> float:
    """From the empty start page, time the link → the bare page's one chart drawn."""
    _go(page, "Start")
    start = time.perf_counter()
    _go(page, "Reference")
    _charts_drawn(page, 1)
    return time.perf_counter() - start


def floor(runs: int, log: Path) -> list[Figure]:
    with server(Path(__file__).with_name("reference_app.py"), {}, log) as (url, pid), \
            chromium() as page:  # fmt: skip
        first = _to_charts(page, url, 1)
        nav = [_to_charts(page, url, 1) for _ in range(runs)]
        mb = peak_mb(pid)
    nav_log = log.with_name(log.stem + "-link.log")
    nav_app = Path(__file__).with_name("reference_nav.py")
    with server(nav_app, {}, nav_log) as (url, _), chromium() as page:
        _open(page, url)
        link_first = _link_to_chart(page)
        link = [_link_to_chart(page) for _ in range(runs)]
        seen = [_link_to_first_screen(page, "Start", "Reference", 1) for _ in range(runs)]
    return [
        Figure("Chromium: open the page → chart drawn", median(nav) * 1000, "ms", 0, group=FLOOR,
               runs=runs, samples=[s * 1000 for s in nav],
               note=f"first after start {first * 1000:.0f} ms"),
        Figure("server peak memory", mb, "MB", 0, group=FLOOR, runs=1),
        link_figure(link, link_first),
        Figure(SEEN_FLOOR, median(seen) * 1000, "ms", 0, group=FLOOR, runs=runs,
               samples=[x * 1000 for x in seen], note="not waiting for the run's end"),
    ]  # fmt: skip


def link_figure(link: list[float], first: float) -> Figure:
    samples = [s * 1000 for s in link]
    note = f"first after start {first * 1000:.0f} ms"
    return Figure(
        LINK_FLOOR,
        median(samples),
        "ms",
        0,
        group=FLOOR,
        runs=len(link),
        samples=samples,
        note=note,
    )


def ratios(figures: list[Figure]) -> list[Figure]:
    """Trends' link → every chart drawn, and → the first screen's charts drawn, each as a multiple
    of the bare page's link → its chart, per journal size (measured in the same run, the same
    way)."""
    floors = {f.name: f for f in figures if f.group == FLOOR and f.value}
    pairs = {TRENDS_DRAWN: (TRENDS_RATIO, LINK_FLOOR), TRENDS_FIRST: (FIRST_RATIO, SEEN_FLOOR)}
    out = []
    for f in figures:
        if f.name in pairs and f.value is not None and pairs[f.name][1] in floors:
            name, floor_name = pairs[f.name]
            bare = floors[floor_name]
            assert bare.value
            note = f"{f.value:.0f} ms against {bare.value:.0f} ms"
            ratio = f.value / bare.value
            out.append(
                Figure(
                    name,
                    ratio,
                    "×",
                    f.entries,
                    size=f.size,
                    budget=RATIO_BUDGET,
                    runs=f.runs,
                    note=note,
                )
            )
    return out
