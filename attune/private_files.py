"""Files only their owner can read: the database, its log, backups and exports hold private words,
so each is created 0600 in a folder Attune makes 0700 (whatever the umask), and a temporary file
is removed when writing it fails.

Used by storage (the database and backups) and by the command line (exports); it has no other
dependency, so both layers may import it."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path, *, tighten: bool = False) -> Path:
    """Make `path` (and any missing parent) as folders only the owner can enter. An existing
    folder is left as it is unless `tighten` (a folder that is Attune's own, like backups/)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by the umask
    if tighten and not missing:
        os.chmod(path, DIR_MODE)
    return path


def create_private(path: Path) -> None:
    """Create `path` empty and 0600 if it is not there (SQLite then opens it, and gives its -wal
    and -shm files the same mode); an existing file is narrowed to 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def write_private(out: Path, content: bytes) -> None:
    """Write `content` to `out` (0600) through a temporary file beside it, renamed into place only
    once complete; the temporary file is removed whatever happens."""
    tmp = out.with_name(f".{out.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # a .tmp left by an older run may have had a wider mode
        with os.fdopen(fd, "wb") as f:
            fd = -1
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    finally:
        if fd != -1:
            os.close(fd)
        tmp.unlink(missing_ok=True)
