"""Issue 15 in the services: a prompt asked of the members the asker picks; a shared weekly
check-in made private again (own rows only; a protected member's note sealed again); the weekly
check-in private unless `shared=True`; the safety screen remembered per member."""

from __future__ import annotations

import pytest

from attune import crypto, security
from attune.domain.entries import NotFoundError
from attune.domain.errors import ConversationError
from attune.domain.viewer import Viewer
from attune.services import Journal, care, together
from tests.at_rest import at_rest
from tests.factories import make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

CSI4, WHO5 = [4, 4, 4, 4], [3, 3, 3, 3, 3]


@pytest.fixture
def three(journal: Journal) -> tuple[int, int, int]:
    return tuple(make_member(journal, n).id for n in ("Sam", "Alex", "Kim"))  # type: ignore[return-value]


def test_a_prompt_is_asked_of_the_members_picked(
    journal: Journal, three: tuple[int, int, int]
) -> None:
    sam, alex, kim = three
    conv_id = together.open_conversation(journal, V(alex), "What helped?", asked=[kim])
    [conv] = together.conversations(journal, V(kim))
    assert conv.id == conv_id and conv.participants == (alex, kim)
    assert together.conversations(journal, V(sam)) == []
    with pytest.raises(ConversationError):
        together.answer(journal, V(sam), conv_id, "not asked")
    together.answer(journal, V(kim), conv_id, "the garden")
    assert not together.conversations(journal, V(alex))[0].revealed
    together.answer(journal, V(alex), conv_id, "the soup")
    assert together.conversations(journal, V(alex))[0].revealed
    everyone = together.open_conversation(journal, V(sam), "And for all?")
    assert together.conversations(journal, V(kim))[0].id == everyone
    assert together.conversations(journal, V(kim))[0].participants == (sam, alex, kim)


@pytest.mark.parametrize("asked", [[], [1], [999]])
def test_asking_nobody_else_or_a_stranger_is_refused(
    journal: Journal, three: tuple[int, int, int], asked: list[int]
) -> None:
    sam = three[0]
    with pytest.raises(ConversationError):
        together.open_conversation(journal, V(sam), "Anyone?", asked=asked)  # 1 is Sam himself
    assert together.conversations(journal, V(sam)) == []


def test_the_weekly_checkin_is_private_unless_shared(
    journal: Journal, three: tuple[int, int, int]
) -> None:
    sam, alex, _ = three
    together.weekly_checkin(journal, V(sam), csi4=CSI4, who5=WHO5, talk_about="money")
    assert together.assessments(journal, V(alex)).empty
    assert together.appreciations(journal, V(alex)) == []


def test_a_member_makes_their_own_shared_checkin_private_again(
    journal: Journal, three: tuple[int, int, int]
) -> None:
    sam, alex, _ = three
    together.weekly_checkin(journal, V(sam), csi4=CSI4, who5=WHO5, talk_about="x", shared=True)
    together.weekly_checkin(journal, V(alex), csi4=CSI4, who5=WHO5, shared=True)
    frame = together.assessments(journal, V(alex))
    sams = frame[frame["member_id"] == sam]["uid"].tolist()
    alexs = frame[frame["member_id"] == alex]["uid"].tolist()
    with pytest.raises(NotFoundError):  # Sam cannot hide Alex's, nor Alex Sam's
        together.hide_checkin(journal, V(sam), alexs[0])
    with pytest.raises(NotFoundError):
        together.hide_checkin(journal, V(alex), sams[0])
    assert together.hide_checkin(journal, V(sam), sams[1]) == 3  # two scores and the note
    after = together.assessments(journal, V(alex))
    assert set(after["member_id"]) == {alex}
    assert together.appreciations(journal, V(alex)) == []
    assert len(together.assessments(journal, V(sam))) == 4  # Sam still sees his own


def test_hiding_seals_a_protected_members_note(
    journal: Journal, three: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    sam, alex, _ = three
    key = together.set_passphrase(journal, sam, "correct horse battery")
    me = Viewer(sam, key)
    together.weekly_checkin(
        journal, me, csi4=CSI4, who5=WHO5, talk_about="quagga-debt", shared=True
    )
    uid = together.assessments(journal, me)["uid"].iloc[0]
    together.hide_checkin(journal, me, uid)
    journal.checkpoint()
    raw = at_rest(journal)  # SQLite: the file and log; PostgreSQL: every row, as the owner
    assert b"quagga-debt" not in raw
    assert [r["talk_about"] for r in together.appreciations(journal, me)] == ["quagga-debt"]
    assert together.appreciations(journal, V(alex)) == []


def test_the_safety_screen_is_remembered_per_member(
    journal: Journal, three: tuple[int, int, int]
) -> None:
    sam, alex, _ = three
    assert care.needs_safety_screen(journal, V(sam)) and care.needs_safety_screen(journal, V(alex))
    care.acknowledge_safety(journal, V(sam))
    assert not care.needs_safety_screen(journal, V(sam))
    assert care.needs_safety_screen(journal, V(alex))
    assert not care.needs_safety_screen(journal, V(None))


def test_an_archived_member_is_not_asked(journal: Journal, three: tuple[int, int, int]) -> None:
    from attune.storage import departures

    sam, alex, kim = three
    with journal.sessions.writing() as s:
        departures.archive(s, member_id=kim)
    conv_id = together.open_conversation(journal, V(sam), "Just us two?")
    assert together.conversations(journal, V(alex))[0].participants == (sam, alex)
    with pytest.raises(ConversationError):
        together.open_conversation(journal, V(sam), "And Kim?", asked=[kim])
    together.answer(journal, V(sam), conv_id, "yes")
    together.answer(journal, V(alex), conv_id, "yes")
    assert together.conversations(journal, V(sam))[0].revealed
