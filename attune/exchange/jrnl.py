"""jrnl (jrnl.sh): its JSON export (`jrnl --format json`) and its plain-text journal file.

JSON: `{"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM",
"tags": ["@tag"], "starred": bool}]}`. Plain text: entries start with `[YYYY-MM-DD HH:MM] ` at
the beginning of a line (jrnl's default `timeformat`); the rest of that line is the title, a
trailing ` *` marks a starred entry, and `@tags` / `#tags` anywhere are tags.

jrnl has no mood, so pleasantness and energy are 3. Title and body become the note. Both forms
key an entry on its date, time and words, so importing the JSON after the text file (or the
other way round) adds nothing twice.
"""

from __future__ import annotations

import re
from datetime import datetime
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
    content_key,
    register_importer,
    stable_uid,
)

NEUTRAL = 3
STARRED_TAG = "starred"
_STAMP = re.compile(r"(?:^|\n)\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\] ?")
_TAG = re.compile(r"(?<!\S)([@#][-+*#/\w]+)")
_EMPTY_ENTRIES = re.compile(r'"entries"\s*:\s*\[\s*\]')
SNIFF_BYTES = 256 * 1024
_PADDED = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", re.ASCII)


def _when(stamp: str) -> datetime:
    """`YYYY-MM-DD HH:MM` as a naive datetime (the usual zero-padded form without strptime,
    which costs more than the rest of an entry), or SkipEntry."""
    try:
        if _PADDED.fullmatch(stamp):
            return datetime(
                int(stamp[:4]),
                int(stamp[5:7]),
                int(stamp[8:10]),
                int(stamp[11:13]),
                int(stamp[14:16]),
            )
        return datetime.strptime(stamp, "%Y-%m-%d %H:%M")
    except ValueError:
        raise sp.SkipEntry(messages.IMPORT_SKIP_DATE) from None


def _looks_like_json_export(head: str) -> bool:
    if not head.lstrip().startswith("{") or '"entries"' not in head or '"tags"' not in head:
        return False
    return '"starred"' in head or '"title"' in head or bool(_EMPTY_ENTRIES.search(head))


def _looks_like_text_journal(head: str) -> bool:
    return bool(_STAMP.match(head.lstrip("\r\n\t ")))


@register_importer
class JrnlImporter:
    name = "jrnl"
    label = "jrnl"
    extensions = ("json", "txt", "jrnl")

    def sniff(self, data: bytes, filename: str) -> bool:
        head = sp.head_text(data, SNIFF_BYTES)
        return _looks_like_json_export(head) or _looks_like_text_journal(head)

    def parse(self, data: bytes, filename: str, options: ImportOptions) -> ImportPreview:
        text = sp.decode_text(data)
        if text.lstrip().startswith("{"):
            entries, skipped = self._from_json(data, options)
        elif _STAMP.search(text):  # detection wants a date first; --format jrnl is looser
            entries, skipped = self._from_text(text, options)
        else:
            raise ImportFailed(messages.IMPORT_NOT_FORMAT.format(label=self.label))
        return build_preview(
            self.name,
            data,
            entries,
            skipped,
            notes=(
                messages.IMPORT_NOTE_NO_MOOD.format(label=self.label),
                messages.IMPORT_NOTE_STARRED,
                messages.IMPORT_NOTE_TZ.format(tz=options.tz),
            ),
        )

    # --- JSON export --------------------------------------------------------------------------
    def _from_json(
        self, data: bytes, options: ImportOptions
    ) -> tuple[list[tuple[str, ImportedEntry]], list[Skipped]]:
        doc = sp.load_json(data)
        if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
            raise ImportFailed(messages.IMPORT_NOT_FORMAT.format(label=self.label))
        entries, skipped = [], []
        for i, raw in enumerate(doc["entries"], start=1):
            where = messages.IMPORT_WHERE_ENTRY.format(n=i)
            try:
                entries.append((where, self._json_entry(raw, options)))
            except sp.SkipEntry as skip:
                skipped.append(Skipped(where, str(skip)))
        return entries, skipped

    def _json_entry(self, raw: Any, options: ImportOptions) -> ImportedEntry:
        obj = sp.as_dict(raw, "entry")
        stamp = f"{sp.opt_str(obj, 'date')} {sp.opt_str(obj, 'time')}"
        tags = sp.str_list(obj, "tags")
        return self._entry(
            stamp,
            sp.opt_str(obj, "title"),
            sp.opt_str(obj, "body"),
            tags,
            sp.opt_bool(obj, "starred"),
            options,
        )

    # --- plain-text journal -------------------------------------------------------------------
    def _from_text(
        self, text: str, options: ImportOptions
    ) -> tuple[list[tuple[str, ImportedEntry]], list[Skipped]]:
        text = text.replace("\r\n", "\n")
        matches = list(_STAMP.finditer(text))
        entries, skipped = [], []
        if matches and text[: matches[0].start()].strip():
            skipped.append(
                Skipped(messages.IMPORT_WHERE_LINE.format(n=1), messages.IMPORT_SKIP_UNDATED)
            )
        line, counted = 1, 0  # line numbers counted incrementally (once over the whole text)
        for i, match in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            line += text.count("\n", counted, match.start(1))
            counted = match.start(1)
            where = messages.IMPORT_WHERE_LINE.format(n=line)
            first, _, rest = text[match.end() : end].partition("\n")
            first = first.strip()
            starred = first.endswith("*")
            title = first.rstrip("* ").strip() if starred else first
            body = rest.strip()
            tags = _TAG.findall(f"{title}\n{body}")
            try:
                entries.append((where, self._entry(match[1], title, body, tags, starred, options)))
            except sp.SkipEntry as skip:
                skipped.append(Skipped(where, str(skip)))
        return entries, skipped

    # --- both -----------------------------------------------------------------------------------
    def _entry(
        self,
        stamp: str,
        title: str,
        body: str,
        tags: list[str],
        starred: bool,
        options: ImportOptions,
    ) -> ImportedEntry:
        naive = _when(stamp)
        names = sorted({t.lower() for t in sp.tags_from(tags)})
        if starred:
            names.append(STARRED_TAG)
        title, body = title.strip(), body.strip()
        draft = sp.clean(
            EntryDraft(
                occurred_at=naive.replace(tzinfo=options.tz),
                valence=NEUTRAL,
                energy=NEUTRAL,
                tags=tuple(names),
                body=f"{title}\n{body}" if title and body else title or body,
            )
        )
        key = content_key(stamp, " ".join(f"{title} {body}".split()))
        return ImportedEntry(key=key, draft=draft, uid=stable_uid(self.name, key))
