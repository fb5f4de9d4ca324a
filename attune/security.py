"""Member passphrases: scrypt at OWASP's recommended parameters (N=2^17, r=8, p=1), a random
16-byte salt, constant-time comparison. The stored string carries its parameters, which are
bounded on reading so a tampered database cannot ask for unbounded work."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets

from attune.domain.errors import PassphraseError

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 6
MAX_PASSPHRASE = 1024
_MAX_N = 2**20


__all__ = [
    "PassphraseError",
    "check_new_passphrase",
    "hash_passphrase",
    "local_host",
    "verify_passphrase",
]


def local_host(host: str | None) -> bool:
    """Whether a request's Host header names this machine by a loopback name: `localhost`, or a
    loopback address (127.0.0.0/8, [::1]), on any port. Anything else is a DNS-rebinding page
    (a name of the attacker's that resolves to 127.0.0.1) and gets nothing. The port is not
    checked: a rebinding page can never send a loopback name, and a tunnel may change the port.
    No Host at all (not a browser: tests, scripts) is not a rebinding page either."""
    if host is None or not host.strip():
        return True
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1:].partition("]")[0]
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    name = name.removesuffix(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=32,
        maxmem=256 * r * n + 1024 * 1024,
    )


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
    if len(passphrase) > MAX_PASSPHRASE:
        raise PassphraseError("That passphrase is too long.")


def hash_passphrase(passphrase: str, *, n: int | None = None) -> str:
    check_new_passphrase(passphrase)
    n = n or SCRYPT_N
    salt = secrets.token_bytes(16)
    digest = _derive(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_passphrase(stored: str, passphrase: str) -> bool:
    try:
        scheme, n_s, r_s, p_s, salt_s, digest_s = stored.split("$")
        n, r, p = int(n_s), int(r_s), int(p_s)
        salt, digest = base64.b64decode(salt_s), base64.b64decode(digest_s)
    except (ValueError, TypeError):
        return False
    if scheme != "scrypt" or not (2**10 <= n <= _MAX_N and 1 <= r <= 16 and 1 <= p <= 4):
        return False
    if len(passphrase) > MAX_PASSPHRASE:
        return False
    return hmac.compare_digest(_derive(passphrase, salt, n, r, p), digest)
