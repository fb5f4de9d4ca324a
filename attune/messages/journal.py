"""Words of the journal itself: the welcome, check-ins, entries, search, trends and settings."""

from .plural import Plural

APP_TAGLINE = "A private place to notice how you feel and how connected you are."
NOT_THERAPY = (
    "Attune is for reflection. It is not therapy or crisis care. "
    "If you are in danger or thinking of harming yourself, contact emergency services now."
)
PRIVACY = (
    "Everything you write stays on this computer, in a database file only this app reads. "
    "Nothing is sent anywhere: no accounts, no analytics, no cloud."
)
WELCOME_TITLE = "Welcome to Attune"
WELCOME_NAME = "What should we call you?"
WELCOME_START = "Start journaling"

SAVED = "Saved. Your check-in is stored on this computer."
SAVED_EDIT = "Changes saved."
NEED_VALENCE_ENERGY = "Choose how pleasant it feels and how much energy you have, then save."
TRASHED = "Moved to the trash."
RESTORED = "Entry restored."
EMPTIED = Plural(
    "Trash emptied: {n:,} entry erased for good.", "Trash emptied: {n:,} entries erased for good."
)
TRASH_COUNT = Plural(
    "{n:,} entry in the trash. Restore it, or erase it for good.",
    "{n:,} entries in the trash. Restore them, or erase them for good.",
)
NOTHING_TODAY = "No check-ins yet today. The first one takes about ten seconds."
NO_ENTRIES = "No entries yet. Check in on the Today page and they will appear here."
NO_MATCHES = "No entries match. Try fewer words or clear a filter."
TRASH_EMPTY = "The trash is empty."
EMPTY_TRASH_WARNING = Plural(
    "This erases {n:,} entry for good, including its text in the search index. "
    "It cannot be undone.",
    "This erases {n:,} entries for good, including their text in the search index. "
    "It cannot be undone.",
)
SETTINGS_DATA_HINT = (
    "Backups are kept next to it, in backups/. Whoever set up Attune can keep the journal in "
    "another file (the README says how)."
)
DRAFT_HINT = "Your note is kept as a draft until you save — even if you leave this page."
MEMBER_ADDED = "Added {name}."
MEMBER_RENAMED = "Renamed to {name}."
