"""A page run reads the journal's preferences at once (components.services.preferences), not a
transaction a key: Settings' warm run on PostgreSQL held 17 transactions, 12 of them single
preference reads (issue 18, Settings warm 108 ms against a 100 ms budget). A preference written
anywhere before the next run is still seen there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from attune.services import Journal
from attune.services import journal as journal_service
from attune.services.preferences import PreferenceSnapshot
from components.practitioner import NAME_KEY

pytestmark = pytest.mark.both_backends

Open = Callable[..., AppTest]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often a run asked the database for one preference, and for all of them."""
    calls = {"one": 0, "all": 0}
    one, every = journal_service.Journal.preference, journal_service.Journal.preferences

    def preference(self: Journal, key: str) -> str:
        calls["one"] += 1
        return one(self, key)

    def preferences(self: Journal) -> PreferenceSnapshot:
        calls["all"] += 1
        return every(self)

    monkeypatch.setattr(journal_service.Journal, "preference", preference)
    monkeypatch.setattr(journal_service.Journal, "preferences", preferences)
    return calls


def test_settings_reads_its_preferences_at_once(
    app: Open, journal: Journal, reads: dict[str, int], backend: str
) -> None:
    sam = journal.add_member("Sam")
    at = app("views/settings.py", member_id=sam.id)
    at.run()  # the first run saved the reminder file's calendar id: a write, a new revision
    reads.update(one=0, all=0)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # Nothing changed: the snapshot of the last run serves; one key is read on its own, the
    # reminder file's calendar id (made and saved the first time it is asked for). Before
    # components.services.preferences: {"one": 12}.
    assert reads == {"one": 1, "all": 0}, reads


def test_a_preference_written_elsewhere_shows_on_the_next_run(
    app: Open, journal: Journal, backend: str
) -> None:
    sam = journal.add_member("Sam")
    at = app("views/share.py", member_id=sam.id)
    assert not _mentions(at, "Dr Rivera")
    journal.set_preference(NAME_KEY, "Dr Rivera")  # another Journal object, as another server
    at.run()
    assert _mentions(at, "Dr Rivera")


def _mentions(at: AppTest, text: str) -> bool:
    return any(text in m.value for m in at.markdown)


def test_a_snapshot_is_its_own_copy() -> None:
    values = {"a": "1"}
    snap = PreferenceSnapshot(values)
    values["a"] = "2"
    assert snap.preference("a") == "1"
    assert snap.preference("never set") == ""
