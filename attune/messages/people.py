# ruff: noqa: S105 - words about passphrases, not passphrases
"""Words of the people on a journal: adding someone (with a passphrase), names, the lock mark,
leaving quickly, discreet mode, and a member stepping away."""

PROTECTED_MARK = "(protected)"  # after a protected member's name where icons cannot be drawn
PROTECTED_HELP = "Has a passphrase: switching to them asks for it."

# Adding someone, on Welcome and in Settings › People
ADD_PASSPHRASE = "Passphrase (you can skip this)"
ADD_PASSPHRASE_AGAIN = "The passphrase again"
ADD_PASSPHRASE_HINT = (
    "Without a passphrase, anyone at this computer can open this person's private entries. "
    "With one, switching to them asks for it and their private words are encrypted on disk."
)
PASSPHRASES_DIFFER = "The two passphrases differ."
ADD_SOMEONE = "Add someone"
ADD_MEMBER = "Add member"
THEIR_NAME = "Their name"

# Renaming
RENAME = "Rename"
RENAME_THEIR_PASSPHRASE = "{name}'s passphrase"
RENAME_ONLY_SELF = "Only {name} can change their name: switch to them first."
RENAME_WRONG = "That is not {name}'s passphrase, so the name was not changed."

# Leave quickly
LEAVE_QUICKLY = "Leave quickly"
LEAVE_QUICKLY_HELP = (
    "Locks everyone on this journal, in every open window, and shows a plain page. "
    "Press Esc to do the same."
)
NEUTRAL_TITLE = "Notes"
NEUTRAL_TEXT = "Nothing here yet."
NEUTRAL_CONTINUE = "Continue"
DISCREET = "Discreet browser tab"
DISCREET_HELP = (
    "The browser tab shows a plain title and icon instead of Attune's, for everyone on this "
    "computer. A browser's history still lists the pages visited."
)

# Stepping away (archive or remove)
STEP_AWAY = "Step away from this journal"
WHO_LEAVES = "Who is stepping away?"
THEIR_PASSPHRASE = "{name}'s passphrase"
PRIVATE_CHOICE = "Private entries, scores and notes"
PRIVATE_KEEP = "Keep them here, sealed away — come back any time"
PRIVATE_KEEP_OPEN = "Keep them here, out of sight — come back any time"
PRIVATE_EXPORT = "Take them along: download a file, then erase them here"
PRIVATE_ERASE = "Erase them for good"
SHARED_CHOICE = "Shared entries, scores and notes"
SHARED_STAY = "They stay, with {name}'s name, for the others to read"
SHARED_GO = "They go too: erased here"
CONVERSATIONS_NOTE = (
    "Open Together conversations: {name} leaves them and an unread answer of theirs is "
    "removed; one waiting only for {name} shows its answers now. Conversations already revealed "
    "stay as they are."
)
EXPORT_FILE = "Download {name}'s file"
EXPORT_HINT = (
    "An Attune JSON file of every entry {name} can read: keep it somewhere only {name} can "
    "reach. Import opens it on another journal."
)
TYPE_NAME = "Type {name} to confirm erasing"
TYPE_NAME_WRONG = "Type the name exactly as it is shown to erase."
ARCHIVE = "Archive {name}"
REMOVE = "Remove {name}"
# Said the same whatever they chose: the next person in this window learns nothing of it.
STEPPED_AWAY = "{name} stepped away. Settings › People can bring them back."
STEPPED_AWAY_SIGNED_IN = (
    "You stepped away from that journal. You can start one of your own here, or join one with "
    "an invitation code."
)
ARCHIVED_PEOPLE = "People who stepped away"
ARCHIVED_SIGNED_IN = (
    "They left with their account. To come back they join again with an invitation code, as a "
    "new member: their earlier entries stay as they left them."
)
BRING_BACK = "Bring back"
BROUGHT_BACK = "{name} is back on this journal."
LAST_ONE = "The last person on a journal cannot step away; start a new journal instead."
