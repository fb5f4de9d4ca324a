"""PostgreSQL at scale: 1,000 journals of 2–3 members, 1,000,000 entries in all, measured for one
member of one journal against the same figures on SQLite.

    python -m bench --only postgres [--pg-entries 1000000] [--pg-journals 1000]

The measured journal (journal 1) is the SQLite bench's own household journal of
`--pg-journal-size` entries (100,000 by default; bench/corpus.py, its rows copied over as they
are), so every page shows the same entries on both databases and the comparison is like for like.
The other journals share the rest: 2–3 members each, their check-ins drawn (seeded) from that
journal's notes, scores, tags and feelings, spread back from yesterday. Rows are generated in
Python and loaded with `COPY` as the superuser (secondary indexes dropped first and made again
after, foreign-key triggers off while loading: the rows are consistent by construction), then
VACUUM (FREEZE, ANALYZE).

The server is tests/pg_cluster.py's throwaway cluster with its data folder kept under
bench/out/pg/ (gitignored): a database built once is reused while its key (the counts, the day,
the code that shapes the data or the schema) is the same, and each run measures a copy of it (cold
runs add entries). Pages and search run through bench/pages.py, the import through the same
preview and store as bench/exchange.py, in child processes connected as the app's login role, so
row-level security is in force.

    python -m bench.postgres import --files DIR --entries N --runs 3 --out figures.json
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import corpus
from bench.results import EXCHANGE_S, PG, Figure, median, missing, timed

OUT = corpus.OUT / "pg"
SEED = 11
MEASURED = 1  # the measured journal's id; its members are 1, 2, 3 (bench/pages.py's VIEWER is 1)
RUN_DB = "bench_run"
BUILT = "built_"  # the built databases' names start so
SHAPING = ("bench/postgres.py", "tests/pg_cluster.py")
GIVE_UP = 3 * EXCHANGE_S
ADMIN_ENV = "ATTUNE_ADMIN_DATABASE_URL"
JOURNAL_ENV = "ATTUNE_JOURNAL_ID"
APP_ROLE = "attune_app"  # the NOLOGIN role row-level security is written for (migration 0015)
# What the loader writes per table, in this order; journal_id is each row's last value and is
# written where the table has it.
COLUMNS = {
    "journals": ("id", "name", "created_at"),
    "members": ("id", "name", "name_key", "colour", "created_at"),
    "tags": ("id", "name", "name_key"),
    "entries": (
        "id", "uid", "member_id", "occurred_at", "utc_offset_min", "local_date", "valence",
        "energy", "connection", "body", "prompt_id", "reading_id", "visibility",
        "share_with_therapist", "created_at", "updated_at", "deleted_at", "version", "sealed",
        "import_batch_id",
    ),
    "entry_tags": ("entry_id", "tag_id", "position"),
    "entry_feelings": ("entry_id", "word", "position"),
    "revision": ("id", "value"),
}  # fmt: skip
BIG = ("entries", "entry_tags", "entry_feelings")
# What a generated check-in copies of one of the measured journal's (then its tags, feelings).
POOLED = ("utc_offset_min", "valence", "energy", "connection", "body", "prompt_id", "reading_id",
          "visibility", "share_with_therapist")  # fmt: skip


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Plan:
    entries: int  # in the whole database
    journals: int
    measured: int  # in journal 1, the one measured (the SQLite journal it is compared with)

    def check(self) -> None:
        if self.journals < 1 or self.measured < 1 or self.entries < self.measured:
            raise ValueError(f"cannot build {self}")
        if self.journals > 1 and self.entries - self.measured < 2 * (self.journals - 1):
            raise ValueError(f"{self}: too few entries for the other journals")


# --- the server --------------------------------------------------------------------------------
def cluster(keep: Path = OUT / "cluster") -> Any:
    """tests/pg_cluster.py's cluster with its data folder kept in `keep` between runs. The first
    start makes it as the tests do (initdb, its settings, the app's login role); later ones start
    the same folder again on a free port. Stopped cleanly, never removed. A change to
    tests/pg_cluster.py starts a new folder."""
    path = corpus.ROOT / "tests" / "pg_cluster.py"
    spec = importlib.util.spec_from_file_location("attune_bench_pg_cluster", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    Cluster = module.Cluster
    made_by = hashlib.sha256(path.read_bytes()).hexdigest()[:12]

    class Kept(Cluster):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            os.rmdir(self.root)  # Cluster's temporary folder: this one lives in `keep`
            self.root = keep
            self.data = keep / "data"

        def start(self) -> Kept:
            stamp = keep / "made-by"
            if stamp.exists() and stamp.read_text() == made_by:
                pid = self.data / "postmaster.pid"
                if pid.exists():  # a run that was killed: its server may still be up
                    try:
                        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
                    except RuntimeError:
                        pid.unlink(missing_ok=True)
                opts = f"-p {self.port} -c unix_socket_directories='{self.root}'"
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                          "-o", opts, "-w", "start")  # fmt: skip
                self._wait()
                return self
            shutil.rmtree(keep, ignore_errors=True)
            keep.mkdir(parents=True)
            super().start()
            stamp.write_text(made_by)
            return self

        def stop(self) -> None:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    return Kept()


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def connect(url: str, autocommit: bool = False) -> Any:
    import psycopg

    return psycopg.connect(_dsn(url), autocommit=autocommit)


# --- the data ----------------------------------------------------------------------------------
def key(plan: Plan) -> str:
    """The built database's name: the counts, the day and every file that shapes it."""
    digest = hashlib.sha256(corpus.code_version().encode())
    for rel in SHAPING:
        digest.update((corpus.ROOT / rel).read_bytes())
    return (
        f"{BUILT}{plan.entries}_{plan.journals}j_{plan.measured}m_"
        f"{date.today():%Y%m%d}_{digest.hexdigest()[:10]}"
    )


def columns(conn: Any) -> dict[str, list[str]]:
    """Each table's columns as the database has them (generated ones left out)."""
    found: dict[str, list[str]] = collections.defaultdict(list)
    rows = conn.execute(
        "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
        "AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
        "ORDER BY c.relname, a.attnum"
    )
    for table, column in rows:
        found[table].append(column)
    return dict(found)


@dataclass
class Source:
    """The measured journal, read from the SQLite bench's household journal."""

    rows: dict[str, list[tuple[Any, ...]]]  # COLUMNS order, without journal_id
    pool: list[tuple[Any, ...]]  # per entry: what a generated check-in copies (see _pool)
    colours: list[str]


def read_source(path: Path) -> Source:
    con = sqlite3.connect(path)
    try:
        rows = {
            t: con.execute(f"SELECT {', '.join(COLUMNS[t])} FROM {t} ORDER BY 1").fetchall()
            for t in ("members", "tags", "entries", "entry_tags", "entry_feelings")
        }
    finally:
        con.close()
    return Source(rows, _pool(rows), [r[3] for r in rows["members"]])


def _pool(rows: dict[str, list[tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
    tag_name = {r[0]: r[1] for r in rows["tags"]}
    tags: dict[int, list[str]] = collections.defaultdict(list)
    for entry_id, tag_id, _ in sorted(rows["entry_tags"], key=lambda r: (r[0], r[2])):
        tags[entry_id].append(tag_name[tag_id])
    feelings: dict[int, list[str]] = collections.defaultdict(list)
    for entry_id, word, _ in sorted(rows["entry_feelings"], key=lambda r: (r[0], r[2])):
        feelings[entry_id].append(word)
    c = {name: i for i, name in enumerate(COLUMNS["entries"])}
    copied = [c[k] for k in POOLED]
    return [
        (*(e[i] for i in copied), tuple(tags[e[0]]), tuple(feelings[e[0]]))
        for e in rows["entries"]
        if e[c["deleted_at"]] is None and e[c["sealed"]] is None
    ]


def journal_sizes(plan: Plan) -> list[int]:
    """Entries per journal 2…J: around the mean, between half and one and a half times it, the
    sum exactly what is left after the measured journal."""
    others = plan.journals - 1
    if others == 0:
        return []
    rng = random.Random(SEED)
    weights = [rng.uniform(0.5, 1.5) for _ in range(others)]
    left = plan.entries - plan.measured
    sizes = [max(2, int(left * w / sum(weights))) for w in weights]
    for i in range(left - sum(sizes)):  # what rounding left over (or took too much)
        sizes[i % others] += 1
    while sum(sizes) > left:
        i = max(range(others), key=sizes.__getitem__)
        sizes[i] -= 1
    return sizes


class Ids:
    def __init__(self, after: int) -> None:
        self.last = after

    def next(self) -> int:
        self.last += 1
        return self.last


def generated(
    source: Source, plan: Plan, tenanted: bool, names: Sequence[str]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) of journals 2…J, seeded. Without tenancy (no journal_id), members' names
    carry their journal's number and tags are shared, so the unique keys still hold."""
    last = {t: max((r[0] for r in source.rows[t]), default=0) for t in ("members", "tags")}
    last["entries"] = max((r[0] for r in source.rows["entries"]), default=0)
    member_ids, tag_ids, entry_ids = Ids(last["members"]), Ids(last["tags"]), Ids(last["entries"])
    shared_tags = {r[2]: r[0] for r in source.rows["tags"]}
    today = date.today()
    pool = source.pool
    for j, size in enumerate(journal_sizes(plan), start=2):
        rng = random.Random(SEED * 100_003 + j)
        made = f"{today - timedelta(days=400):%Y-%m-%d} 09:00:00"
        yield "journals", (j, f"Household {j}", made, j)
        yield "revision", (j, 1, j)
        tags = {} if tenanted else shared_tags
        count = rng.choice((2, 3))
        first = rng.randrange(len(names))
        for i in range(count):
            member = member_ids.next()
            name = names[(first + i) % len(names)] + ("" if tenanted else f" {j}")
            yield "members", (member, name, name.casefold(), source.colours[i % 3], made, j)
            want = size // count + (1 if i < size % count else 0)
            days = max(30, int(want / 1.02))
            for n in range(want):
                picked = pool[rng.randrange(len(pool))]
                offset, valence, energy, connection, body, prompt, reading, vis, ther, t, f = picked
                day = today - timedelta(days=days - n * days // want)
                local = datetime(day.year, day.month, day.day) + timedelta(
                    minutes=rng.randrange(7 * 60, 23 * 60)
                )
                at = (local - timedelta(minutes=offset)).isoformat(sep=" ")
                entry = entry_ids.next()
                uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                yield "entries", (entry, uid, member, at, offset, day.isoformat(), valence, energy,
                                  connection, body, prompt, reading, vis, ther, at, at, None, 1,
                                  None, None, j)  # fmt: skip
                for position, tag in enumerate(t):
                    tag_id = tags.get(tag.casefold())
                    if tag_id is None:
                        tag_id = tags[tag.casefold()] = tag_ids.next()
                        yield "tags", (tag_id, tag, tag.casefold(), j)
                    yield "entry_tags", (entry, tag_id, position, j)
                for position, word in enumerate(f):
                    yield "entry_feelings", (entry, word, position, j)


class Loader:
    """Rows gathered per table and sent in one COPY per 50,000 (with the foreign-key triggers
    off, the tables may fill in any order)."""

    def __init__(self, conn: Any, have: dict[str, list[str]]) -> None:
        self.conn = conn
        self.have = have
        self.counts: collections.Counter[str] = collections.Counter()
        self.buffers: dict[str, list[tuple[Any, ...]]] = collections.defaultdict(list)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        buf = self.buffers[table]
        buf.append(row)
        if len(buf) >= 50_000:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.buffers):
            rows = self.buffers.pop(name, [])
            if rows:
                self._copy(name, rows)

    def _copy(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        wanted = [*COLUMNS[table], "journal_id"]
        keep = [i for i, c in enumerate(wanted) if c in self.have.get(table, ())]
        names = ", ".join(wanted[i] for i in keep)
        whole = len(keep) == len(wanted)
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row if whole else [row[i] for i in keep])
        self.counts[table] += len(rows)


def build(pg: Any, plan: Plan, source_path: Path) -> tuple[str, dict[str, Any]]:
    """The built database for `plan` (made now when missing) and what it holds."""
    plan.check()
    name = key(plan)
    about = OUT / f"{name}.json"
    with connect(pg.url("postgres"), autocommit=True) as conn:
        existing = [r[0] for r in conn.execute("SELECT datname FROM pg_database")]
    if name in existing and about.exists():
        return name, {**json.loads(about.read_text()), "reused": True}
    for old in existing:
        if old.startswith(BUILT) or old == RUN_DB:
            pg.drop_database(old)
    for old in OUT.glob(f"{BUILT}*.json"):
        old.unlink()
    building = f"{BUILT}building"
    pg.create_database(building)
    started = time.perf_counter()
    from attune.storage.engine import make_engine
    from attune.storage.migrate import upgrade

    engine = make_engine(pg.url(building))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    migrated = time.perf_counter()
    source = read_source(source_path)
    from attune.demo import NAMES

    with connect(pg.url(building)) as conn:
        have = columns(conn)
        tenanted = "journal_id" in have.get("entries", [])
        if not tenanted and plan.journals > 1:
            say("no journal_id column yet: the other journals' members and tags are told apart "
                "by name only, and every member sees every journal's shared entries")  # fmt: skip
        conn.execute("SET session_replication_role = replica")  # no foreign-key triggers
        conn.execute("SET maintenance_work_mem = '512MB'")
        indexes = conn.execute(
            "SELECT ic.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid)",
            (list(COLUMNS),),
        ).fetchall()
        for index, _ in indexes:
            conn.execute(f'DROP INDEX "{index}"')
        load = Loader(conn, have)
        for table in ("members", "tags", "entries", "entry_tags", "entry_feelings"):
            for row in source.rows[table]:
                load.add(table, (*row, MEASURED))
            load.flush(table)
        if tenanted and "journals" in have:
            for table, row in generated(source, plan, True, NAMES):
                load.add(table, row)
            load.flush()
        elif plan.journals > 1:
            for table, row in generated(source, plan, False, NAMES):
                if table not in ("journals", "revision"):
                    load.add(table, row)
            load.flush()
        loaded = time.perf_counter()
        for _, definition in indexes:
            conn.execute(definition)
        for table in COLUMNS:
            if "id" in have.get(table, ()):
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        conn.commit()
        indexed = time.perf_counter()
    with connect(pg.url(building), autocommit=True) as conn:
        conn.execute("VACUUM (FREEZE, ANALYZE)")
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("journals", "members", *BIG)
            if t in have
        }
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    done = time.perf_counter()
    with connect(pg.url("postgres"), autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    info = {
        "plan": asdict(plan),
        "tenanted": tenanted,
        "counts": counts,
        "database_mb": round(size / 1e6),
        "built_s": round(done - started, 1),
        "stages_s": {
            "migrate": round(migrated - started, 1),
            "generate_and_copy": round(loaded - migrated, 1),
            "indexes": round(indexed - loaded, 1),
            "vacuum_analyze": round(done - indexed, 1),
        },
        "built_on": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    about.write_text(json.dumps(info, indent=1) + "\n")
    return name, {**info, "reused": False}


# --- measuring ---------------------------------------------------------------------------------
def rls(pg: Any, database: str) -> tuple[str, bool, str]:
    """The URL the app connects with, whether row-level security binds it, and why not."""
    with connect(pg.url(database), autocommit=True) as conn:
        role = conn.execute(
            "SELECT pg_has_role(%s, %s, 'member') FROM pg_roles WHERE rolname = %s",
            (pg.APP, APP_ROLE, APP_ROLE),
        ).fetchone()
        forced = conn.execute(
            "SELECT relrowsecurity FROM pg_class WHERE relname = 'entries' "
            "AND relnamespace = 'public'::regnamespace"
        ).fetchone()
    if not role or not role[0]:
        return pg.url(database), False, f"no {APP_ROLE} role the login role belongs to"
    if not forced or not forced[0]:
        return pg.url(database, user=pg.APP), False, "entries has no row-level security"
    return pg.url(database, user=pg.APP), True, ""


def import_files(size: int) -> Path:
    """The files the SQLite bench imports at `size` (bench/exchange.py): the one-member
    journal's Attune JSON and CSV exports, the household's jrnl text, a Daylio CSV. Cached."""
    from bench.exchange import daylio_csv

    solo = corpus.build(size, members=1)
    household = corpus.build(size)
    folder = OUT / "files" / f"{size}-{solo.path.parent.name.split('-', 2)[-1]}"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(OUT / "files", ignore_errors=True)
    folder.mkdir(parents=True)
    from attune.config import load_settings
    from attune.domain.exports import Scope
    from attune.domain.viewer import Viewer
    from attune.services import Journal, sharing

    work = corpus.copy(solo, folder / "solo")
    journal = Journal(load_settings({**os.environ, **corpus.env_for(work.path)}))
    try:
        member = journal.members()[0].id
        data = sharing.gather(journal, Viewer(member), scope=Scope.ALL)
        for fmt in ("json", "csv"):
            (folder / f"attune-export.{fmt}").write_bytes(sharing.render(data, fmt).content)
    finally:
        journal.close()
    shutil.rmtree(folder / "solo")
    corpus.jrnl_text(household, folder / "journal.txt")
    (folder / "daylio_export.csv").write_bytes(daylio_csv(size))
    (folder / "done").write_text("")
    return folder


IMPORTS = (
    ("Attune JSON", "attune-export.json"),
    ("CSV", "attune-export.csv"),
    ("jrnl text", "journal.txt"),
    ("Daylio CSV", "daylio_export.csv"),
)


@dataclass
class Tenant:
    """A fresh empty journal for one import run, and its removal after."""

    admin: str

    def open(self) -> int | None:
        """A new journal as the operator adds one (storage.journals.add_journal, as the owner);
        None before tenancy."""
        with connect(self.admin, autocommit=True) as conn:
            if "journals" not in columns(conn):
                return None
        from sqlalchemy import create_engine

        from attune.storage.journals import add_journal

        engine = create_engine(self.admin)
        try:
            with engine.begin() as conn:
                return add_journal(conn, "bench import")
        finally:
            engine.dispose()

    def remove(self, jid: int | None, member: int) -> None:
        with connect(self.admin) as conn:
            have = columns(conn)
            conn.execute("SET session_replication_role = replica")
            if jid is None:  # before tenancy: the member's rows only
                conn.execute(
                    "DELETE FROM entry_tags WHERE entry_id IN "
                    "(SELECT id FROM entries WHERE member_id = %s)",
                    (member,),
                )
                conn.execute(
                    "DELETE FROM entry_feelings WHERE entry_id IN "
                    "(SELECT id FROM entries WHERE member_id = %s)",
                    (member,),
                )
                for table in ("entries", "import_batches"):
                    conn.execute(f"DELETE FROM {table} WHERE member_id = %s", (member,))
                conn.execute("DELETE FROM members WHERE id = %s", (member,))
            else:
                for table, cols in have.items():
                    if "journal_id" in cols:
                        conn.execute(f"DELETE FROM {table} WHERE journal_id = %s", (jid,))
                conn.execute("DELETE FROM journals WHERE id = %s", (jid,))
            conn.commit()


def import_figures(files: Path, entries: int, runs: int) -> list[Figure]:
    """bench/exchange.py's import, each file into a fresh empty journal of this database (a new
    journal beside the thousand, one new member), removed again after each run."""
    from attune.config import load_settings
    from attune.domain.viewer import Viewer
    from attune.services import Journal, importing

    tenant = Tenant(os.environ[ADMIN_ENV])
    out = []
    for label, filename in IMPORTS:
        name = f"import {label} (every entry)"
        data = (files / filename).read_bytes()
        samples, added, error = [], 0, ""
        for run in range(runs):
            jid = tenant.open()
            env = {**os.environ, **({JOURNAL_ENV: str(jid)} if jid is not None else {})}
            journal = Journal(load_settings(env))
            member = journal.add_member("Sam" if jid is not None else f"Sam {run}").id

            def store(journal: Any = journal, member: int = member, data: bytes = data,
                      filename: str = filename) -> None:  # fmt: skip
                nonlocal added
                preview = importing.preview_import(data, filename)
                added = importing.run_import(journal, Viewer(member), preview).added

            try:
                samples.append(timed(store))
            except importing.ImportFailed as exc:
                error = f"the importer refused the file: {exc}"
            except Exception as exc:  # the database refused it: reported, the others still run
                error = f"failed: {type(exc).__name__}: {str(exc).splitlines()[0]}"[:300]
            finally:
                journal.close()
                tenant.remove(jid, member)
            if error or samples[-1] > GIVE_UP:
                break
        if error:
            out.append(missing(name, "s", entries, error, budget=EXCHANGE_S))
        else:
            out.append(Figure(name, median(samples), "s", added, budget=EXCHANGE_S,
                              runs=len(samples), samples=samples,
                              note=f"{len(data) / 1e6:.1f} MB file"))  # fmt: skip
    return out


def page_errors(log: Path) -> list[str]:
    """The distinct errors a page child's log shows (AppTest's own note is redacted)."""
    try:
        text = re.sub(r"\x1b\[[0-9;]*m", "", log.read_text(errors="replace"))
    except OSError:
        return []
    found = re.findall(r"^(\w*(?:Error|Exception|UndefinedFunction)\w*: .+)$", text, re.M)
    return list(dict.fromkeys(line.strip()[:200] for line in found))[:5]


Child = Callable[[str, list[str], dict[str, str], str], list[Figure]]


def measure(
    plan: Plan, warm: int, cold: int, search_runs: int, runs: int, child: Child
) -> tuple[list[Figure], dict[str, Any]]:
    """Build (or reuse) the database, then every page warm and cold, search and import for
    member 1 of journal 1, connected as the app's login role. Figures are in the PostgreSQL
    group, their size the whole database's entries."""
    started = time.perf_counter()
    load_before = list(os.getloadavg())
    source = corpus.build(plan.measured)  # the SQLite bench's household journal
    files = import_files(plan.measured)
    pg = cluster()
    pg.start()
    try:
        say(f"PostgreSQL: building (or reusing) {plan.entries:,} entries in {plan.journals:,} "
            "journals")  # fmt: skip
        name, info = build(pg, plan, source.path)
        say(f"PostgreSQL: {'reused' if info['reused'] else 'built in'} "
            f"{'' if info['reused'] else str(info['built_s']) + ' s'} {name}")  # fmt: skip
        pg.drop_database(RUN_DB)
        pg.create_database(RUN_DB, template=name)
        url, enforced, why = rls(pg, RUN_DB)
        data_dir = OUT / "run"
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        env = {
            "ATTUNE_DATABASE_URL": url,
            ADMIN_ENV: pg.url(RUN_DB),
            JOURNAL_ENV: str(MEASURED),
            "ATTUNE_DATA_DIR": str(data_dir),
        }
        say("PostgreSQL: page server times (AppTest), search")
        figures = child("bench.pages", ["--entries", str(plan.measured), "--warm", str(warm),
                                        "--cold", str(cold), "--search-runs", str(search_runs)],
                        env, "pg-pages")  # fmt: skip
        errors = (
            page_errors(corpus.OUT / "logs" / "pg-pages.log")
            if any(f.value is None for f in figures)
            else []
        )
        say("PostgreSQL: import into a fresh journal")
        figures += child("bench.postgres", ["import", "--files", str(files), "--entries",
                                            str(plan.measured), "--runs", str(runs)],
                         env, "pg-import")  # fmt: skip
        with connect(pg.url(RUN_DB), autocommit=True) as conn:
            server = conn.execute("SHOW server_version").fetchone()[0]
        pg.drop_database(RUN_DB)
    finally:
        pg.stop()
    for f in figures:
        f.group = PG
        f.size = plan.entries
    meta = {
        **info,
        "server_version": server,
        "rls": enforced,
        "rls_note": why,
        "page_errors": errors,
        "step_s": round(time.perf_counter() - started, 1),
        "load_average": [load_before, list(os.getloadavg())],
        "measured_on": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    return figures, meta


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.postgres")
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="the import figures (a child of `python -m bench`)")
    imp.add_argument("--files", type=Path, required=True)
    imp.add_argument("--entries", type=int, required=True)
    imp.add_argument("--runs", type=int, default=3)
    imp.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if ADMIN_ENV not in os.environ:
        parser.error(f"{ADMIN_ENV} must name the database as its owner")
    figures = import_figures(args.files, args.entries, args.runs)
    args.out.write_text(json.dumps([f.as_json() for f in figures], indent=1))


if __name__ == "__main__":
    main()
