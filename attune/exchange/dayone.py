"""Day One's JSON export: a zip holding `Journal.json` (one `<journal name>.json` per journal,
plus folders of photos), each `{"metadata": {...}, "entries": [{"uuid", "creationDate"
(ISO 8601, UTC), "timeZone" (IANA name), "text" (Markdown), "tags", "starred", ...}]}`.
A bare `Journal.json` is read too.

Entries key on Day One's `uuid`. Times are shown in the entry's own time zone (UTC when the
zone is missing or unknown). Day One escapes Markdown punctuation (`\\.`, `\\!`) and marks
attachments with `![](dayone-moment://…)`: escapes are removed, attachments are not imported.
Day One has no mood, so pleasantness and energy are 3.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from attune import messages
from attune.domain.entries import EntryDraft

from . import safe_parse as sp
from .registry import (
    ImportedEntry,
    ImportFailed,
    ImportOptions,
    ImportPreview,
    Skipped,
    build_preview,
    register_importer,
    stable_uid,
    zone,
)

NEUTRAL = 3
STARRED_TAG = "starred"
MAX_UUID_CHARS = 64
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MOMENT = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:[^)\n]*\)\n?")
SNIFF_BYTES = 64 * 1024


def _json_member(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(".json") and not lower.startswith("__macosx/")


def _looks_like_json(head: str) -> bool:
    return (
        head.lstrip().startswith("{")
        and '"entries"' in head
        and ('"metadata"' in head or '"creationDate"' in head)
    )


@register_importer
class DayOneImporter:
    name = "dayone"
    label = "Day One"
    extensions = ("zip", "json")

    def sniff(self, data: bytes, filename: str) -> bool:
        return sp.is_zip(data) or _looks_like_json(sp.head_text(data, SNIFF_BYTES))

    def parse(self, data: bytes, filename: str, options: ImportOptions) -> ImportPreview:
        if sp.is_zip(data):
            members = sp.read_zip(data, want=_json_member)
            if not members:
                raise ImportFailed(messages.IMPORT_ZIP_NO_JSON)
        else:
            members = [(filename or "Journal.json", data)]
        entries: list[tuple[str, ImportedEntry]] = []
        skipped: list[Skipped] = []
        media = 0
        for member, raw in members:
            doc = sp.load_json(raw)
            if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
                raise ImportFailed(messages.IMPORT_NOT_FORMAT.format(label=self.label))
            prefix = member.rsplit("/", 1)[-1].removesuffix(".json") if len(members) > 1 else ""
            for i, item in enumerate(doc["entries"], start=1):
                where = messages.IMPORT_WHERE_ENTRY.format(n=i)
                where = f"{prefix}: {where}" if prefix else where
                try:
                    entry, removed = self._entry(item)
                except sp.SkipEntry as skip:
                    skipped.append(Skipped(where, str(skip)))
                    continue
                media += removed
                entries.append((where, entry))
        notes = [
            messages.IMPORT_NOTE_NO_MOOD.format(label=self.label),
            messages.IMPORT_NOTE_STARRED,
        ]
        if media:
            notes.append(messages.IMPORT_NOTE_MEDIA.format(n=media))
        return build_preview(self.name, data, entries, skipped, notes=notes)

    def _entry(self, raw: Any) -> tuple[ImportedEntry, int]:
        obj = sp.as_dict(raw, "entry")
        key = sp.opt_str(obj, "uuid").strip()
        if not key or len(key) > MAX_UUID_CHARS:
            raise sp.SkipEntry(messages.IMPORT_SKIP_ID)
        occurred = _when(sp.opt_str(obj, "creationDate"), obj.get("timeZone"))
        text, removed = _MOMENT.subn("", sp.opt_str(obj, "text"))
        tags = list(sp.tags_from(sp.str_list(obj, "tags"), strip=""))
        if sp.opt_bool(obj, "starred"):
            tags.append(STARRED_TAG)
        draft = sp.clean(
            EntryDraft(
                occurred_at=occurred,
                valence=NEUTRAL,
                energy=NEUTRAL,
                tags=tuple(tags),
                body=_ESCAPE.sub(r"\1", text).replace("\r\n", "\n").strip(),
            )
        )
        return ImportedEntry(key=key, draft=draft, uid=stable_uid(self.name, key)), removed


def _when(stamp: str, tz_name: object) -> datetime:
    """creationDate (UTC) in the entry's own time zone."""
    try:
        moment = datetime.fromisoformat(stamp.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(zone(tz_name) or UTC)
    except (ValueError, OverflowError):
        raise sp.SkipEntry(messages.IMPORT_SKIP_DATE) from None
