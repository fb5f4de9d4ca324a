"""The command line as a whole process, against jrnl on the same entries (issue 17, item 9).

What a person waits for when they type a command is the whole process — interpreter start,
imports, opening the journal, the query, printing — not the query alone. So both are timed as
subprocess wall time, each after one untimed warm-up run (the files in the page cache, and the
programs' compiled bytecode written, as a program that was installed has it), Attune's search and
jrnl's in turns, so that a change in the machine's load falls on both alike:

- `attune --version` (the installed entry point when `pip install -e .` made one, else
  `python -m attune`);
- `attune search river`, on a one-member journal (its member sees every entry), and
  `jrnl -contains river` on the same entries written in jrnl's text format;
- Attune's time as a share of jrnl's: the goal is at most a tenth.

Both run with Python's bytecode cache on, in a folder of the run's own (`PYTHONPYCACHEPREFIX`),
whatever the environment says: a shell with PYTHONDONTWRITEBYTECODE set (a development or CI
sandbox) would otherwise have Attune, an editable install, compile every one of its modules
from source on each command, which no installed program does (pip compiles what it installs),
while jrnl, installed by pip, ran from its bytecode.

    python -m bench.cli_process --db JOURNAL.db --work DIR --entries N [--runs 5] --out F.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench import corpus, jrnl_ref
from bench.results import JRNL, Figure, median, missing, timed

WORD = "river"
SHARE_OF_JRNL_PCT = 10.0  # the whole search process takes at most a tenth of jrnl's
ENTRY_POINT = Path(sys.executable).with_name("attune")
GIVE_UP_MS = 60_000  # a figure far over its budget needs no median to say so


def process_env(work: Path, **extra: str) -> dict[str, str]:
    """The environment both commands run in: this one, with the bytecode cache on and kept
    under `work` (the warm-up run writes it; nothing is written beside the sources)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(work / "pycache"), **extra}


def attune_cmd() -> list[str]:
    """The `attune` command pip installed beside this interpreter, else `python -m attune`."""
    if ENTRY_POINT.exists():
        return [str(ENTRY_POINT)]
    return [sys.executable, "-m", "attune"]


def runner(cmd: list[str], env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            check=True,
            timeout=jrnl_ref.LIMIT_S,
        )

    return run


def wall_ms(*runs_of: Callable[[], None], runs: int) -> list[list[float]]:
    """Milliseconds of each command, taken in turns (a, b, a, b, …) after one warm-up run of
    each (the files in the page cache, the bytecode written), so a change in the machine's load
    falls on both alike; stops after a round in which one took longer than a minute."""
    for run in runs_of:
        run()
    samples: list[list[float]] = [[] for _ in runs_of]
    for _ in range(runs):
        for run, got in zip(runs_of, samples, strict=True):
            got.append(timed(run) * 1000)
        if any(got[-1] > GIVE_UP_MS for got in samples):
            break
    return samples


def jrnl_runner(text: Path) -> tuple[Callable[[], None], str] | str:
    """jrnl -contains WORD on the corpus text, and its version; or why not."""
    try:
        exe = jrnl_ref.install()
    except (OSError, subprocess.CalledProcessError) as exc:
        return str(exc)
    if exe is None:
        return "pip could not install jrnl"
    config = text.with_name("jrnl.yaml")
    config.write_text(jrnl_ref.CONFIG.format(journal=text.resolve()))
    env = process_env(text.parent, XDG_CONFIG_HOME=str(text.parent), NO_COLOR="1")
    cmd = [str(exe), "--config-file", str(config), "-contains", WORD]
    return runner(cmd, env), jrnl_ref.version()


def measure(db: Path, work: Path, entries: int, runs: int, skip_jrnl: bool = False) -> list[Figure]:
    """Figures for a one-member journal `db`, measured on a copy in `work` (removed after)."""
    work.mkdir(parents=True, exist_ok=True)
    copy = corpus.copy(corpus.Journal(db, entries, 1), work)
    env = process_env(work, **corpus.env_for(copy.path))
    cmd = attune_cmd()
    how = "the attune command" if cmd[0] == str(ENTRY_POINT) else "python -m attune"
    (version,) = wall_ms(runner([*cmd, "--version"], env), runs=runs)
    figures = [
        Figure(
            "CLI process: attune --version",
            median(version),
            "ms",
            entries,
            runs=len(version),
            samples=version,
            note=how,
        )
    ]
    search_run = runner([*cmd, "search", WORD], env)
    name = f"CLI process: jrnl -contains {WORD} (same entries)"
    share = f"CLI process: search {WORD}, Attune's time as a share of jrnl's"
    got: tuple[Callable[[], None], str] | str = "skipped"
    if not skip_jrnl:
        text = work / "journal.txt"
        corpus.jrnl_text(copy, text)
        got = jrnl_runner(text)
    if isinstance(got, str):  # Attune's search alone
        (search,) = wall_ms(search_run, runs=runs)
        jrnl: list[float] = []
    else:  # in turns with jrnl's
        search, jrnl = wall_ms(search_run, got[0], runs=runs)
    figures.append(
        Figure(
            f"CLI process: attune search {WORD}",
            median(search),
            "ms",
            entries,
            runs=len(search),
            samples=search,
            note=how + ("" if isinstance(got, str) else ", in turns with jrnl's"),
        )
    )
    shutil.rmtree(work, ignore_errors=True)
    if skip_jrnl:
        return figures
    if isinstance(got, str):
        return [
            *figures,
            missing(name, "ms", entries, got, group=JRNL),
            missing(share, "%", entries, got, budget=SHARE_OF_JRNL_PCT),
        ]
    figures.append(
        Figure(
            name,
            median(jrnl),
            "ms",
            entries,
            group=JRNL,
            runs=len(jrnl),
            samples=jrnl,
            note=got[1],
        )
    )
    figures.append(
        Figure(
            share,
            100 * median(search) / median(jrnl),
            "%",
            entries,
            budget=SHARE_OF_JRNL_PCT,
            runs=len(search),
            note=f"{median(search):.0f} ms against {median(jrnl):.0f} ms",
        )
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cli_process")
    parser.add_argument("--db", type=Path, required=True, help="a one-member journal")
    parser.add_argument("--work", type=Path, required=True, help="a folder for the copies")
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-jrnl", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    figures = measure(args.db, args.work, args.entries, args.runs, args.skip_jrnl)
    args.out.write_text(json.dumps([f.as_json() for f in figures], indent=1))


if __name__ == "__main__":
    main()
