"""Files an import must refuse, each with the one-line message it must give. Shared by the
parser tests (tests/unit) and the "database unchanged" tests (tests/storage)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from attune import messages

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
MARKER = "zebrafinch"  # in the text of several bad files; must never appear in a message


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def zipped(*members: tuple[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def jrnl_json(body: str) -> bytes:
    return ('{"tags": {}, "entries": [{"title": "' + MARKER + '", "date": "2024-01-01", '
            '"time": "10:00", ' + body + "}]}").encode()  # fmt: skip


DAYONE = json.dumps({"metadata": {"version": "1.0"}, "entries": [
    {"uuid": "AB", "creationDate": "2024-01-01T10:00:00Z", "text": MARKER}]}).encode()  # fmt: skip
DAYLIO_HEAD = "full_date,date,weekday,time,mood,activities,note\n"

# name → (file name, bytes, the message, or its start)
BAD_FILES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "wrong format": ("notes.txt", lambda: f"{MARKER} notes\nmore\n".encode(),
                     messages.IMPORT_UNKNOWN_FORMAT),
    "empty": ("empty.csv", lambda: b"", messages.IMPORT_EMPTY),
    "truncated json": ("export.json", lambda: fixture("jrnl_export.json")[:600],
                       messages.IMPORT_BAD_JSON.split(":")[0]),
    "truncated zip": ("export.zip", lambda: fixture("dayone_export.zip")[:700],
                      messages.IMPORT_ZIP_DAMAGED),
    "latin-1": ("daylio.csv", lambda: (DAYLIO_HEAD + f'2024-01-01,x,x,10:00,good,"",Café {MARKER}\n'
                                       ).encode("latin-1"), messages.IMPORT_NOT_UTF8),
    "utf-16": ("daylio.csv", lambda: fixture("daylio_v1.csv").decode().encode("utf-16"),
               messages.IMPORT_UTF16),
    "utf-16 json": ("export.json", lambda: fixture("jrnl_export.json").decode().encode("utf-16"),
                    messages.IMPORT_UTF16),
    "duplicate keys": ("export.json", lambda: jrnl_json('"tags": [], "tags": ["x"]'),
                       messages.IMPORT_JSON_DUPLICATE),
    "duplicate top-level keys": ("export.json",
                                 lambda: b'{"tags": {}, "entries": [], "entries": []}',
                                 messages.IMPORT_JSON_DUPLICATE),
    "NaN": ("export.json", lambda: jrnl_json('"starred": NaN'), messages.IMPORT_JSON_NAN),
    "Infinity": ("export.json", lambda: jrnl_json('"x": -Infinity'), messages.IMPORT_JSON_NAN),
    "huge float": ("export.json", lambda: jrnl_json('"x": 1e999'), messages.IMPORT_JSON_NAN),
    "huge integer": ("export.json", lambda: jrnl_json('"x": ' + "7" * 5000),
                     messages.IMPORT_JSON_NUMBER),
    "deep nesting": ("export.json", lambda: jrnl_json('"x": ' + "[" * 80 + "]" * 80),
                     messages.IMPORT_JSON_DEEP.format(n=64)),
    "very deep nesting": ("export.json", lambda: jrnl_json('"x": ' + "[" * 200_000 + "]" * 200_000),
                          messages.IMPORT_JSON_DEEP.format(n=64)),
    "zip bomb": ("export.zip", lambda: zipped(("Journal.json", b"{" + b" " * 8_000_000 + b"}")),
                 messages.IMPORT_ZIP_BOMB),
    "../ in zip": ("export.zip", lambda: zipped(("Journal.json", DAYONE), ("../evil.json", DAYONE)),
                   messages.IMPORT_ZIP_PATH),
    "absolute path in zip": ("export.zip", lambda: zipped(("/etc/evil.json", DAYONE)),
                             messages.IMPORT_ZIP_PATH),
    "windows path in zip": ("export.zip", lambda: zipped(("..\\evil.json", DAYONE)),
                            messages.IMPORT_ZIP_PATH),
    "zip without a journal": ("export.zip", lambda: zipped(("photos/a.jpeg", b"\xff\xd8")),
                              messages.IMPORT_ZIP_NO_JSON),
    "day one without entries": ("Journal.json",
                                lambda: b'{"metadata": {}, "entries": {"a": 1}}',
                                messages.IMPORT_NOT_FORMAT.format(label="Day One")),
    "daylio header only half right": ("daylio.csv", lambda: b"date,mood,note\n1,2,3\n",
                                      messages.IMPORT_UNKNOWN_FORMAT),
}  # fmt: skip
