"""Authentic exports: an Ed25519 signature over an Attune JSON export, made by the client's key.

Each member signs with one key of their own. It is not stored apart: it is derived (HKDF-SHA256,
its own label) from the member's secret that Attune already keeps sealed with their data key (the
import secret, attune.storage.sealing), so it is made at their first export, is encrypted at rest
exactly as that secret is, follows a passphrase change with it, and never appears anywhere.

What is signed is the export as Attune JSON with the signature's `value` left empty — the file's
own content, its public key included — so a reader checks it by writing the parsed export again
(`attune_json.dumps` is deterministic) and verifying. An export is signed where it is written:
`deferred` gives it the public key and a signer, and `attune_json.dumps` signs the bytes it
writes (a CSV or a PDF of the same export never writes the JSON to sign it); `sign` signs now. The public key travels inside the export;
what makes it trustworthy is that a therapist's record of a client holds one key, and refuses an
export signed by any other (attune.services.review).
"""

from __future__ import annotations

import base64
import enum
import hashlib
from dataclasses import replace

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from attune.domain.exports import ExportData

from . import attune_json

__all__ = [
    "Ed25519PrivateKey",
    "Verdict",
    "deferred",
    "fingerprint",
    "public_key_text",
    "sign",
    "signed_bytes",
    "signing_key",
    "verify",
]
ALGORITHM = "Ed25519"
_INFO = b"attune-export-signing-key|v1"


class Verdict(enum.StrEnum):
    UNSIGNED = "unsigned"  # an export from before signing, or by no member
    VALID = "valid"  # the signature matches the content and the key inside
    BROKEN = "broken"  # signed, but the content or the key was changed since


def signing_key(secret: bytes) -> Ed25519PrivateKey:
    """The member's signing key, from their sealed secret (the same secret, the same key)."""
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret)
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_text(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def signed_bytes(data: ExportData) -> bytes:
    """What a signature covers: the export as Attune JSON with the signature value empty."""
    return attune_json.dumps(replace(data, signature="", signer=None))


class _Key:
    """A member's key as an export's `signer` (attune.domain.exports.Signer)."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "<signing key>"

    def content(self, data: ExportData) -> bytes:
        return signed_bytes(data)

    def sign(self, content: bytes) -> str:
        return base64.b64encode(self._key.sign(content)).decode("ascii")


def deferred(data: ExportData, key: Ed25519PrivateKey) -> ExportData:
    """`data` carrying its public key, signed by `key` where it is written as Attune JSON
    (`attune_json.dumps` signs the bytes it writes), or when its `signature` is first read."""
    return replace(data, public_key=public_key_text(key), signature="", signer=_Key(key))


def sign(data: ExportData, key: Ed25519PrivateKey) -> ExportData:
    """`data` carrying its public key and the signature over both."""
    signed = deferred(data, key)
    return replace(signed, signature=signed.signature, signer=None)


def verify(data: ExportData) -> Verdict:
    if not data.public_key:
        return Verdict.UNSIGNED
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(data.public_key))
        public.verify(base64.b64decode(data.signature), signed_bytes(data))
    except (ValueError, InvalidSignature):
        return Verdict.BROKEN
    return Verdict.VALID


def fingerprint(public_key: str) -> str:
    """A short, readable name of a public key ("7F3A 91C2 04DE"), to compare by eye."""
    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, 12, 4))
