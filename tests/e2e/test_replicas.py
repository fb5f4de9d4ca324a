"""Two replicas of one journal behind HAProxy, on a real PostgreSQL (deploy/replicas.py,
deploy/haproxy.cfg.template; docs/hosting.md, "More than one process").

Ana and Ben each stick to a replica (the proxy's attune_replica cookie differs, and its log
names the replica that served each of them). Ana writes a private and a shared check-in on hers;
Ben, on the other, sees the shared one after a reload, and no byte of the private one reaches
him. Then Ana's replica is killed: her page reconnects to the other, asks who is writing and for
her passphrase again, and everything she saved is there; Ben's page goes on without noticing,
and a new browser goes to the replica that is alive."""

from __future__ import annotations

import re
import time
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
from attune.services import Journal, together
from deploy.replicas import COOKIE, NAMES, Replicas, check_config, render
from tests.e2e.test_daily_flow import choose
from tests.e2e.test_partners import captured
from tests.pg_cluster import Cluster

PRIVATE = "quillprivatemarker"
SHARED = "harboursharedmarker"
NOTE_LABEL = "Anything you want to add? (optional)"


@pytest.fixture
def household(tmp_path: Path, pg_cluster: Cluster) -> Iterator[Replicas]:
    """Ana (with a passphrase) and Ben in journal 1 of a fresh database; two replicas serving
    it as the app's role that owns nothing, without the owner's URL (as docs/hosting.md
    suggests), sharing one data folder."""
    name = f"replicas_{tmp_path.name}".replace("-", "_")[:60]
    admin = pg_cluster.create_database(name, template="attune_template")
    env = {
        "ATTUNE_DATABASE_URL": pg_cluster.url(name, user=pg_cluster.APP),
        "ATTUNE_JOURNAL_ID": "1",
        "ATTUNE_DATA_DIR": str(tmp_path / "data"),
    }
    journal = Journal(load_settings({**env, "ATTUNE_ADMIN_DATABASE_URL": admin}))
    ana = journal.add_member("Ana")
    journal.add_member("Ben")
    together.set_passphrase(journal, ana.id, "ana passphrase")
    journal.close()
    with Replicas(env, workdir=tmp_path / "replicas") as running:
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


def choose_person(page: Page, name: str, passphrase: str | None = None) -> None:
    expect(page.get_by_role("heading", name="Who is writing?")).to_be_visible()
    page.get_by_role("button", name=re.compile(rf"^{name}")).click()
    if passphrase:
        expect(page.get_by_role("heading", name=f"{name}'s journal is locked")).to_be_visible()
        page.get_by_label("Passphrase").fill(passphrase)
        page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached()


def check_in(page: Page, note: str, shared: bool) -> None:
    choose(page, "How pleasant does it feel?", "Pleasant")
    choose(page, "How much energy do you have?", "Steady")
    page.get_by_label(NOTE_LABEL).fill(note)
    if shared:
        page.get_by_text("Share with the others").click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text(messages.SAVED)).to_be_visible()
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

    # Each partner is pinned to a replica of their own, and the proxy says so. (Both pages are
    # asked for before either is waited on: each replica's first run is its slowest.)
    a.goto(running.url)
    b.goto(running.url)
    choose_person(a, "Ana", "ana passphrase")
    expect(b.get_by_role("heading", name="Who is writing?")).to_be_visible()
    ana_on, ben_on = replica_of(a_ctx), replica_of(b_ctx)
    assert {ana_on, ben_on} == set(NAMES)
    assert served_by(running) == set(NAMES)

    # Ana writes on hers: a private check-in, then a shared one.
    check_in(a, f"{PRIVATE} on the stairs", shared=False)
    check_in(a, f"{SHARED} by the canal", shared=True)
    assert replica_of(a_ctx) == ana_on

    # Ben reloads on his replica (the same one: sticky) and reads the shared one there.
    b.reload()
    choose_person(b, "Ben")
    assert replica_of(b_ctx) == ben_on
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

    # Ana's replica dies. Her page reconnects through the proxy to the other one, which knows
    # nothing of her session: it asks who is writing, and for her passphrase, again.
    running.kill(ana_on)
    choose_person(a, "Ana", "ana passphrase")
    assert replica_of(a_ctx) == ben_on
    assert len(sockets["a"]) >= 2  # a new WebSocket, to the live replica
    a.get_by_role("link", name="Journal").first.click()
    expect(a.get_by_role("heading", name="Journal", exact=True)).to_be_visible()
    expect(a.get_by_text(f"{PRIVATE} on the stairs")).to_be_visible()  # nothing saved is lost
    expect(a.get_by_text(f"{SHARED} by the canal")).to_be_visible()
    expect(a.locator("[data-testid=stException]")).to_have_count(0)
    assert a_errors == []

    # Ben's session was never on the dead replica: same WebSocket, and it still answers.
    b.get_by_role("link", name="Today").first.click()
    expect(b.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    assert len(sockets["b"]) == ben_sockets
    assert PRIVATE.encode() not in b"".join(b_bytes)

    # A browser arriving now goes to the replica that is alive.
    c_ctx = browser.new_context()
    c = c_ctx.new_page()
    c.goto(running.url)
    expect(c.get_by_role("heading", name="Who is writing?")).to_be_visible()
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
