# ruff: noqa: S105 - words about passphrases, not passphrases
"""Back up / move a journal (Settings › Your data) and restore it on Welcome."""

from __future__ import annotations

MOVE_TITLE = "Back up / move my journal"
MOVE_WHAT = (
    "One encrypted file with **your own entries**, private and shared (each stays as it was), "
    "with their feelings, tags and scores. To move Attune to another computer, open it there "
    "and choose *Restore from a bundle* on its Welcome page."
)
MOVE_NOT_IN = (
    "Not in it: other people's entries, even the ones they shared with you. They are theirs "
    "to move: each person makes their own bundle, and once everyone has restored theirs, shared "
    "entries are shared again. Drafts, settings and weekly questionnaires stay here."
)
MOVE_PASSPHRASE = "A passphrase for the bundle"
MOVE_PASSPHRASE_AGAIN = "The same passphrase again"
MOVE_PASSPHRASE_HINT = (
    "At least {n} characters. You need it to open the bundle; it cannot be recovered."
)
MOVE_MAKE = "Make the bundle"
MOVE_MAKING = "Sealing the bundle…"
MOVE_READY = "Your bundle is ready: {entries}. Keep it somewhere only you can reach."
MOVE_DOWNLOAD = "Download the bundle"
MOVE_PASSPHRASES_DIFFER = "The two passphrases differ: type the same one twice."
MOVE_NOBODY = "Choose who is writing first: a bundle holds one person's entries."

RESTORE_TITLE = "Moving from another computer? Restore from a bundle"
RESTORE_INTRO = (
    "A bundle made in Settings › Your data (Back up / move my journal) on the other computer "
    "holds one person's own entries. Each person restores their own."
)
RESTORE_FILE = "The bundle (.attune)"
RESTORE_PASSPHRASE = "The bundle's passphrase"
RESTORE_OPEN = "Open the bundle"
RESTORE_OPENING = "Opening the bundle…"
RESTORE_NEEDS_FILE = "Choose the bundle's file first."
RESTORE_FOUND = "This bundle holds {entries} of {name}, from {first} to {last}."
RESTORE_FOUND_EMPTY = "This bundle holds no entries of {name}."
RESTORE_NAME = "Your name here"
RESTORE_NEW_PASSPHRASE = "A passphrase for you on this computer (optional)"
RESTORE_NEW_AGAIN = "The same passphrase again"
RESTORE_NEW_HINT = (
    "It can be the bundle's. Without one, your private entries are stored unencrypted on this "
    "computer; with one, they are sealed as they come in."
)
RESTORE_GO = "Restore my journal"
RESTORE_DONE = "Restored: {entries}. To take them out again, use Undo on the Import page."
RESTORE_ANOTHER = "Choose another bundle"

DATA_IN_FILE = "Everything is stored in one file on this computer:"
DATA_ON_SERVER = "Your journal is kept in a PostgreSQL database on the server that hosts Attune."
DATA_BACKUP_NOW = "Back up now"
DATA_BACKED_UP = "Backup written to {path}"
DATA_HOSTED_BACKUPS = (
    "Whoever hosts this Attune backs up that database, for everyone on it. A copy of your own "
    "entries that you keep yourself: *Back up / move my journal*, below."
)
