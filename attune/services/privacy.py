"""Backups a passphrase does not protect (issue 14 finding 9).

A backup is a copy of the database as it was: one taken before a member set their passphrase
holds their private words in the clear, and the passphrase set since does nothing for it. Settings
› Privacy names such backups and offers to delete them. (A backup's file is read here only to
answer yes or no: nothing in it is shown.)"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from attune.recovery import list_backups

from . import together
from .journal import Journal

# Private words stored unsealed in a backup, for the given members (? filled with their ids):
# entries not sealed, drafts with text, check-in notes with text.
_CLEAR = (
    "SELECT 1 FROM entries WHERE member_id IN ({ids}) AND visibility = 'private' "
    "AND sealed IS NULL",
    "SELECT 1 FROM drafts WHERE member_id IN ({ids}) AND body != ''",
    "SELECT 1 FROM appreciations WHERE member_id IN ({ids}) AND visibility = 'private' "
    "AND (appreciation != '' OR talk_about != '')",
)


def backups_in_clear(journal: Journal) -> list[Path]:
    """Backups (newest first) holding private words, in the clear, of a member who has a
    passphrase now. A backup that cannot be read is listed too: it may."""
    members = sorted(together.protected_members(journal))
    if not members:
        return []
    return [p for p in list_backups(journal.settings) if _holds_clear_words(p, members)]


def _holds_clear_words(path: Path, members: list[int]) -> bool:
    ids = ",".join("?" * len(members))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            for query in _CLEAR:
                table = query.split(" FROM ", 1)[1].split(" ", 1)[0]
                if table not in tables:
                    continue
                if con.execute(query.format(ids=ids) + " LIMIT 1", members).fetchone():
                    return True
        finally:
            con.close()
    except sqlite3.Error:
        return True
    return False


def delete_backup(journal: Journal, path: Path) -> None:
    """Delete one backup (only a file in the backups folder), with any -wal or -shm beside it."""
    if path not in list_backups(journal.settings):
        raise FileNotFoundError("That backup is not there any more.")
    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
