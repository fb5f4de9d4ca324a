"""The machine, the table, bench/results.json and docs/performance.md's "## Latest figures"
section (the README only links to it)."""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import subprocess
from collections.abc import Sequence
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.results import ATTUNE, FLOOR, LOAD, PG, Figure

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
DOC = ROOT / "docs" / "performance.md"
HEADING = "## Latest figures"
PG_HEADING = "## PostgreSQL at scale"
LOAD_HEADING = "## Signed in, two replicas, at once"
README = ROOT / "README.md"
README_START, README_END = "<!-- bench:postgres -->", "<!-- /bench:postgres -->"
LOAD_START, LOAD_END = "<!-- bench:load -->", "<!-- /bench:load -->"


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())  # fmt: skip
    mem_kb = next((int(line.split()[1]) for line in _lines("/proc/meminfo")
                   if line.startswith("MemTotal:")), 0)  # fmt: skip
    versions = {}
    for dist in ("streamlit", "pandas", "sqlalchemy", "altair", "playwright"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        **versions,
        "chromium": _output(["/usr/bin/chromium", "--version"]),
        "load_average_at_start": list(os.getloadavg()),
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def _output(cmd: list[str]) -> str | None:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None


def write_json(figures: Sequence[Figure], sizes: Sequence[int], info: dict[str, Any]) -> None:
    doc = {
        "timestamp": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {**info, "load_average_at_end": list(os.getloadavg())},
        "sizes": list(sizes),
        "figures": [f.as_json() for f in figures],
    }
    RESULTS.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


def figure(doc: dict[str, Any]) -> Figure:
    """A Figure back from its JSON (derived or unknown keys ignored)."""
    return Figure(**{k: v for k, v in doc.items() if k in Figure.__dataclass_fields__})


def read_json() -> tuple[list[Figure], list[int], dict[str, Any]]:
    doc = json.loads(RESULTS.read_text())
    figures = [figure(f) for f in doc["figures"]]
    return figures, doc["sizes"], {**doc["machine"], "timestamp": doc["timestamp"]}


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.2f} s"
    if unit in ("rows", "MB"):
        return f"{value:,.0f} {unit}"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:,.0f} {unit}" if value >= 10 else f"{value:.1f} {unit}"


def _budget(f: Figure) -> str:
    if f.budget is None:
        return ""
    sign = "<" if f.budget_kind == "below" else "≤"
    return f"{sign} {f.budget:,g}{f.unit}" if f.unit == "×" else f"{sign} {f.budget:,g} {f.unit}"


