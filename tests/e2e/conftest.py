"""Browser tests: a real `streamlit run` on a free port with a temporary database, driven by
Playwright in Debian's Chromium (no browser download). Assertions use `expect`, never sleeps."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
# A loaded 2-core CI machine can take seconds for a first render; `expect` waits, never sleeps.
expect.set_options(timeout=45_000)
# The app's run has ended (Streamlit's marker on its root): what a click or a key waits for.
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each browser test file is one group (`--dist loadgroup`): its tests run on one worker, in
    order, and the files spread over both workers. One group for every file ran the browser tests
    on one worker, some 900 s of a 930-1,040 s suite, while the other worker finished early."""
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group(f"e2e:{Path(str(item.fspath)).name}"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    db_path: Path
    env: dict[str, str]


def start_server(
    tmp: Path, extra_env: dict[str, str] | None = None, port: int | None = None
) -> tuple[subprocess.Popen[bytes], Server]:
    port = port or free_port()
    db = tmp / "attune.db"
    env = {**os.environ, "ATTUNE_DATABASE_URL": f"sqlite:///{db}", "ATTUNE_DATA_DIR": str(tmp),
           **(extra_env or {})}  # fmt: skip
    log = (tmp / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, Server(url, db, env)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not start; see " + str(tmp / "server.log"))


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by start_server and wait until it has exited (its journal closed).
    Streamlit stops within a second on an idle machine; a loaded CI machine took over 10 s once,
    so a server still running after 30 s is killed — either way it is gone when this returns."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    proc, srv = start_server(tmp_path)
    yield srv
    stop_server(proc)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: `make test` installs it with apt-get.")
        pytest.skip("chromium not installed (make test installs it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    context.close()
