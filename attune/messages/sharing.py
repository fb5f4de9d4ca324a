# ruff: noqa: S105 - words about passphrases, not passphrases
"""Words of sharing with a therapist and the review mode (issue 6); the practitioner mode's are
in .practice, read with these."""

from .plural import Counts, Plural
from .practice import *  # noqa: F403

ATTUNE_JSON_NOT = "This is not an Attune export."
ATTUNE_JSON_VERSION = (
    "This Attune export is format version {version}; this Attune reads version {ours}. "
    "Update Attune to open it."
)
ATTUNE_JSON_FIELD = "The Attune export is not valid: {where} is missing or has the wrong type."
ATTUNE_JSON_UNKNOWN = (
    "The Attune export is not valid: {where} holds a field this version does not know."
)
ATTUNE_JSON_ENTRY = "The Attune export is not valid: {where}: {reason}"
ATTUNE_JSON_WORDS = "Its feeling words or tags are not in Attune's normal form."
ATTUNE_JSON_REPEATED = "The Attune export is not valid: {where} repeats an earlier entry's uid."
ATTUNE_JSON_SCORE = (
    "The Attune export is not valid: {where} has a score that does not fit its answers."
)
IMPORT_NOTE_CSV_NEW_UIDS = Plural(
    "{n:,} row has no uid; it gets one made from its content, so importing again adds nothing.",
    "{n:,} rows have no uid; each gets one made from its content, so importing again adds nothing.",
)
IMPORT_NOTE_ATTUNE_UIDS = "Entries keep their ids, so importing the same export again adds nothing."
IMPORT_NOTE_ATTUNE_OTHERS = Plural(
    "{n:,} entry was shared by someone else; it comes in as your private entry.",
    "{n:,} entries were shared by someone else; they come in as your private entries.",
)
IMPORT_NOTE_ATTUNE_SCORES = (
    "Questionnaire scores are not imported ({n:,} in this file); Therapist review shows them."
)
BUNDLE_NOT = "This is not an Attune encrypted bundle."
BUNDLE_DAMAGED = "The encrypted bundle is damaged or cut short, so it was not opened."
BUNDLE_KDF_LIMITS = (
    "The encrypted bundle asks for key-derivation settings beyond Attune's limits, so it was "
    "not opened."
)
BUNDLE_WRONG = "The passphrase is wrong, or the bundle was changed or cut short."
BUNDLE_NEEDS_PASSPHRASE = "This is an encrypted bundle: give its passphrase to open it."
EXPORT_NEEDS_PASSPHRASE = "An encrypted bundle needs a passphrase of at least {n} characters."
EXPORT_CSV_SUMMARY = "A CSV holds entries and a summary has none: choose PDF, Markdown or JSON."
EXPORT_UNKNOWN_FORMAT = "Attune cannot write that format."
EXPORT_WROTE = Counts(
    "Wrote {path} ({label}): {entries}, {checkins}, {scores}.",
    entries=Plural("{entries:,} entry", "{entries:,} entries", "entries"),
    checkins=Plural("{checkins:,} check-in", "{checkins:,} check-ins", "checkins"),
    scores=Plural("{scores:,} questionnaire answer", "{scores:,} questionnaire answers", "scores"),
)
PASSPHRASE_PROMPT = "Passphrase"
PASSPHRASE_ENV_MISSING = "The environment variable {var} is not set or is empty."

