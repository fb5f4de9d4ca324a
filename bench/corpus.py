"""Demo journals of a given size, built once and cached under bench/out/db/.

A journal is `members` people from `attune.demo`, each a year-long stream ending today, cut to
exactly `size` entries in total (the most recent ones). The cache key covers the size, the day and
every source file that shapes the data or the schema, so a change rebuilds it and a rerun the same
day reuses it. Measurements run on a copy (cold runs add entries).
"""

from __future__ import annotations

import collections
import hashlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from attune.domain.viewer import Viewer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SEED = 9
ENTRIES_PER_MEMBER_YEAR = 370  # attune.demo writes about 1.02 check-ins a day
SHAPING = (
    "attune/demo.py",
    "attune/domain/entries.py",
    "attune/storage/models.py",
    "attune/storage/migrations/versions",
    "data/emotions.yaml",
    "data/prompts.yaml",
    "bench/corpus.py",
)


@dataclass(frozen=True)
class Journal:
    path: Path
    size: int
    members: int

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"


def code_version() -> str:
    digest = hashlib.sha256()
    for rel in SHAPING:
        path = ROOT / rel
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            digest.update(str(f.relative_to(ROOT)).encode())
            digest.update(f.read_bytes() if f.exists() else b"")
    return digest.hexdigest()[:12]


def env_for(path: Path) -> dict[str, str]:
    return {"ATTUNE_DATABASE_URL": f"sqlite:///{path}", "ATTUNE_DATA_DIR": str(path.parent)}


def build(size: int, members: int = 3) -> Journal:
    """The cached journal of `size` entries, built now if missing."""
    key = f"{size}-{members}m-{date.today():%Y%m%d}-{code_version()}"
    path = OUT / "db" / key / "attune.db"
    if path.exists():
        return Journal(path, size, members)
    for old in (OUT / "db").glob(f"{size}-{members}m-*"):
        shutil.rmtree(old, ignore_errors=True)
    tmp = path.with_name("building.db")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)
    _write(tmp, size, members)
    tmp.replace(path)
    return Journal(path, size, members)


def _write(path: Path, size: int, members: int) -> None:
    from attune.config import load_settings
    from attune.content import load_library
    from attune.demo import NAMES, generate
    from attune.services import Journal as Service

    journal = Service(load_settings({**os.environ, **env_for(path)}))
    library = load_library()
    years = size / members / ENTRIES_PER_MEMBER_YEAR + 0.5
    for i in range(members):
        want = size // members + (1 if i < size % members else 0)
        member = journal.add_member(NAMES[i])
        stream = generate(member_index=i, members=members, years=years, seed=SEED,
                          end=date.today(), library=library)  # fmt: skip
        rows = list(collections.deque(stream, maxlen=want))
        if len(rows) != want:
            raise RuntimeError(f"the demo wrote {len(rows)} entries, not {want}")
        journal.add_entries_bulk(Viewer(member.id), rows)
    journal.checkpoint()
    journal.close()


def copy(journal: Journal, dest_dir: Path) -> Journal:
    """A private copy to measure on (a consistent snapshot via SQLite's backup API)."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / "attune.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(journal.path)
    out = sqlite3.connect(dest)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    return Journal(dest, journal.size, journal.members)


def jrnl_text(journal: Journal, dest: Path) -> int:
    """The same corpus in jrnl's plain-text format; returns how many entries were written.

    Each entry is `[YYYY-MM-DD HH:MM] <title>` then its note: the title carries the check-in
    (jrnl has no mood) and the tags as @words, so jrnl's tag filter has something to find."""
    con = sqlite3.connect(journal.path)
    try:
        tags: dict[int, list[str]] = collections.defaultdict(list)
        for eid, name in con.execute(
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            "ORDER BY et.entry_id, et.position"
        ):
            tags[eid].append("@" + name.replace(" ", "-"))
        rows = con.execute(
            "SELECT id, occurred_at, utc_offset_min, valence, energy, body FROM entries "
            "WHERE deleted_at IS NULL ORDER BY occurred_at, id"
        ).fetchall()
    finally:
        con.close()
    with dest.open("w", encoding="utf-8") as out:
        for eid, occurred, offset, valence, energy, body in rows:
            local = datetime.fromisoformat(occurred) + timedelta(minutes=offset)
            stamp = local.strftime("%Y-%m-%d %H:%M")
            title = f"Check-in: pleasantness {valence}/5, energy {energy}/5 {' '.join(tags[eid])}"
            out.write(f"[{stamp}] {title.strip()}\n{body.strip()}\n\n")
    return len(rows)
