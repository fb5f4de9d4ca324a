"""The command line's whole-process bench (bench/cli_process.py, issue 17 item 9) times Attune and
jrnl under the same conditions: both with their bytecode cached (as an installed program has
it) whatever the shell says, and Attune's search in turns with jrnl's, so that a change in the
machine's load falls on both alike. No timing is asserted here: the figures are the bench's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import cli_process


def test_both_commands_run_with_their_bytecode_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = cli_process.process_env(tmp_path, NO_COLOR="1")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")  # nothing beside the sources
    assert env["NO_COLOR"] == "1"


def test_samples_are_taken_in_turns_after_a_warm_up_of_each() -> None:
    calls: list[str] = []
    search, jrnl = cli_process.wall_ms(
        lambda: calls.append("attune"), lambda: calls.append("jrnl"), runs=3
    )
    assert calls == ["attune", "jrnl"] * 4  # one warm-up each, then three rounds
    assert len(search) == len(jrnl) == 3
