"""What Attune ships in ``data/``: the names and limits its content files follow, and the
objects they are read into (feeling words, readings, prompts, micro-practices)."""

from __future__ import annotations

import datetime
import pathlib
import re
from dataclasses import dataclass

THEMES = (
    "connection",
    "regulation",
    "communication",
    "repair",
    "appreciation",
    "secure-functioning",
    "self-understanding",
    "multiple-partners",
    "endings-loss",
    "intimacy",
    "shared-life",
)
TOPICS = (
    "brain",
    "reward",
    "chemistry",
    "touch",
    "pain",
    "attachment",
    "regulation",
    "communication",
    "health",
    "intimacy",
    "conflict",
    "relationships",
)
AUDIENCES = ("solo", "together")
DEPTHS = ("light", "medium", "deep")
EVIDENCE_LEVELS = ("strong", "moderate", "mixed", "early")
PRACTICE_KINDS = (
    "down-regulating",
    "labelling",
    "perspective",
    "compassion",
    "connecting",
    "together",
)
#: Who a prompt is for: any group, or only a romantic, a family or a friends' group.
RELATIONSHIPS = ("any", "romantic", "family", "friends")
#: What a prompt touches; anything but "none" is kept out of the daily prompt by default.
SENSITIVITIES = ("none", "sexual", "conflict", "loss")
#: Themes whose prompts must carry a given sensitivity.
THEME_SENSITIVITY = {"repair": "conflict", "endings-loss": "loss"}
PRACTICE_SECONDS = (10, 1800)  # a flooding time-out lasts at least 20 minutes
SECTIONS = ("What research shows", "What is still debated", "Try this")
READING_WORDS = (150, 300)
#: A reading's evidence is one level, or one level per group studied (people is required).
EVIDENCE_GROUPS = ("people", "animals")
#: The takeaway shown first: exactly two short lines, each at most this many characters.
TAKEAWAY_LINE_CHARS = 90
#: A reading's "reviewed" date must fall on or after this day (and not in the future).
REVIEWED_SINCE = datetime.date(2024, 1, 1)
#: Prompts on these themes, or whose text touches these words, must end with a grounding close.
CLOSE_THEMES = ("repair", "endings-loss")
CLOSE_WORDS = re.compile(
    r"\b(conflict|argu|fight|fought|reject|loss|lost|losing|break-?up|grie)", re.I
)
#: Prompts whose text asks for a do-over, an apology or a promise invite self-blame: they must
#: say `self_blame: true`, so a safety line is shown under them.
SELF_BLAME_WORDS = re.compile(
    r"\b(could have done differently|apolog\w*|promises?|sorry|my fault|your part)\b", re.I
)
DEFAULT_DATA_DIR = pathlib.Path(__file__).resolve().parents[2] / "data"


class ContentError(ValueError):
    """A content file is missing, malformed or inconsistent; the message names the file."""


@dataclass(frozen=True)
class FeelingWord:
    word: str
    definition: str
    quadrant: str


@dataclass(frozen=True)
class Quadrant:
    id: str
    label: str
    valence: str
    energy: str
    words: tuple[FeelingWord, ...]


@dataclass(frozen=True)
class Reference:
    text: str
    doi: str | None
    url: str | None
    #: The work's title, which also appears in ``text`` (required for readings' references).
    title: str | None = None

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)


@dataclass(frozen=True)
class Reading:
    id: str
    title: str
    topic: str
    evidence: str
    summary: str
    practice: str | None
    references: tuple[Reference, ...]
    shows: str
    debated: str
    try_this: str
    word_count: int
    #: Two short lines shown first, before anything else (a phone shows little at once).
    takeaway: tuple[str, ...] = ()
    #: When the reading was last checked against its sources.
    reviewed: datetime.date | None = None
    #: (group, level) per group studied when the evidence differs, e.g. strong in animals but
    #: early in people; empty when one level covers it. ``evidence`` is always the people level.
    evidence_by_group: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Prompt:
    id: str
    theme: str
    audience: str
    depth: str
    readings: tuple[str, ...]
    text: str
    close: str | None
    relationship: str = "any"  # RELATIONSHIPS
    sensitivity: str = "none"  # SENSITIVITIES
    #: Asks for a do-over, an apology or a promise: shown with messages.REPAIR_SAFETY_LINE.
    self_blame: bool = False


@dataclass(frozen=True)
class Practice:
    id: str
    name: str
    kind: str
    audience: str
    duration_seconds: int
    pacer: tuple[tuple[str, float], ...] | None
    summary: str
    steps: tuple[str, ...]
    evidence_shows: str
    evidence_limits: str
    safety: str
    references: tuple[Reference, ...]
    readings: tuple[str, ...]
    credit: str | None = None  # shown on screen, e.g. whose exercise this is adapted from
