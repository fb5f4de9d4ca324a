"""Load and strictly validate the content Attune ships in ``data/``.

Feeling words (``emotions.yaml``), readings (``readings/*.md``), guided prompts (``prompts.yaml``)
and micro-practices (``practices.yaml``). Pure Python: this package never imports streamlit. Any
problem raises :class:`ContentError` with a one-line message naming the file and what is wrong.

`model` holds the names and limits and the objects content is read into, `schema` the pydantic
models of each file's objects, `loading` the rules across objects and files, `library` the
questions screens ask of the loaded `Library`.
"""

from .library import DAILY_DEPTHS, DailyChoice, Library
from .loading import load_library
from .model import (
    AUDIENCES,
    CLOSE_THEMES,
    CLOSE_WORDS,
    DEFAULT_DATA_DIR,
    DEPTHS,
    EVIDENCE_GROUPS,
    EVIDENCE_LEVELS,
    PRACTICE_KINDS,
    PRACTICE_SECONDS,
    READING_WORDS,
    RELATIONSHIPS,
    REVIEWED_SINCE,
    SECTIONS,
    SELF_BLAME_WORDS,
    SENSITIVITIES,
    TAKEAWAY_LINE_CHARS,
    THEME_SENSITIVITY,
    THEMES,
    TOPICS,
    ContentError,
    FeelingWord,
    Practice,
    Prompt,
    Quadrant,
    Reading,
    Reference,
)

__all__ = [
    "AUDIENCES",
    "CLOSE_THEMES",
    "CLOSE_WORDS",
    "DAILY_DEPTHS",
    "DEFAULT_DATA_DIR",
    "DEPTHS",
    "EVIDENCE_GROUPS",
    "EVIDENCE_LEVELS",
    "PRACTICE_KINDS",
    "PRACTICE_SECONDS",
    "READING_WORDS",
    "RELATIONSHIPS",
    "REVIEWED_SINCE",
    "SECTIONS",
    "SELF_BLAME_WORDS",
    "SENSITIVITIES",
    "TAKEAWAY_LINE_CHARS",
    "THEMES",
    "THEME_SENSITIVITY",
    "TOPICS",
    "ContentError",
    "DailyChoice",
    "FeelingWord",
    "Library",
    "Practice",
    "Prompt",
    "Quadrant",
    "Reading",
    "Reference",
    "load_library",
]
