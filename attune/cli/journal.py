"""Commands on the entries: add one, search, counts. Each imports what it needs when it runs
(a search never loads pandas, the charts or the content library)."""

from __future__ import annotations

import json
from datetime import datetime

import click

from attune import messages

from .app import Refused


@click.command(help="Add one entry from the command line.")
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
    from attune.domain.entries import EntryDraft, EntryError, Visibility

    from .common import _author, _journal

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
        raise Refused(str(exc)) from exc
    click.echo(f"Saved entry {entry.uid} for {author.name} at {entry.occurred_at:%Y-%m-%d %H:%M}.")


@click.command(help="Full-text search through the entries the member may see.")
@click.argument("query")
@click.option("--member", help="Whose view (their private entries plus shared ones).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of hits.")
def search(query: str, member: str | None, limit: int, as_json: bool) -> None:
    from attune.domain.text import strip_hit_markers
    from attune.services import quick_search

    answer = quick_search.search(query, member, limit)  # statements an earlier search prepared
    if answer is not None:
        hits = answer.hits
        if answer.shared_only:
            click.echo(messages.CLI_SHARED_ONLY, err=True)  # as cli.common._viewer says it
    else:  # the whole way (SQLAlchemy), which prepares them for the next
        from attune.services import search as search_service

        from .common import _journal, _viewer

        journal = _journal(check=False)
        viewer = _viewer(journal, member)
        hits = search_service.search(journal, viewer, query, limit=limit)
        quick_search.remember(journal)
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


@click.command(help="Counts and averages of the entries the member may see.")
@click.option("--member", help="Whose view (default: the only member, else shared entries).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(member: str | None, as_json: bool) -> None:
    from dataclasses import asdict

    from .common import _journal, _viewer

    journal = _journal(check=False)
    viewer = _viewer(journal, member, quiet=True)
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
    click.echo(messages.entries(result.entries))
    for name, count in result.members.items():
        click.echo(f"  {name}: {count:,}")
    if result.first:
        click.echo(f"From {result.first} to {result.last}; mean pleasantness {result.mean_valence}")
    # What the figures cover: a note on its own line, after them
    note = messages.CLI_SCOPE_AS.format(name=who) if who else messages.CLI_SCOPE_SHARED
    click.echo(note)
