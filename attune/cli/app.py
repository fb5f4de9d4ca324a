"""The command group and what every command shares: the journal, the viewer for this one
command (a protected member is unlocked first), a bundle's passphrase, one-line errors."""

from __future__ import annotations

import os
import sys

import click

from attune import __version__, messages
from attune.domain.entries import Member, NotFoundError
from attune.domain.errors import DiskFull, TryLater
from attune.recovery import CorruptDatabase
from attune.services import NOBODY, Journal, Viewer, together


def _journal() -> Journal:
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


def _passphrase(env_var: str | None, *, confirm: bool = False) -> str:
    """A bundle's passphrase: from the named environment variable, else asked for (hidden).
    Never an option's value, so it stays out of shell history and process lists."""
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
