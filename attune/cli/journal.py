"""Commands on the journal itself: sample data, one entry, search, counts, members, where."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date, datetime

import click

from attune.demo import NAMES, generate
from attune.domain.entries import EntryDraft, EntryError, Visibility
from attune.domain.text import strip_hit_markers
from attune.services import Viewer
from attune.services import search as search_service

from .app import _author, _journal, _viewer, main


@main.command(help="Write realistic sample data: N members, Y years of daily check-ins.")
@click.option("--members", "n_members", default=1, show_default=True, type=click.IntRange(1, 8))
@click.option("--years", default=1.0, show_default=True, type=click.FloatRange(0.01, 40))
@click.option("--seed", default=7, show_default=True, help="Same seed, same data.")
@click.option("--end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (default: today).")
def demo(n_members: int, years: float, seed: int, end: datetime | None) -> None:
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


@main.command(help="Where the database lives.")
def where() -> None:
    click.echo(_journal().location)
