"""Two Attune replicas of one journal behind HAProxy, on loopback.

    python -m deploy.replicas --port 8500                 # proxy on 8500, replicas on free ports
    python -m deploy.replicas --port 8500 --replica-ports 8501,8502
    python -m deploy.replicas --render --port 8500 --replica-ports 8501,8502 [--tls-cert PEM]

Both replicas get the same environment (ATTUNE_DATABASE_URL and ATTUNE_JOURNAL_ID naming one
PostgreSQL journal, ATTUNE_DATA_DIR one folder) and the same Streamlit cookie secret; HAProxy
(deploy/haproxy.cfg.template) keeps each browser on one replica with its attune_replica cookie.
Everything listens on 127.0.0.1 only. Ctrl+C (or SIGTERM) stops the proxy and both replicas.

This is a launcher for a test or a small host; under systemd, run the two `streamlit run`
commands as two units and HAProxy with the rendered file (docs/hosting.md, "More than one
process"). It is not part of the `attune` package and never imports streamlit.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template
from types import TracebackType

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
COOKIE = "attune_replica"
NAMES = ("r1", "r2")  # the servers' names in the config, and their cookie values
START_TIMEOUT = 90.0  # seconds for a replica (or the proxy) to answer its health check
STOP_TIMEOUT = 10.0


def render(
    listen_port: int,
    replica_ports: tuple[int, int],
    tls_cert: Path | None = None,
    maxconn: int = 500,
    server_maxconn: int = 200,
) -> str:
    """The HAProxy configuration for a proxy on 127.0.0.1:`listen_port` in front of replicas on
    127.0.0.1:`replica_ports`. With `tls_cert` (a PEM holding the certificate chain and its key)
    the proxy serves HTTPS itself and its cookie is marked Secure."""
    ports = [listen_port, *replica_ports]
    if len(replica_ports) != 2 or len(set(ports)) != 3 or not all(0 < p < 65536 for p in ports):
        raise ValueError(f"three different ports are needed, not {ports}")
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        listen_port=listen_port,
        replica1_port=replica_ports[0],
        replica2_port=replica_ports[1],
        bind_tls=f" ssl crt {tls_cert} alpn http/1.1" if tls_cert else "",
        cookie_secure=" secure" if tls_cert else "",
        maxconn=maxconn,
        server_maxconn=server_maxconn,
    )


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise RuntimeError("HAProxy is not installed (Debian's haproxy; `make test` installs it)")
    return found


def check_config(config: Path) -> None:
    """`haproxy -c`: raises with HAProxy's own words when the file is not valid."""
    done = subprocess.run(  # noqa: S603 (a fixed binary and arguments)
        [haproxy_binary(), "-c", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"haproxy -c refused {config}: {(done.stderr or done.stdout).strip()}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:  # noqa: S310 (http on loopback)
            return bool(r.status == 200)
    except OSError:
        return False


class Replicas:
    """HAProxy on 127.0.0.1:`port` and two `streamlit run app.py` behind it, one environment.

    Logs: `<workdir>/haproxy.log` (one line per request, naming the replica that served it),
    `<workdir>/replica-r1.log` and `replica-r2.log`."""

    def __init__(
        self,
        env: dict[str, str],
        workdir: Path | None = None,
        port: int | None = None,
        replica_ports: tuple[int, int] | None = None,
        app: Path = ROOT / "app.py",
    ) -> None:
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="attune-replicas-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.replica_ports = replica_ports or (free_port(), free_port())
        self.app = app
        # One cookie secret for both: Streamlit signs its cookies with it (st.login's too), so a
        # browser moved to the other replica keeps cookies that replica can read.
        self.env = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), **os.environ, **env}
        self.config = self.workdir / "haproxy.cfg"
        self.replicas: dict[str, subprocess.Popen[bytes]] = {}
        self.proxy: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.replica_ports[NAMES.index(name)]}"

    def log(self, name: str) -> Path:
        return self.workdir / ("haproxy.log" if name == "haproxy" else f"replica-{name}.log")

    # --- starting and stopping ------------------------------------------------------------------
    def start(self) -> Replicas:
        try:
            self.config.write_text(render(self.port, self.replica_ports), encoding="utf-8")
            check_config(self.config)
            for name in NAMES:
                self.replicas[name] = self._start_replica(name)
            for name in NAMES:
                self._wait(self.replica_url(name), self.replicas[name], name)
            self.proxy = self._spawn([haproxy_binary(), "-db", "-f", str(self.config)], "haproxy")
            self._wait(self.url, self.proxy, "haproxy")
        except BaseException:
            self.stop()
            raise
        return self

    def _start_replica(self, name: str) -> subprocess.Popen[bytes]:
        port = self.replica_ports[NAMES.index(name)]
        # No file watcher: a served app does not reload itself when a file under it changes (a
        # reload mid-run swaps the classes its cached values were made of; and it costs CPU).
        return self._spawn(
            [sys.executable, "-m", "streamlit", "run", str(self.app),
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.headless", "true", "--server.fileWatcherType", "none"],
            name,
        )  # fmt: skip

    def _spawn(self, cmd: list[str], name: str) -> subprocess.Popen[bytes]:
        with self.log(name).open("ab") as log:
            # In a session of their own: Ctrl+C reaches the launcher, which stops them in order.
            return subprocess.Popen(  # noqa: S603 (our own command lines)
                cmd,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _wait(self, url: str, proc: subprocess.Popen[bytes], name: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited ({proc.returncode}); see {self.log(name)}")
            if healthy(url):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{name} did not answer {url}/_stcore/health; see {self.log(name)}")

    def kill(self, name: str) -> None:
        """End replica `name` at once (SIGKILL), as a crash would."""
        proc = self.replicas[name]
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT)

    def stop(self) -> None:
        """The proxy first (no new requests), then the replicas; each asked to end, then ended."""
        procs = [p for p in (self.proxy, *self.replicas.values()) if p is not None]
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=STOP_TIMEOUT)

    def __enter__(self) -> Replicas:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _ports(value: str) -> tuple[int, int]:
    first, second = (int(p) for p in value.split(","))
    return first, second


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.replicas", description=__doc__)
    parser.add_argument("--port", type=int, default=8500, help="the proxy's port (127.0.0.1)")
    parser.add_argument("--replica-ports", type=_ports, help="two ports, e.g. 8501,8502")
    parser.add_argument("--render", action="store_true", help="print the config and exit")
    parser.add_argument("--tls-cert", type=Path, help="with --render: serve HTTPS with this PEM")
    args = parser.parse_args(argv)
    if args.render:
        ports = args.replica_ports or (args.port + 1, args.port + 2)
        sys.stdout.write(render(args.port, ports, tls_cert=args.tls_cert))
        return 0
    if args.tls_cert:
        parser.error("--tls-cert goes with --render (the launcher serves loopback HTTP)")
    stopping: list[int] = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda signum, frame: stopping.append(signum))
    with Replicas({}, port=args.port, replica_ports=args.replica_ports) as running:
        print(f"Attune: {running.url} → replicas on ports {running.replica_ports}", flush=True)
        print(f"Logs in {running.workdir}. Ctrl+C stops them.", flush=True)
        told: set[str] = set()
        # A replica that ends is reported and the other goes on serving (the point of two); the
        # launcher ends on Ctrl+C or SIGTERM, or when the proxy or both replicas have ended.
        while not stopping and running.proxy and running.proxy.poll() is None:
            ended = {n for n, p in running.replicas.items() if p.poll() is not None}
            for name in sorted(ended - told):
                print(f"Replica {name} ended; see {running.log(name)}", flush=True)
            told |= ended
            if len(ended) == len(running.replicas):
                return 1
            time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
