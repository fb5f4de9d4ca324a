"""Behaviour people rely on is documented: every setting and CLI command appears in the README."""

from __future__ import annotations

import re
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


ROOT = Path(__file__).resolve().parents[2]
TRACKED_TEXT = ("*.md", "*.py", "*.toml", "Makefile", "*.txt", "*.yaml", "*.cfg")


def test_readme_is_for_people_who_use_attune() -> None:
    """Issue 17 item 11: the port, the docs linked; figures and architecture live in docs/."""
    assert "make run PORT=" in README
    for doc in ("docs/performance.md", "docs/architecture.md", "docs/reliability.md"):
        assert f"]({doc})" in README, doc
        assert (ROOT / doc).is_file(), doc
    assert "## Performance" not in README and "| Measure |" not in README
    assert "## How it is built" not in README
    assert "## Privacy" in README and "What is not protected" in README


def test_readme_promises_only_the_move_that_exists() -> None:
    assert "Back up / move my journal" in README
    assert "Restore from a bundle" in README
    assert "scope\n“all”" not in README and 'scope "all"' not in README


def test_nothing_refers_to_files_outside_the_repository() -> None:
    """No design or style notes, and no folder beside the checkout: the repository is all a reader
    has. (The names are built here so that test_layout's own scan does not meet them.)"""
    skip = {".venv", ".git", ".cache", "out", "node_modules", ".mypy_cache", ".ruff_cache"}
    checkers = {Path(__file__).resolve(), ROOT / "tests" / "unit" / "test_layout.py"}
    for pattern in TRACKED_TEXT:
        for path in ROOT.rglob(pattern):
            if skip & set(path.relative_to(ROOT).parts) or path in checkers:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for name in ("DESIGN.md", "STYLE.md", "../" + "shared", "/work/" + "shared"):
                assert name not in text, (str(path.relative_to(ROOT)), name)


def test_links_in_docs_lead_to_files_here() -> None:
    for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), (page.name, target)


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to dashes."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def test_anchors_in_docs_lead_to_headings() -> None:
    pages = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    headings = {
        page.resolve(): {
            _slug(h) for h in re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M)
        }
        for page in pages
    }
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#\s]*)#([^)\s]+)\)", text):
            if "://" in target:
                continue
            linked = (page.parent / target).resolve() if target else page.resolve()
            assert anchor in headings.get(linked, set()), (page.name, target, anchor)


def test_hosting_is_linked_where_people_look_for_it() -> None:
    """docs/hosting.md is linked from the README (its own section) and the architecture page, and
    the one line backup and restore print on PostgreSQL names a page that is here."""
    from attune.domain.errors import BackupsAreOperators

    assert "## Hosting on PostgreSQL" in README
    assert "](docs/hosting.md)" in README
    assert "](hosting.md)" in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = re.findall(r"docs/[\w-]+\.md", BackupsAreOperators.MESSAGE)
    assert named == ["docs/hosting.md"]
    assert (ROOT / named[0]).is_file()


def test_hosting_names_only_settings_and_commands_that_exist() -> None:
    hosting = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    known = {spec.env for spec in SETTINGS.values()}
    for name in set(re.findall(r"\bATTUNE_[A-Z_]+\b", hosting)):
        assert name in known, name
    commands = set(main.list_commands(click.Context(main)))
    for name in set(re.findall(r"(?:^|[\s`/])attune ([a-z][a-z-]*)", hosting, re.M)):
        assert name in commands, name
