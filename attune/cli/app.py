"""The command group. It imports click and nothing else of weight: each command's module (and
through it the services, SQLAlchemy, pandas…) is imported only when that command runs, so
`attune --version` answers at once and `attune search` loads only what a search needs.

`COMMANDS` names every command and where it lives; `attune --help` loads them all to show
their help lines."""

from __future__ import annotations

import importlib

import click

from attune import __version__

# name -> "module:attribute", the module relative to attune.cli
COMMANDS: dict[str, str] = {
    "add": "journal:add",
    "search": "journal:search",
    "stats": "journal:stats",
    "members": "people:members",
    "demo": "sample:demo",
    "import": "transfer:import_file",
    "export": "transfer:export",
    "where": "upkeep:where",
    "backup": "upkeep:backup",
    "restore": "upkeep:restore",
    "db": "hosting:db",
    "journals": "hosting:journals",
}


class Refused(click.UsageError):
    """A usage error said in one line — what was wrong and what to do next — with exit code 2,
    without click's usage block (kept for errors in the command line's own syntax)."""

    def show(self, file: object = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


class LazyGroup(click.Group):
    """A group whose commands are imported when they are asked for (click's documented
    lazy-loading pattern), with the errors every command can meet said in one line."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, _, attr = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(f"attune.cli.{module}"), attr)
            assert isinstance(command, click.Command), cmd_name
            return command
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except Exception as exc:
            from attune import messages
            from attune.domain.errors import BackupsAreOperators, DiskFull, TryLater

            # TryLater: the unlock back-off (issue 14); BackupsAreOperators: PostgreSQL's backups
            if isinstance(exc, DiskFull | TryLater | BackupsAreOperators):
                raise click.ClickException(str(exc)) from None
            if _damaged(exc):  # met by a command that skipped the start-up check
                problem = "The journal database is damaged."
                raise click.ClickException(messages.CLI_DAMAGED.format(problem=problem)) from None
            raise


def _damaged(exc: BaseException) -> bool:
    """SQLite said the file is damaged or not a database (under SQLAlchemy's wrapper)."""
    import sqlite3

    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    help="Attune: a local-first reflection and relationship-wellbeing journal.",
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
