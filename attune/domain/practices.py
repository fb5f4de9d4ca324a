"""Practice sessions and the before/after rating.

The rating is **intensity**: "How intense does what you feel seem right now?" from 1 (barely
there) to 5 (very intense), asked before and after a practice. Intensity rather than pleasantness,
because the practices aim to take the edge off a feeling, not to make it pleasant; a drop from
before to after is what "it helped" means. Both answers are optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .entries import SCALE, EntryError

INTENSITY_LABELS = {1: "Barely", 2: "Mild", 3: "Noticeable", 4: "Strong", 5: "Very intense"}


@dataclass(frozen=True)
class PracticeSession:
    id: int
    uid: str
    member_id: int
    practice_id: str
    started_at: datetime  # aware, UTC
    before: int | None
    after: int | None


def clean_rating(value: int | None, what: str) -> int | None:
    """A 1–5 intensity rating, or None when it was skipped."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise EntryError(f"The {what} rating must be a whole number from 1 to 5.")
    return value
