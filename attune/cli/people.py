"""`attune members`: list, add, rename, remove and bring back the people on this journal, by
the same rules as Settings › People — attune.services.people applies them; this only asks.

Acting for a member from the command line is acting as them: a protected member's passphrase
is asked for (or read from --unlock-env VAR), as switching to them in the app asks for it."""

from __future__ import annotations

import os
from pathlib import Path

import click

from attune import messages
from attune.messages import people as words

from .app import Refused


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


def _refused(exc: Exception) -> Refused:
    """A rule the name or choice broke, said as the app says it (it names what to change)."""
    return Refused(str(exc))


@members.command("add", help="Add someone to this journal.")
@click.argument("name")
@click.option(
    "--passphrase-env",
    metavar="VAR",
    help="Protect them with the passphrase in this environment variable (optional).",
)
def add_member(name: str, passphrase_env: str | None) -> None:
    from attune.domain.entries import EntryError
    from attune.domain.errors import PassphraseError
    from attune.services import people

    from .common import _journal

    passphrase = ""
    if passphrase_env:
        passphrase = os.environ.get(passphrase_env, "")
        if not passphrase:
            raise Refused(messages.PASSPHRASE_ENV_MISSING.format(var=passphrase_env))
    try:
        member, _ = people.add_person(_journal(), name, passphrase, passphrase)
    except (EntryError, PassphraseError) as exc:
        raise _refused(exc) from None
    click.echo(messages.CLI_MEMBER_ADDED.format(name=member.name))


@members.command("rename", help="Give someone a new name (their passphrase is asked for).")
@click.argument("old")
@click.argument("new")
def rename_member(old: str, new: str) -> None:
    from attune.domain.entries import EntryError
    from attune.services import people

    from .common import _journal, _member, _unlocked

    journal = _journal()
    member = _member(journal, old)
    acting = _unlocked(journal, member)  # acting as them: a protected member's passphrase
    try:
        renamed = people.rename(journal, acting, member, new)
    except EntryError as exc:
        raise _refused(exc) from None
    click.echo(messages.CLI_MEMBER_RENAMED.format(old=member.name, new=renamed.name))


@members.command(
    "remove",
    help="Someone steps away: archived, and their private and shared entries kept (the "
    "default), taken along in a file (--private export --out FILE) or erased, as they choose.",
)
@click.argument("name")
@click.option(
    "--private",
    "private",
    type=click.Choice(["keep", "export", "erase"]),
    default="keep",
    show_default=True,
    help="Their private entries, scores and notes: keep them here (they can come back), "
    "export them to --out FILE then erase them, or erase them.",
)
@click.option(
    "--shared",
    "shared",
    type=click.Choice(["stay", "go"]),
    default="stay",
    show_default=True,
    help="Their shared entries, scores and notes: stay for the others, or go too.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where --private export writes their Attune JSON file.",
)
@click.option("--yes", is_flag=True, help="Do not ask before erasing.")
def remove_member(name: str, private: str, shared: str, out: Path | None, yes: bool) -> None:
    from attune.domain.entries import EntryError
    from attune.private_files import write_private
    from attune.services import people

    from .common import _journal, _member, _unlocked

    keep, stay = people.Private(private), people.Shared(shared)
    if keep is people.Private.EXPORT and out is None:
        raise Refused(messages.CLI_REMOVE_NEEDS_OUT)
    journal = _journal()
    member = _member(journal, name)
    if len(journal.members()) < 2:
        raise Refused(words.LAST_ONE)
    acting = _unlocked(journal, member)  # only they (or their passphrase) may choose this
    if people.erases(keep, stay) and not yes:
        click.confirm(messages.CLI_REMOVE_CONFIRM.format(name=member.name), abort=True)
    if keep is people.Private.EXPORT and out is not None:
        write_private(out, people.export_file(journal, acting).content)  # before any erasing
        click.echo(messages.CLI_REMOVE_EXPORTED.format(name=member.name, path=out))
    try:
        gone = people.step_away(journal, acting, member, private=keep, shared=stay)
    except EntryError as exc:
        raise _refused(exc) from None
    click.echo(
        messages.CLI_MEMBER_REMOVED.format(
            name=member.name,
            private=gone.private_erased,
            shared=gone.shared_erased,
        )
    )


@members.command("bring-back", help="Bring back someone who stepped away.")
@click.argument("name")
def bring_back(name: str) -> None:
    from attune.domain.entries import normalise_label
    from attune.services import people

    from .common import _journal

    journal = _journal()
    wanted = normalise_label(name).casefold()
    away = [m for m in people.archived(journal) if m.name.casefold() == wanted]
    if not away:
        names = ", ".join(m.name for m in people.archived(journal)) or "nobody"
        raise Refused(messages.CLI_NOT_AWAY.format(name=name, names=names))
    back = people.bring_back(journal, away[0].id)
    click.echo(words.BROUGHT_BACK.format(name=back.name))
