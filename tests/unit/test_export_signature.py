"""Authentic exports: an Ed25519 signature, the public key inside, checked after a round trip."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from attune.exchange import attune_json, signature
from attune.exchange.registry import ImportFailed
from attune.exchange.signature import Verdict
from tests.share_factory import sample_export

SECRET = bytes(range(32))


def test_a_signed_export_reads_back_valid_and_keeps_its_key() -> None:
    key = signature.signing_key(SECRET)
    signed = signature.sign(sample_export(), key)
    back = attune_json.parse_document(attune_json.dumps(signed))
    assert back.public_key == signature.public_key_text(key)
    assert signature.verify(back) is Verdict.VALID
    assert json.loads(attune_json.dumps(signed))["signature"]["algorithm"] == "Ed25519"


def test_the_same_secret_gives_the_same_key_and_another_secret_another() -> None:
    one = signature.public_key_text(signature.signing_key(SECRET))
    assert one == signature.public_key_text(signature.signing_key(bytes(SECRET)))
    assert one != signature.public_key_text(signature.signing_key(bytes(32)))


def test_a_changed_word_breaks_the_signature() -> None:
    signed = signature.sign(sample_export(), signature.signing_key(SECRET))
    raw = attune_json.dumps(signed).replace(b"a quiet day", b"a quiet nap", 1)
    assert signature.verify(attune_json.parse_document(raw)) is Verdict.BROKEN


def test_a_key_swapped_in_breaks_the_signature() -> None:
    signed = signature.sign(sample_export(), signature.signing_key(SECRET))
    other = signature.public_key_text(signature.signing_key(bytes(32)))
    assert signature.verify(replace(signed, public_key=other)) is Verdict.BROKEN


def test_an_unsigned_export_says_so_and_version_1_files_still_read() -> None:
    plain = sample_export()
    assert signature.verify(plain) is Verdict.UNSIGNED
    doc = json.loads(attune_json.dumps(plain))
    assert doc["version"] == 2 and doc["signature"] is None
    del doc["signature"]
    doc["version"] = 1
    back = attune_json.parse_document(json.dumps(doc).encode())
    assert signature.verify(back) is Verdict.UNSIGNED
    assert back.entries == plain.entries


def test_version_2_without_a_signature_field_is_refused() -> None:
    doc = json.loads(attune_json.dumps(sample_export()))
    del doc["signature"]
    with pytest.raises(ImportFailed, match="signature"):
        attune_json.parse_document(json.dumps(doc).encode())


def test_fingerprint_is_short_and_stable() -> None:
    key = signature.public_key_text(signature.signing_key(SECRET))
    assert len(signature.fingerprint(key)) == 14
    assert signature.fingerprint(key) == signature.fingerprint(key)
