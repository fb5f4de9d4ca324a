"""What the commands share: the journal, the viewer for this one command (a protected member is
unlocked first), a bundle's passphrase. Imported by a command when it runs, never by the group."""

from __future__ import annotations

import os
import sys

import click

from attune import messages
from attune.domain.entries import Member
from attune.recovery import CorruptDatabase
from attune.services import NOBODY, Journal, Viewer, access

from .app import Refused


def _journal(*, check: bool = True) -> Journal:
    """The journal for this command. A command that only reads passes check=False: SQLite's
    whole-file check is skipped, and a damaged page it meets is reported by the group."""
    try:
        journal = Journal(check=check)
    except CorruptDatabase as exc:
        raise click.ClickException(messages.CLI_DAMAGED.format(problem=exc)) from exc
    # Closed when the command ends, however it ends: a restore may go ahead after it.
    click.get_current_context().call_on_close(journal.close)
    return journal


def _names(journal: Journal) -> str:
    return ", ".join(m.name for m in journal.members()) or "none yet"


def _member(journal: Journal, name: str) -> Member:
    """The member called `name`, or a usage error that names who is here and what to do."""
    from attune.domain.entries import NotFoundError

    try:
        return journal.member_named(name)
    except NotFoundError:
        raise Refused(
            messages.CLI_NO_SUCH_MEMBER.format(name=name, names=_names(journal))
        ) from None


def _viewer(
    journal: Journal, name: str | None, *, required: bool = False, quiet: bool = False
) -> Viewer:
    """The viewer for this command. Without --member: the only member, if there is just one;
    otherwise nobody, which sees shared entries only. A protected member is unlocked first."""
    if name:
        return _unlocked(journal, _member(journal, name))
    members = journal.members()
    if len(members) == 1:
        return _unlocked(journal, members[0])
    if required and not members:
        raise Refused(messages.CLI_NO_MEMBERS)
    if required:
        raise Refused(messages.CLI_SAY_WHICH.format(names=_names(journal)))
    if members and not quiet:
        click.echo(messages.CLI_SHARED_ONLY, err=True)
    return NOBODY


def _author(journal: Journal, name: str | None) -> tuple[Member, Viewer]:
    """The member a command writes or exports for, and their (unlocked) viewer."""
    viewer = _viewer(journal, name, required=True)
    member = next(m for m in journal.members() if m.id == viewer.member_id)
    return member, viewer


def _unlocked(journal: Journal, member: Member) -> Viewer:
    """Ask for a protected member's passphrase (from --unlock-env VAR, or a hidden prompt); the
    viewer made for this one command holds their data key, so their sealed entries can be read."""
    if not access.is_protected(journal, member.id):
        return Viewer(member.id)
    ctx = click.get_current_context().find_root()
    env = (ctx.params or {}).get("unlock_env")
    if env:
        passphrase = os.environ.get(env)
        if passphrase is None:
            raise Refused(messages.CLI_ENV_NOT_SET.format(var=env))
    elif sys.stdin.isatty():
        passphrase = click.prompt(f"{member.name}'s passphrase", hide_input=True)
    else:
        raise Refused(messages.CLI_LOCKED.format(name=member.name))
    from attune.services import together  # loaded only to unlock

    viewer = together.unlock_viewer(journal, member.id, passphrase)
    if viewer is None:
        raise click.ClickException(messages.CLI_WRONG_PASSPHRASE)
    return viewer


def _passphrase(env_var: str | None, *, confirm: bool = False) -> str:
    """A bundle's passphrase: from the named environment variable, else asked for (hidden).
    Never an option's value, so it stays out of shell history and process lists."""
    if env_var:
        value = os.environ.get(env_var, "")
        if not value:
            raise Refused(messages.PASSPHRASE_ENV_MISSING.format(var=env_var))
        return value
    return str(
        click.prompt(
            messages.PASSPHRASE_PROMPT, hide_input=True, confirmation_prompt=confirm, err=True
        )
    )
