"""Care around Together and heavy days: the safety screen each member sees once before Together,
and whether to show a member the private line that says where help is (attune.domain.care).

Both are about one viewer only: a preference keyed by their member id, and their own scores and
feeling words. Nothing here is ever read for, or shown to, anyone else."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from attune.domain.care import RECENT, Reason
from attune.domain.care import support_reason as _rule
from attune.domain.entries import EntryFilter
from attune.domain.viewer import Viewer
from attune.storage import together_repo as tr

from .journal import Journal
from .preferences import Preferences

SAFETY_SEEN_KEY = "together_safety_seen.{member_id}"
RECENT_ENTRIES = 300  # the viewer's newest entries read for their feeling words (two weeks' worth)


def needs_safety_screen(journal: Preferences, viewer: Viewer) -> bool:
    """True until this member has said "I understand" on the safety screen before Together."""
    if viewer.member_id is None:
        return False
    return not journal.preference(SAFETY_SEEN_KEY.format(member_id=viewer.member_id))


def acknowledge_safety(journal: Journal, viewer: Viewer) -> None:
    if viewer.member_id is not None:
        key = SAFETY_SEEN_KEY.format(member_id=viewer.member_id)
        journal.set_preference(key, datetime.now(UTC).isoformat(timespec="seconds"))


def support_reason(journal: Journal, viewer: Viewer, now: datetime | None = None) -> Reason | None:
    """Why to show this viewer the private Support line now, or None. Reads only the viewer's own
    questionnaires and the feeling words of their own entries of the last two weeks."""
    member_id = viewer.member_id
    if member_id is None:
        return None
    now = now or datetime.now(UTC)
    with journal.sessions.reading(viewer) as s:
        scores = tr.own_scores(s, member_id=member_id, since=now - RECENT)
    page = journal.list_entries(
        viewer, EntryFilter(start=(now - RECENT).date()), page_size=RECENT_ENTRIES
    )
    days: defaultdict[date, set[str]] = defaultdict(set)
    for entry in page.items:
        if entry.member_id == member_id:
            days[entry.local_date].update(entry.feelings)
    return _rule(scores=scores, days=days, now=now)
