"""Issue 14 finding 9: a backup taken before a passphrase keeps the words in the clear; Settings
names it (attune.services.privacy) and can delete it."""

from __future__ import annotations

import pytest

from attune import crypto, security
from attune.services import Journal, privacy, together
from tests.factories import make_entry, make_member


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def test_a_backup_from_before_the_passphrase_is_named_and_can_be_deleted(
    journal: Journal,
) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, body="before any passphrase: okapi")
    before = journal.backup()
    assert b"okapi" in before.read_bytes()
    assert privacy.backups_in_clear(journal) == []  # nobody protected yet: nothing promised
    together.set_passphrase(journal, sam.id, "correct horse battery")
    after = journal.backup()
    assert privacy.backups_in_clear(journal) == [before]  # not the one taken since
    privacy.delete_backup(journal, before)
    assert not before.exists() and after.exists()
    assert privacy.backups_in_clear(journal) == []
    with pytest.raises(FileNotFoundError):
        privacy.delete_backup(journal, journal.settings.backup_dir.parent / "attune.db")
