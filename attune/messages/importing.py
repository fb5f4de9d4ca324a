# ruff: noqa: S105 - words about passphrases, not passphrases
"""Words of importing a file (issue 7): each refusal is one line that never quotes the file."""

from .plural import Counts, Plural, ZoneNote

IMPORT_TITLE = "Import"
IMPORT_INTRO = (
    "Bring your history from Daylio (CSV), jrnl (its JSON export or journal file) or Day One "
    "(the JSON export zip), or an Attune export (JSON, an encrypted bundle, or the CSV after "
    "editing it in a spreadsheet) from another computer. You see what the file holds before "
    "anything is stored, "
    "imported entries are private to you, and an import can be undone."
)
IMPORT_UPLOAD = "Choose an export file"
IMPORT_UPLOAD_HELP = (
    "Attune .json, .csv or encrypted .attune, Daylio .csv, jrnl .json or .txt, Day One .zip — "
    "up to {size}."
)
IMPORT_BUNDLE_LOCKED = "This is an encrypted Attune bundle. Give its passphrase to see inside."
IMPORT_BUNDLE_PASSPHRASE = "The bundle's passphrase"
IMPORT_BUNDLE_OPEN = "Open the bundle"
IMPORT_BUNDLE_OPENING = "Opening the bundle…"
IMPORT_DETECTED = "Recognised: {label}."
IMPORT_COUNTS = Plural(
    "{n:,} entry from {first} to {last}.", "{n:,} entries from {first} to {last}."
)
IMPORT_COUNTS_NONE = "No entries to import in this file."
IMPORT_SKIPPED_HEADING = "{n:,} will be skipped"
IMPORT_SAMPLES = "A few of the entries"
IMPORT_MOODS_HEADING = "How pleasant was each mood?"
IMPORT_MOODS_HELP = (
    "Daylio moods are names you chose. Give each a pleasantness from 1 (very unpleasant) to 5 "
    "(very pleasant); Daylio's standard moods are filled in."
)
IMPORT_NEEDS_MAPPING = "Choose a pleasantness for each mood before importing: {names}."
IMPORT_WAITING = Plural(
    "{n:,} entry waits for a mood to be mapped.", "{n:,} entries wait for a mood to be mapped."
)
IMPORT_BUTTON = Plural("Import {n:,} entry", "Import {n:,} entries")
IMPORT_PROGRESS = "Importing…"
IMPORT_DONE = Counts(
    "Added {added}; {present} already here; {skipped:,} skipped.",
    added=Plural("{added:,} entry", "{added:,} entries", "added"),
    present=Plural("{present:,} was", "{present:,} were", "present"),
)
IMPORT_PAST = "Past imports"
IMPORT_PAST_NONE = "Nothing imported yet."
IMPORT_BATCH_LINE = Plural("{label} · {n:,} entry · {when}", "{label} · {n:,} entries · {when}")
IMPORT_BATCH_UNDONE = Plural(
    "{label} · {n:,} entry · {when} · undone", "{label} · {n:,} entries · {when} · undone"
)
IMPORT_UNDO = "Undo this import"
IMPORT_UNDO_CONFIRM = Plural(
    "This removes the {n:,} entry this import added, even if you have edited it since. "
    "Entries you wrote yourself are not touched.",
    "This removes the {n:,} entries this import added, including any you have edited since. "
    "Entries you wrote yourself are not touched.",
)
IMPORT_UNDO_YES = "Yes, remove them"
IMPORT_UNDO_CANCEL = "Cancel"
IMPORT_UNDONE = Plural(
    "Import undone: {n:,} entry removed.", "Import undone: {n:,} entries removed."
)
IMPORT_BATCH_GONE = "That import is not there, or was already undone."
IMPORT_DRY_RUN = "Dry run: nothing was written."
IMPORT_WOULD_ADD = Counts(
    "Would add {added}; {present} already here.",
    added=Plural("{added:,} entry", "{added:,} entries", "added"),
    present=Plural("{present:,} is", "{present:,} are", "present"),
)
IMPORT_CANNOT_OPEN = "The file could not be opened."

