"""Issue 16 defect 5: the check-in offers the 8–12 feeling words that fit best, the rest a tap
away — never 44 words mixing high and low energy."""

from __future__ import annotations

import pytest

from attune.content import load_library

LIB = load_library()


def quadrant_of(word: str) -> str:
    return next(q.id for q in LIB.quadrants for w in q.words if w.word == word)


@pytest.mark.parametrize("valence", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("energy", [1, 2, 3, 4, 5])
def test_a_short_list_that_fits_and_the_rest_in_more(valence: int, energy: int) -> None:
    best, rest = LIB.nearby_words(valence, energy)
    assert 8 <= len(best) <= 12
    assert {w.word for w in best}.isdisjoint(w.word for w in rest)
    assert sorted(w.word for w in (*best, *rest)) == sorted(w.word for w in LIB.feeling_words())
    wanted_v = {1: "unpleasant", 2: "unpleasant", 4: "pleasant", 5: "pleasant"}.get(valence)
    wanted_e = {1: "low", 2: "low", 4: "high", 5: "high"}.get(energy)
    for w in best:
        v, e = quadrant_of(w.word).split("-")
        assert wanted_v in (None, v) and wanted_e in (None, e), (valence, energy, w.word)


def test_steady_and_pleasant_shows_both_energies_in_turn() -> None:
    best, _ = LIB.nearby_words(4, 3)
    kinds = [quadrant_of(w.word) for w in best]
    assert kinds[:4] == ["pleasant-high", "pleasant-low"] * 2


def test_the_closest_words_come_first_in_more() -> None:
    _, rest = LIB.nearby_words(4, 4)
    assert quadrant_of(rest[0].word) == "pleasant-high"
