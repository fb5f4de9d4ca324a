"""What an import looks up and sends, on both databases: a member with no entries yet (an import
into a new journal, or by a new member) looks no uid up, and what it stores is the same as when
it does; and every character an entry may hold goes through PostgreSQL's array literals (a column
of strings is escaped whole) as written."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.domain.exports import Scope
from attune.exchange import ImportOptions
from attune.services import Journal, importing, sharing
from attune.storage import bulk, import_repo
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

LONDON = ImportOptions(tz=ZoneInfo("Europe/London"))
HEADER = "year,date,weekday,time,mood,activities,note\n"
ROWS = "".join(
    f'2026,{day} March,Monday,10:15 pm,good,"friends | work","day {day}"\n' for day in range(1, 8)
)
AWKWARD = ('say "hi"', "back\\slash", "a,b", "{braces}", "NULL", "", "é ünïcode ✓", 'x\\"y')


def daylio() -> importing.ImportPreview:
    return importing.preview_import((HEADER + ROWS).encode(), "daylio_export.csv", options=LONDON)


def test_a_new_member_imports_everything_and_then_nothing_again(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = make_member(journal, "Ana"), make_member(journal, "Ben")
    looked_up: list[int] = []
    found = import_repo._found
    monkeypatch.setattr(
        import_repo, "_found", lambda s, part, m: looked_up.append(len(part)) or found(s, part, m)
    )
    assert importing.run_import(journal, V(first), daylio()).added == 7
    assert looked_up == []  # Ana had no entries: nothing to look up
    assert importing.run_import(journal, V(second), daylio()).added == 7  # Ben's own uids
    assert looked_up == []
    again = importing.run_import(journal, V(first), daylio())
    assert (again.added, again.already_present) == (0, 7)
    assert looked_up  # now Ana has entries: they are looked up
    assert importing.already_present(journal, V(second), daylio()) == 7


def test_an_attune_export_imported_by_its_author_adds_nothing(journal: Journal) -> None:
    member = make_member(journal)
    made = [make_entry(journal, member, body=f"entry {i}") for i in range(3)]
    preview = importing.preview_import(_export(journal, member.id), "attune-export.json")
    again = importing.run_import(journal, V(member), preview)
    assert (again.added, again.already_present) == (0, len(made))


def test_uids_another_member_has_are_keyed(journal: Journal) -> None:
    author, other = make_member(journal, "Ana"), make_member(journal, "Ben")
    taken = make_entry(journal, author, visibility=Visibility.SHARED)
    preview = importing.preview_import(_export(journal, author.id), "attune-export.json")
    assert importing.run_import(journal, V(other), preview).added == 1
    page = journal.list_entries(V(other), EntryFilter())
    (imported,) = [e for e in page.items if e.member_id == other.id]
    assert imported.uid != taken.uid and imported.body == taken.body


def test_every_character_goes_in_and_comes_back(journal: Journal) -> None:
    member = make_member(journal)
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    rows = [
        (
            str(uuid.uuid4()),
            EntryDraft(
                occurred_at=when + timedelta(hours=i),
                valence=3,
                energy=3,
                body=body,
                tags=(f"t{i} {body}".strip()[:40],),
                feelings=("calm",),
            ).clean(),
        )
        for i, body in enumerate(AWKWARD)
    ]
    assert journal.add_entries_bulk(V(member), rows) == len(rows)
    got = {e.uid: e for e in journal.list_entries(V(member), EntryFilter(), page_size=50).items}
    for uid, draft in rows:
        assert (got[uid].body, got[uid].tags, got[uid].feelings) == (
            draft.body,
            draft.tags,
            draft.feelings,
        )


def test_array_literals_of_whole_columns_match_element_by_element() -> None:
    strings = [*AWKWARD, "plain"]
    assert bulk._array_literal(strings) == "{" + ",".join(map(bulk._quoted, strings)) + "}"
    assert bulk._array_literal([3, -1, 0]) == "{3,-1,0}"
    assert bulk._array_literal([1, None]) == "{1,NULL}"
    assert bulk._array_literal(["a", None]) == '{"a",NULL}'
    assert bulk._array_literal([True, False]) == "{t,f}"
    # A NUL is never split into two elements: the literal keeps it, and the database refuses it.
    assert bulk._array_literal(["a\0b", "c"]) == '{"a\0b","c"}'


def _export(journal: Journal, member_id: int) -> bytes:
    """The member's Attune JSON export, made by the app's own exporter."""
    return sharing.render(sharing.gather(journal, V(member_id), scope=Scope.ALL), "json").content
