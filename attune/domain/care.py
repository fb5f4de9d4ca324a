"""When it gets heavy, say where help is: the one rule for the private Support line.

Only the person's own signals count, and only their own session ever asks: their latest WHO-5
at or below its screening cut-off, their latest CSI-4 in the distress range, or a heavy feeling
word ("hopeless", "numb", "trapped") on each of their last few days with entries. Only recent
signals count: a check-in older than two weeks (the WHO-5's own window) no longer does, and
neither do words whose latest day is that old.

The cut-offs are the questionnaires' own (`Questionnaire.flagged`): WHO-5 50 or below of 100
(a raw score below 13 of 25; Topp et al. 2015), CSI-4 below 13.5 (Funk & Rogge 2007).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum

from .assessments import QUESTIONNAIRES

HEAVY_WORDS = frozenset({"hopeless", "numb", "trapped"})
DAYS_RUNNING = 3  # the last this many days with entries each carry a heavy word
RECENT = timedelta(days=14)


class Reason(StrEnum):
    WELLBEING = "who5"  # the latest WHO-5 is at or below its cut-off
    RELATIONSHIP = "csi4"  # the latest CSI-4 is in the distress range
    WORDS = "words"  # heavy feeling words on several days running


def support_reason(
    *,
    scores: Iterable[tuple[str, int, datetime]],
    days: Mapping[date, Collection[str]],
    now: datetime,
) -> Reason | None:
    """Why to show the Support line, or None. `scores` are one person's own (kind, score,
    taken_at); `days` maps each of their own recent days with entries to the feeling words
    chosen that day."""
    latest: dict[str, tuple[datetime, int]] = {}
    for kind, score, taken_at in scores:
        if kind in QUESTIONNAIRES and (kind not in latest or taken_at > latest[kind][0]):
            latest[kind] = (taken_at, score)
    for reason in (Reason.WELLBEING, Reason.RELATIONSHIP):
        if reason.value in latest:
            taken_at, score = latest[reason.value]
            if now - taken_at <= RECENT and QUESTIONNAIRES[reason.value].flagged(score):
                return reason
    last = sorted(days, reverse=True)[:DAYS_RUNNING]
    if (
        len(last) == DAYS_RUNNING
        and now.date() - last[0] <= RECENT
        and all(HEAVY_WORDS & set(days[d]) for d in last)
    ):
        return Reason.WORDS
    return None
