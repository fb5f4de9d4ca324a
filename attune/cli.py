"""`python -m attune …` — the same services the pages use, from a terminal.

Entry text is printed only by `search`, and only for entries the chosen member may see.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import click

from attune import __version__
from attune.domain.entries import EntryDraft, EntryError, Member, NotFoundError, Visibility
from attune.domain.errors import DiskFull, TryLater
from attune.domain.text import strip_hit_markers
from attune.exchange import IMPORTERS
from attune.services import NOBODY, Journal, Viewer, together
from attune.services import search as search_service


def _journal() -> Journal:
    from attune.recovery import CorruptDatabase

    try:
        return Journal()
    except CorruptDatabase as exc:
        raise click.ClickException(
            f"{exc} Restore a backup with: python -m attune restore FILE"
        ) from exc


def _viewer(journal: Journal, name: str | None, *, required: bool = False) -> Viewer:
    """The viewer for this command. Without --member: the only member, if there is just one;
    otherwise nobody, which sees shared entries only. A protected member is unlocked first."""
    if name:
        try:
            return _unlocked(journal, journal.member_named(name))
        except NotFoundError as exc:
            raise click.UsageError(str(exc)) from exc
    members = journal.members()
    if len(members) == 1:
        return _unlocked(journal, members[0])
    if required:
        raise click.UsageError("This journal has several members: say which with --member NAME.")
    if members:
        click.echo("(No --member given: showing shared entries only.)", err=True)
    return NOBODY


def _author(journal: Journal, name: str | None) -> tuple[Member, Viewer]:
    """The member a command writes or exports for, and their (unlocked) viewer."""
    viewer = _viewer(journal, name, required=True)
    member = next(m for m in journal.members() if m.id == viewer.member_id)
    return member, viewer


def _unlocked(journal: Journal, member: Member) -> Viewer:
    """Ask for a protected member's passphrase (from --unlock-env VAR, or a hidden prompt); the
    viewer made for this one command holds their data key, so their sealed entries can be read."""
    if not together.is_protected(journal, member.id):
        return Viewer(member.id)
    ctx = click.get_current_context().find_root()
    env = (ctx.params or {}).get("unlock_env")
    if env:
        passphrase = os.environ.get(env)
        if passphrase is None:
            raise click.UsageError(f"The environment variable {env} is not set.")
    elif sys.stdin.isatty():
        passphrase = click.prompt(f"{member.name}'s passphrase", hide_input=True)
    else:
        raise click.UsageError(f"{member.name}'s journal is locked: pass --unlock-env VAR.")
    viewer = together.unlock_viewer(journal, member.id, passphrase)
    if viewer is None:
        raise click.ClickException("That passphrase is not right.")
    return viewer


class _Attune(click.Group):
    """Errors any command can meet, said in one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (DiskFull, TryLater) as exc:  # TryLater: the unlock back-off, issue 14
            raise click.ClickException(str(exc)) from None


@click.group(
    cls=_Attune, help="Attune: a local-first reflection and relationship-wellbeing journal."
)
@click.version_option(__version__, prog_name="attune")
@click.option(
    "--unlock-env",
    metavar="VAR",
    help="Environment variable holding a protected member's passphrase (never typed "
    "on the command line; without it you are asked).",
)
def main(unlock_env: str | None) -> None:
    pass


@main.command(help="Write realistic sample data: N members, Y years of daily check-ins.")
@click.option("--members", "n_members", default=1, show_default=True, type=click.IntRange(1, 8))
@click.option("--years", default=1.0, show_default=True, type=click.FloatRange(0.01, 40))
@click.option("--seed", default=7, show_default=True, help="Same seed, same data.")
@click.option("--end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (default: today).")
def demo(n_members: int, years: float, seed: int, end: datetime | None) -> None:
    from attune.demo import NAMES, generate

    journal = _journal()
    existing = {m.name: m for m in journal.members()}
    members = [existing.get(n) or journal.add_member(n) for n in NAMES[:n_members]]
    last = end.date() if end else date.today()
    total = 0
    with click.progressbar(members, label="Writing sample entries", file=sys.stderr) as bar:
        for i, member in enumerate(bar):
            rows = generate(member_index=i, members=n_members, years=years, seed=seed, end=last)
            total += journal.add_entries_bulk(Viewer(member.id), rows)
    click.echo(f"Added {total:,} sample entries for {', '.join(m.name for m in members)}.")


@main.command(help="Add one entry from the command line.")
@click.option("--member", required=True, help="Who is writing.")
@click.option(
    "--valence",
    default=3,
    show_default=True,
    type=click.IntRange(1, 5),
    help="Pleasantness, 1 (very unpleasant) to 5 (very pleasant).",
)
@click.option("--energy", default=3, show_default=True, type=click.IntRange(1, 5))
@click.option("--connection", type=click.IntRange(1, 5), help="How connected, 1 to 5.")
@click.option("--feeling", "feelings", multiple=True, help="A feeling word (repeatable).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--shared", is_flag=True, help="Share with the other members (default: private).")
@click.option("--when", type=click.DateTime(), help="When it happened (default: now).")
@click.argument("text", default="")
def add(
    member: str,
    valence: int,
    energy: int,
    connection: int | None,
    feelings: tuple[str, ...],
    tags: tuple[str, ...],
    shared: bool,
    when: datetime | None,
    text: str,
) -> None:
    journal = _journal()
    author, viewer = _author(journal, member)
    moment = (when or datetime.now()).astimezone()
    draft = EntryDraft(
        occurred_at=moment,
        valence=valence,
        energy=energy,
        connection=connection,
        feelings=feelings,
        tags=tags,
        body=text,
        visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
    )
    try:
        entry = journal.add_entry(viewer, draft)
    except EntryError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"Saved entry {entry.uid} for {author.name} at {entry.occurred_at:%Y-%m-%d %H:%M}.")


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


