"""Commands that look after the database file: where it is, an online backup and a restore.

On PostgreSQL the database is the operator's to back up and restore (pg_dump and pg_restore,
docs/hosting.md): `backup` and `restore` say so in one line and exit with code 1, before they
open anything or ask anything."""

from __future__ import annotations

from pathlib import Path

import click

from .common import _journal


def _refuse_on_postgresql() -> None:
    """One line, exit code 1, when the journal lives on PostgreSQL. Read from the settings
    alone, so it is said even while the database server cannot be reached."""
    from attune.config import load_settings
    from attune.domain.errors import BackupsAreOperators
    from attune.recovery import backups_are_operators

    if backups_are_operators(load_settings()):
        raise click.ClickException(BackupsAreOperators.MESSAGE)


@click.command(help="Where the database lives.")
def where() -> None:
    click.echo(_journal().location)


@click.command(
    help="Copy the database to FILE with SQLite's online backup (safe while running). "
    "On PostgreSQL, backups are the operator's: use pg_dump (docs/hosting.md)."
)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def backup(out: Path) -> None:
    _refuse_on_postgresql()
    path = _journal().backup(out)
    click.echo(f"Backed up to {path}")


@click.command(
    help="Replace the database with a backup FILE (the current file is kept aside). "
    "On PostgreSQL, the operator restores with pg_restore (docs/hosting.md)."
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(file: Path, yes: bool) -> None:
    from attune.config import load_settings
    from attune.recovery import RestoreError
    from attune.recovery import restore as do_restore
    from attune.services import Journal

    _refuse_on_postgresql()
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
