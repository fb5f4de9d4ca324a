"""Attune CSV through real databases: a journal exported as CSV and imported into a fresh one has
the same entries (hypothesis), importing it again adds nothing, and undo removes the batch."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune.config import load_settings
from attune.domain.entries import Entry, EntryDraft, EntryError, Visibility
from attune.domain.exports import Scope
from attune.services import Journal, importing, sharing
from tests.data.payloads import PAYLOADS
from tests.sqlite_template import migrated
from tests.viewers import V

pytestmark = pytest.mark.both_backends


def fresh(home: Path) -> Journal:
    home.mkdir()
    url = migrated(home / "attune.db")
    return Journal(load_settings({"ATTUNE_DATABASE_URL": url, "ATTUNE_DATA_DIR": str(home)}))


def everything(journal: Journal, member_id: int) -> list[Entry]:
    page = journal.list_entries(V(member_id), page_size=10_000)
    return sorted(page.items, key=lambda e: e.uid)


def same(a: Entry, b: Entry) -> bool:
    fields = ("uid", "occurred_at", "valence", "energy", "connection", "feelings", "tags", "body",
              "prompt_id", "reading_id", "share_with_therapist")  # fmt: skip
    return all(getattr(a, f) == getattr(b, f) for f in fields) and (
        a.occurred_at.utcoffset() == b.occurred_at.utcoffset()
    )


LABEL = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=10)
ZONES = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
DRAFTS = st.builds(
    EntryDraft,
    occurred_at=st.datetimes(datetime(1800, 1, 1), datetime(2200, 1, 1), timezones=ZONES),
    valence=st.integers(1, 5),
    energy=st.integers(1, 5),
    connection=st.none() | st.integers(1, 5),
    feelings=st.lists(LABEL, max_size=3).map(tuple),
    tags=st.lists(LABEL | st.sampled_from(["=SUM(A1)", "a;b", "'-x"]), max_size=3).map(tuple),
    body=st.text(max_size=120) | st.sampled_from(PAYLOADS),
    visibility=st.sampled_from(list(Visibility)),
    share_with_therapist=st.booleans(),
)


def valid(draft: EntryDraft) -> bool:
    try:
        draft.clean()
    except EntryError:
        return False
    return True


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts=st.lists(DRAFTS.filter(valid), min_size=1, max_size=6))
def test_csv_export_imports_into_a_fresh_journal_as_the_same_entries(
    drafts: list[EntryDraft],
) -> None:
    home = Path(tempfile.mkdtemp(prefix="attune-csv-"))
    try:
        source = fresh(home / "a")
        sam = source.add_member("Sam").id
        for draft in drafts:
            source.add_entry(V(sam), draft)
        data = sharing.render(sharing.gather(source, V(sam), scope=Scope.ALL), "csv").content
        before = everything(source, sam)
        source.close()

        target = fresh(home / "b")
        kim = target.add_member("Kim").id
        preview = importing.preview_import(data, "attune-export.csv")
        assert preview.format == "attune-csv" and not preview.skipped
        result = importing.run_import(target, V(kim), preview)
        assert result.added == len(drafts)
        after = everything(target, kim)
        assert len(after) == len(before)
        assert all(same(a, b) for a, b in zip(before, after, strict=True))
        assert all(e.visibility is Visibility.PRIVATE for e in after)
        again = importing.run_import(target, V(kim), importing.preview_import(data, "again.csv"))
        assert (again.added, again.already_present) == (0, len(drafts))
        assert importing.undo_import(target, V(kim), result.batch_id or 0) == len(drafts)
        assert everything(target, kim) == []
        target.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
