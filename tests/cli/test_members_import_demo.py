"""The command line on a fresh journal (issue 17, items 7 and 8): an import brings its member,
`members add / rename` follow the app's rules, and sample data stays out of real journals,
comes back out with Undo and is never dated later than now."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from attune import messages
from attune.cli import main
from attune.config import load_settings
from attune.demo import generate
from attune.domain.exports import Scope
from attune.services import Journal, sharing
from attune.services.importing import import_batches, undo_import
from tests.factories import make_entry, make_member
from tests.import_files import FIXTURES
from tests.viewers import V

DAYLIO = str(FIXTURES / "daylio_v3_bom.csv")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def one_line_error(output: str) -> str:
    """The one line a refusal prints: "Error: …", no usage block around it."""
    lines = [line for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1, output
    assert "Usage:" not in output, output
    return errors[0]


@pytest.fixture
def export_of_ana(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An Attune JSON export of every entry of Ana's, made on another journal."""
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("ATTUNE_DATABASE_URL", f"sqlite:///{other / 'attune.db'}")
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(other))
    source = Journal(load_settings())
    ana = make_member(source, "Ana")
    for day in range(3):
        make_entry(
            source,
            ana,
            occurred_at=datetime(2026, 3, 10 + day, 9, tzinfo=datetime.now().astimezone().tzinfo),
        )
    data = sharing.gather(source, V(ana.id), scope=Scope.ALL)
    path = tmp_path / "ana.json"
    path.write_bytes(sharing.render(data, "json").content)
    source.close()
    return path


# --- import into an empty journal -------------------------------------------------------------
def test_import_into_empty_journal_adds_the_exports_member(
    export_of_ana: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTUNE_DATABASE_URL", db_url)
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(Path(db_url.split("///", 1)[1]).parent))
    code, out = run("import", str(export_of_ana))
    assert code == 0, out
    assert messages.CLI_IMPORT_ADDED_MEMBER.format(name="Ana") in out
    journal = Journal(load_settings())
    try:
        (ana,) = journal.members()
        assert ana.name == "Ana"
        assert journal.list_entries(V(ana.id)).total == 3
        assert len(import_batches(journal, V(ana.id))) == 1
    finally:
        journal.close()


def test_import_into_empty_journal_with_member_option(journal: Journal) -> None:
    code, out = run("import", DAYLIO, "--mood", "sad=2", "--member", "Sam")
    assert code == 0, out
    (sam,) = journal.members()
    assert sam.name == "Sam"
    assert journal.list_entries(V(sam.id)).total == 5


def test_import_into_empty_journal_without_a_name_says_what_to_do(journal: Journal) -> None:
    code, out = run("import", DAYLIO, "--mood", "sad=2")
    assert code == 2
    assert messages.CLI_IMPORT_NEEDS_NAME in out
    assert journal.members() == []


def test_dry_run_into_empty_journal_adds_nobody(journal: Journal) -> None:
    code, out = run("import", DAYLIO, "--mood", "sad=2", "--member", "Sam", "--dry-run")
    assert code == 0, out
    assert messages.IMPORT_WOULD_ADD.format(added=5, present=0) in out
    assert journal.members() == []


def test_import_for_an_unknown_member_names_who_is_here(journal: Journal) -> None:
    make_member(journal, "Sam")
    make_member(journal, "Ana")
    code, out = run("import", DAYLIO, "--mood", "sad=2", "--member", "Kai")
    assert code == 2
    assert "members add" in one_line_error(out)
    assert "Sam, Ana" in out
    code, out = run("import", DAYLIO, "--mood", "sad=2")
    assert code == 2
    assert "--member NAME" in one_line_error(out)


# --- members ------------------------------------------------------------------------------------
def test_members_add_rename_and_list(journal: Journal) -> None:
    assert run("members", "add", "Sam") == (0, "Added Sam.\n")
    assert run("members", "add", "Ana")[0] == 0
    code, out = run("members", "rename", "Ana", "Anna")
    assert code == 0, out
    assert [m.name for m in journal.members()] == ["Sam", "Anna"]
    assert run("members") == (0, "Sam\nAnna\n")


def test_members_add_refuses_a_taken_or_look_alike_name(journal: Journal) -> None:
    make_member(journal, "Sam")
    code, out = run("members", "add", "sam")
    assert code == 2
    assert one_line_error(out)
    code, out = run("members", "add", "Ѕam")  # a Cyrillic Ѕ
    assert code == 2
    assert one_line_error(out)
    assert [m.name for m in journal.members()] == ["Sam"]


def test_members_rename_of_nobody_says_who_is_here(journal: Journal) -> None:
    make_member(journal, "Sam")
    code, out = run("members", "rename", "Kai", "Kim")
    assert code == 2
    assert "Sam" in one_line_error(out)


def test_members_remove_keeps_by_default_and_brings_back(journal: Journal) -> None:
    sam, ana = make_member(journal, "Sam"), make_member(journal, "Ana")
    make_entry(journal, ana, body="mine")
    code, out = run("members", "remove", "Ana")
    assert code == 0, out
    assert [m.name for m in journal.members()] == ["Sam"]
    code, out = run("members", "bring-back", "ana")
    assert code == 0, out
    assert journal.list_entries(V(ana.id)).total == 1
    assert sam.id != ana.id


