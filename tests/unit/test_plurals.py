"""Issue 16 defect 7: counts are said in good grammar, through one ngettext-based helper."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import pytest

from attune import messages
from attune.messages import limits as limit_words


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


# --- Every message with a count says 1 in the singular and 2 in the plural -------------------
ONE_AND_TWO = [
    (
        messages.IMPORT_DONE,
        {"added": 1, "present": 1, "skipped": 1},
        "Added 1 entry; 1 was already here; 1 skipped.",
        "Added 2 entries; 2 were already here; 2 skipped.",
    ),
    (
        messages.IMPORT_WOULD_ADD,
        {"added": 1, "present": 1},
        "Would add 1 entry; 1 is already here.",
        "Would add 2 entries; 2 are already here.",
    ),
    (
        messages.EXPORT_WROTE,
        {"path": "out.json", "label": "Attune JSON", "entries": 1, "checkins": 1, "scores": 1},
        "Wrote out.json (Attune JSON): 1 entry, 1 check-in, 1 questionnaire answer.",
        "Wrote out.json (Attune JSON): 2 entries, 2 check-ins, 2 questionnaire answers.",
    ),
    (
        messages.SHARE_INCLUDED,
        {"entries": 1, "checkins": 1, "scores": 1},
        "This file holds 1 entry with its text, 1 of your check-ins as numbers and feeling words "
        "(for the charts) and 1 questionnaire answer.",
        "This file holds 2 entries with their text, 2 of your check-ins as numbers and feeling "
        "words (for the charts) and 2 questionnaire answers.",
    ),
    (
        messages.SHARE_INCLUDES_OTHERS,
        {"n": 1},
        "1 of these entries was shared with you by someone else; the file marks it as theirs.",
        "2 of these entries were shared with you by someone else; the file marks them as theirs.",
    ),
    (
        messages.SHARE_PDF_MORE,
        {"n": 1},
        "…and 1 more page in the file.",
        "…and 2 more pages in the file.",
    ),
    (messages.REPORT_PROGRESS_DRAWING, {"n": 1}, "Drawing 1 chart…", "Drawing 2 charts…"),
    (
        messages.IMPORT_NOTE_CSV_NEW_UIDS,
        {"n": 1},
        "1 row has no uid; it gets one made from its content, so importing again adds nothing.",
        "2 rows have no uid; each gets one made from its content, so importing again adds nothing.",
    ),
    (
        messages.IMPORT_NOTE_ATTUNE_OTHERS,
        {"n": 1},
        "1 entry was shared by someone else; it comes in as your private entry.",
        "2 entries were shared by someone else; they come in as your private entries.",
    ),
    (
        messages.CLI_MEMBER_REMOVED,
        {"name": "Sam", "private": 1, "shared": 1},
        "Sam stepped away (1 private entry and 1 shared entry erased). "
        "Bring them back with: attune members bring-back NAME",
        "Sam stepped away (2 private entries and 2 shared entries erased). "
        "Bring them back with: attune members bring-back NAME",
    ),
    (
        messages.CLI_DEMO_DONE,
        {"n": 1, "names": "Sam", "already": 1},
        "Added 1 sample entry for Sam (1 was there already).",
        "Added 2 sample entries for Sam (2 were there already).",
    ),
    (
        limit_words.TOO_MANY_TRIES,
        {"n": 1},
        "Too many tries from here. Please wait 1 minute.",
        "Too many tries from here. Please wait 2 minutes.",
    ),
    (
        messages.TRASH_COUNT,
        {"n": 1},
        "1 entry in the trash. Restore it, or erase it for good.",
        "2 entries in the trash. Restore them, or erase them for good.",
    ),
]


@pytest.mark.parametrize(
    ("message", "counts", "one", "two"), ONE_AND_TWO, ids=[one[:24] for _, _, one, _ in ONE_AND_TWO]
)
def test_each_count_is_said_in_the_singular_for_one(
    message: Any, counts: dict[str, Any], one: str, two: str
) -> None:
    assert message.format(**counts) == one
    twos = {k: 2 if isinstance(v, int) else v for k, v in counts.items()}
    assert message.format(**twos) == two


def test_share_says_no_for_nothing_and_mixes_counts_naturally() -> None:
    assert messages.SHARE_INCLUDED.format(entries=1, checkins=2, scores=0) == (
        "This file holds 1 entry with its text, 2 of your check-ins as numbers and feeling words "
        "(for the charts) and no questionnaire answers."
    )
    summary = messages.SHARE_INCLUDED.format(entries=0, checkins=30, scores=4)
    assert summary.startswith("This file holds no entry text, 30 of your check-ins")


def test_the_report_says_one_older_entry_and_one_check_in() -> None:
    capped = messages.REPORT_ENTRIES_CAPPED.format(shown=500, total=501, more=1)
    assert "the 1 older one is left out" in capped
    assert "the 2 older ones are left out" in messages.REPORT_ENTRIES_CAPPED.format(
        shown=500, total=502, more=2
    )
    about = messages.REPORT_ABOUT.format(n=1, entries=1)
    assert "the client's 1 check-in in this period" in about
    assert "only for the 1 entry the client chose" in about
    assert "the 2 entries the client chose" in messages.REPORT_ABOUT.format(n=2, entries=2)
    assert "0 entries" not in messages.REPORT_ABOUT.format(n=9, entries=0)  # a summary only


# --- A guard: no plain message puts a count straight before a plural noun ---------------------
NOUNS = (
    "entries|check-ins|minutes|hours|days|weeks|seconds|answers|pages|rows|charts|files|exports|"
    "imports|characters|levels|columns|prompts|times|members|codes|questions|notes|ones|scores|"
    "words|tags|clients|people|years|items|bytes"
)
COUNT_THEN_NOUN = re.compile(
    r"\{\w+(?::[^}]*)?\}\s+(?:of (?:your|these|the|their) |[\w-]+ )?(?:" + NOUNS + r")\b"
)
#: Counts that can never be 1, so a plain `str` is right for them.
NEVER_ONE = {
    "care.CARE_LOCAL_TOO_LONG": "a fixed maximum (MAX_LOCAL_CHARS)",
    "content.ALL_PROMPTS": "the prompt library's size, dozens",
    "importing.IMPORT_JSON_DEEP": "a fixed maximum depth",
    "importing.IMPORT_CSV_FIELD_TOO_LARGE": "csv's field size limit",
    "importing.IMPORT_ZIP_TOO_MANY": "a fixed maximum of files",
    "importing.IMPORT_SKIP_COLUMNS": "a Daylio header's columns, seven or more",
    "inbox.TOO_MANY": "MAX_WAITING, 50",
    "limits.EXPORT_TOO_MANY_ENTRIES": "more than MAX_EXPORT_ENTRIES, thousands",
    "moving.MOVE_PASSPHRASE_HINT": "the passphrase's fixed minimum length",
    "sharing.EXPORT_NEEDS_PASSPHRASE": "the passphrase's fixed minimum length",
    "sharing.REVIEW_NOTE_TOO_LONG": "a fixed maximum (MAX_NOTE_CHARS)",
    "sharing.SHARE_PREVIEW_CUT": "more than MAX_PREVIEW_CHARS, a fixed cap",
    "support.PRACTITIONER_NAME_TOO_LONG": "a fixed maximum",
}


def _plain_texts() -> Iterator[tuple[str, str]]:
    for found in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{found.name}")
        for name, value in vars(module).items():
            key = f"{found.name}.{name}"
            if isinstance(value, str) and name.isupper():
                yield key, value
            elif isinstance(value, dict):
                yield from ((key, v) for v in value.values() if isinstance(v, str))
            elif isinstance(value, tuple):
                yield from ((key, v) for v in value if isinstance(v, str))


def test_no_plain_message_counts_before_a_plural_noun() -> None:
    found = {key for key, text in _plain_texts() if COUNT_THEN_NOUN.search(text)}
    assert found - NEVER_ONE.keys() == set(), "use a Plural (attune.messages.plural)"
    assert NEVER_ONE.keys() - found == set(), "an allowed message changed: update NEVER_ONE"
