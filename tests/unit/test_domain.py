from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune.domain.entries import EntryDraft, EntryError, Visibility, clean_member_name
from attune.domain.visibility import can_change, can_see

NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def draft(**kw: object) -> EntryDraft:
    base: dict[str, object] = {"occurred_at": NOW, "valence": 3, "energy": 3}
    base.update(kw)
    return EntryDraft(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["valence", "energy"])
@pytest.mark.parametrize("value", [0, 6, -1, 3.5])
def test_scales_are_one_to_five(field: str, value: object) -> None:
    with pytest.raises(EntryError):
        draft(**{field: value}).clean()


def test_connection_optional_but_bounded() -> None:
    assert draft(connection=None).clean().connection is None
    with pytest.raises(EntryError):
        draft(connection=9).clean()


def test_naive_time_refused() -> None:
    with pytest.raises(EntryError, match="timezone"):
        draft(occurred_at=datetime(2026, 1, 1)).clean()


def test_tags_normalised_and_deduplicated_case_insensitively() -> None:
    clean = draft(tags=("  Walk ", "walk", "good   sleep", ""), feelings=("Calm", "calm")).clean()
    assert clean.tags == ("Walk", "good sleep")
    assert clean.feelings == ("calm",)


def test_limits() -> None:
    with pytest.raises(EntryError):
        draft(body="x" * 100_001).clean()
    with pytest.raises(EntryError):
        draft(tags=tuple(f"t{i}" for i in range(21))).clean()
    with pytest.raises(EntryError):
        draft(tags=("x" * 41,)).clean()
    with pytest.raises(EntryError):
        draft(tags=("bad\x07tag",)).clean()


def test_member_names() -> None:
    assert clean_member_name("  Ana  María ") == "Ana María"
    for bad in ("", "   ", "x" * 41, "a\x07b"):
        with pytest.raises(EntryError):
            clean_member_name(bad)


@given(
    viewer=st.one_of(st.none(), st.integers(1, 4)),
    author=st.integers(1, 4),
    visibility=st.sampled_from(list(Visibility)),
)
def test_visibility_rule(viewer: int | None, author: int, visibility: Visibility) -> None:
    expected = (viewer == author) or visibility is Visibility.SHARED
    assert can_see(viewer, author, visibility) is expected
    assert can_change(viewer, author) is (viewer is not None and viewer == author)
