"""Settings › Reminders: a calendar file for a daily check-in and a weekly Together check-in."""

from __future__ import annotations

from attune.domain.entries import Member
from attune.domain.viewer import Viewer


def section(me: Member, viewer: Viewer) -> None:
    """Filled in by the daily-flow issue's reminders work (issue 16)."""
