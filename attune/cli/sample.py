"""`attune demo`: realistic sample data, kept apart from real writing.

A journal that holds anything but sample data (anyone's entries, or a person who has none) is
refused unless `--into-existing` is given. Each member's sample entries are one import, so the
Import page's Undo removes them; nothing is dated later than now."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from attune import messages

from .app import Refused


@click.command(help="Write realistic sample data: N members, Y years of daily check-ins.")
@click.option("--members", "n_members", default=1, show_default=True, type=click.IntRange(1, 8))
@click.option("--years", default=1.0, show_default=True, type=click.FloatRange(0.01, 40))
@click.option("--seed", default=7, show_default=True, help="Same seed, same data.")
@click.option("--end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (default: today).")
@click.option(
    "--into-existing",
    is_flag=True,
    help="Add sample data even though this journal holds real entries or people.",
)
def demo(
    n_members: int, years: float, seed: int, end: datetime | None, into_existing: bool
) -> None:
    from attune.demo import NAMES, generate
    from attune.services import Viewer, sample

    from .common import _journal, _unlocked

    now = datetime.now().astimezone()
    last = end.date() if end else now.date()
    if last > now.date():
        raise Refused(messages.CLI_DEMO_END_FUTURE)
    journal = _journal()
    if not into_existing and sample.holds_real_data(journal):
        raise click.ClickException(messages.CLI_DEMO_REFUSED)
    existing = {m.name.casefold(): m for m in journal.members()}
    names = NAMES[:n_members]
    key = f"seed {seed}, {n_members} members, {years} years, ending {last}"
    added = already = 0
    with click.progressbar(names, label="Writing sample entries", file=sys.stderr) as bar:
        for i, name in enumerate(bar):
            member = existing.get(name.casefold())
            viewer = _unlocked(journal, member) if member else Viewer(journal.add_member(name).id)
            rows = generate(
                member_index=i, members=n_members, years=years, seed=seed, end=last, now=now
            )
            result = sample.add_sample(journal, viewer, rows, key=f"{key}, member {i}")
            added += result.added
            already += result.already_present
    click.echo(messages.CLI_DEMO_DONE.format(n=added, names=", ".join(names), already=already))
    click.echo(messages.CLI_DEMO_UNDO)
