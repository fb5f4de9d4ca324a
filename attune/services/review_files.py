"""The files of the review records: written whole or not at all, and a re-key's staged files.

A file sealed under a new key is written beside the old one with `STAGED` after its name; once
the database holds the new key, `promote` puts it in place (attune.services.review.rekey)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PLAIN, SEALED = ".json", ".sealed"  # a member without a passphrase / with one
STAGED = ".next"  # a file sealed under a new key, waiting for the database to hold that key
STALE_SECONDS = 3600.0  # a staged file this old that does not open is from a change that failed


def write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def target(staged: Path) -> Path:
    return staged.with_name(staged.name[: -len(STAGED)])


def promote(staged: Path) -> None:
    goal = target(staged)
    os.replace(staged, goal)
    for other in (PLAIN, SEALED):
        if other != goal.suffix:
            goal.with_suffix(other).unlink(missing_ok=True)
