"""Back up / move a journal (issue 17, item 6): Sam's bundle holds Sam's own entries, private
and shared, and nobody else's — not Alex's private ones, and not Alex's shared ones either (on
another computer they would become Sam's words). Restored into a fresh journal it makes Sam
again, with every entry, its visibility kept, as one import batch that Undo removes."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from attune import crypto, security
from attune.config import load_settings
from attune.domain.entries import EntryFilter, Visibility
from attune.domain.exports import ExportError
from attune.exchange import bundle
from attune.exchange.registry import ImportFailed
from attune.services import Journal, importing, moving, together
from tests.factories import TZ, make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

PASS = "correct horse battery"
SAM_PRIVATE, SAM_SHARED = "samprivatemarker-lighthouse", "samsharedmarker-orchard"
ALEX_PRIVATE, ALEX_SHARED = "alexprivatemarker-quartz", "alexsharedmarker-meadow"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def household(journal: Journal) -> tuple[int, int]:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    at = datetime(2026, 3, 1, 9, tzinfo=TZ)
    make_entry(journal, sam, body=SAM_PRIVATE, occurred_at=at)
    make_entry(
        journal, sam, body=SAM_SHARED, visibility=Visibility.SHARED, occurred_at=at + timedelta(1)
    )
    make_entry(journal, alex, body=ALEX_PRIVATE, occurred_at=at)
    make_entry(journal, alex, body=ALEX_SHARED, visibility=Visibility.SHARED, occurred_at=at)
    return sam.id, alex.id


def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Journal:
    folder = tmp_path / "new-computer"
    folder.mkdir()
    monkeypatch.setenv("ATTUNE_DATABASE_URL", f"sqlite:///{folder / 'attune.db'}")
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(folder))
    monkeypatch.delenv("ATTUNE_ADMIN_DATABASE_URL", raising=False)  # the old server's owner
    return Journal(load_settings())


def test_bundle_holds_own_entries_only(journal: Journal) -> None:
    sam, _ = household(journal)
    out, count = moving.backup(journal, V(sam), PASS, PASS, kdf_log2_n=14)
    assert count == 2
    assert out.filename.startswith("attune-sam-journal-") and out.filename.endswith(".attune")
    for marker in (SAM_PRIVATE, SAM_SHARED, ALEX_PRIVATE, ALEX_SHARED):
        assert marker.encode() not in out.content  # sealed
    plain = bundle.unseal(out.content, PASS).decode()
    assert SAM_PRIVATE in plain and SAM_SHARED in plain
    assert ALEX_PRIVATE not in plain
    assert ALEX_SHARED not in plain
    assert "Alex" not in plain


def test_backup_refuses_a_short_or_mistyped_passphrase(journal: Journal) -> None:
    sam, _ = household(journal)
    with pytest.raises(ExportError, match="differ"):
        moving.backup(journal, V(sam), PASS, PASS + "x", kdf_log2_n=14)
    with pytest.raises(ExportError, match="at least 8"):
        moving.backup(journal, V(sam), "short", "short", kdf_log2_n=14)


def test_restore_on_a_new_computer(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam, _ = household(journal)
    out, _ = moving.backup(journal, V(sam), PASS, PASS, kdf_log2_n=14)
    with pytest.raises(ImportFailed):
        moving.open_bundle(out.content, out.filename, "wrong passphrase")

    new = fresh(tmp_path, monkeypatch)
    try:
        preview = moving.open_bundle(out.content, out.filename, PASS)
        assert preview.member == "Sam" and len(preview.entries) == 2
        member, viewer, result = moving.restore(
            new, preview, "Sam", "new pass 1234", "new pass 1234"
        )
        assert result.added == 2 and result.batch_id is not None
        assert [m.name for m in new.members()] == ["Sam"]
        assert together.is_protected(new, member.id) and viewer.unlocked
        bodies = {e.body: e.visibility for e in new.list_entries(viewer, EntryFilter()).items}
        assert bodies == {SAM_PRIVATE: Visibility.PRIVATE, SAM_SHARED: Visibility.SHARED}
        # The private entry is sealed on the new computer: its words are not in the file.
        assert SAM_PRIVATE.encode() not in Path(new.location).read_bytes()
        # Restoring the same bundle again adds nothing; Undo takes the batch away.
        again = importing.run_import(new, viewer, preview)
        assert again.added == 0
        assert importing.undo_import(new, viewer, result.batch_id) == 2
        assert new.list_entries(viewer, EntryFilter()).items == ()
    finally:
        new.close()
