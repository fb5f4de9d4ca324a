"""Strict, defensive reading shared by the importers.

Every function here either returns clean data or raises `ImportFailed` with one line that never
quotes the file. The limits: MAX_IMPORT_BYTES for a file and for what a zip unpacks to, UTF-8
only, JSON without duplicate keys, NaN/Infinity or deep nesting, zips without path tricks,
encryption or suspicious compression ratios. `SkipEntry` marks one bad entry in a good file.
"""

from __future__ import annotations

import csv
import io
import json
import math
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from attune import messages
from attune.domain.entries import EntryDraft, EntryError

from . import registry
from .registry import ImportFailed

MAX_JSON_DEPTH = 64
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_RATIO = 100  # unpacked / packed; real journal JSON stays well below this
RATIO_FLOOR = 1024 * 1024  # small members may compress extremely well; only big ones are checked
CHUNK = 64 * 1024
MIN_YEAR, MAX_YEAR = 1900, 2200  # outside: a broken date (and no overflow when stored in UTC)


def csv_failed(exc: csv.Error, line: int) -> ImportFailed:
    """The one line for a CSV the reader gave up on at `line`: a field longer than the csv module
    reads (a 100 MB note) is named as too large, anything else as malformed."""
    limit = csv.field_size_limit()
    if f"field larger than field limit ({limit})" in str(exc):
        return ImportFailed(messages.IMPORT_CSV_FIELD_TOO_LARGE.format(line=line, chars=limit))
    return ImportFailed(messages.IMPORT_CSV_BROKEN.format(line=line))


class SkipEntry(Exception):
    """One entry in an otherwise good file cannot be imported; the reason is safe to show."""


# --- text ------------------------------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """UTF-8 text without its byte-order mark, or ImportFailed."""
    registry.check_size(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed(messages.IMPORT_UTF16)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if data[:64].count(b"\x00") > 8:  # UTF-16 without a byte-order mark
            raise ImportFailed(messages.IMPORT_UTF16) from None
        raise ImportFailed(messages.IMPORT_NOT_UTF8) from None
    return text.removeprefix("\ufeff")


def head_text(data: bytes, size: int = 4096) -> str:
    """The start of a file as text, for sniffing (never raises; invalid bytes are replaced)."""
    return data[:size].decode("utf-8", "replace").removeprefix("\ufeff")


# --- JSON ------------------------------------------------------------------------------------------
def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # a key named twice kept only its last value
        raise ImportFailed(messages.IMPORT_JSON_DUPLICATE)
    return out


def _no_constants(name: str) -> Any:
    raise ImportFailed(messages.IMPORT_JSON_NAN)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ImportFailed(messages.IMPORT_JSON_NAN)
    return value


def _depth_ok(value: Any) -> bool:
    """No container more than MAX_JSON_DEPTH levels down: one level at a time, only containers
    kept (JSON gives plain dicts and lists)."""
    level = [value] if type(value) in _CONTAINERS else []
    depth = 1
    while level:
        if depth > MAX_JSON_DEPTH:
            return False
        below: list[Any] = []
        for item in level:
            children = item.values() if type(item) is dict else item
            below += [child for child in children if type(child) in _CONTAINERS]
        level = below
        depth += 1
    return True


_CONTAINERS = frozenset({dict, list})


def load_json(data: bytes) -> Any:
    """Parse JSON strictly: UTF-8, no duplicate keys, no NaN/Infinity, at most 64 levels deep."""
    text = decode_text(data)
    try:
        value = _DECODER.decode(text)
    except ImportFailed:
        raise
    except RecursionError:
        raise ImportFailed(messages.IMPORT_JSON_DEEP.format(n=MAX_JSON_DEPTH)) from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            messages.IMPORT_BAD_JSON.format(line=exc.lineno, col=exc.colno)
        ) from None
    except ValueError:  # an integer with thousands of digits
        raise ImportFailed(messages.IMPORT_JSON_NUMBER) from None
    del text  # as big as the file again: let it go before the caller reads the document
    if not _depth_ok(value):
        raise ImportFailed(messages.IMPORT_JSON_DEEP.format(n=MAX_JSON_DEPTH))
    return value


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_constant=_no_constants, parse_float=_finite
)


