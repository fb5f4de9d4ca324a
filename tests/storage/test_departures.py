"""People come and go (attune.services.people): a member's choice for their private and shared
entries is followed, they leave open conversations, archive can be undone, and only the member
(or their passphrase) decides."""

from __future__ import annotations

import json

import pytest

from attune import crypto, security
from attune.domain.entries import EntryError, Visibility
from attune.messages import people as words
from attune.services import Journal, together
from attune.services import people as p
from tests.factories import make_entry
from tests.viewers import V

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def bodies(journal: Journal, member_id: int) -> set[str]:
    return {e.body for e in journal.list_entries(V(member_id), page_size=100).items}


def setup(journal: Journal) -> tuple[int, int]:
    sam, alex = journal.add_member("Sam"), journal.add_member("Alex")
    make_entry(journal, sam, body="sam private")
    make_entry(journal, sam, body="sam shared", visibility=Visibility.SHARED)
    make_entry(journal, alex, body="alex private")
    return sam.id, alex.id


def member(journal: Journal, member_id: int) -> p.Member:
    return next(m for m in [*journal.members(), *p.archived(journal)] if m.id == member_id)


def test_archive_keeps_everything_and_can_be_undone(journal: Journal) -> None:
    sam, alex = setup(journal)
    done = p.step_away(
        journal, V(sam), member(journal, sam), private=p.Private.KEEP, shared=p.Shared.STAY
    )
    assert done.archived_only
    assert [m.name for m in journal.members()] == ["Alex"]
    assert [m.name for m in p.archived(journal)] == ["Sam"]
    assert bodies(journal, alex) == {"alex private", "sam shared"}
    p.bring_back(journal, sam)
    assert [m.name for m in journal.members()] == ["Sam", "Alex"]
    assert bodies(journal, sam) == {"sam private", "sam shared"}


@pytest.mark.parametrize("private", [p.Private.ERASE, p.Private.EXPORT])
def test_erasing_private_entries_leaves_shared_ones_and_the_others(
    journal: Journal, private: p.Private
) -> None:
    sam, alex = setup(journal)
    if private is p.Private.EXPORT:
        exported = json.loads(p.export_file(journal, V(sam)).content)
        assert {e["body"] for e in exported["entries"]} == {"sam private", "sam shared"}
    p.step_away(journal, V(sam), member(journal, sam), private=private, shared=p.Shared.STAY)
    assert bodies(journal, sam) == {
        "sam shared",
    }
    assert bodies(journal, alex) == {"alex private", "sam shared"}


def test_shared_entries_can_go_too(journal: Journal) -> None:
    sam, alex = setup(journal)
    p.step_away(journal, V(sam), member(journal, sam), private=p.Private.KEEP, shared=p.Shared.GO)
    assert bodies(journal, alex) == {"alex private"}
    p.bring_back(journal, sam)
    assert bodies(journal, sam) == {"sam private"}


def test_a_conversation_waiting_only_for_them_reveals(journal: Journal) -> None:
    sam, alex = setup(journal)
    kim = journal.add_member("Kim").id
    conv = together.open_conversation(journal, V(alex), "What made you laugh this week?")
    together.answer(journal, V(alex), conv, "alex answer")
    together.answer(journal, V(kim), conv, "kim answer")
    assert not together.conversations(journal, V(alex))[0].revealed
    p.step_away(journal, V(sam), member(journal, sam), private=p.Private.KEEP, shared=p.Shared.STAY)
    seen = together.conversations(journal, V(alex))[0]
    assert seen.revealed and sam not in seen.participants
    assert {a.body for a in seen.answers} == {"alex answer", "kim answer"}


def test_only_the_member_or_their_passphrase_decides(journal: Journal) -> None:
    sam, alex = setup(journal)
    with pytest.raises(EntryError, match="switch to them"):
        p.acting_for(journal, V(alex), member(journal, sam))
    together.set_passphrase(journal, sam, "river stones")
    with pytest.raises(EntryError, match="not Sam's passphrase"):
        p.acting_for(journal, V(alex), member(journal, sam), "wrong one")
    acting = p.acting_for(journal, V(alex), member(journal, sam), "river stones")
    assert acting.member_id == sam and acting.unlocked
    with pytest.raises(EntryError):
        p.step_away(
            journal, V(alex), member(journal, sam), private=p.Private.ERASE, shared=p.Shared.GO
        )
    assert p.rename(journal, V(alex), member(journal, sam), "Samuel", "river stones").name == (
        "Samuel"
    )


def test_add_person_with_a_passphrase(journal: Journal) -> None:
    with pytest.raises(security.PassphraseError, match=words.PASSPHRASES_DIFFER):
        p.add_person(journal, "Sam", "river stones", "river stone")
    assert journal.members() == []
    sam, key = p.add_person(journal, "Sam", "river stones", "river stones")
    assert key is not None and together.is_protected(journal, sam.id)
    alex, none = p.add_person(journal, "Alex")
    assert none is None and not together.is_protected(journal, alex.id)


def test_the_last_member_cannot_step_away(journal: Journal) -> None:
    sam = journal.add_member("Sam")
    with pytest.raises(EntryError, match=words.LAST_ONE):
        p.step_away(journal, V(sam), sam, private=p.Private.KEEP, shared=p.Shared.STAY)


def test_leave_quickly_stamps_the_journal(journal: Journal) -> None:
    assert p.left_at(journal) == 0.0
    stamp = p.leave_quickly(journal)
    assert p.left_at(journal) == stamp > 0
