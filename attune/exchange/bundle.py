"""The encrypted bundle: an Attune JSON export sealed with a passphrase.

Layout (all of it is read before anything is decrypted)::

    MAGIC (8 bytes) | header length (2 bytes, big-endian) | header (UTF-8 JSON) | ciphertext + tag

The header names the cipher (AES-256-GCM), the key derivation (scrypt) with its parameters, a
random 16-byte salt and a random 12-byte nonce. Magic, length and header together are the GCM
associated data, so changing any byte of the file — header, salt, nonce, ciphertext or tag — makes
opening fail. The parameters a file may ask for are bounded *before* any key is derived
(`check_kdf`), so a crafted file cannot make Attune spend gigabytes or minutes. Every problem is an
`ImportFailed` with one line; nothing is written.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import unicodedata
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from attune import messages
from attune.domain.exports import ExportData, ExportError, ExportOptions

from . import attune_json
from . import safe_parse as sp
from .registry import (
    ImportFailed,
    ImportOptions,
    ImportPreview,
    register_exporter,
    register_importer,
)

MAGIC = b"ATTUNEB\x01"
HEADER_MAX = 1024
SALT_BYTES, NONCE_BYTES, KEY_BYTES, TAG_BYTES = 16, 12, 32, 16
CIPHER, KDF = "AES-256-GCM", "scrypt"
MIN_PASSPHRASE = 8
# What a file may ask of scrypt: n a power of two from 2**14 to 2**20, r ≤ 16, p ≤ 4, at most
# 512 MiB of memory (128·n·r bytes) and 2**23 units of work (n·r·p).
MIN_LOG2_N, MAX_LOG2_N, MAX_R, MAX_P = 14, 20, 16, 4
MAX_MEMORY, MAX_WORK = 512 * 1024 * 1024, 2**23
_HEADER_KEYS = {"v", "cipher", "kdf", "n", "r", "p", "salt", "nonce"}


def _passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_kdf(n: int, r: int, p: int) -> None:
    """Refuse scrypt parameters outside the bounds above (before deriving anything)."""
    ok = (
        n >= 2**MIN_LOG2_N
        and n <= 2**MAX_LOG2_N
        and n & (n - 1) == 0
        and 1 <= r <= MAX_R
        and 1 <= p <= MAX_P
        and 128 * n * r <= MAX_MEMORY
        and n * r * p <= MAX_WORK
    )
    if not ok:
        raise ImportFailed(messages.BUNDLE_KDF_LIMITS)


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    check_kdf(n, r, p)
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(_passphrase(passphrase))


def seal(plaintext: bytes, passphrase: str, *, log2_n: int = 17, r: int = 8, p: int = 1) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ExportError(messages.EXPORT_NEEDS_PASSPHRASE.format(n=MIN_PASSPHRASE))
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = json.dumps(
        {
            "v": 1,
            "cipher": CIPHER,
            "kdf": KDF,
            "n": 2**log2_n,
            "r": r,
            "p": p,
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
        },
        separators=(",", ":"),
    ).encode()
    aad = MAGIC + struct.pack(">H", len(header)) + header
    key = _key(passphrase, salt, 2**log2_n, r, p)
    return aad + AESGCM(key).encrypt(nonce, plaintext, aad)


def is_bundle(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def _b64(value: Any, size: int) -> bytes:
    if not isinstance(value, str) or len(value) > 64:
        raise ImportFailed(messages.BUNDLE_DAMAGED)
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise ImportFailed(messages.BUNDLE_DAMAGED) from None
    if len(raw) != size:
        raise ImportFailed(messages.BUNDLE_DAMAGED)
    return raw


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ImportFailed(messages.BUNDLE_DAMAGED)
    return value


def read_header(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """The checked header, the associated data and the ciphertext (nothing is decrypted)."""
    if not is_bundle(data):
        raise ImportFailed(messages.BUNDLE_NOT)
    start = len(MAGIC) + 2
    if len(data) < start:
        raise ImportFailed(messages.BUNDLE_DAMAGED)
    (size,) = struct.unpack(">H", data[len(MAGIC) : start])
    if not 0 < size <= HEADER_MAX or len(data) < start + size + TAG_BYTES:
        raise ImportFailed(messages.BUNDLE_DAMAGED)
    try:
        header = sp.load_json(data[start : start + size])
    except ImportFailed:
        raise ImportFailed(messages.BUNDLE_DAMAGED) from None
    if not isinstance(header, dict) or set(header) != _HEADER_KEYS:
        raise ImportFailed(messages.BUNDLE_DAMAGED)
    if header["v"] != 1 or header["cipher"] != CIPHER or header["kdf"] != KDF:
        raise ImportFailed(messages.BUNDLE_DAMAGED)
    n, r, p = _int(header["n"]), _int(header["r"]), _int(header["p"])
    check_kdf(n, r, p)
    checked = {
        "n": n,
        "r": r,
        "p": p,
        "salt": _b64(header["salt"], SALT_BYTES),
        "nonce": _b64(header["nonce"], NONCE_BYTES),
    }
    return checked, data[: start + size], data[start + size :]


def unseal(data: bytes, passphrase: str) -> bytes:
    """The sealed plaintext, or ImportFailed: not a bundle, damaged, limits, or wrong passphrase."""
    header, aad, sealed = read_header(data)
    if not passphrase:
        raise ImportFailed(messages.BUNDLE_NEEDS_PASSPHRASE)
    key = _key(passphrase, header["salt"], header["n"], header["r"], header["p"])
    try:
        return AESGCM(key).decrypt(header["nonce"], sealed, aad)
    except InvalidTag:
        raise ImportFailed(messages.BUNDLE_WRONG) from None


def open_export(data: bytes, passphrase: str) -> ExportData:
    """Unseal and read a bundle's Attune JSON strictly."""
    return attune_json.parse_document(unseal(data, passphrase))


@register_exporter
class BundleExporter:
    names = ("bundle",)
    label = "Encrypted bundle"
    extension = "attune"
    mime_type = "application/octet-stream"

    def export(self, data: ExportData, options: ExportOptions) -> bytes:
        return seal(attune_json.dumps(data), options.passphrase, log2_n=options.kdf_log2_n)


@register_importer
class BundleImporter:
    name = "bundle"
    label = "Attune encrypted bundle"
    extensions = ("attune",)

    def sniff(self, data: bytes, filename: str) -> bool:
        return is_bundle(data)

    def parse(self, data: bytes, filename: str, options: ImportOptions) -> ImportPreview:
        return attune_json.preview_of(self.name, data, open_export(data, options.passphrase))