REPORT_TITLE = "Reflection summary"
REPORT_FOOTER = "Shared by the client from Attune — not a clinical record"
REPORT_PAGE = "Page {n} of {total}"
REPORT_EXPORTED = "Exported {when}"
REPORT_PROGRESS_CHARTS = "Working out the charts…"
REPORT_PROGRESS_DRAWING = Plural("Drawing {n} chart…", "Drawing {n} charts…")
REPORT_PROGRESS_PAGES = "Laying out the pages…"
REPORT_ALL_DATES = "All dates"
REPORT_SCOPES = {
    "therapist": "Entries the client marked for their therapist",
    "picked": "Entries the client chose",
    "summary": "Summary only — no entry text",
    "all": "Every entry the client can see",
}
REPORT_SUMMARY = "Summary"
REPORT_DAYS = "Days reflected"
REPORT_CHECKINS = "Check-ins"
REPORT_PLEASANTNESS_RANGE = "Pleasantness: min · mean · max"
REPORT_MIN_MEAN_MAX = "{lo} · {mean} · {hi}"
REPORT_ENERGY_MEAN = "Energy: mean"
REPORT_CONNECTION_MEAN = "Connection: mean"
REPORT_PLEASANTNESS = "Pleasantness"
REPORT_ENERGY = "Energy"
REPORT_CONNECTION = "Connection"
REPORT_FEELINGS = "Feelings"
REPORT_TAGS = "Tags"
REPORT_TOP_FEELINGS = "Feelings named most"
REPORT_LATEST_SCORES = "Latest questionnaire scores"
REPORT_SCORE_LINE = "{name}, {day}: {score} of {maximum}"
REPORT_SCORES = "Questionnaires, with every answer"
REPORT_NO_SCORES = "No questionnaires in this period."
REPORT_ITEM_HEADINGS = ("Question", "Answer", "Points")
REPORT_TRENDS = "Trends"
REPORT_SCORE_TRENDS = "Scores over time"
REPORT_ENTRIES = "Moments the client chose"
REPORT_NO_ENTRIES = "This export holds no entry text."
REPORT_ENTRIES_CAPPED = Plural(  # shown is MAX_PDF_ENTRIES and total is more, so only `more` varies
    "This report prints the newest {shown:,} of the {total:,} entries in this export; the "
    "{more:,} older one is left out so the report stays readable and quick to make. Every "
    "entry is in a JSON or CSV export of the same choice (Share, or attune export --format json).",
    "This report prints the newest {shown:,} of the {total:,} entries in this export; the "
    "{more:,} older ones are left out so the report stays readable and quick to make. Every "
    "entry is in a JSON or CSV export of the same choice (Share, or attune export --format json).",
    "more",
)
REPORT_ABOUT = Counts(
    "Figures and charts come from {checkins} in this period (pleasantness min · mean · max, "
    "energy and connection on 1–5 scales, and feeling words). {written} Attune is a reflection "
    "journal; this summary is not a clinical assessment.",
    checkins=Plural("the client's {n:,} check-in", "the client's {n:,} check-ins"),
    written=Plural(
        "Written text appears only for the {entries:,} entry the client chose to include.",
        "Written text appears only for the {entries:,} entries the client chose to include.",
        "entries",
        zero="This report holds no written text: the client included no entries.",
    ),
)