def test_members_remove_erases_what_they_choose(journal: Journal, tmp_path: Path) -> None:
    make_member(journal, "Sam")
    ana = make_member(journal, "Ana")
    make_entry(journal, ana, body="private words")
    code, out = run("members", "remove", "Ana", "--private", "export")
    assert code == 2
    assert "--out FILE" in one_line_error(out)
    out_file = tmp_path / "ana.json"
    code, out = run("members", "remove", "Ana", "--private", "export", "--out", str(out_file))
    assert code == 1  # asked before erasing, and nobody said yes
    assert journal.list_entries(V(ana.id)).total == 1
    args = ("members", "remove", "Ana", "--private", "export", "--out", str(out_file), "--yes")
    code, out = run(*args)
    assert code == 0, out
    assert out_file.stat().st_size > 0
    assert journal.list_entries(V(ana.id)).total == 0


def test_the_last_member_cannot_be_removed(journal: Journal) -> None:
    make_member(journal, "Sam")
    code, out = run("members", "remove", "Sam", "--yes")
    assert code == 2
    assert one_line_error(out)
    assert [m.name for m in journal.members()] == ["Sam"]


def test_a_protected_member_is_renamed_with_their_passphrase(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attune import crypto, security

    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    monkeypatch.setenv("ANA_PASS", "a long enough passphrase here")
    assert run("members", "add", "Sam")[0] == 0
    code, out = run("members", "add", "Ana", "--passphrase-env", "ANA_PASS")
    assert code == 0, out
    code, out = run("members", "rename", "Ana", "Anna")
    assert code == 2
    assert "--unlock-env" in one_line_error(out)
    monkeypatch.setenv("WRONG", "not her passphrase at all")
    code, out = run("--unlock-env", "WRONG", "members", "rename", "Ana", "Anna")
    assert code == 1
    code, out = run("--unlock-env", "ANA_PASS", "members", "rename", "Ana", "Anna")
    assert code == 0, out
    assert [m.name for m in journal.members()] == ["Sam", "Anna"]


# --- demo -----------------------------------------------------------------------------------------
def test_demo_refuses_a_journal_with_real_entries(journal: Journal) -> None:
    sam = make_member(journal, "Sam")
    make_entry(journal, sam)
    code, out = run("demo", "--members", "2", "--years", "0.05")
    assert code == 1
    assert messages.CLI_DEMO_REFUSED in out
    assert [m.name for m in journal.members()] == ["Sam"]
    assert journal.list_entries(V(sam.id)).total == 1


def test_demo_refuses_a_journal_with_a_real_person(journal: Journal) -> None:
    make_member(journal, "Sam")
    code, _out = run("demo", "--years", "0.05")
    assert code == 1
    assert journal.list_entries(V(journal.members()[0].id)).total == 0


def test_demo_into_existing_is_one_import_that_undo_removes(journal: Journal) -> None:
    sam = make_member(journal, "Sam")
    mine = make_entry(journal, sam)
    code, out = run("demo", "--years", "0.1", "--into-existing")
    assert code == 0, out
    (batch,) = import_batches(journal, V(sam.id))
    assert batch.entry_count > 10
    assert journal.list_entries(V(sam.id)).total == batch.entry_count + 1
    assert undo_import(journal, V(sam.id), batch.id) == batch.entry_count
    assert [e.uid for e in journal.list_entries(V(sam.id)).items] == [mine.uid]


def test_demo_on_a_fresh_journal_and_again(journal: Journal) -> None:
    code, out = run("demo", "--members", "2", "--years", "0.1")
    assert code == 0, out
    assert messages.CLI_DEMO_UNDO in out
    _sam, alex = journal.members()
    assert len(import_batches(journal, V(alex.id))) == 1
    code, out = run("demo", "--members", "2", "--years", "0.1")  # sample data only: allowed
    assert code == 0, out
    assert "Added 0 sample entries" in out


def test_demo_never_writes_later_than_now(journal: Journal) -> None:
    code, out = run("demo", "--members", "3", "--years", "0.2")
    assert code == 0, out
    now = datetime.now().astimezone()
    for member in journal.members():
        newest = journal.list_entries(V(member.id), page_size=1).items[0]
        assert newest.occurred_at <= now


def test_demo_end_in_the_future_is_refused(journal: Journal) -> None:
    later = (date.today() + timedelta(days=2)).isoformat()
    code, _out = run("demo", "--end", later)
    assert code == 2
    assert journal.members() == []


@pytest.mark.parametrize("hour", [0, 8, 13, 23])
def test_generate_stops_at_now(hour: int) -> None:
    tz = datetime.now().astimezone().tzinfo
    now = datetime.combine(date(2026, 6, 10), time(hour, 30), tz)
    rows = list(generate(member_index=0, members=2, years=0.3, seed=5, end=now.date(), now=now))
    assert rows
    assert max(d.occurred_at for _, d in rows) <= now
    # the same entries as a run at the end of that day, up to now
    later = datetime.combine(now.date(), time(23, 59), tz)
    full = list(generate(member_index=0, members=2, years=0.3, seed=5, end=now.date(), now=later))
    assert rows == [r for r in full if r[1].occurred_at <= now]