@main.command(
    "import",
    help="Import a Daylio CSV, a jrnl JSON export or journal file, a Day One zip, or an Attune "
    "JSON export or encrypted bundle.",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(IMPORTERS)),
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
    from attune import messages
    from attune.services import importing

    passphrase = _passphrase(passphrase_env) if _is_bundle(file, fmt) else ""
    options = importing.ImportOptions(mood_map=_mood_map(moods), passphrase=passphrase)
    journal = _journal()
    viewer = _viewer(journal, member, required=True)
    try:
        preview = importing.preview_file(file, options=options, fmt=fmt)
    except importing.ImportFailed as exc:
        raise click.ClickException(str(exc)) from None
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
        present = importing.already_present(journal, preview)
        click.echo(
            messages.IMPORT_WOULD_ADD.format(added=len(preview.entries) - present, present=present)
        )
        click.echo(messages.IMPORT_DRY_RUN)
        return
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


def _is_bundle(file: Path, fmt: str | None) -> bool:
    from attune.exchange.bundle import MAGIC

    if fmt is not None:
        return fmt == "bundle"
    try:
        with file.open("rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _passphrase(env_var: str | None, *, confirm: bool = False) -> str:
    """A bundle's passphrase: from the named environment variable, else asked for (hidden).
    Never an option's value, so it stays out of shell history and process lists."""
    from attune import messages

    if env_var:
        value = os.environ.get(env_var, "")
        if not value:
            raise click.UsageError(messages.PASSPHRASE_ENV_MISSING.format(var=env_var))
        return value
    return str(
        click.prompt(
            messages.PASSPHRASE_PROMPT, hide_input=True, confirmation_prompt=confirm, err=True
        )
    )


@main.command(
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
    from attune import messages
    from attune.domain.exports import ExportError, ExportOptions, Scope
    from attune.services import sharing

    first, last = (start.date() if start else None), (end.date() if end else None)
    if first and last and first > last:
        raise click.UsageError("--from must not be after --to.")
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
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(result.content)
    tmp.replace(out)
    click.echo(
        messages.EXPORT_WROTE.format(
            label=result.label,
            path=out,
            entries=len(data.entries),
            checkins=data.summary.checkins,
            scores=len(data.assessments),
        )
    )


@main.command(help="Full-text search through the entries the member may see.")
@click.argument("query")
@click.option("--member", help="Whose view (their private entries plus shared ones).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of hits.")
def search(query: str, member: str | None, limit: int, as_json: bool) -> None:
    journal = _journal()
    viewer = _viewer(journal, member)
    hits = search_service.search(journal, viewer, query, limit=limit)
    if as_json:
        out = [
            {
                "uid": h.uid,
                "occurred_at": h.occurred_at.isoformat(),
                "author": h.author,
                "snippet": strip_hit_markers(h.snippet),
            }
            for h in hits
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("No entries match.")
    for h in hits:
        click.echo(f"{h.occurred_at:%Y-%m-%d %H:%M}  {h.author}  {strip_hit_markers(h.snippet)}")


@main.command(help="Counts and averages of the entries the member may see.")
@click.option("--member", help="Whose view (default: the only member, else shared entries).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(member: str | None, as_json: bool) -> None:
    journal = _journal()
    viewer = _viewer(journal, member)
    result = journal.stats(viewer)
    data = asdict(result)
    data["first"] = result.first.isoformat() if result.first else None
    data["last"] = result.last.isoformat() if result.last else None
    names = {m.id: m.name for m in journal.members()}
    who = names.get(viewer.member_id) if viewer.member_id is not None else None
    data["scope"] = f"as {who}" if who else "shared entries only"
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.entries:,} entries ({data['scope']})")
    for name, count in result.members.items():
        click.echo(f"  {name}: {count:,}")
    if result.first:
        click.echo(f"From {result.first} to {result.last}; mean pleasantness {result.mean_valence}")


@main.command(help="List the members of this journal.")
def members() -> None:
    for m in _journal().members():
        click.echo(m.name)


@main.command(help="Copy the database to FILE with SQLite's online backup (safe while running).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def backup(out: Path) -> None:
    path = _journal().backup(out)
    click.echo(f"Backed up to {path}")


@main.command(help="Replace the database with a backup FILE (the current file is kept aside).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(file: Path, yes: bool) -> None:
    from attune.config import load_settings
    from attune.recovery import RestoreError
    from attune.recovery import restore as do_restore

    settings = load_settings()
    if not yes:
        click.confirm(f"Replace {settings.sqlite_path} with {file}?", abort=True)
    try:
        kept = do_restore(settings, file)
    except RestoreError as exc:
        raise click.ClickException(str(exc)) from exc
    Journal(settings).close()  # upgrades an older backup to the current schema (after a backup)
    click.echo(
        f"Restored {file.name}." + (f" The previous database is kept as {kept}." if kept else "")
    )


@main.command(help="Where the database lives.")
def where() -> None:
    click.echo(_journal().location)


if __name__ == "__main__":
    main()
