"""Adding or renaming a member refuses a name that looks like another member's."""

from __future__ import annotations

import pytest

from attune.domain.entries import EntryError
from attune.domain.names import INVISIBLE, LOOKS_LIKE, TAKEN
from attune.services import Journal

pytestmark = pytest.mark.both_backends


def test_add_refuses_a_look_alike(journal: Journal) -> None:
    journal.add_member("Ana")
    with pytest.raises(EntryError, match=LOOKS_LIKE.format(name="Ana")):
        journal.add_member("Аna")  # Cyrillic А
    with pytest.raises(EntryError, match=TAKEN):
        journal.add_member("ANA")
    assert [m.name for m in journal.members()] == ["Ana"]


def test_rename_refuses_a_look_alike_but_keeps_ones_own_name(journal: Journal) -> None:
    journal.add_member("Al")
    ben = journal.add_member("Ben")
    with pytest.raises(EntryError, match=LOOKS_LIKE.format(name="Al")):
        journal.rename_member(ben.id, "AI")
    with pytest.raises(EntryError, match=INVISIBLE):
        journal.rename_member(ben.id, "B\u200ben")
    assert journal.rename_member(ben.id, "BEN").name == "BEN"  # a member's own name is no clash
