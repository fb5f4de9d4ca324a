"""A hosted install's upkeep (docs/hosting.md), run with the owner's URL in
`ATTUNE_ADMIN_DATABASE_URL`: `attune db upgrade`, `attune journals add NAME`."""

from __future__ import annotations

import click


@click.group(help="The database's schema (run by the operator, with the owner's URL).")
def db() -> None:
    pass


@db.command("upgrade", help="Bring the database's schema to the newest version.")
def db_upgrade() -> None:
    from attune.config import load_settings
    from attune.services import hosting

    reached = hosting.upgrade_database(load_settings())
    click.echo(f"The database is at version {reached}.")


@click.group(help="Journals (households) in a PostgreSQL database (run by the operator).")
def journals() -> None:
    pass


@journals.command("add", help="Add an empty journal called NAME and print its number.")
@click.argument("name")
def journals_add(name: str) -> None:
    from attune.config import load_settings
    from attune.services import hosting

    try:
        number = hosting.add_journal(load_settings(), name)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Journal {number} added. Serve it with ATTUNE_JOURNAL_ID={number}.")
