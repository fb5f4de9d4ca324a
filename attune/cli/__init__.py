"""`attune …` (or `python -m attune …`) — the same services the screens use, from a terminal.

Entry text is printed only by `search`, and only for entries the chosen member may see. The
group (`main`, in .app) imports each command's module only when that command runs."""

from .app import COMMANDS, main

__all__ = ["COMMANDS", "main"]