IMPORT_EMPTY = "The file is empty."
IMPORT_TOO_BIG = "The file is larger than {size}, the most Attune imports at once."
IMPORT_UNKNOWN_FORMAT = (
    "This doesn't look like an Attune (JSON or CSV), Daylio, jrnl or Day One export."
)
IMPORT_NOT_FORMAT = "This file is not a {label} export Attune can read."
IMPORT_NOT_UTF8 = (
    "The file is not UTF-8 text. Export it again from the app (its exports are UTF-8)."
)
IMPORT_UTF16 = "The file is UTF-16 text; Attune reads UTF-8. Export it again, or save it as UTF-8."
IMPORT_BAD_JSON = "The file is not valid JSON (it may be cut short): line {line}, column {col}."
IMPORT_JSON_DUPLICATE = "The JSON names the same field twice in one object, so it was not read."
IMPORT_JSON_NAN = "The JSON holds NaN or Infinity, which no journal export contains."
IMPORT_JSON_DEEP = "The JSON is nested more than {n} levels deep, which no journal export needs."
IMPORT_JSON_NUMBER = "The JSON holds a number too long to read."
IMPORT_CSV_HEADER = (
    "The first line is not a Daylio header (year or full_date, date, weekday, time, mood, "
    "activities, note)."
)
IMPORT_CSV_BROKEN = "The CSV file is malformed near line {line}."
IMPORT_CSV_FIELD_TOO_LARGE = (
    "A note is larger than {chars:,} characters on line {line}, more than Attune reads in one "
    "field: shorten or split it, then import again."
)
IMPORT_ZIP_DAMAGED = "The zip file is damaged or incomplete. Export or download it again."
IMPORT_ZIP_PATH = "The zip holds a file whose path points outside it, so it was not opened."
IMPORT_ZIP_BOMB = "The zip unpacks to far more than its size suggests, so it was not opened."
IMPORT_ZIP_TOO_BIG = "The zip unpacks to more than {size}, the most Attune imports at once."
IMPORT_ZIP_TOO_MANY = "The zip holds more than {n:,} files."
IMPORT_ZIP_ENCRYPTED = "The zip is password-protected. Export it again without a password."
IMPORT_ZIP_NO_JSON = "The zip holds no Day One journal (a .json file)."
IMPORT_NOT_READY = "Some moods have no pleasantness yet, so nothing was imported."

IMPORT_WHERE_LINE = "line {n}"
IMPORT_WHERE_ENTRY = "entry {n}"
IMPORT_SKIP_REPEATED = "The same entry appears earlier in the file."
IMPORT_SKIP_COLUMNS = "It does not have the {n} columns of the header."
IMPORT_SKIP_MOOD = "It has no mood."
IMPORT_SKIP_DATE = "Its date is missing or not a real date."
IMPORT_SKIP_TIME = "Its time is missing or not a real time."
IMPORT_SKIP_ID = "It has no uuid."
IMPORT_SKIP_FIELD = "Its {field} field has the wrong type."
IMPORT_SKIP_NOT_OBJECT = "It is not an {what} object."
IMPORT_SKIP_UNDATED = "Text before the first dated entry."

IMPORT_NOTE_DAYLIO_ENERGY = "Daylio records no energy, so every entry gets energy 3 (steady)."
IMPORT_NOTE_NO_MOOD = (
    "{label} records no mood, so every entry gets pleasantness 3 (neutral) and energy 3 (steady)."
)
IMPORT_NOTE_STARRED = "Starred entries get the tag “starred”."
IMPORT_NOTE_MEDIA = "Attachments such as photos are not imported ({n:,} in this file); the text is."
IMPORT_NOTE_TZ = ZoneNote("Times without a time zone are read as this computer's time ({tz}).")
IMPORT_NOTE_PRIVATE = "Imported entries are private to you; share any of them later if you like."
