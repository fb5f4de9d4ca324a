"""Two replicas behind HAProxy, on a real PostgreSQL, with sign-in on (deploy/replicas.py,
deploy/haproxy.cfg.template; docs/hosting.md, "More than one process").

Ana (with a passphrase) and Ben are members of one journal, each with an account at a real
OpenID Connect provider (oidc-provider-mock). Each signs in from a browser of their own and
sticks to a replica of their own (the proxy's attune_replica cookie differs, and its log names
the replica that served each). Ana writes a private and a shared check-in on hers; Ben, on the
other, finds the shared one, and no byte of the private one reaches him. Then Ana's replica is
killed: her page reconnects to the other one. Her sign-in is kept in the database, so she is
still signed in as herself (no sign-in page, no "Who is writing?"); the key her passphrase
unlocked lived in the dead replica's memory, so her journal is locked again and asks for it;
everything she saved is there. Ben's page goes on without noticing, and a new browser goes to
the replica that is alive (and is asked to sign in)."""

from __future__ import annotations

import json
import re
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from playwright.sync_api import Browser, BrowserContext, Page, expect

from attune import messages
from attune.config import load_settings
from attune.domain.accounts import Identity
from attune.domain.viewer import Viewer
from attune.messages import accounts as words
from attune.messages.hosted import ON_A_SERVER
from attune.services import Journal, together
from attune.services.accounts import Accounts, make_invitation
from attune.storage.engine import make_engine
from deploy.replicas import COOKIE, NAMES, Replicas, check_config, free_port, render
from tests.e2e.oidc import provider_running, sign_in, write_secrets
from tests.e2e.test_daily_flow import choose
from tests.e2e.test_partners import captured
from tests.pg_cluster import Cluster

PRIVATE = "quillprivatemarker"
SHARED = "harboursharedmarker"
NOTE_LABEL = "Anything you want to add? (optional)"
ANA, BEN = "ana@example.org", "ben@example.org"


def _journal_of_two(admin: str, issuer: str, data: Path) -> None:
    """Ana's journal, Ben in it by her invitation, Ana's passphrase: through the services, as the
    screens would (the sign-in journey walks those screens; this test is about replicas)."""
    engine = make_engine(admin)
    try:
        accounts = Accounts(engine)
        ana, ben = Identity(issuer, ANA), Identity(issuer, BEN)
        accounts.sign_in(ana)
        mine = accounts.start_journal(ana, "Ana")
        env = {"ATTUNE_DATABASE_URL": admin, "ATTUNE_DATA_DIR": str(data),
               "ATTUNE_JOURNAL_ID": str(mine.journal_id)}  # fmt: skip
        journal = Journal(load_settings(env))
        assert mine.member_id is not None
        code = make_invitation(journal, Viewer(mine.member_id))
        accounts.sign_in(ben)
        accounts.redeem(ben, code, "Ben")
        together.set_passphrase(journal, mine.member_id, "ana passphrase")
        journal.close()
    finally:
        engine.dispose()


@pytest.fixture
def household(tmp_path: Path, pg_cluster: Cluster) -> Iterator[Replicas]:
    """Two replicas with sign-in on (one secrets file), serving every journal of a fresh
    database as the app's role that owns nothing, without the owner's URL (as docs/hosting.md
    suggests), sharing one data folder; the provider on loopback."""
    name = f"replicas_{tmp_path.name}".replace("-", "_")[:60]
    admin = pg_cluster.create_database(name, template="attune_template")
    with provider_running(tmp_path / "oidc.log") as provider:
        with urllib.request.urlopen(provider + "/.well-known/openid-configuration") as r:
            issuer = json.load(r)["issuer"]
        _journal_of_two(admin, issuer, tmp_path / "data")
        port = free_port()
        secrets = write_secrets(tmp_path / "secrets.toml", f"http://127.0.0.1:{port}", provider)
        env = {
            "ATTUNE_DATABASE_URL": pg_cluster.url(name, user=pg_cluster.APP),
            "ATTUNE_DATA_DIR": str(tmp_path / "data"),
            "STREAMLIT_SECRETS_FILES": str(secrets),
            "ATTUNE_TRUSTED_PROXIES": "127.0.0.1",
        }
        with Replicas(env, workdir=tmp_path / "replicas", port=port) as running:
            yield running
    pg_cluster.drop_database(name)


def replica_of(context: BrowserContext) -> str:
    """The replica the proxy pinned this browser to (its cookie's value: r1 or r2)."""
    [value] = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    return value


def served_by(running: Replicas) -> set[str]:
    """The replicas HAProxy's log names for the page loads (GET /) it passed on."""
    log = running.log("haproxy").read_text(encoding="utf-8", errors="replace")
    return set(re.findall(r"replicas/(r\d) .*\"GET / HTTP", log))


def unlock(page: Page, name: str, passphrase: str) -> None:
    expect(
        page.get_by_role("heading", name=messages.LOCKED_TITLE.format(name=name))
    ).to_be_visible()
    page.get_by_label("Passphrase").fill(passphrase)
    page.get_by_role("button", name="Unlock").click()
    today(page)


def today(page: Page) -> None:
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached()


