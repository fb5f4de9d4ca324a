"""Export and import of a whole journal, and a year's PDF report (one process per size).

    python -m bench.exchange --db SOLO.db --jrnl journal.txt --entries N --runs 3 --out f.json

Export: every entry of a one-member journal of N entries (scope "all"), gathered through the
visibility rule and written as Attune JSON and CSV (`attune.sharing`). Import: that JSON file, the
CSV file, the jrnl text corpus and a Daylio CSV export of the same size (`daylio_csv`, made up
here: Daylio is an app's file, not a corpus), each previewed and stored into a fresh empty journal
(`attune.importing`). The PDF is the member's last year, every entry in it. A format whose module
is missing, or which cannot read the file, is reported as not available, with the reason.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from attune.domain.viewer import Viewer
from bench.corpus import env_for
from bench.results import EXCHANGE_S, Figure, median, missing, repeat, timed

GIVE_UP = 3 * EXCHANGE_S  # one run that slow is enough to report


def _service(path: Path) -> Any:
    from attune.config import load_settings
    from attune.services import Journal

    return Journal(load_settings({**os.environ, **env_for(path)}))


def export_figures(db: Path, entries: int, runs: int, files: dict[str, bytes]) -> list[Figure]:
    try:
        from attune.domain.exports import Scope
        from attune.services import sharing
    except ImportError as exc:
        return [
            missing(f"export {f}", "s", entries, f"no exporter ({exc})") for f in ("JSON", "CSV")
        ]
    journal = _service(db)
    member = journal.members()[0].id
    out = []
    for fmt, label in (("json", "JSON"), ("csv", "CSV")):
        if fmt not in sharing.FORMATS:
            out.append(missing(f"export {label}", "s", entries, f"no {label} exporter"))
            continue
        made: dict[str, Any] = {}

        def export(fmt: str = fmt, made: dict[str, Any] = made) -> None:
            made["data"] = sharing.gather(journal, Viewer(member), scope=Scope.ALL)
            made["file"] = sharing.render(made["data"], fmt)

        samples = repeat(export, runs, GIVE_UP)
        files[fmt] = made["file"].content
        count = len(made["data"].entries)
        out.append(Figure(f"export {label} (every entry)", median(samples), "s", count,
                          budget=EXCHANGE_S, runs=len(samples), samples=samples,
                          note=f"{len(files[fmt]) / 1e6:.1f} MB"))  # fmt: skip
    year = date.today() - timedelta(days=365)
    if "pdf" not in sharing.FORMATS:
        out.append(missing("PDF report, one year", "s", entries, "no PDF exporter"))
    else:
        made = {}

        def pdf() -> None:
            made["data"] = sharing.gather(journal, Viewer(member), scope=Scope.ALL, start=year)
            made["file"] = sharing.render(made["data"], "pdf")

        samples = repeat(pdf, runs, GIVE_UP)
        out.append(Figure("PDF report, one year", median(samples), "s", len(made["data"].entries),
                          runs=len(samples), samples=samples,
                          note=f"{len(made['file'].content) / 1e6:.1f} MB"))  # fmt: skip
    journal.close()
    return out


def import_figures(entries: int, runs: int, files: dict[str, tuple[str, bytes]]) -> list[Figure]:
    try:
        from attune.services import importing
    except ImportError as exc:
        return [missing(f"import {label}", "s", entries, f"no importer ({exc})") for label in files]
    out = []
    for label, (filename, data) in files.items():
        name = f"import {label} (every entry)"
        samples, added, error = [], 0, ""
        try:
            importing.detect(data, filename)
        except importing.ImportFailed as exc:
            out.append(missing(name, "s", entries, f"no importer takes this file ({exc})",
                               budget=EXCHANGE_S))  # fmt: skip
            continue
        for _ in range(runs):
            home = Path(tempfile.mkdtemp(prefix="attune-bench-import-"))
            journal = _service(home / "attune.db")
            member = journal.add_member("Sam").id

            def store(
                journal: Any = journal, member: int = member, data: bytes = data,
                filename: str = filename,
            ) -> None:  # fmt: skip
                nonlocal added
                preview = importing.preview_import(data, filename)
                added = importing.run_import(journal, Viewer(member), preview).added

            try:
                samples.append(timed(store))
            except importing.ImportFailed as exc:
                error = str(exc)
            finally:
                journal.close()
                shutil.rmtree(home, ignore_errors=True)
            if error or samples[-1] > GIVE_UP:
                break
        if error:
            out.append(missing(name, "s", entries, f"the importer refused the file: {error}",
                               budget=EXCHANGE_S))  # fmt: skip
        else:
            out.append(Figure(name, median(samples), "s", added, budget=EXCHANGE_S,
                              runs=len(samples), samples=samples,
                              note=f"{len(data) / 1e6:.1f} MB file"))  # fmt: skip
    return out


DAYLIO_MOODS = ("rad", "good", "meh", "bad", "awful")
DAYLIO_ACTIVITIES = (
    "work", "friends", "family", "date night", "exercise", "nature / walk", "reading", "music",
    "bad sleep", "good sleep", "cooking", "movies / tv", "stressed / frustrated", "relax",
)  # fmt: skip
DAYLIO_NOTES = (
    "", "", "Long dinner<br>with Sam and Priya", "Walked by the river at lunch.",
    "Too many meetings, not enough time to think.", "Slept properly for once.",
    "We laughed the whole way home.\nThen we talked until 2.", "Café, then a quiet evening — ☕",
)  # fmt: skip


def daylio_csv(entries: int, seed: int = 7) -> bytes:
    """A Daylio export (the newest header, with note titles) of `entries` rows, newest first
    like the app writes it: about four check-ins a day back from today, 12-hour times, the five
    standard moods, up to four activities."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("full_date", "date", "weekday", "time", "mood", "activities", "note_title",
                     "note"))  # fmt: skip
    start = datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=23)
    for i in range(entries):
        when = start - timedelta(minutes=i * 360 + rng.randrange(300))
        writer.writerow((
            when.date().isoformat(), f"{when.day} {when:%B}", f"{when:%A}",
            f"{(when.hour - 1) % 12 + 1}:{when.minute:02d} {'pm' if when.hour >= 12 else 'am'}",
            rng.choice(DAYLIO_MOODS),
            " | ".join(rng.sample(DAYLIO_ACTIVITIES, rng.randrange(5))),
            rng.choice(("", "", "Morning", "A long day")), rng.choice(DAYLIO_NOTES),
        ))  # fmt: skip
    return out.getvalue().encode("utf-8")


def measure(db: Path, jrnl: Path, entries: int, runs: int) -> list[Figure]:
    exported: dict[str, bytes] = {}
    figures = export_figures(db, entries, runs, exported)
    files: dict[str, tuple[str, bytes]] = {}
    for fmt, label in (("json", "Attune JSON"), ("csv", "CSV")):
        if fmt in exported:
            files[label] = (f"attune-export.{fmt}", exported[fmt])
        else:
            figures.append(missing(f"import {label}", "s", entries, "nothing exported to import"))
    files["jrnl text"] = (jrnl.name, jrnl.read_bytes())
    files["Daylio CSV"] = ("daylio_export.csv", daylio_csv(entries))
    return figures + import_figures(entries, runs, files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True, help="a one-member journal")
    parser.add_argument("--jrnl", type=Path, required=True, help="the corpus as jrnl text")
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    figures = measure(args.db, args.jrnl, args.entries, args.runs)
    args.out.write_text(json.dumps([f.as_json() for f in figures], indent=1))


if __name__ == "__main__":
    main()
