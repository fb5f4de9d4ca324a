"""Daylio's CSV export (More → Export entries → CSV), in all three header variants:

    year,date,weekday,time,mood,activities,note                  (older apps; date "18 May")
    full_date,date,weekday,time,mood,activities,note             (full_date "2021-09-28")
    full_date,date,weekday,time,mood,activities,note_title,note

Moods are names the person chose, so each needs a pleasantness 1–5: Daylio's standard five have
defaults, any other name must be mapped (ImportOptions.mood_map) before the import can run.
Activities (`a | b | c`) become tags. Daylio has no energy scale, so energy is 3 (steady).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
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

DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
ENERGY = 3
HEADERS = (
    ("year", "date", "weekday", "time", "mood", "activities", "note"),
    ("full_date", "date", "weekday", "time", "mood", "activities", "note"),
    ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"),
)
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {n: i for i, full in enumerate(_MONTH_NAMES, 1) for n in (full, full[:3])} | {"sept": 9}
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?\s*(?:m\.?)?", re.IGNORECASE)
_DAY_MONTH = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?|([^\W\d_]+)\.?\s+(\d{1,2})")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _header(columns: list[str]) -> tuple[str, ...]:
    return tuple(col.strip().strip('"').strip().lower() for col in columns)


def mood_value(name: str, mood_map: dict[str, int] | None) -> int | None:
    """The pleasantness for a Daylio mood name: the person's mapping first, then the defaults."""
    wanted = name.strip().casefold()
    for key, value in (mood_map or {}).items():
        if key.strip().casefold() == wanted and isinstance(value, int) and 1 <= value <= 5:
            return value
    return DEFAULT_MOODS.get(wanted)


def parse_time(text: str) -> tuple[int, int]:
    """ "8:05 pm", "12:00 am", "20:05" → (hour, minute)."""
    return _time_of(text) if len(text) <= 16 else _read_time(text)


def _read_time(text: str) -> tuple[int, int]:
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise sp.SkipEntry(messages.IMPORT_SKIP_TIME)
    hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise sp.SkipEntry(messages.IMPORT_SKIP_TIME)
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        raise sp.SkipEntry(messages.IMPORT_SKIP_TIME)
    return hour, minute


_time_of = functools.lru_cache(maxsize=4096)(_read_time)  # a file repeats its times


def parse_day(header: tuple[str, ...], row: list[str]) -> date:
    try:
        if header[0] == "full_date":
            return date.fromisoformat(row[0].strip())
        match = _DAY_MONTH.fullmatch(row[1].strip())
        if not match:
            raise ValueError
        day, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        return date(int(row[0].strip()), MONTHS[month.lower()], int(day))
    except (ValueError, KeyError, OverflowError):
        raise sp.SkipEntry(messages.IMPORT_SKIP_DATE) from None


def _lines(text: str) -> str:
    """Daylio's `<br>` line breaks as newlines."""
    return _BR.sub("\n", text) if "<" in text else text


@register_importer
class DaylioImporter:
    name = "daylio"
    label = "Daylio"
    extensions = ("csv",)

    def sniff(self, data: bytes, filename: str) -> bool:
        first = sp.head_text(data, 1024).splitlines()[:1]
        return bool(first) and _header(first[0].split(",")) in HEADERS

    def parse(self, data: bytes, filename: str, options: ImportOptions) -> ImportPreview:
        text = sp.decode_text(data)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = _header(next(reader, []))
        except csv.Error as exc:
            raise sp.csv_failed(exc, reader.line_num) from None
        if header not in HEADERS:
            raise ImportFailed(messages.IMPORT_CSV_HEADER)
        names: dict[str, str] = {}  # casefolded → as first written
        entries: list[tuple[str, ImportedEntry]] = []
        skipped: list[Skipped] = []
        unmapped: dict[str, str] = {}
        valences: dict[str, int | None] = {}  # mood as written → its pleasantness
        waiting = 0
        for line, row in self._rows(reader):  # one row at a time: a big file is not held twice
            where = messages.IMPORT_WHERE_LINE.format(n=line)
            try:
                if len(row) != len(header):
                    raise sp.SkipEntry(messages.IMPORT_SKIP_COLUMNS.format(n=len(header)))
                mood = " ".join(row[4].split())
                if not mood:
                    raise sp.SkipEntry(messages.IMPORT_SKIP_MOOD)
                if mood in valences:
                    valence = valences[mood]
                else:
                    names.setdefault(mood.casefold(), mood)
                    valence = valences[mood] = mood_value(mood, options.mood_map)
                if valence is None:
                    unmapped.setdefault(mood.casefold(), mood)
                    waiting += 1
                    continue
                entries.append((where, self._entry(header, row, mood, valence, options)))
            except sp.SkipEntry as skip:
                skipped.append(Skipped(where, str(skip)))
        return build_preview(
            self.name,
            data,
            entries,
            skipped,
            mood_names=tuple(names.values()),
            unmapped=tuple(unmapped.values()),
            waiting=waiting,
            notes=(
                messages.IMPORT_NOTE_DAYLIO_ENERGY,
                messages.IMPORT_NOTE_TZ.format(tz=options.tz),
            ),
        )

    @staticmethod
    def _rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
        """(line, row) for every non-empty row; a malformed file is refused where it breaks."""
        try:
            for row in reader:
                if row:
                    yield reader.line_num, row
        except csv.Error as exc:
            raise sp.csv_failed(exc, reader.line_num) from None

    def _entry(
        self,
        header: tuple[str, ...],
        row: list[str],
        mood: str,
        valence: int,
        options: ImportOptions,
    ) -> ImportedEntry:
        day = parse_day(header, row)
        hour, minute = parse_time(row[3])
        activities = tuple(a for a in (" ".join(x.split()) for x in row[5].split("|")) if a)
        title = _lines(row[6]).strip() if len(header) == 8 else ""
        note = _lines(row[-1]).replace("\r\n", "\n").strip()
        body = f"{title}\n{note}" if title and note else title or note
        draft = sp.clean(
            EntryDraft(
                occurred_at=datetime(day.year, day.month, day.day, hour, minute, tzinfo=options.tz),
                valence=valence,
                energy=ENERGY,
                tags=sp.tags_from(activities, strip=""),
                body=body,
            )
        )
        key = content_key(
            day.isoformat(),
            f"{hour:02d}:{minute:02d}",
            mood.casefold(),
            "|".join(activities),
            title,
            note,
        )
        return ImportedEntry(key=key, draft=draft, uid=stable_uid(self.name, key))
