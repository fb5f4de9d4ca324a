"""Issue 14 finding 5: a protected member's private weekly check-in words — what they appreciated
and what they would like to talk about — are sealed like their entries: not in the database or
its log, readable after unlock, sealed when the passphrase is set and opened when it is removed.
Shared ones stay readable by partners, as shared entries do."""

from __future__ import annotations

import pytest

from attune import crypto, security
from attune.domain.errors import LockedError
from attune.domain.viewer import Viewer
from attune.services import Journal, together
from tests.at_rest import at_rest
from tests.factories import make_member

pytestmark = pytest.mark.both_backends

THANKS, TALK = "okapi-thanks-for-dinner", "quagga-money-worries"
CSI4, WHO5 = [3, 3, 3, 3], [3, 3, 3, 3, 3]


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def on_disk(journal: Journal) -> bytes:
    return at_rest(journal)  # SQLite: the file and log; PostgreSQL: every row, as the owner


def words(journal: Journal, viewer: Viewer) -> list[tuple[str, str]]:
    return [
        (str(r["appreciation"]), str(r["talk_about"]))
        for r in together.appreciations(journal, viewer)
    ]


def test_private_checkin_words_of_a_protected_member_are_sealed(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    key = together.set_passphrase(journal, sam.id, "correct horse battery")
    me = Viewer(sam.id, key)
    together.weekly_checkin(
        journal, me, csi4=CSI4, who5=WHO5, appreciation=THANKS, talk_about=TALK, shared=False
    )
    journal.checkpoint()
    raw = on_disk(journal)
    assert THANKS.encode() not in raw and TALK.encode() not in raw
    assert words(journal, me) == [(THANKS, TALK)]
    assert words(journal, Viewer(alex.id)) == []  # private: not Alex's to see
    with pytest.raises(LockedError):  # a locked session cannot write them in clear
        together.weekly_checkin(
            journal, Viewer(sam.id), csi4=CSI4, who5=WHO5, appreciation="x", shared=False
        )


def test_shared_checkin_words_stay_readable_by_partners(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    key = together.set_passphrase(journal, sam.id, "correct horse battery")
    together.weekly_checkin(
        journal,
        Viewer(sam.id, key),
        csi4=CSI4,
        who5=WHO5,
        appreciation=THANKS,
        talk_about=TALK,
        shared=True,
    )
    assert words(journal, Viewer(alex.id)) == [(THANKS, TALK)]


def test_existing_words_are_sealed_with_the_passphrase_and_opened_without(journal: Journal) -> None:
    sam = make_member(journal, "Sam")
    together.weekly_checkin(
        journal,
        Viewer(sam.id),
        csi4=CSI4,
        who5=WHO5,
        appreciation=THANKS,
        talk_about=TALK,
        shared=False,
    )
    key = together.set_passphrase(journal, sam.id, "correct horse battery")
    raw = on_disk(journal)
    assert THANKS.encode() not in raw and TALK.encode() not in raw
    assert words(journal, Viewer(sam.id, key)) == [(THANKS, TALK)]
    assert words(journal, Viewer(sam.id)) == [("", "")]  # locked: the words stay sealed
    new = together.set_passphrase(
        journal, sam.id, "another horse battery", current="correct horse battery"
    )
    assert words(journal, Viewer(sam.id, new)) == [(THANKS, TALK)]
    together.set_passphrase(journal, sam.id, None, current="another horse battery")
    assert words(journal, Viewer(sam.id)) == [(THANKS, TALK)]
