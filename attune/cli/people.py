"""`attune members`: list, add, rename and remove the people on this journal, by the same
rules as the app's Settings › People (the member service applies them; this only asks)."""

from __future__ import annotations

import click

from attune import messages


@click.group(
    invoke_without_command=True,
    help="The people on this journal: without a subcommand, list them.",
)
@click.pass_context
def members(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from .common import _journal

    for m in _journal().members():
        click.echo(m.name)


def _refused(exc: Exception) -> click.ClickException:
    """A rule the name broke, said as the app says it (it names what to change)."""
    return click.UsageError(str(exc))


@members.command("add", help="Add someone to this journal.")
@click.argument("name")
def add_member(name: str) -> None:
    from attune.domain.entries import EntryError

    from .common import _journal

    try:
        member = _journal().add_member(name)
    except EntryError as exc:
        raise _refused(exc) from None
    click.echo(messages.CLI_MEMBER_ADDED.format(name=member.name))


@members.command("rename", help="Give someone a new name (their passphrase is asked for).")
@click.argument("old")
@click.argument("new")
def rename_member(old: str, new: str) -> None:
    from attune.domain.entries import EntryError

    from .common import _journal, _member, _unlocked

    journal = _journal()
    member = _member(journal, old)
    _unlocked(journal, member)  # only they may change their name, as in the app
    try:
        renamed = journal.rename_member(member.id, new)
    except EntryError as exc:
        raise _refused(exc) from None
    click.echo(messages.CLI_MEMBER_RENAMED.format(old=member.name, new=renamed.name))
