"""A throwaway PostgreSQL server for tests and the bench: Debian's `postgresql` binaries, a
cluster in a temporary folder the caller owns, listening on 127.0.0.1 only, stopped at the end.

`initdb` refuses to run as root, so as root every server command runs as the `postgres` user
(`runuser`), in a folder handed to that user. The cluster trades durability for speed (fsync
off): it holds test data only.

    with Cluster() as pg:
        url = pg.create_database("t1")          # migrated by the caller
        app_url = pg.url("t1", user=pg.APP)     # the role that owns nothing (RLS applies)
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

SUPERUSER = "postgres"
APP = "attune_web"  # a login role that is a member of attune_app (docs/hosting.md)
APP_PASSWORD = "attune-test-only"


def bin_dir() -> Path | None:
    """The newest Debian PostgreSQL's bin folder, or wherever `initdb` is on the path."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).resolve().parent if which else None


def _version(path: str) -> int:
    try:
        return int(Path(path).parent.parent.name)
    except ValueError:
        return 0


def available() -> bool:
    return bin_dir() is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    SUPERUSER = SUPERUSER
    APP = APP

    def __init__(self) -> None:
        found = bin_dir()
        if found is None:
            raise RuntimeError("PostgreSQL is not installed (Debian's postgresql package)")
        self.bin = found
        # Its own folder in the system's temporary folder (which every user can pass through:
        # the server's user must reach it), removed when the cluster stops.
        self.root = Path(tempfile.mkdtemp(prefix="attune-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_root = os.geteuid() == 0

    # --- running commands as the server's owner --------------------------------------------------
    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {(done.stderr or done.stdout).strip()}")

    def start(self) -> Cluster:
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o700)
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "--no-sync",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        conf = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.root}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            "shared_buffers": "'256MB'",
            "log_min_messages": "warning",
        }
        with (self.data / "postgresql.auto.conf").open("a", encoding="utf-8") as f:
            for key, value in conf.items():
                f.write(f"{key} = {value}\n")
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "start"
        )
        self._wait()
        with self.admin() as conn:  # as docs/hosting.md has an operator do it
            conn.execute(text("CREATE ROLE attune_app NOLOGIN"))
            conn.execute(
                text(f"CREATE ROLE {APP} LOGIN PASSWORD '{APP_PASSWORD}' IN ROLE attune_app")
            )
        return self

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- databases -----------------------------------------------------------------------------
    def url(self, database: str, user: str = SUPERUSER) -> str:
        password = APP_PASSWORD if user == APP else None
        return URL.create(
            "postgresql+psycopg",
            username=user,
            password=password,
            host="127.0.0.1",
            port=self.port,
            database=database,
        ).render_as_string(hide_password=False)

    def admin(self, database: str = "postgres"):
        engine = create_engine(self.url(database), isolation_level="AUTOCOMMIT")
        return _Disposing(engine)

    def create_database(self, name: str, template: str | None = None) -> str:
        with self.admin() as conn:
            like = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{like}'))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


class _Disposing:
    def __init__(self, engine) -> None:
        self.engine = engine

    def __enter__(self):
        self.conn = self.engine.connect()
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()
        self.engine.dispose()
