"""The use cases: what the screens and the command line call. Each module owns its units of
work (one `with journal.sessions.reading()/writing()` per call) and takes the viewer as an
argument — `journal` (members, entries, drafts, practices), `search`, `trends`, `sharing`,
`together`, `importing`, `review`.

`Journal` (and with it SQLAlchemy) is imported when it is first asked for, so a module of the
package that needs neither (`quick_search`, the command line's prepared search) loads alone."""

from typing import TYPE_CHECKING, Any

from attune.domain.viewer import NOBODY, Viewer

if TYPE_CHECKING:
    from .journal import Journal

__all__ = ["NOBODY", "Journal", "Viewer"]


def __getattr__(name: str) -> Any:
    if name == "Journal":
        from .journal import Journal

        return Journal
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
