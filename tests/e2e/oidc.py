"""Sign-in for the browser tests and the load bench: a real OpenID Connect provider
(oidc-provider-mock, on loopback), the `[auth]` secrets file that points a server at it, and the
provider's own sign-in form.

    with provider_running(log) as issuer:                  # http://127.0.0.1:<port>
        write_secrets(path, "http://127.0.0.1:8500", issuer)  # STREAMLIT_SECRETS_FILES=path

The fixtures `provider` and `hosted` (one `streamlit run` with sign-in on, on PostgreSQL as the
app's role) are used by tests/e2e/test_signin_journey.py, which imports them from here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from attune.messages import accounts as words
from tests.e2e.conftest import free_port, start_server

COOKIE_SECRET = "test-only-cookie-secret-of-the-journey"


def wait_for(url: str, timeout: float = 30.0) -> None:
    """Until `url` (on loopback) answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # loopback only
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def provider_running(log: Path) -> Iterator[str]:
    """oidc-provider-mock on a free loopback port; yields its issuer URL, stops it at the end."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--port", str(port),
             "--host", "127.0.0.1"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
    issuer = f"http://127.0.0.1:{port}"
    try:
        wait_for(issuer + "/.well-known/openid-configuration")
        yield issuer
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def write_secrets(
    path: Path, base_url: str, issuer: str, cookie_secret: str = COOKIE_SECRET
) -> Path:
    """An `[auth]` section for a server reached at `base_url` (its redirect comes back there),
    signing in with `issuer`. Readable by its owner only, as a real one must be."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{base_url}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "attune"\nclient_secret = "test-only"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


def sign_in(page: Page, url: str, subject: str) -> None:
    """Sign in at `url` as `subject` through the provider's own form, and come back."""
    page.goto(url)
    page.get_by_role("button", name=words.SIGN_IN).click()
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile("^" + re.escape(url) + r"([/?#]|$)"))  # not the provider's


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[str]:
    with provider_running(tmp_path / "oidc.log") as issuer:
        yield issuer


@pytest.fixture
def hosted(tmp_path: Path, provider: str, pg_cluster: Any) -> Iterator[Any]:
    """One `streamlit run` with sign-in on, on a fresh PostgreSQL database as the app's role."""
    name = f"signin_{tmp_path.name}".replace("-", "_")[:60]
    admin = pg_cluster.create_database(name, template="attune_template")
    port = free_port()
    secrets = write_secrets(tmp_path / "secrets.toml", f"http://127.0.0.1:{port}", provider)
    env = {
        "ATTUNE_DATABASE_URL": pg_cluster.url(name, user=pg_cluster.APP),
        "ATTUNE_ADMIN_DATABASE_URL": admin,
        "ATTUNE_DATA_DIR": str(tmp_path),
        "STREAMLIT_SECRETS_FILES": str(secrets),
    }
    proc, server = start_server(tmp_path, env, port=port)
    yield server
    proc.terminate()
    proc.wait(timeout=10)
    pg_cluster.drop_database(name)
