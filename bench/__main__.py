"""`python -m bench [--sizes 1000,10000,100000] [--quick]`: measure, print, write, update docs/performance.md.

`--only load`: signed-in browser sessions on two replicas at once (bench/load.py).

Each journal size runs in fresh processes (AppTest, exchange) and a fresh server, so caches and
memory never carry over from one size to the next.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

from bench import browser, corpus, jrnl_ref, load, postgres, report
from bench.results import FLOOR, JRNL, LOAD, PG, Figure

LOGS = corpus.OUT / "logs"


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def child(module: str, args: list[str], env: dict[str, str], label: str) -> list[Figure]:
    """Run `python -m module … --out FILE` and read its figures back."""
    LOGS.mkdir(parents=True, exist_ok=True)
    out = LOGS / f"{label}.json"
    log = LOGS / f"{label}.log"
    out.unlink(missing_ok=True)
    with log.open("wb") as err:
        done = subprocess.run(
            [sys.executable, "-m", module, *args, "--out", str(out)],
            cwd=corpus.ROOT, env={**os.environ, **env}, stdout=err, stderr=subprocess.STDOUT,
        )  # fmt: skip
    if done.returncode != 0 or not out.exists():
        return [Figure(f"{module} run", None, "", 0, note=f"failed; see {log}")]
    return [report.figure(d) for d in json.loads(out.read_text())]


# The guarded steps tried in this run, as (group, label, size): an earlier run's failure of one
# of them is dropped when the figures are merged (--only), whether it failed again or not.
TRIED: set[tuple[str, str, int]] = set()


def guarded(
    label: str, fn: Callable[[], list[Figure]], group: str = "Attune", size: int = 0
) -> list[Figure]:
    TRIED.add((group, label, size))
    try:
        return fn()
    except Exception as exc:  # a broken step is reported, the rest still runs
        say(f"{label} failed: {exc!r}")
        return [Figure(label, None, "", 0, group=group, size=size, note=f"failed: {exc!r}"[:300])]


def measure_size(size: int, args: argparse.Namespace) -> list[Figure]:
    say(f"{size:,} entries: building (or reusing) the journals")
    household = corpus.build(size)
    solo = corpus.build(size, members=1)
    run_dir = corpus.OUT / "run" / str(size)
    work = corpus.copy(household, run_dir / "pages")
    text = run_dir / "journal.txt"
    written = corpus.jrnl_text(household, text)
    figures: list[Figure] = []

    if not args.skip_pages:
        say(f"{size:,}: page server times (AppTest), search, chart sizes")
        figures += child("bench.pages", ["--entries", str(size), "--warm", str(args.warm),
                                         "--cold", str(args.cold), "--search-runs",
                                         str(args.search)],
                         corpus.env_for(work.path), f"pages-{size}")  # fmt: skip
    charts = trends_charts(figures, size)

    if not args.skip_together8:
        say(f"{size:,}: the Together page with {EIGHT} members (AppTest)")
        eight = corpus.copy(corpus.build(size, members=EIGHT), run_dir / "together8")
        together = ["--entries", str(size), "--warm", str(args.warm), "--cold", str(args.cold)]
        together += ["--only", "Together", "--label", f" ({EIGHT} members)"]
        figures += [
            f
            for f in child("bench.pages", together, corpus.env_for(eight.path), f"eight-{size}")
            if "rows sent" not in f.name
        ]

    if not args.skip_exchange:
        say(f"{size:,}: export, import, PDF")
        solo_work = corpus.copy(solo, run_dir / "solo")
        figures += child("bench.exchange", ["--db", str(solo_work.path), "--jrnl", str(text),
                                            "--entries", str(size), "--runs", str(args.runs)],
                         corpus.env_for(solo_work.path), f"exchange-{size}")  # fmt: skip

    if not args.skip_browser:
        say(f"{size:,}: streamlit run + Chromium (memory, Trends, Save)")
        served = corpus.copy(household, run_dir / "server")
        figures += guarded("Chromium", lambda: browser.measure(
            served.path, size, args.browser_runs, charts, LOGS / f"server-{size}.log"),
            size=size)  # fmt: skip

    if not args.skip_jrnl:
        say(f"{size:,}: jrnl on the same {written:,} entries")
        figures += guarded("jrnl", lambda: jrnl_ref.measure(text, written, args.runs), JRNL,
                           size)  # fmt: skip

    if getattr(args, "skip_cli", False):  # only the figures PostgreSQL is compared with
        for f in figures:
            f.size = size
        return figures
    say(f"{size:,}: the command line as a whole process (attune --version, search; jrnl)")
    cli_args = ["--db", str(solo.path), "--work", str(run_dir / "cli"), "--entries", str(size)]
    cli_args += ["--runs", str(args.runs + 2), *(["--skip-jrnl"] if args.skip_jrnl else [])]
    figures += child("bench.cli_process", cli_args, {}, f"cli-{size}")
    for f in figures:
        f.size = size
    return figures


EIGHT = 8  # issue 16: Together within its budget with eight members
STEPS = ("pages", "together8", "exchange", "browser", "jrnl", "postgres", "load")
SQLITE_STEPS = STEPS[:5]


def trends_charts(figures: list[Figure], size: int) -> int:
    """How many charts Trends draws (from this run's AppTest figures, else the last run's)."""
    name = "Trends page: rows sent by its largest chart"
    found = [f for f in figures if f.name == name]
    if not found and report.RESULTS.exists():
        found = [f for f in report.read_json()[0] if f.name == name and f.size == size]
    return next((int(f.note.split()[0]) for f in found), 8)


def merged(new: list[Figure], sizes: list[int]) -> tuple[list[Figure], list[int]]:
    """The last run's figures with those measured now put in their place (--only). When
    PostgreSQL (or the load) was measured now, its earlier figures all go (its size may have
    changed)."""
    old, old_sizes, _ = report.read_json() if report.RESULTS.exists() else ([], [], {})
    for group in (PG, LOAD):
        if any(f.group == group for f in new):
            old = [f for f in old if f.group != group]
    old = [f for f in old if f.value is not None or (f.group, f.name, f.size) not in TRIED]
    fresh = {(f.group, f.name, f.size): f for f in new}
    out = [fresh.pop((f.group, f.name, f.size), f) for f in old]
    return out + list(fresh.values()), sorted(set(old_sizes) | set(sizes))


def references(args: argparse.Namespace) -> list[Figure]:
    say("reference: the bare Streamlit page")
    figures = child("bench.pages", ["--floor", "--warm", str(args.warm), "--cold", str(args.cold)],
                    {}, "floor")  # fmt: skip
    if not args.skip_browser:
        figures += guarded("Chromium (bare page)",
                           lambda: browser.floor(args.browser_runs, LOGS / "server-floor.log"),
                           FLOOR)  # fmt: skip
    for f in figures:
        f.group = FLOOR
    return figures


def postgres_step(args: argparse.Namespace, figures: list[Figure]) -> tuple[list[Figure], dict]:
    """PostgreSQL at scale (bench/postgres.py), after the SQLite figures it is compared with
    (those of this run or bench/results.json at the measured journal's size; measured now when
    neither has them: its pages and import only)."""
    plan = postgres.Plan(args.pg_entries, args.pg_journals, args.pg_journal_size)
    size = plan.measured
    old = report.read_json()[0] if report.RESULTS.exists() else []
    extra: list[Figure] = []
    have = [f.name for f in [*figures, *old] if f.group != PG and f.size == size]
    if not (
        any(n.endswith("page, warm") for n in have) and any(n.startswith("import ") for n in have)
    ):
        say(f"PostgreSQL: first the SQLite figures at {size:,} entries it is compared with")
        quick = argparse.Namespace(**vars(args))
        for step in ("together8", "browser", "jrnl", "cli"):
            setattr(quick, f"skip_{step}", True)
        quick.skip_pages = quick.skip_exchange = False
        extra = measure_size(size, quick)
    try:
        found, meta = postgres.measure(plan, args.warm, args.cold, args.search, args.runs, child)
    except Exception as exc:  # reported, like any broken step
        say(f"PostgreSQL failed: {exc!r}")
        found = [Figure("PostgreSQL run", None, "", 0, group=PG, size=plan.entries,
                        note=f"failed: {exc!r}"[:300])]  # fmt: skip
        meta = {"plan": dataclasses.asdict(plan), "failed": True}
    return extra + found, meta


def load_step(args: argparse.Namespace) -> tuple[list[Figure], dict]:
    """Signed-in sessions on two replicas at once (bench/load.py); a failure is reported."""
    say(f"load: {args.load_sessions} signed-in browser sessions, {args.load_seconds:.0f} s, "
        "two replicas behind HAProxy, PostgreSQL")  # fmt: skip
    try:
        return load.measure(args.load_sessions, args.load_seconds)
    except Exception as exc:  # everything it started is stopped by now
        say(f"load failed: {exc!r}")
        note = f"failed: {exc!r}; see {load.LOGS.relative_to(corpus.ROOT)}"[:300]
        return [Figure("load run", None, "", 0, group=LOAD, note=note)], {"failed": True}


def write_docs(no_docs: bool) -> None:
    """docs/performance.md's sections and the README's blocks, from bench/results.json."""
    section = report.markdown(*report.read_json())
    pg_section = report.postgres_markdown(*report.read_json()[::2])
    load_section = report.load_markdown(*report.read_json()[::2])
    print(section, pg_section, load_section, sep="\n")
    if no_docs:
        return
    report.update_doc(section)
    for text, heading, markers in (
        (pg_section, report.PG_HEADING, (report.README_START, report.README_END)),
        (load_section, report.LOAD_HEADING, (report.LOAD_START, report.LOAD_END)),
    ):
        if text:
            report.update_doc(text, heading)
            if not report.update_readme(text, markers=markers):
                say(f"README.md has no {markers[0]} markers: left alone")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="journal sizes, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="the minimum runs per figure (5 warm, 3 cold, 3 of the rest)",
    )
    parser.add_argument(
        "--only",
        default="",
        help=f"measure only these steps, comma-separated ({', '.join(STEPS)}), and keep the "
        "other figures of bench/results.json",
    )
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-together8", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-exchange", action="store_true")
    parser.add_argument("--skip-jrnl", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument(
        "--pg-entries",
        type=int,
        default=1_000_000,
        help="PostgreSQL: entries in the whole database (default: %(default)s)",
    )
    parser.add_argument(
        "--pg-journals",
        type=int,
        default=1_000,
        help="PostgreSQL: journals of 2–3 members (default: %(default)s)",
    )
    parser.add_argument("--pg-journal-size", type=int, default=100_000,
                        help="PostgreSQL: entries of the measured journal, the SQLite journal "
                             "it is compared with (default: %(default)s)")  # fmt: skip
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--load-sessions", type=int, default=20,
                        help="load: signed-in browser sessions at once, two a journal "
                             "(default: %(default)s)")  # fmt: skip
    parser.add_argument("--load-seconds", type=float, default=120.0,
                        help="load: how long they save and read (default: %(default)s)")  # fmt: skip
    parser.add_argument("--no-docs", action="store_true", help="leave docs/performance.md alone")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: print the table of bench/results.json again "
                             "(and put it into docs/performance.md)")  # fmt: skip
    args = parser.parse_args()
    if args.report_only:
        write_docs(args.no_docs)
        return
    only = {step.strip() for step in args.only.split(",") if step.strip()}
    if only - set(STEPS):
        parser.error(f"--only takes {', '.join(STEPS)}")
    for step in STEPS:
        if only and step not in only:
            setattr(args, f"skip_{step}", True)
    # The command line's whole process is measured beside jrnl, its share of jrnl's time with it:
    # a run without the jrnl step keeps the last run's figures rather than mix two runs.
    args.skip_cli = bool(only) and "jrnl" not in only
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.warm, args.cold, args.search, args.runs, args.browser_runs = (
        (5, 3, 7, 3, 3) if args.quick else (9, 5, 15, 3, 5)
    )
    info = report.machine()
    if report.RESULTS.exists():  # the last PostgreSQL and load runs' accounts, unless measured now
        last = report.read_json()[2]
        info["postgres"], info["load"] = last.get("postgres"), last.get("load")
        if only and all(getattr(args, f"skip_{step}") for step in SQLITE_STEPS):
            info = {**last, "postgres": info["postgres"], "load": info["load"]}  # SQLite's as was
    figures: list[Figure] = []
    if any(not getattr(args, f"skip_{step}") for step in SQLITE_STEPS):
        for size in sizes:
            figures += measure_size(size, args)
            if not only:
                report.write_json(figures, sizes, info)  # so far: a failure later loses nothing
        figures += references(args)
        figures += browser.ratios(figures)
    else:
        sizes = []
    if not args.skip_postgres:
        found, info["postgres"] = postgres_step(args, figures)
        figures += found
        sizes = sorted({*sizes, *(f.size for f in found if f.group != PG)})
    if not args.skip_load:
        found, info["load"] = load_step(args)
        figures += found
    if only:
        figures, sizes = merged(figures, sizes)
    report.write_json(figures, sizes, info)
    write_docs(args.no_docs)
    say(
        f"wrote {report.RESULTS.relative_to(corpus.ROOT)}"
        + ("" if args.no_docs else " and docs/performance.md's figures (and the README's)")
    )


if __name__ == "__main__":
    main()