def table(figures: Sequence[Figure], sizes: Sequence[int]) -> str:
    """Rows per measure, a column per journal size, the budget and whether it is met."""
    rows: dict[tuple[str, str], dict[int, Figure]] = {}
    for f in figures:
        if f.group not in (FLOOR, PG, LOAD):
            rows.setdefault((f.group, f.name), {})[f.size] = f
    head = ["Measure", *[f"{s:,} entries" for s in sizes], "Budget", "Met"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (group, name), by_size in rows.items():
        label = name if group == ATTUNE else f"{group.removeprefix('Reference: ')}: {name}"
        cells = [_cell(by_size[s]) if s in by_size else "" for s in sizes]
        any_f = next(iter(by_size.values()))
        out.append("| " + " | ".join([label, *cells, _budget(any_f), _met(by_size, sizes)]) + " |")
    return "\n".join(out)


def _cell(f: Figure) -> str:
    return ("> " if f.at_least else "") + fmt(f.value, f.unit)


def _met(by_size: dict[int, Figure], sizes: Sequence[int]) -> str:
    """ "yes", or the sizes where the budget is missed or could not be measured."""
    budgeted = [s for s in sizes if s in by_size and by_size[s].budget is not None]
    if not budgeted:
        return ""
    misses = [s for s in budgeted if by_size[s].met is False]
    unmeasured = [s for s in budgeted if by_size[s].met is None]
    if len(unmeasured) == len(budgeted):
        return "not measured"
    parts = []
    if misses:
        parts.append("**no**" + ("" if len(misses) == len(budgeted) else f" at {_sizes(misses)}"))
    if unmeasured:
        parts.append(f"not measured at {_sizes(unmeasured)}")
    return "; ".join(parts) or "yes"


def _sizes(sizes: Sequence[int]) -> str:
    return ", ".join(f"{s:,}" for s in sizes)


def floor_line(figures: Sequence[Figure]) -> str:
    parts = [f"{f.name} {fmt(f.value, f.unit)}" for f in figures if f.group == FLOOR]
    return f"{FLOOR} (same machine, same run): " + "; ".join(parts) + "." if parts else ""


def notes(figures: Sequence[Figure]) -> list[str]:
    """One line per measure that could not be measured (or failed), with the sizes it hit."""
    where: dict[tuple[str, str], list[int]] = {}
    for f in figures:
        if f.value is None and f.group not in (PG, LOAD):
            where.setdefault((f.name, f.note), []).append(f.size)
    return [f"- {name} ({_sizes(sizes)} entries): {note}" for (name, note), sizes in where.items()]


def markdown(figures: Sequence[Figure], sizes: Sequence[int], info: dict[str, Any]) -> str:
    when = str(info.get("timestamp") or datetime.now().astimezone().isoformat())[:10]
    lines = [
        f"Measured by `make bench` on {when}: {info['cpu']}, {info['cores']} cores, "
        f"{info['ram_gb']} GB RAM; Python {info['python']}, SQLite {info['sqlite']}, "
        f"Streamlit {info['streamlit']}; load average "
        f"{_load(info.get('load_average_at_start'))} at the start, "
        f"{_load(info.get('load_average_at_end'))} at the end (the machine is shared). "
        "Journals of three demo members; server time is "
        "`AppTest.run()` for the whole rerun, median of several runs (warm: nothing changed; "
        "cold: right after a new entry). Every figure, with its samples, is in "
        "`bench/results.json`.",
        "",
        table(figures, sizes),
        "",
    ]
    floor = floor_line(figures)
    if floor:
        lines += [floor, ""]
    missing = notes(figures)
    if missing:
        lines += ["Not measured:", "", *missing, ""]
    return "\n".join(lines)


def _load(values: list[float] | None) -> str:
    return "/".join(f"{v:.1f}" for v in values) if values else "?"


def update_doc(section: str, heading: str = HEADING) -> None:
    """Replace docs/performance.md's section under `heading` ("## Latest figures", or the
    PostgreSQL one), or add it at the end. Read just before writing, since others may edit the
    page's text above it."""
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    block = f"{heading}\n\n{section.rstrip()}\n"
    match = re.search(rf"^{re.escape(heading)}\s*$", text, flags=re.M)
    if match is None:
        DOC.write_text(text.rstrip() + "\n\n" + block)
        return
    nxt = re.search(r"^## ", text[match.end() :], flags=re.M)
    end = match.end() + nxt.start() if nxt else len(text)
    rest = text[end:]
    DOC.write_text(text[: match.start()] + block + ("\n" + rest if rest else ""))


# --- PostgreSQL at scale (bench/postgres.py) ----------------------------------------------------
def postgres_markdown(figures: Sequence[Figure], info: dict[str, Any]) -> str:
    """The PostgreSQL figures beside the SQLite ones of the journal it copies (the same names at
    the measured journal's size), with what the database held and how it was reached. Empty
    when the PostgreSQL step has not run."""
    meta = info.get("postgres") or {}
    ours = [f for f in figures if f.group == PG]
    if not meta.get("plan") or not ours:
        return ""
    plan, counts = meta["plan"], meta.get("counts", {})
    small = plan["measured"]
    sqlite = {f.name: f for f in figures if f.group == ATTUNE and f.size == small}
    if meta.get("failed") or "built_s" not in meta:
        notes_ = [f"- {f.name}: {f.note}" for f in ours if f.value is None]
        return "\n".join(["The last PostgreSQL run failed:", "", *notes_, ""])
    built = (
        f"reused from bench/out/pg/ (built in {meta['built_s']:,.0f} s on "
        f"{str(meta.get('built_on', ''))[:10]})"
        if meta.get("reused")
        else f"built in {meta['built_s']:,.0f} s for this run"
    )
    rls = (
        "row-level security in force"
        if meta.get("rls")
        else f"**row-level security not in force**: {meta.get('rls_note') or 'unknown'}"
    )
    members = f"{counts['members']:,} members, " if "members" in counts else ""
    lines = [
        f"Measured by `make bench` on {str(meta.get('measured_on', ''))[:10]} "
        f"({info.get('cpu', '?')}, {info.get('cores', '?')} cores, shared): PostgreSQL "
        f"{meta.get('server_version', '?')}, one database of {plan['entries']:,} entries in "
        f"{plan['journals']:,} journals ({members}2–3 a journal; {meta.get('database_mb', 0):,} "
        f"MB), {built}: generated in Python, loaded with `COPY`, indexed, vacuumed and "
        f"analysed. The measured journal is the SQLite bench's own household journal of "
        f"{small:,} entries, copied in as journal 1; member 1 of it is measured, connected as "
        f"the app's login role ({rls}), with the code that measures SQLite (`bench/pages.py`, "
        "`AppTest.run()`, median; the import into a fresh empty journal); the SQLite figures "
        "are those of `bench/results.json` at that size. The step took "
        f"{meta.get('step_s', 0):,.0f} s; load average {_loads(meta.get('load_average'))} "
        "(the machine is shared: figures measured at another hour move with its load).",
        "",
        postgres_table(ours, sqlite, small, plan["entries"]),
        "",
    ]
    missing = [f"- {f.name}: {f.note}" for f in ours if f.value is None]
    missing += [f"- a page's error (`bench/out/logs/pg-pages.log`): `{e}`" for e in
                meta.get("page_errors", [])]  # fmt: skip
    if missing:
        lines += ["Not measured:", "", *missing, ""]
    return "\n".join(lines)


def postgres_table(
    ours: Sequence[Figure], sqlite: dict[str, Figure], small: int, entries: int
) -> str:
    head = ["Page or action", f"SQLite, {small:,} entries", f"PostgreSQL, {entries:,} entries"]
    head += ["PostgreSQL ÷ SQLite", "Budget", "Met on PostgreSQL"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in ours:
        other = sqlite.get(f.name)
        ratio = (
            f"{f.value / other.value:.2f}×"
            if f.value is not None and other is not None and other.value
            else ""
        )
        met = {True: "yes", False: "**no**", None: "not measured"}[f.met] if f.budget else ""
        cells = [f.name, _cell(other) if other else "not measured", _cell(f), ratio, _budget(f)]
        out.append("| " + " | ".join([*cells, met]) + " |")
    return "\n".join(out)


def _loads(pair: list[list[float]] | None) -> str:
    if not pair or len(pair) != 2:
        return "not recorded"
    return f"{_load(pair[0])} at its start, {_load(pair[1])} at its end"


def update_readme(
    section: str, path: Path | None = None, markers: tuple[str, str] = (README_START, README_END)
) -> bool:
    """Put `section` between the README's `markers` (bench:postgres, or bench:load; only the
    bench writes there). False, and the README left alone, when the markers are missing."""
    path = path or README
    text = path.read_text()
    start, end = text.find(markers[0]), text.find(markers[1])
    if start < 0 or end < start:
        return False
    head = text[: start + len(markers[0])]
    path.write_text(f"{head}\n{section.strip()}\n{text[end:]}")
    return True


# --- Signed in, two replicas, at once (bench/load.py) -------------------------------------------
def _count(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f} ms" if unit == "ms" else f"{value:,.0f}"


def load_markdown(figures: Sequence[Figure], info: dict[str, Any]) -> str:
    """What the load step measured, and how; empty when it has not run."""
    meta = info.get("load") or {}
    ours = [f for f in figures if f.group == LOAD]
    if not meta or not ours:
        return ""
    if meta.get("failed"):
        notes_ = [f"- {f.name}: {f.note}" for f in ours if f.value is None]
        return "\n".join(["The last load run failed:", "", *notes_, ""])
    per = ", ".join(f"{k} {v}" for k, v in meta.get("replicas", {}).items())
    asked = ", ".join(f"{k} {v:,}" for k, v in meta.get("requests", {}).items())
    peak = ", ".join(f"{k} {v:,.0f} MB" for k, v in (meta.get("replica_peak_mb") or {}).items()
                     if v is not None)  # fmt: skip
    lines = [
        f"Measured by `make bench` on {str(meta.get('measured_on', ''))[:10]} "
        f"({info.get('cpu', '?')}, {info.get('cores', '?')} cores, shared; Chromium, the two "
        f"replicas, HAProxy, PostgreSQL and the provider all on this machine): "
        f"{meta['sessions']} signed-in browser sessions at once, one Chromium with a context "
        f"each, in {meta['journals']} journals of two partners. Each first partner signed in "
        "through a real OpenID Connect provider (oidc-provider-mock), started the journal and "
        "made an invitation code; the second signed in and joined with it "
        f"({meta.get('setup_s', 0):,.0f} s for all of them). Two replicas behind HAProxy with "
        f"sticky sessions (`deploy/replicas.py`), sessions per replica: {per} (partners on "
        f"different replicas in {meta.get('split_journals', 0)} of {meta['journals']} journals; "
        f"requests passed: {asked}; peak memory {peak or 'not read'}), one PostgreSQL "
        "database reached as the app's role under row-level security. For "
        f"{meta['seconds']:,.0f} s every session in turn saved a check-in on Today (private and "
        "shared alternately, a marker unique to it in its note; timed from the click on Save to "
        "the confirmation shown) and searched its Journal (its own latest and the partner's "
        "latest shared: found; the partner's latest private: not found; timed from Enter to the "
        f"answer). Every WebSocket frame each session received ({meta.get('frames', 0):,} "
        f"frames, {meta.get('frame_mb', 0):,} MB) was searched for the markers of other "
        "journals and the partner's private ones; "
        f"{meta.get('sessions_seeing_partner_shared', 0)} of {meta['sessions']} sessions "
        "received their partner's shared ones (the search sees what arrives). Load average "
        f"{_loads(meta.get('load_average'))} (the machine is shared: at another hour the "
        f"times move with its load). The step took {meta.get('step_s', 0):,.0f} s "
        "(`python -m bench --only load`).",
        "",
        "| Under load | Value | Budget | Met |",
        "|---|---|---|---|",
    ]
    for f in ours:
        budget = "" if f.budget is None else _count(f.budget, f.unit)
        met = {True: "yes", False: "**no**", None: "not measured"}[f.met] if budget else ""
        lines.append(f"| {f.name} | {_count(f.value, f.unit)} | {budget} | {met} |")
    lines.append("")
    detail = [*meta.get("errors_detail", []), *meta.get("cross_detail", [])]
    if detail:
        lines += ["What went wrong (the first of them):", "", *[f"- `{d}`" for d in detail], ""]
    return "\n".join(lines)
