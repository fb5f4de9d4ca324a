# ruff: noqa: S105 - words about passphrases, not passphrases
"""Words of Together: the lock, asking and answering together, weekly check-ins."""

LOCKED_TITLE = "{name}'s journal is locked"
LOCKED_HINT = (
    "Enter {name}'s passphrase to open it. Others on this computer cannot read it without it."
)
WRONG_PASSPHRASE = "That passphrase is not right."
WHO_TITLE = "Who is writing?"
WHO_HINT = "Choose yourself. A journal with a passphrase asks for it next."
WHO_NOBODY = "Nobody uses this journal yet: start on the Welcome page."
LOCK = "Lock"
LOCK_HELP = "Lock this journal now: opening it again asks for the passphrase."
LOCKED_NOW = "Locked."
NOT_ME = "Not {name}? Choose who is writing"
UNLOCK = "Unlock"
TOGETHER_ALONE = (
    "Together works when more than one person uses this journal. Add someone in Settings; each of "
    "you keeps private entries private and chooses what to share."
)
ASKED = "Asked. The answers appear once everyone you asked has answered."
ANSWERED = "Answer saved. It stays hidden until everyone has answered."
CLOSED_EARLY = "Closed. Everyone can now read the answers given so far."
WEEKLY_INCOMPLETE = "Please answer every question (or leave the check-in for another day)."
PASSPHRASE_SET = "Passphrase saved. Switching to you, or Lock, will ask for it."
PASSPHRASE_REMOVED = "Passphrase removed."
