"""One measured figure, the budgets of docs/performance.md, and medians."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

# docs/performance.md, "Budgets" (at 100,000 entries).
WARM_MS = 100.0
COLD_MS = 400.0
SEARCH_MS = 20.0
CHART_ROWS = 5000
EXCHANGE_S = 10.0
SERVER_MB = 400.0

ATTUNE = "Attune"
FLOOR = "Reference: bare Streamlit page"
JRNL = "Reference: jrnl"
PG = "PostgreSQL"  # bench/postgres.py: one journal among a thousand, beside SQLite's
LOAD = "Hosted load"  # bench/load.py: signed-in browser sessions on two replicas at once


@dataclass
class Figure:
    name: str
    value: float | None  # None: not measured (see note)
    unit: str
    entries: int  # how many entries the figure is about (an export: how many it wrote)
    group: str = ATTUNE
    size: int = 0  # the journal size of the run (the table's column)
    budget: float | None = None
    budget_kind: str = "max"  # the value must be ≤ budget ("max") or < budget ("below")
    runs: int = 0
    note: str = ""
    samples: list[float] = field(default_factory=list)
    at_least: bool = False  # stopped at a time limit: the value is a lower bound

    @property
    def met(self) -> bool | None:
        if self.budget is None or self.value is None:
            return None
        if self.budget_kind == "below":
            return self.value < self.budget
        return self.value <= self.budget

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["met"] = self.met
        return out


def median(samples: Iterable[float]) -> float:
    return float(statistics.median(list(samples)))


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes (wall clock, perf_counter)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn: Callable[[], object], runs: int, give_up_after: float | None = None) -> list[float]:
    """Seconds of up to `runs` calls; stops early once a call takes longer than `give_up_after`
    (a figure far over its budget needs no median to say so, and the benchmark must end)."""
    samples: list[float] = []
    for _ in range(runs):
        samples.append(timed(fn))
        if give_up_after is not None and samples[-1] > give_up_after:
            break
    return samples


def missing(name: str, unit: str, entries: int, why: str, **kw: Any) -> Figure:
    """A figure that could not be measured: reported as such, never invented."""
    return Figure(name, None, unit, entries, note=f"not available: {why}", **kw)
