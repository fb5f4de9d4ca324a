"""Practice sessions: stored with their ratings, private to their member, migrated cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from attune.domain.entries import EntryError
from attune.services import Journal
from tests.factories import make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends


def test_record_and_read_back(journal: Journal) -> None:
    sam = make_member(journal)
    before = journal.revision()
    stored = journal.record_practice(V(sam.id), "slow-breathing", 4, 2)
    assert journal.revision() > before
    assert (stored.member_id, stored.practice_id, stored.before, stored.after) == (
        sam.id, "slow-breathing", 4, 2,
    )  # fmt: skip
    assert stored.started_at.tzinfo is not None
    frame = journal.practice_sessions(V(sam.id))
    assert list(frame.columns) == ["member_id", "day", "practice_id", "before", "after"]
    assert frame.to_dict("records")[0] | {"day": None} == {
        "member_id": sam.id, "day": None, "practice_id": "slow-breathing", "before": 4, "after": 2,
    }  # fmt: skip
    assert str(frame["day"].dtype) == "datetime64[ns]"
    assert (frame["day"] == frame["day"].dt.normalize()).all()
    assert str(frame["before"].dtype) == str(frame["after"].dtype) == "Int64"


def test_ratings_are_optional(journal: Journal) -> None:
    sam = make_member(journal)
    journal.record_practice(V(sam.id), "name-the-feeling", None, 3)
    frame = journal.practice_sessions(V(sam.id))
    assert frame["before"].isna().tolist() == [True]
    assert frame["after"].tolist() == [3]


def test_day_is_the_local_date(journal: Journal) -> None:
    sam = make_member(journal)
    at = datetime(2026, 5, 1, 23, 30, tzinfo=UTC)
    journal.record_practice(V(sam.id), "slow-breathing", 3, 3, started_at=at)
    [day] = journal.practice_sessions(V(sam.id))["day"].tolist()
    assert day.date() == at.astimezone().date()


def test_another_member_never_sees_them(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    journal.record_practice(V(sam.id), "slow-breathing", 5, 2)
    journal.record_practice(V(sam.id), "cyclic-sighing", 4, 3)
    journal.record_practice(V(alex.id), "name-the-feeling", 2, 1)
    assert journal.practice_sessions(V(sam.id))["member_id"].tolist() == [sam.id, sam.id]
    assert journal.practice_sessions(V(alex.id))["practice_id"].tolist() == ["name-the-feeling"]
    empty = journal.practice_sessions(V(None))
    assert empty.empty
    assert list(empty.columns) == ["member_id", "day", "practice_id", "before", "after"]
    assert str(empty["day"].dtype) == "datetime64[ns]"


@pytest.mark.parametrize(("before", "after"), [(0, 3), (3, 6), (True, 2)])
def test_out_of_range_ratings_are_refused(journal: Journal, before: int, after: int) -> None:
    sam = make_member(journal)
    with pytest.raises(EntryError, match="from 1 to 5"):
        journal.record_practice(V(sam.id), "slow-breathing", before, after)
    assert journal.practice_sessions(V(sam.id)).empty


def test_unknown_practice_is_refused(journal: Journal) -> None:
    sam = make_member(journal)
    with pytest.raises(EntryError, match="not in Attune's library"):
        journal.record_practice(V(sam.id), "no-such-practice", 3, 2)


def test_migration_0002_creates_and_drops_the_table(journal: Journal, admin_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from attune.storage import migrate
    from attune.storage.engine import make_engine

    owner = make_engine(admin_url)  # on PostgreSQL the schema's owner migrates, not the app
    try:
        cfg = migrate.alembic_config(owner)
        command.downgrade(cfg, "0001")
        assert "practice_sessions" not in inspect(owner).get_table_names()
        command.upgrade(cfg, "head")
        assert migrate.current_revision(owner) == migrate.head_revision(owner)
    finally:
        owner.dispose()
    sam = make_member(journal)
    journal.record_practice(V(sam.id), "slow-breathing", 3, 2)
    assert len(journal.practice_sessions(V(sam.id))) == 1
