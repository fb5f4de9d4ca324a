"""The command line's words: each error says in one line what to do next."""

from __future__ import annotations

from .plural import Counts, Plural

CLI_NO_SUCH_MEMBER = (
    "No member called {name!r} on this journal (members: {names}). "
    "Check the spelling, or add them with: attune members add NAME"
)
CLI_NO_MEMBERS = "This journal has nobody in it yet. Add someone with: attune members add NAME"
CLI_SAY_WHICH = "This journal has several members ({names}): say which with --member NAME."
CLI_SHARED_ONLY = "No --member given: showing shared entries only."
CLI_SCOPE_AS = "As {name}: their own entries and those shared with them."
CLI_SCOPE_SHARED = "Shared entries only (no --member given)."
CLI_IMPORT_NEEDS_NAME = (
    "This journal has nobody in it yet, and the file does not say whose entries these are: "
    "say who with --member NAME (they will be added)."
)
CLI_IMPORT_ADDED_MEMBER = "Added {name} to this journal for these entries."
CLI_ENV_NOT_SET = "The environment variable {var} is not set: set it, or leave out --unlock-env."
CLI_LOCKED = "{name}'s journal is locked: pass --unlock-env VAR with their passphrase in VAR."
CLI_WRONG_PASSPHRASE = "That passphrase is not right: try again."  # noqa: S105
CLI_DAMAGED = "{problem} Restore a backup with: attune restore FILE"

CLI_MEMBER_ADDED = "Added {name}."
CLI_MEMBER_RENAMED = "Renamed {old} to {new}."
CLI_MEMBER_REMOVED = Counts(
    "{name} stepped away ({private} and {shared} erased). "
    "Bring them back with: attune members bring-back NAME",
    private=Plural("{private:,} private entry", "{private:,} private entries", "private"),
    shared=Plural("{shared:,} shared entry", "{shared:,} shared entries", "shared"),
)
CLI_REMOVE_NEEDS_OUT = "--private export needs --out FILE: where to write their entries."
CLI_REMOVE_CONFIRM = "Erase what {name} chose to erase, for good?"
CLI_REMOVE_EXPORTED = "Wrote {name}'s entries to {path}: keep it somewhere only they can reach."
CLI_NOT_AWAY = "Nobody called {name!r} has stepped away (stepped away: {names})."

CLI_DEMO_REFUSED = (
    "This journal already holds real entries or people, and sample data would mix with them: "
    "nothing was written. Add --into-existing to add it anyway (Undo on the Import page "
    "removes it again), or try the sample data in a separate data folder."
)
CLI_DEMO_END_FUTURE = "--end cannot be after today: sample data is never written in the future."
CLI_DEMO_DONE = Counts(
    "Added {added} for {names} ({already} there already).",
    added=Plural("{n:,} sample entry", "{n:,} sample entries"),
    already=Plural("{already:,} was", "{already:,} were", "already"),
)
CLI_DEMO_UNDO = "Each member's sample data is one import: Undo on the Import page removes it."
