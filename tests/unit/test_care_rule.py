"""The rule for the private Support line (attune.domain.care): recent own scores at or below the
questionnaires' cut-offs, or heavy feeling words on the last three days with entries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from attune.domain.assessments import CSI4, WHO5
from attune.domain.care import Reason, support_reason

NOW = datetime(2026, 5, 20, 18, tzinfo=UTC)
DAY = timedelta(days=1)


def reason(scores=(), days=None):  # type: ignore[no-untyped-def]
    return support_reason(scores=scores, days=days or {}, now=NOW)


@pytest.mark.parametrize(("raw", "flagged"), [(12, True), (13, False), (0, True), (25, False)])
def test_who5_cut_off_is_a_raw_score_below_13(raw: int, flagged: bool) -> None:
    score = WHO5.score([raw // 5 + (i < raw % 5) for i in range(5)])
    assert score == raw * 4
    assert (reason([("who5", score, NOW - DAY)]) is Reason.WELLBEING) is flagged


@pytest.mark.parametrize(("score", "flagged"), [(13, True), (14, False), (0, True)])
def test_csi4_distress_range_is_below_13_5(score: int, flagged: bool) -> None:
    assert CSI4.flagged(score) is flagged
    assert (reason([("csi4", score, NOW - DAY)]) is Reason.RELATIONSHIP) is flagged


def test_only_the_latest_score_counts_and_only_when_recent() -> None:
    low, good = ("who5", 40, NOW - 8 * DAY), ("who5", 76, NOW - DAY)
    assert reason([low, good]) is None  # a better week since
    assert reason([("who5", 40, NOW - 15 * DAY)]) is None  # older than the WHO-5's two weeks


def test_heavy_words_on_the_last_three_days_with_entries() -> None:
    today = NOW.date()
    days: dict[date, set[str]] = {
        today: {"numb", "tired"},
        today - 2 * DAY: {"hopeless"},
        today - 5 * DAY: {"trapped"},  # days with entries, not calendar days
    }
    assert reason(days=days) is Reason.WORDS
    assert reason(days={**days, today - DAY: {"calm"}}) is None  # one light day among the last 3
    assert reason(days={today: {"numb"}, today - DAY: {"numb"}}) is None  # only two days
    old = {d - 20 * DAY: w for d, w in days.items()}
    assert reason(days=old) is None  # nothing recent


def test_nothing_heavy_shows_nothing() -> None:
    assert reason([("who5", 60, NOW), ("csi4", 17, NOW)], {NOW.date(): {"calm"}}) is None
