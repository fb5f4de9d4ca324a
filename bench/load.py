"""`python -m bench --only load`: signed-in people saving and reading at once on two replicas.

Everything on loopback, started here and stopped at the end (also on failure or Ctrl+C): a
throwaway PostgreSQL cluster (tests/pg_cluster.py), migrated; a real OpenID Connect provider
(oidc-provider-mock, tests/e2e/oidc.py); two replicas of the app with sign-in on (an `[auth]`
section, both reading one secrets file) behind HAProxy with sticky sessions (deploy/replicas.py),
serving every journal as the app's login role under row-level security; one Chromium with a
browser context per person (bench/load_browser.py).

In each of `sessions / 2` journals the first person signs in, starts the journal and makes an
invitation code on Settings; the second signs in and joins with it — the screens people use.
Then every session at once, for `seconds`: a check-in on Today (private and shared in turn)
whose note carries a marker unique to it, timed from the click on Save to the confirmation
shown; then a Journal search (one's own latest and the partner's latest shared: found; the
partner's latest private: not found), timed from Enter to the answer. Every WebSocket frame
each session receives is searched for markers: another journal's, or the partner's private one,
is a cross-journal read.

    python -m bench.load [--sessions 20] [--seconds 120] [--out figures.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import corpus
from bench.load_browser import Person, arrive, join_journal, run, start_journal
from bench.results import LOAD, Figure, median

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]  # fmt: skip
LOGS = corpus.OUT / "logs" / "load"
SETUP_AT_ONCE = 5  # journals being started and joined at once (sign-in is the slow part)
SETUP_LIMIT_S = 600.0  # every journal started and joined within this, or the run fails
GRACE_S = 180.0  # the steps under way when the time is up finish within this
DATABASE = "attune_load"


def percentile(samples: Sequence[float], q: int) -> float | None:
    """The q-th percentile (inclusive method); None without samples."""
    if not samples:
        return None
    if len(samples) == 1:
        return float(samples[0])
    return float(statistics.quantiles(samples, n=100, method="inclusive")[q - 1])


@contextmanager
def _terminated_is_interrupt() -> Iterator[None]:
    """SIGTERM ends the run like Ctrl+C: through every `finally`, so nothing is left running."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _cluster() -> Any:
    from tests.pg_cluster import Cluster

    return Cluster()


