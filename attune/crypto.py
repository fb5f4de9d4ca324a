"""Private entries encrypted at rest.

Each member who sets a passphrase gets a random 256-bit data key. The data key is stored only
wrapped: AES-256-GCM under a key derived from the passphrase with scrypt (N=2^17, r=8, p=1, OWASP's
minimum), a random salt per member. A private entry's words — body, tags, feeling words — are
sealed with AES-256-GCM under the data key, a random 96-bit nonce per write, and the entry's uid and
visibility bound as associated data, so a sealed blob cannot be moved to another entry or revealed
by flipping the visibility column. Changing the passphrase makes a new data key and re-seals
everything under it (attune.services.together.set_passphrase), so a backup taken before the change
and the old passphrase open nothing written after it. Other secrets of a member (their import
secret, their Therapist review records) are sealed with the same key by `seal_bytes`, with
associated data that names what they are and whose.

The data key of an unlocked member lives only in memory, in that person's `Viewer`
(attune.domain.viewer): the UI keeps it in the browser session, the CLI for one command. This
module is plain functions of the keys they are given; it holds no key itself."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from attune.domain.errors import CryptoError, LockedError

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_VERSION = b"\x01"


__all__ = [
    "CryptoError",
    "LockedError",
    "Sealed",
    "keyed_hash",
    "new_member_key",
    "new_secret",
    "open_bytes",
    "open_sealed",
    "seal",
    "seal_bytes",
    "unwrap",
    "wrap",
]


@dataclass(frozen=True)
class Sealed:
    body: str
    tags: tuple[str, ...]
    feelings: tuple[str, ...]


def derive_kek(passphrase: str, salt: bytes, n: int | None = None) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=n or SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def new_member_key(passphrase: str, *, n: int | None = None) -> tuple[bytes, bytes, bytes]:
    """A fresh data key for a member: returns (data_key, salt, wrapped_key)."""
    data_key = AESGCM.generate_key(bit_length=256)
    salt = os.urandom(16)
    return data_key, salt, wrap(data_key, passphrase, salt, n=n)


def wrap(data_key: bytes, passphrase: str, salt: bytes, *, n: int | None = None) -> bytes:
    nonce = os.urandom(12)
    kek = derive_kek(passphrase, salt, n)
    return _VERSION + nonce + AESGCM(kek).encrypt(nonce, data_key, b"attune-data-key")


def unwrap(wrapped: bytes, passphrase: str, salt: bytes, *, n: int | None = None) -> bytes:
    if len(wrapped) != 1 + 12 + 32 + 16 or wrapped[:1] != _VERSION:
        raise CryptoError("The stored key is damaged.")
    try:
        return AESGCM(derive_kek(passphrase, salt, n)).decrypt(
            wrapped[1:13], wrapped[13:], b"attune-data-key"
        )
    except InvalidTag:
        raise CryptoError("That passphrase is not right.") from None


def _aad(uid: str, visibility: str) -> bytes:
    return f"attune-entry|{uid}|{visibility}".encode()


def seal(data_key: bytes, uid: str, visibility: str, sealed: Sealed) -> bytes:
    payload = json.dumps(
        {"b": sealed.body, "t": list(sealed.tags), "f": list(sealed.feelings)},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    nonce = os.urandom(12)
    return _VERSION + nonce + AESGCM(data_key).encrypt(nonce, payload, _aad(uid, visibility))


def open_sealed(data_key: bytes, uid: str, visibility: str, blob: bytes) -> Sealed:
    if len(blob) < 1 + 12 + 16 or blob[:1] != _VERSION:
        raise CryptoError("A sealed entry is damaged.")
    try:
        raw = AESGCM(data_key).decrypt(blob[1:13], blob[13:], _aad(uid, visibility))
    except InvalidTag:
        raise CryptoError("A sealed entry does not match its key or was changed.") from None
    data = json.loads(raw)
    return Sealed(body=data["b"], tags=tuple(data["t"]), feelings=tuple(data["f"]))


def seal_bytes(data_key: bytes, aad: str, data: bytes) -> bytes:
    """Any bytes sealed with AES-256-GCM under the data key; `aad` names what they are and whose
    (e.g. "attune-review|3|<client>/notes"), so a blob cannot stand in for another."""
    nonce = os.urandom(12)
    return _VERSION + nonce + AESGCM(data_key).encrypt(nonce, data, aad.encode("utf-8"))


def open_bytes(data_key: bytes, aad: str, blob: bytes) -> bytes:
    if len(blob) < 1 + 12 + 16 or blob[:1] != _VERSION:
        raise CryptoError("A sealed record is damaged.")
    try:
        return AESGCM(data_key).decrypt(blob[1:13], blob[13:], aad.encode("utf-8"))
    except InvalidTag:
        raise CryptoError("A sealed record does not match its key or was changed.") from None


def new_secret() -> bytes:
    return os.urandom(32)


def keyed_hash(secret: bytes, label: str, value: str) -> bytes:
    """HMAC-SHA256 of `value` under a member's secret: without the secret, a guess at the value
    cannot be checked against the result."""
    return hmac.new(
        secret, f"{label}|{value}".encode("utf-8", "surrogatepass"), hashlib.sha256
    ).digest()
