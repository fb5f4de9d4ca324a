# ruff: noqa: S105 - words about passphrases, not passphrases
"""Words of the practitioner mode and of the review records (names, exports, signatures)."""

REVIEW_SIGNATURE_BROKEN = (
    "This export was changed after the client made it (its signature no longer matches), so it "
    "was not opened. Ask the client for a fresh export."
)
REVIEW_OTHER_KEY = (
    "This export is signed by a different key from this client's earlier exports, so it was not "
    "added to their record. If the client moved to a new computer, ask them about it in person."
)
REVIEW_UNSIGNED = (
    "This export is not signed, and this client's earlier exports are, so it was not added to "
    "their record."
)
REVIEW_TRUST = {
    "same": "Signed by the same key as this client's earlier exports ({key}).",
    "only": "Signed by the client's key ({key}); later exports must carry the same one.",
    "unsigned": "Not signed: made by an earlier Attune, so where it came from cannot be checked.",
    "other": "Does not match this client's key: read it with care.",
}
REVIEW_EXPORT_LINE = "{when} · {entries} · {period} · {scope}"
REVIEW_EXPORT_CHECKINS = "check-ins only"
REVIEW_CLIENT_LINE = "{name} · last export {when}"
REVIEW_RENAME = "Your name for this client"
REVIEW_RENAME_HELP = "Only you see it. Exports keep the name the client gave themselves ({member})."
REVIEW_RENAME_SAVE = "Use this name"
REVIEW_RENAMED = "This client is now “{name}” on your screens."
REVIEW_INTRO_KEPT = (
    "Open an export a client gave you. Each client's record is read-only and kept apart from "
    "any journal, in Attune's data folder."
)

PRACTICE_TITLE = "Your practice"
PRACTICE_CLIENTS = "Clients"
PRACTICE_RECORD = "Record"
PRACTICE_NOTES = "Notes"
PRACTICE_SETUP_TITLE = "Review clients' exports"
PRACTICE_SETUP_INTRO = (
    "Set up this computer to open the exports your clients give you. Nothing here is a journal: "
    "no check-ins and no trends of your own. Each client's record stays on this computer, "
    "encrypted with the passphrase you choose now."
)
PRACTICE_PASSPHRASE = "Passphrase for your practice"
PRACTICE_PASSPHRASE_AGAIN = "The same passphrase again"
PRACTICE_PASSPHRASE_HELP = (
    "Nobody can recover it: without it, the client records cannot be read. At least 8 characters."
)
PRACTICE_SET_UP = "Set up my practice"
PRACTICE_READY = "Your practice is ready. Open a client's export to begin."
PRACTICE_LOCKED_TITLE = "Your practice is locked"
PRACTICE_LOCKED_HINT = "Enter the passphrase of your practice to open your client records."
PRACTICE_UNLOCK = "Unlock"
PRACTICE_WRONG = "That passphrase is not right."
PRACTICE_LOCK = "Lock my practice"
PRACTICE_CHOICE = "How will you use Attune?"
PRACTICE_CHOICES = {
    "journal": "Journal for myself / us",
    "practice": "Review clients' exports",
}
PRACTICE_CHOICE_HELP = (
    "A journal keeps your own check-ins and writing. Reviewing opens exports your clients give "
    "you, with no journal of your own. You can add the other later."
)
PRACTICE_ADD_JOURNAL = "Start a journal"
PRACTICE_NO_CLIENT = "Choose a client on the Clients page first."
PRACTICE_PASSPHRASE_MISMATCH = "The two passphrases differ."
REVIEW_EXPORTS = "Exports"
PRACTICE_OPEN_RECORD = "Open the record"

# Share: never an empty file, the download first, the raw text folded away (issue 17, 4 and 5)
SHARE_NOTHING_MARKED = (
    "Nothing in these dates is marked for your therapist, so there is no file to give yet. "
    "Tick “Share with my therapist” when you write, choose entries here, or share a summary."
)
SHARE_NOTHING_PICKED = "Tick the entries to include above; the file is made from them."
SHARE_NOTHING_AT_ALL = "There is nothing in these dates yet: choose other dates."
SHARE_PICK_INSTEAD = "Choose entries"
SHARE_SUMMARY_INSTEAD = "Share a summary only"
SHARE_RAW = "The file's text, exactly as it will be written"
SHARE_FIRST_ENTRIES = "First entries in the file:"
SHARE_SIGNED = "Signed with your key ({key}), so your therapist can tell it comes from you."
WRITE_FOR_THERAPIST = "Share with my therapist"
WRITE_FOR_THERAPIST_HELP = "Marks this entry for a therapist export. Nothing is sent anywhere."
