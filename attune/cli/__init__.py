"""`python -m attune …` — the same services the screens use, from a terminal.

Entry text is printed only by `search`, and only for entries the chosen member may see. The
commands live by area (journal, transfer, upkeep) and register themselves on `main`.
"""

from . import journal, transfer, upkeep
from .app import main

__all__ = ["journal", "main", "transfer", "upkeep"]
