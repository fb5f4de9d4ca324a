"""The use cases: what the screens and the command line call. Each module owns its units of
work (one `with journal.sessions.reading()/writing()` per call) and takes the viewer as an
argument — `journal` (members, entries, drafts, practices), `search`, `trends`, `sharing`,
`together`, `importing`, `review`."""

from attune.domain.viewer import NOBODY, Viewer

from .journal import Journal

__all__ = ["NOBODY", "Journal", "Viewer"]
