"""Names that look alike are refused (attune.domain.names): NFKC- and case-equal names,
confusable letters, invisible and direction-changing characters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attune.domain.entries import EntryError
from attune.domain.names import (
    INVISIBLE,
    LOOKS_LIKE,
    TAKEN,
    clean_name,
    look_alike,
    skeleton,
)

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
names = st.text(alphabet=LATIN, min_size=1, max_size=20)
# Zero-width characters and joiners, bidi marks, embeddings, overrides and isolates, the BOM,
# the soft hyphen, a variation selector, the Hangul filler.
HIDDEN = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
    "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\ufe0f", "\u3164",
]  # fmt: off
# Letters of other scripts (and forms) that pass for Latin ones.
LOOKALIKES = {
    "a": "аɑα",  # Cyrillic a, Latin alpha, Greek alpha
    "e": "еҽ",
    "o": "оοօ",
    "p": "рρ",
    "c": "с",
    "x": "х",
    "y": "уү",
    "i": "іι",
    "A": "АΑ",
    "B": "ВΒ",
    "E": "ЕΕ",
    "H": "НΗ",
    "K": "КΚ",
    "M": "МΜ",
    "O": "ОΟ0",
    "P": "РΡ",
    "T": "ТΤ",
    "X": "ХΧ",
    "l": "1I|",
}


def refused(name: str, others: list[str]) -> str:
    with pytest.raises(EntryError) as exc:
        clean_name(name, others)
    return str(exc.value)


@given(names, st.data())
def test_a_confusable_letter_makes_a_look_alike(name: str, data: st.DataObject) -> None:
    spots = [i for i, ch in enumerate(name) if ch in LOOKALIKES]
    if not spots:
        name, spots = name + "a", [len(name)]
    i = data.draw(st.sampled_from(spots))
    twin = name[:i] + data.draw(st.sampled_from(LOOKALIKES[name[i]])) + name[i + 1 :]
    assert look_alike(name, twin)
    assert refused(twin, ["Someone", name]) in (LOOKS_LIKE.format(name=name), TAKEN)


@given(names, st.sampled_from(HIDDEN), st.data())
def test_invisible_and_bidi_characters_are_refused(
    name: str, hidden: str, data: st.DataObject
) -> None:
    i = data.draw(st.integers(min_value=1, max_value=len(name)))
    assert refused(name[:i] + hidden + name[i:], []) == INVISIBLE


@given(names)
def test_case_and_compatibility_forms_are_the_same_name(name: str) -> None:
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in name)  # full-width Latin
    for twin in (name.upper(), name.lower(), name.swapcase(), wide):
        assert refused(twin, [name]) in (TAKEN, LOOKS_LIKE.format(name=name))


@given(st.text(min_size=1, max_size=30))
@settings(max_examples=300)
def test_skeleton_is_stable(text: str) -> None:
    once = skeleton(text)
    assert skeleton(once) == once


@given(names, names)
def test_names_that_differ_in_a_letter_are_both_allowed(a: str, b: str) -> None:
    if skeleton(a) != skeleton(b):
        assert clean_name(b, [a]) == b


def test_everyday_names_stay_apart() -> None:
    pairs = [("Sam", "Alex"), ("Zoë", "Zoe"), ("Léa", "Lea"), ("Ιωάννα", "Ioanna"), ("Ana", "Anna")]
    for a, b in pairs:
        assert not look_alike(a, b), (a, b)
        assert clean_name(b, [a]) == unicodedata.normalize("NFC", b)


def test_examples_people_would_try() -> None:
    assert refused("Аna", ["Ana"]) == LOOKS_LIKE.format(name="Ana")  # Cyrillic А
    assert refused("AI", ["Al"]) == LOOKS_LIKE.format(name="Al")  # capital i, small L
    assert refused("Νikos", ["Nikos"]) == LOOKS_LIKE.format(name="Nikos")  # Greek Ν
    assert refused("sam", ["Sam"]) == TAKEN
    assert refused("Sa\u200bm", []) == INVISIBLE
    assert refused("\u202eSam", []) == INVISIBLE