def check_in(page: Page, note: str, shared: bool) -> None:
    choose(page, "How pleasant does it feel?", "Pleasant")
    choose(page, "How much energy do you have?", "Steady")
    page.get_by_label(NOTE_LABEL).fill(note)
    if shared:
        page.get_by_text("Share with the others").click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text(ON_A_SERVER[messages.SAVED])).to_be_visible()  # kept on a server
    expect(page.get_by_label(NOTE_LABEL)).to_have_value("")


def test_two_replicas_behind_haproxy(browser: Browser, household: Replicas) -> None:
    running = household
    started = time.monotonic()
    a_ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    b_ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    a, b = a_ctx.new_page(), b_ctx.new_page()
    a_errors: list[str] = []
    a.on("pageerror", lambda e: a_errors.append(str(e)))
    b_bytes = captured(b)
    sockets: dict[str, list[str]] = {"a": [], "b": []}
    a.on("websocket", lambda ws: sockets["a"].append(ws.url))
    b.on("websocket", lambda ws: sockets["b"].append(ws.url))

    # Each partner is pinned to a replica of their own (the first answer sets the cookie), and
    # signs in there through the provider; the proxy's log names both replicas.
    a.goto(running.url, wait_until="commit")
    b.goto(running.url, wait_until="commit")
    ana_on, ben_on = replica_of(a_ctx), replica_of(b_ctx)
    assert {ana_on, ben_on} == set(NAMES)
    sign_in(a, running.url, ANA)
    unlock(a, "Ana", "ana passphrase")
    sign_in(b, running.url, BEN)
    today(b)
    assert served_by(running) == set(NAMES)
    assert (replica_of(a_ctx), replica_of(b_ctx)) == (ana_on, ben_on)

    # Ana writes on hers: a private check-in, then a shared one.
    check_in(a, f"{PRIVATE} on the stairs", shared=False)
    check_in(a, f"{SHARED} by the canal", shared=True)
    assert replica_of(a_ctx) == ana_on

    # Ben, on the other replica, reads the shared one there; the private one never reaches him.
    b.get_by_role("link", name="Journal").first.click()
    expect(b.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    expect(b.get_by_text(f"{SHARED} by the canal")).to_be_visible()
    search = b.get_by_label("Search your entries")
    search.fill(PRIVATE)
    search.press("Enter")
    expect(b.get_by_text(messages.NO_MATCHES)).to_be_visible()
    b.wait_for_load_state("networkidle")
    everything = b"".join(b_bytes)
    assert SHARED.encode() in everything  # the capture saw what Ben was sent
    assert PRIVATE.encode() not in everything
    ben_sockets = len(sockets["b"])

    # Ana's replica dies. Her page reconnects through the proxy to the other one: her sign-in
    # is in the database, so she is still Ana (no sign-in, no "Who is writing?"); her unlocked
    # key was in the dead replica's memory, so her journal asks for the passphrase again.
    running.kill(ana_on)
    unlock(a, "Ana", "ana passphrase")
    assert replica_of(a_ctx) == ben_on
    assert len(sockets["a"]) >= 2  # a new WebSocket, to the live replica
    expect(a.get_by_role("button", name=words.SIGN_IN)).to_have_count(0)
    expect(a.get_by_role("heading", name=messages.WHO_TITLE)).to_have_count(0)
    a.get_by_role("link", name="Journal").first.click()
    expect(a.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    expect(a.get_by_text(f"{PRIVATE} on the stairs")).to_be_visible()  # nothing saved is lost
    expect(a.get_by_text(f"{SHARED} by the canal")).to_be_visible()
    expect(a.locator("[data-testid=stException]")).to_have_count(0)
    assert a_errors == []

    # Ben's session was never on the dead replica: same WebSocket, and it still answers.
    b.get_by_role("link", name="Today").first.click()
    today(b)
    assert len(sockets["b"]) == ben_sockets
    assert PRIVATE.encode() not in b"".join(b_bytes)

    # A browser arriving now goes to the replica that is alive, and is asked to sign in.
    c_ctx = browser.new_context()
    c = c_ctx.new_page()
    c.goto(running.url)
    expect(c.get_by_role("button", name=words.SIGN_IN)).to_be_visible()
    assert replica_of(c_ctx) == ben_on
    for ctx in (a_ctx, b_ctx, c_ctx):
        ctx.close()
    assert time.monotonic() - started < 90


def self_signed_pem(name: str) -> bytes:
    """A certificate for `name` and its key, in one PEM file (as HAProxy's `crt` wants it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def test_the_config_is_valid_for_http_and_https(tmp_path: Path) -> None:
    """HAProxy accepts the rendered file both ways; with a certificate it serves TLS on the
    same loopback address and marks its cookie Secure."""
    plain = tmp_path / "plain.cfg"
    plain.write_text(render(8500, (8501, 8502)), encoding="utf-8")
    check_config(plain)
    pem = tmp_path / "attune.pem"
    pem.write_bytes(self_signed_pem("localhost"))
    tls = tmp_path / "tls.cfg"
    tls.write_text(render(8443, (8501, 8502), tls_cert=pem), encoding="utf-8")
    check_config(tls)
    text = tls.read_text(encoding="utf-8")
    assert f"bind 127.0.0.1:8443 ssl crt {pem}" in text
    assert re.search(rf"cookie {COOKIE} insert indirect nocache httponly .* secure$", text, re.M)
    assert " secure" not in plain.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="three different ports"):
        render(8500, (8500, 8501))