SHARE_TITLE = "Share with a therapist"
SHARE_INTRO = (
    "You decide what leaves this computer. Choose the dates and what to include: the preview "
    "below shows what the file holds, and nothing is sent anywhere."
)
SHARE_RANGE = "Dates"
SHARE_SCOPE = "What to include"
SHARE_SCOPES = {
    "therapist": "Entries I marked for my therapist",
    "picked": "Entries I choose",
    "summary": "Summary only",
}
SHARE_SCOPE_HELP = {
    "therapist": "Your own entries with “Share with my therapist” ticked, with their text.",
    "picked": "Exactly the entries you tick below, with their text.",
    "summary": "Figures, charts and questionnaire scores — no entry text at all.",
}
SHARE_PICK_HEADING = "Choose entries"
SHARE_PICK_NONE = "No entries in these dates."
SHARE_PICK_MORE = "Showing the {n:,} most recent; narrow the dates to choose older ones."
SHARE_SHARED_BY = "shared by {name}"
SHARE_FORMAT = "Format"
SHARE_INCLUDED = Counts(
    "This file holds {entries}, {checkins} as numbers and feeling words (for the charts) and "
    "{scores}.",
    entries=Plural(
        "{entries:,} entry with its text",
        "{entries:,} entries with their text",
        "entries",
        zero="no entry text",
    ),
    checkins=Plural(
        "{checkins:,} of your check-ins",
        "{checkins:,} of your check-ins",
        "checkins",
        zero="none of your check-ins",
    ),
    scores=Plural(
        "{scores:,} questionnaire answer",
        "{scores:,} questionnaire answers",
        "scores",
        zero="no questionnaire answers",
    ),
)
SHARE_INCLUDES_OTHERS = Plural(
    "{n:,} of these entries was shared with you by someone else; the file marks it as theirs.",
    "{n:,} of these entries were shared with you by someone else; the file marks them as theirs.",
)
SHARE_PREVIEW = "Preview — exactly what will be written"
SHARE_PDF_PAGE = "Page {n} of {total}"
SHARE_PDF_MORE = Plural("…and {n:,} more page in the file.", "…and {n:,} more pages in the file.")
SHARE_PDF_ON_DEMAND = (
    "The PDF report opens with a summary page and charts, then your questionnaire scores and "
    "the entries counted above. It takes a few seconds to draw: prepare it when your choices "
    "are set, and the preview will show its pages exactly as they will be downloaded."
)
SHARE_PDF_PREPARE = "Prepare the PDF"
SHARE_PDF_CHANGED = (
    "Your journal changed since the PDF was prepared, so it was set aside. Prepare it again "
    "to include the change."
)
SHARE_PDF_PREVIEWING = "Drawing the preview…"
SHARE_DOWNLOAD = "Download {name}"
SHARE_PASSPHRASE = "Passphrase"
SHARE_PASSPHRASE_AGAIN = "The same passphrase again"
SHARE_PASSPHRASE_HELP = (
    "Tell your therapist the passphrase in person or by phone — never in the same message as the "
    "file. Nobody can recover it."
)
SHARE_PASSPHRASE_MISMATCH = "The two passphrases differ."
SHARE_SEAL = "Seal the bundle"
SHARE_SEALED = "Sealed. The download below is encrypted; the preview shows what is inside."
SHARE_BUNDLE_INSIDE = "Inside the bundle, encrypted in the file:"
SHARE_CHOOSE_SCOPE_FIRST = "A CSV holds entries; a summary has none, so CSV is not offered."

REVIEW_TITLE = "Therapist review"
REVIEW_UPLOAD = "A client's export (.json or an encrypted .attune bundle)"
REVIEW_PASSPHRASE = "Passphrase (for an encrypted bundle)"
REVIEW_OPEN = "Open"
REVIEW_OPENED = "Opened {name}'s export of {when}."
REVIEW_ALREADY = "This export was opened before; nothing changed."
REVIEW_NONE = "No client exports opened yet."
REVIEW_NOT_SEALED = (
    "Only you see these records, but they are not encrypted: setting a passphrase in Settings "
    "encrypts them."
)
REVIEW_CLIENT = "Client"
REVIEW_EXPORT = "Export"
REVIEW_READ_ONLY = "Read-only: exactly what the client exported."
REVIEW_NEW = "New since the previous export ({when})"
REVIEW_NEW_NONE = "No new entries since the previous export ({when})."
REVIEW_FIRST = "The first export from this client."
REVIEW_SCORES = "Questionnaires"
REVIEW_NOTES = "Your private notes"
REVIEW_NOTES_HELP = (
    "Kept with this client's review files — never in a journal and never in an export."
)
REVIEW_NOTE = "New note"
REVIEW_NOTE_SAVE = "Add note"
REVIEW_NOTE_SAVED = "Note saved."
REVIEW_NOTE_EMPTY = "Write something first."
REVIEW_NOTE_TOO_LONG = "A note can be at most {n:,} characters."
REVIEW_NOTES_NONE = "No notes yet."
REVIEW_BAD_CLIENT = "That client record is not here."
SHARE_PREVIEW_CUT = (
    "The preview shows the first {shown:,} of {total:,} characters; the file holds all."
)
EXPORT_LOCKED = (
    "Some of these entries are encrypted and this journal is locked here: unlock it, then export."
)
