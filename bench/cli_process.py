"""The command line as a whole process, against jrnl on the same entries (issue 17, item 9).

What a person waits for when they type a command is the whole process — interpreter start,
imports, opening the journal, the query, printing — not the query alone. So both are timed as
subprocess wall time, each after one untimed warm-up run (the files in the page cache):

- `attune --version` (the installed entry point when `pip install -e .` made one, else
  `python -m attune`);
- `attune search river`, on a one-member journal (its member sees every entry), and
  `jrnl -contains river` on the same entries written in jrnl's text format;
- Attune's time as a share of jrnl's: the goal is at most a tenth.

    python -m bench.cli_process --db JOURNAL.db --work DIR --entries N [--runs 5] --out F.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench import corpus, jrnl_ref
from bench.results import JRNL, Figure, median, missing, repeat

WORD = "river"
SHARE_OF_JRNL_PCT = 10.0  # the whole search process takes at most a tenth of jrnl's
ENTRY_POINT = Path(sys.executable).with_name("attune")


def attune_cmd() -> list[str]:
    """The `attune` command pip installed beside this interpreter, else `python -m attune`."""
    if ENTRY_POINT.exists():
        return [str(ENTRY_POINT)]
    return [sys.executable, "-m", "attune"]


def wall_ms(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
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

    run()  # warm-up: the interpreter's and the journal's files in the page cache
    return [s * 1000 for s in repeat(run, runs, give_up_after=60)]


def jrnl_ms(text: Path, runs: int) -> tuple[list[float], str] | str:
    """jrnl -contains WORD on the corpus text: its samples and version, or why not."""
    try:
        exe = jrnl_ref.install()
    except (OSError, subprocess.CalledProcessError) as exc:
        return str(exc)
    if exe is None:
        return "pip could not install jrnl"
    config = text.with_name("jrnl.yaml")
    config.write_text(jrnl_ref.CONFIG.format(journal=text.resolve()))
    env = {**os.environ, "XDG_CONFIG_HOME": str(text.parent), "NO_COLOR": "1"}
    cmd = [str(exe), "--config-file", str(config), "-contains", WORD]
    return wall_ms(cmd, env, runs), jrnl_ref.version()


def measure(db: Path, work: Path, entries: int, runs: int, skip_jrnl: bool = False) -> list[Figure]:
    """Figures for a one-member journal `db`, measured on a copy in `work` (removed after)."""
    work.mkdir(parents=True, exist_ok=True)
    copy = corpus.copy(corpus.Journal(db, entries, 1), work)
    env = {**os.environ, **corpus.env_for(copy.path)}
    cmd = attune_cmd()
    how = "the attune command" if cmd[0] == str(ENTRY_POINT) else "python -m attune"
    figures = []
    version = wall_ms([*cmd, "--version"], env, runs)
    figures.append(
        Figure(
            "CLI process: attune --version",
            median(version),
            "ms",
            entries,
            runs=len(version),
            samples=version,
            note=how,
        )
    )
    search = wall_ms([*cmd, "search", WORD], env, runs)
    figures.append(
        Figure(
            f"CLI process: attune search {WORD}",
            median(search),
            "ms",
            entries,
            runs=len(search),
            samples=search,
            note=how,
        )
    )
    name = f"CLI process: jrnl -contains {WORD} (same entries)"
    share = f"CLI process: search {WORD}, Attune's time as a share of jrnl's"
    if skip_jrnl:
        shutil.rmtree(work, ignore_errors=True)
        return figures
    text = work / "journal.txt"
    corpus.jrnl_text(copy, text)
    got = jrnl_ms(text, runs)
    if isinstance(got, str):
        shutil.rmtree(work, ignore_errors=True)
        return [
            *figures,
            missing(name, "ms", entries, got, group=JRNL),
            missing(share, "%", entries, got, budget=SHARE_OF_JRNL_PCT),
        ]
    samples, label = got
    figures.append(
        Figure(
            name,
            median(samples),
            "ms",
            entries,
            group=JRNL,
            runs=len(samples),
            samples=samples,
            note=label,
        )
    )
    figures.append(
        Figure(
            share,
            100 * median(search) / median(samples),
            "%",
            entries,
            budget=SHARE_OF_JRNL_PCT,
            runs=len(search),
            note=f"{median(search):.0f} ms against {median(samples):.0f} ms",
        )
    )
    shutil.rmtree(work, ignore_errors=True)
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
