from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune import security
from attune.domain.assessments import CSI4, WHO5, AssessmentError
from attune.domain.together import Answer, is_revealed, readable_answers

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_csi4_is_the_published_four_items_scored_0_to_21() -> None:
    assert [len(i.options) for i in CSI4.items] == [7, 6, 6, 6]
    assert CSI4.items[0].options[0] == "Extremely Unhappy"
    assert CSI4.items[0].options[-1] == "Perfect"
    assert CSI4.score([0, 0, 0, 0]) == 0
    assert CSI4.score([6, 5, 5, 5]) == 21
    assert CSI4.flagged(13) and not CSI4.flagged(14)
    assert "Funk & Rogge (2007)" in CSI4.citation


def test_who5_is_0_to_100() -> None:
    assert len(WHO5.items) == 5
    assert WHO5.score([5, 5, 5, 5, 5]) == 100
    assert WHO5.score([0, 1, 2, 3, 4]) == 40
    assert WHO5.flagged(50) and not WHO5.flagged(52)


@pytest.mark.parametrize("answers", [[1, 2, 3], [7, 0, 0, 0], [-1, 0, 0, 0], [0, 0, 0, 6]])
def test_bad_answers_refused(answers: list[int]) -> None:
    with pytest.raises(AssessmentError):
        CSI4.score(answers)


@given(st.lists(st.integers(0, 5), min_size=5, max_size=5))
def test_who5_score_in_range(answers: list[int]) -> None:
    assert 0 <= WHO5.score(answers) <= 100


def answer(mid: int) -> Answer:
    return Answer(member_id=mid, author=f"m{mid}", body=f"answer of {mid}", answered_at=NOW)


def test_answers_hidden_until_everyone_answered() -> None:
    people = (1, 2, 3)
    two = (answer(1), answer(2))
    assert not is_revealed(people, (1, 2), None)
    assert [a.member_id for a in readable_answers(1, people, two, revealed=False)] == [1]
    assert readable_answers(3, people, two, revealed=False) == ()
    all3 = (*two, answer(3))
    assert is_revealed(people, (1, 2, 3), None)
    assert len(readable_answers(2, people, all3, revealed=True)) == 3


def test_closing_early_reveals_and_outsiders_read_nothing() -> None:
    assert is_revealed((1, 2), (1,), NOW)
    assert readable_answers(None, (1, 2), (answer(1),), revealed=True) == ()
    assert readable_answers(9, (1, 2), (answer(1),), revealed=True) == ()


def test_passphrase_round_trip_and_bounds() -> None:
    stored = security.hash_passphrase("correct horse", n=2**10)
    assert stored.startswith("scrypt$1024$8$1$")
    assert security.verify_passphrase(stored, "correct horse")
    assert not security.verify_passphrase(stored, "wrong horse")
    assert not security.verify_passphrase(stored.replace("$1024$", "$1073741824$"), "correct horse")
    assert not security.verify_passphrase("garbage", "x")
    with pytest.raises(security.PassphraseError):
        security.hash_passphrase("short")


def test_default_parameters_meet_owasp() -> None:
    assert security.SCRYPT_N >= 2**17
    assert security.SCRYPT_R >= 8