# --- zip -------------------------------------------------------------------------------------------
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    OverflowError,
    IndexError,
)


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _unsafe_path(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or "\x00" in name:
        return True
    if len(name) > 1 and name[1] == ":":  # C:\…
        return True
    return any(part == ".." for part in name.replace("\\", "/").split("/"))


def read_zip(data: bytes, *, want: Callable[[str], bool]) -> list[tuple[str, bytes]]:
    """The members of a zip whose names `want` accepts, read within the limits above."""
    registry.check_size(data)
    cap = registry.MAX_IMPORT_BYTES
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ImportFailed:
        raise
    except _ZIP_ERRORS:
        raise ImportFailed(messages.IMPORT_ZIP_DAMAGED) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise ImportFailed(messages.IMPORT_ZIP_TOO_MANY.format(n=MAX_ZIP_MEMBERS))
        if any(_unsafe_path(info.filename) for info in infos):
            raise ImportFailed(messages.IMPORT_ZIP_PATH)
        chosen = [i for i in infos if not i.is_dir() and want(i.filename)]
        total = 0
        for info in chosen:
            if info.flag_bits & 0x1:
                raise ImportFailed(messages.IMPORT_ZIP_ENCRYPTED)
            total += info.file_size
            if info.file_size > cap or total > cap:
                raise ImportFailed(
                    messages.IMPORT_ZIP_TOO_BIG.format(size=registry.size_label(cap))
                )
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(
                info.compress_size, 1
            ):
                raise ImportFailed(messages.IMPORT_ZIP_BOMB)
        return [(info.filename, _read_member(archive, info)) for info in chosen]


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one member in chunks, stopping as soon as it grows past what it declared."""
    out = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                out += chunk
                if len(out) > info.file_size:
                    raise ImportFailed(messages.IMPORT_ZIP_BOMB)
    except ImportFailed:
        raise
    except _ZIP_ERRORS:
        raise ImportFailed(messages.IMPORT_ZIP_DAMAGED) from None
    except RuntimeError:  # encrypted
        raise ImportFailed(messages.IMPORT_ZIP_ENCRYPTED) from None
    return bytes(out)


# --- entries ---------------------------------------------------------------------------------------
def as_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SkipEntry(messages.IMPORT_SKIP_NOT_OBJECT.format(what=what))
    return value


def opt_str(obj: dict[str, Any], key: str) -> str:
    """A text field that may be missing or null (→ ""); anything else but text skips the entry."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SkipEntry(messages.IMPORT_SKIP_FIELD.format(field=key))
    return value


def opt_bool(obj: dict[str, Any], key: str) -> bool:
    value = obj.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise SkipEntry(messages.IMPORT_SKIP_FIELD.format(field=key))
    return value


def str_list(obj: dict[str, Any], key: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SkipEntry(messages.IMPORT_SKIP_FIELD.format(field=key))
    return value


def tags_from(values: list[str] | tuple[str, ...], *, strip: str = "@#") -> tuple[str, ...]:
    """Tag names from another app: leading tag symbols removed, blanks dropped (`clean`
    normalises them)."""
    return tuple(tag for raw in values if (tag := raw.lstrip(strip)).strip())


def clean(draft: EntryDraft) -> EntryDraft:
    """Attune's own rules for an entry, and a plausible year; a draft that breaks them is
    skipped, with the reason."""
    if not MIN_YEAR <= draft.occurred_at.year <= MAX_YEAR:
        raise SkipEntry(messages.IMPORT_SKIP_DATE)
    try:
        return draft.clean()
    except EntryError as exc:
        raise SkipEntry(str(exc)) from None
