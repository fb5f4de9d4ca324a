"""Issue 16 defect 7: counts are said in good grammar, through one ngettext-based helper."""

from __future__ import annotations

from attune import messages


def test_one_and_many() -> None:
    assert messages.plural(1, "{n:,} entry", "{n:,} entries") == "1 entry"
    assert messages.plural(19031, "{n:,} entry", "{n:,} entries") == "19,031 entries"
    assert messages.entries(1) == "1 entry"
    assert messages.entries(0) == "0 entries"


def test_counted_messages_agree_with_their_count() -> None:
    assert messages.EMPTIED.format(n=1) == "Trash emptied: 1 entry erased for good."
    assert messages.EMPTIED.format(n=3) == "Trash emptied: 3 entries erased for good."
    assert messages.EMPTY_TRASH_WARNING.format(n=1).startswith("This erases 1 entry for good")
    assert messages.TRASH_COUNT.format(n=1) == (
        "1 entry in the trash. Restore it, or erase it for good."
    )
    assert messages.TRASH_COUNT.format(n=2).endswith("Restore them, or erase them for good.")
    assert messages.IMPORT_UNDONE.format(n=1) == "Import undone: 1 entry removed."
    assert messages.IMPORT_BUTTON.format(n=1) == "Import 1 entry"
    assert messages.IMPORT_COUNTS.format(n=1, first="a", last="b") == "1 entry from a to b."
    assert messages.PRACTICE_HISTORY.format(n=1) == "You have saved this practice once."
    assert messages.PRACTICE_HISTORY.format(n=4) == "You have saved this practice 4 times."


def test_no_raw_zone_names_or_settings_names_for_people() -> None:
    assert messages.IMPORT_NOTE_TZ.format(tz="Etc/UTC") == (
        "Times without a time zone are read as this computer's time (UTC)."
    )
    assert "New York" in messages.IMPORT_NOTE_TZ.format(tz="America/New_York")
    assert "ATTUNE_" not in messages.SUPPORT_NO_HELPLINES
    assert "ATTUNE_" not in messages.SETTINGS_DATA_HINT