def _migrate(admin_url: str) -> None:
    from attune.storage.engine import make_engine
    from attune.storage.migrate import upgrade

    engine = make_engine(admin_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _peak_mb(pid: int) -> float | None:
    """VmHWM of a live process, in MB (None once it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def measure(sessions: int = 20, seconds: float = 120.0) -> tuple[list[Figure], dict[str, Any]]:
    """Run the load; the figures, and what the README and docs/performance.md say about it."""
    from deploy.replicas import Replicas, free_port
    from tests.e2e.oidc import provider_running, write_secrets

    if sessions < 2 or sessions % 2:
        raise ValueError("sessions: an even number, two people a journal")
    shutil.rmtree(LOGS, ignore_errors=True)
    LOGS.mkdir(parents=True)
    began = time.monotonic()
    meta: dict[str, Any] = {
        "measured_on": datetime.now().astimezone().isoformat(timespec="seconds"),
        "sessions": sessions,
        "journals": sessions // 2,
        "seconds": seconds,
        "load_average": [list(os.getloadavg())],
    }
    work = Path(tempfile.mkdtemp(prefix="attune-load-"))
    try:
        with _terminated_is_interrupt(), ExitStack() as stack:
            cluster = stack.enter_context(_cluster())
            admin = cluster.create_database(DATABASE)
            _migrate(admin)
            issuer = stack.enter_context(provider_running(LOGS / "oidc.log"))
            port = free_port()
            secrets_file = write_secrets(
                work / "secrets.toml", f"http://127.0.0.1:{port}", issuer, secrets.token_hex(32)
            )
            env = {
                "ATTUNE_DATABASE_URL": cluster.url(DATABASE, user=cluster.APP),
                "ATTUNE_DATA_DIR": str(work / "data"),
                "STREAMLIT_SECRETS_FILES": str(secrets_file),
                "ATTUNE_TRUSTED_PROXIES": "127.0.0.1",  # HAProxy's X-Forwarded-For is believed
            }
            running = stack.enter_context(Replicas(env, workdir=LOGS / "replicas", port=port))
            meta["started_s"] = round(time.monotonic() - began, 1)
            people = asyncio.run(_drive(running.url, sessions, seconds, meta))
            meta["replica_peak_mb"] = {n: _peak_mb(p.pid) for n, p in running.replicas.items()}
            meta["requests"] = _served(running.log("haproxy"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    meta["step_s"] = round(time.monotonic() - began, 1)
    meta["load_average"].append(list(os.getloadavg()))
    return figures(people, meta), meta


async def _drive(url: str, sessions: int, seconds: float, meta: dict[str, Any]) -> list[Person]:
    from playwright.async_api import async_playwright

    journals = sessions // 2
    people = [
        Person(j, m, f"load-{j + 1}{'ab'[m]}@example.org") for j in range(journals) for m in (0, 1)
    ]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for p in people:
                p.context = await browser.new_context(viewport={"width": 1200, "height": 900})
                p.page = await p.context.new_page()
                p.watch(p.page)
            gate = asyncio.Semaphore(SETUP_AT_ONCE)

            async def pair(a: Person, b: Person) -> None:
                async with gate:  # the partner signs in while the journal is being started
                    code, _ = await asyncio.gather(start_journal(a, url), arrive(b, url))
                    await join_journal(b, code)

            began = time.monotonic()
            for p in people:  # pinned in turn: round robin puts partners on different replicas
                assert p.page is not None
                await p.page.goto(url, wait_until="commit", timeout=60_000)  # the cookie is in
            await asyncio.wait_for(
                asyncio.gather(*(pair(people[2 * j], people[2 * j + 1]) for j in range(journals))),
                timeout=SETUP_LIMIT_S,
            )
            meta["setup_s"] = round(time.monotonic() - began, 1)
            for p in people:
                p.replica = await _replica(p)
                p.errors.clear()  # page errors while signing in are the setup's, which succeeded
            until = time.monotonic() + seconds
            began = time.monotonic()
            await asyncio.wait_for(
                asyncio.gather(*(run(p, people[p.journal * 2 + 1 - p.member], url, until)
                                 for p in people)),
                timeout=seconds + GRACE_S,
            )  # fmt: skip
            meta["measured_s"] = round(time.monotonic() - began, 1)
            for p in people:
                p.replica_at_end = await _replica(p)
        finally:
            await browser.close()
    return people


async def _replica(p: Person) -> str:
    from deploy.replicas import COOKIE

    assert p.context is not None
    found = [c.get("value", "") for c in await p.context.cookies() if c.get("name") == COOKIE]
    return found[0] if found else "none"


def _served(log: Path) -> dict[str, int]:
    """Requests HAProxy passed to each replica (its log names the server of each)."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return dict(sorted(Counter(re.findall(r"replicas/(r\d) ", text)).items()))


def figures(people: list[Person], meta: dict[str, Any]) -> list[Figure]:
    saves = [s for p in people for s in p.saves]
    reads = [s for p in people for s in p.reads]
    errors = [f"{p.name}: {e}" for p in people for e in p.errors]
    other = [f"{p.name} received {m}" for p in people for m in p.other_journals]
    private = [f"{p.name} received {m}" for p in people for m in p.partner_private]
    meta["replicas"] = dict(sorted(Counter(p.replica for p in people).items()))
    meta["replicas_at_end"] = dict(sorted(Counter(p.replica_at_end for p in people).items()))
    meta["split_journals"] = sum(
        1 for j in range(len(people) // 2) if people[2 * j].replica != people[2 * j + 1].replica
    )
    meta["frames"] = sum(p.frames for p in people)
    meta["frame_mb"] = round(sum(p.frame_bytes for p in people) / 1e6, 1)
    meta["sessions_seeing_own"] = sum(1 for p in people if p.own_seen)
    meta["sessions_seeing_partner_shared"] = sum(1 for p in people if p.partner_shared_seen)
    meta["errors_detail"] = errors[:20]
    meta["cross_detail"] = (other + private)[:20]
    meta["per_session_saves"] = [len(p.saves) for p in people]
    n = len(people)
    ms = [1000 * s for s in saves]
    read_ms = [1000 * s for s in reads]

    def fig(name: str, value: float | None, unit: str, **kw: Any) -> Figure:
        return Figure(name, value, unit, 0, group=LOAD, **kw)

    return [
        fig("signed-in browser sessions at once", n, "sessions"),
        fig("check-ins saved and confirmed", len(saves), "saves"),
        fig("Journal searches answered", len(reads), "reads"),
        fig("errors", len(errors), "errors", budget=0),
        fig("other journals' markers received", len(other), "markers", budget=0),
        fig("the partner's private markers received", len(private), "markers", budget=0),
        fig("save → confirmation, p50", median(ms) if ms else None, "ms", runs=len(ms),
            samples=[round(v) for v in ms]),
        fig("save → confirmation, p95", percentile(ms, 95), "ms", runs=len(ms)),
        fig("search → answer, p50", median(read_ms) if read_ms else None, "ms",
            runs=len(read_ms), samples=[round(v) for v in read_ms]),
        fig("search → answer, p95", percentile(read_ms, 95), "ms", runs=len(read_ms)),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--sessions", type=int, default=20, help="signed-in browser sessions")
    parser.add_argument("--seconds", type=float, default=120.0, help="saving and reading")
    parser.add_argument("--out", type=Path, help="write the figures and their account here")
    args = parser.parse_args()
    found, meta = measure(args.sessions, args.seconds)
    for f in found:
        print(f"{f.name}: {f.value} {f.unit}", file=sys.stderr)
    print(json.dumps({k: v for k, v in meta.items() if k != "per_session_saves"}, indent=1),
          file=sys.stderr)  # fmt: skip
    if args.out:
        doc = {"figures": [asdict(f) for f in found], "meta": meta}
        args.out.write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
