"""Settings › Support and prompts: where help is (country, local lines) and which prompts the
prompt of the day may draw from."""

from __future__ import annotations

from attune.domain.entries import Member
from attune.domain.viewer import Viewer


def section(me: Member, viewer: Viewer) -> None:
    """Filled in by the safety issue's helplines work (issue 15, items 6 and 8)."""
