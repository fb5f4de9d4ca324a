"""Commands that move entries in and out: import a file, export what a member chooses."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from attune import messages
from attune.domain.entries import EntryError
from attune.domain.exports import ExportError, ExportOptions, Scope
from attune.private_files import write_private
from attune.services import Journal, Viewer, importing, sharing

from .app import Refused
from .common import _journal, _passphrase, _viewer


def _mood_map(pairs: tuple[str, ...]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for pair in pairs:
        name, sep, value = pair.rpartition("=")
        if not sep or not name.strip() or value.strip() not in {"1", "2", "3", "4", "5"}:
            raise click.BadParameter(
                f"{pair!r}: use NAME=N with N from 1 to 5.", param_hint="--mood"
            )
        mapping[name.strip()] = int(value)
    return mapping


@click.command(
    "import",
    help="Import a Daylio CSV, a jrnl JSON export or journal file, a Day One zip, or an Attune "
    "JSON export or encrypted bundle.",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(importing.IMPORTERS)),
    help="The file's format (default: detected).",
)
@click.option("--member", help="Whose journal the entries go into (default: the only member).")
@click.option(
    "--mood",
    "moods",
    multiple=True,
    metavar="NAME=N",
    help="Daylio mood NAME has pleasantness N, 1 to 5 (repeatable).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option(
    "--passphrase-env",
    metavar="VAR",
    help="An encrypted bundle's passphrase is in this environment variable "
    "(default: you are asked for it).",
)
def import_file(
    file: Path,
    fmt: str | None,
    member: str | None,
    moods: tuple[str, ...],
    dry_run: bool,
    passphrase_env: str | None,
) -> None:
    """Counts only: entry text is never printed."""
    passphrase = _passphrase(passphrase_env) if _is_bundle(file, fmt) else ""
    options = importing.ImportOptions(mood_map=_mood_map(moods), passphrase=passphrase)
    journal = _journal()
    fresh = not journal.members()  # an empty journal: the import brings its member
    viewer = None if fresh else _viewer(journal, member, required=True)
    try:
        preview = importing.preview_file(file, options=options, fmt=fmt)
    except importing.ImportFailed as exc:
        raise click.ClickException(str(exc)) from None
    newcomer = (member or preview.member) if fresh else ""
    if fresh and not newcomer:
        raise Refused(messages.CLI_IMPORT_NEEDS_NAME)
    label = importing.IMPORTERS[preview.format].label
    click.echo(messages.IMPORT_DETECTED.format(label=label))
    if preview.entries:
        click.echo(
            messages.IMPORT_COUNTS.format(
                n=len(preview.entries), first=preview.first, last=preview.last
            )
        )
    for note in preview.notes:
        click.echo(f"  {note}")
    for skip in preview.skipped:
        click.echo(f"  Skipped {skip.where}: {skip.reason}", err=True)
    if not preview.ready:
        click.echo(messages.IMPORT_WAITING.format(n=preview.waiting), err=True)
        raise click.ClickException(
            messages.IMPORT_NEEDS_MAPPING.format(names=", ".join(preview.unmapped))
            + " Use --mood NAME=N."
        )
    if dry_run:
        present = importing.already_present(journal, viewer, preview) if viewer else 0
        click.echo(
            messages.IMPORT_WOULD_ADD.format(added=len(preview.entries) - present, present=present)
        )
        click.echo(messages.IMPORT_DRY_RUN)
        return
    if viewer is None:
        viewer = _newcomer(journal, newcomer)
    with click.progressbar(length=100, label=messages.IMPORT_PROGRESS, file=sys.stderr) as bar:
        done = [0]

        def advance(fraction: float) -> None:
            step = round(fraction * 100) - done[0]
            done[0] += step
            bar.update(step)

        result = importing.run_import(journal, viewer, preview, progress=advance)
    click.echo(
        messages.IMPORT_DONE.format(
            added=result.added, present=result.already_present, skipped=result.skipped
        )
    )


def _newcomer(journal: Journal, name: str) -> Viewer:
    """Add the member an import into an empty journal is for (by the member rules)."""
    try:
        added = journal.add_member(name)
    except EntryError as exc:
        raise Refused(f"{exc} Choose another with --member NAME.") from None
    click.echo(messages.CLI_IMPORT_ADDED_MEMBER.format(name=added.name))
    return Viewer(added.id)


def _is_bundle(file: Path, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "bundle"
    try:
        with file.open("rb") as f:
            return importing.is_bundle(f.read(64))
    except OSError:
        return False


@click.command(
    help="Export what a member chooses: a summary-first PDF report, Attune JSON, CSV, Markdown, "
    "or an encrypted bundle. Scope therapist (default): own entries marked for the therapist; "
    "summary: figures, charts and scores without entry text; all: every entry the member may see."
)
@click.option(
    "--format", "fmt", required=True, type=click.Choice(["json", "csv", "md", "pdf", "bundle"])
)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--member", help="Whose export (default: the only member).")
@click.option(
    "--scope",
    default="therapist",
    show_default=True,
    type=click.Choice(["therapist", "all", "summary"]),
)
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@click.option(
    "--passphrase-env",
    metavar="VAR",
    help="The bundle's passphrase is in this environment variable "
    "(default: you are asked for it, twice).",
)
def export(
    fmt: str,
    out: Path,
    member: str | None,
    scope: str,
    start: datetime | None,
    end: datetime | None,
    passphrase_env: str | None,
) -> None:
    """Counts only: entry text is never printed."""
    first, last = (start.date() if start else None), (end.date() if end else None)
    if first and last and first > last:
        raise Refused("--from must not be after --to.")
    journal = _journal()
    viewer = _viewer(journal, member, required=True)
    options = ExportOptions()
    if fmt == "bundle":
        options = ExportOptions(passphrase=_passphrase(passphrase_env, confirm=True))
    try:
        data = sharing.gather(journal, viewer, scope=Scope(scope), start=first, end=last)
        result = sharing.render(data, fmt, options)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    write_private(out, result.content)  # 0600, through a .tmp removed whatever happens
    click.echo(
        messages.EXPORT_WROTE.format(
            label=result.label,
            path=out,
            entries=len(data.entries),
            checkins=data.summary.checkins,
            scores=len(data.assessments),
        )
    )
