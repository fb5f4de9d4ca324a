"""jrnl, the Python journaling CLI, on the same corpus: the command-line reference.

jrnl is installed in its own virtualenv, bench/out/jrnl-venv (`python -m venv` + `pip install
jrnl`), and reads a config file that points at the corpus written in its plain-text format. Timed
as subprocess wall time: `jrnl -contains WORD` (jrnl's text filter; a bare `jrnl WORD` would
write a new entry), `jrnl @tag` (its tag filter) and `jrnl --format json` (its export).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.corpus import OUT
from bench.results import JRNL, Figure, median, missing, repeat

VENV = OUT / "jrnl-venv"
JRNL_BIN = VENV / "bin" / "jrnl"
CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""
LIMIT_S = 300  # one jrnl command may take no longer than this (it is then reported as "> 300 s")
COMMANDS = (
    ("jrnl -contains river", ["-contains", "river"]),
    ("jrnl -contains zebra", ["-contains", "zebra"]),
    ("jrnl @exercise", ["@exercise"]),
    ("jrnl --format json (export)", ["--format", "json"]),
)


def install() -> Path | None:
    """jrnl's executable, installing it into its own virtualenv the first time."""
    if not JRNL_BIN.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "jrnl"], check=True)  # fmt: skip
    return JRNL_BIN if JRNL_BIN.exists() else None


def version() -> str:
    out = subprocess.run([str(JRNL_BIN), "--version"], capture_output=True, text=True)
    return out.stdout.split("\n", 1)[0].strip()


def measure(journal_txt: Path, entries: int, runs: int) -> list[Figure]:
    try:
        exe = install()
    except (OSError, subprocess.CalledProcessError) as exc:
        exe, why = None, str(exc)
    else:
        why = "pip could not install jrnl"
    if exe is None:
        return [missing(name, "ms", entries, why, group=JRNL) for name, _ in COMMANDS]
    config = journal_txt.with_name("jrnl.yaml")
    config.write_text(CONFIG.format(journal=journal_txt.resolve()))
    env = {**os.environ, "XDG_CONFIG_HOME": str(journal_txt.parent), "NO_COLOR": "1"}
    label = version()
    out = []
    for name, args in COMMANDS:
        cmd = [str(exe), "--config-file", str(config), *args]

        def run(cmd: list[str] = cmd) -> None:
            subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env, check=True,
                           timeout=LIMIT_S)  # fmt: skip

        try:
            samples = [s * 1000 for s in repeat(run, runs, give_up_after=60)]
        except subprocess.TimeoutExpired:
            out.append(Figure(name, LIMIT_S * 1000, "ms", entries, group=JRNL, runs=1,
                              at_least=True, note=f"{label}; stopped after {LIMIT_S} s"))  # fmt: skip
            continue
        except subprocess.CalledProcessError as exc:
            out.append(missing(name, "ms", entries, f"jrnl failed ({exc})", group=JRNL))
            continue
        out.append(Figure(name, median(samples), "ms", entries, group=JRNL, runs=len(samples),
                          samples=samples, note=label))  # fmt: skip
    return out
