"""The one visibility rule. Every read of entries applies it (storage builds its SQL form here too).

A viewer is the member whose session is open, or None when nobody is selected.
- An author always sees their own entries.
- Another member sees an entry only when it is shared.
- Nobody-selected sees shared entries only (a household view: never anyone's private writing).
"""

from __future__ import annotations

from .entries import Visibility


def can_see(viewer_id: int | None, author_id: int, visibility: Visibility | str) -> bool:
    if viewer_id is not None and viewer_id == author_id:
        return True
    return Visibility(visibility) is Visibility.SHARED


def can_change(viewer_id: int | None, author_id: int) -> bool:
    """Only the author edits, deletes, restores or re-scopes an entry."""
    return viewer_id is not None and viewer_id == author_id
