"""An empty SQLite journal at head, copied: `migrated(path)` puts one at `path` and returns its URL.

Running the migrations takes 0.2–0.4 s; copying the file this test process migrated once takes
milliseconds. Tests of the migrations themselves (tests/storage/test_migrations.py,
test_migrate_head.py) make their files the real way.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from attune.config import load_settings
from attune.services import Journal


@functools.cache
def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="attune-template-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "attune.db"
    env = {"ATTUNE_DATA_DIR": str(folder), "ATTUNE_DATABASE_URL": f"sqlite:///{path}"}
    Journal(load_settings(env)).close()
    assert not path.with_name(path.name + "-wal").exists(), "the template's log was not folded in"
    return path


def migrated(path: Path) -> str:
    """Copy the template to `path` (its folder must exist) and return the file's URL."""
    shutil.copy(_template(), path)
    return f"sqlite:///{path}"
