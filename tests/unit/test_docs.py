"""Behaviour people rely on is documented: every setting and CLI command appears in the README."""

from __future__ import annotations

from pathlib import Path

import click

from attune.cli import main
from attune.config import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for spec in SETTINGS.values():
        assert f"`{spec.env}`" in README, spec.env


def test_every_cli_command_is_documented() -> None:
    for name in main.list_commands(click.Context(main)):
        assert f"`{name}" in README or f" `{name}`" in README or f"`{name}`" in README, name


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in README
    assert "make test" in README
