"""The visibility matrix: actors (the author, another member, nobody selected) × visibility ×
every operation. The allowed set must match the one rule exactly, and nothing else may leak.
Exports are in the matrix too (`test_export_follows_the_rule`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from attune.domain.entries import EntryFilter, NotFoundError, Visibility
from attune.domain.visibility import can_change, can_see
from attune.services import Journal, together
from attune.services import search as search_service
from attune.services import trends as trends_service
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

ACTORS = ("author", "other", "nobody")


def _marker(visibility: Visibility) -> str:
    return f"okapi{visibility.value}marker"


@pytest.fixture
def world(journal: Journal) -> dict[str, object]:
    author, other = make_member(journal, "Ana"), make_member(journal, "Ben")
    entries = {}
    for vis in Visibility:
        entries[vis] = make_entry(
            journal,
            author,
            visibility=vis,
            body=f"the {_marker(vis)} text",
            tags=(f"tag-{vis.value}",),
            feelings=("calm",),
            occurred_at=datetime(2026, 2, 2 + len(entries), 9, tzinfo=UTC),
        )
    return {"author": author.id, "other": other.id, "nobody": None, "entries": entries}


def _sees(journal: Journal, viewer: int | None, vis: Visibility, entry_id: int) -> dict[str, bool]:
    marker = _marker(vis)

    def get() -> bool:
        try:
            return journal.get_entry(V(viewer), entry_id).id == entry_id
        except NotFoundError:
            return False

    return {
        "list": entry_id in {e.id for e in journal.list_entries(V(viewer), page_size=100).items},
        "open": get(),
        "search": entry_id
        in {h.entry_id for h in search_service.search(journal, V(viewer), marker)},
        "filtered search": journal.list_entries(V(viewer), EntryFilter(text=marker)).total == 1,
        "tags": f"tag-{vis.value}" in search_service.tags(journal, V(viewer)),
    }


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("vis", list(Visibility))
def test_read_operations_follow_the_rule(
    journal: Journal, world: dict, actor: str, vis: Visibility
) -> None:
    viewer = world[actor]
    entry = world["entries"][vis]
    allowed = can_see(viewer, world["author"], vis)
    seen = _sees(journal, viewer, vis, entry.id)
    for op in ("list", "open", "search", "filtered search", "tags"):
        assert seen[op] is allowed, (actor, vis, op)
    uids = set(trends_service.entries_frame(journal, V(viewer))["uid"])
    assert (entry.uid in uids) is allowed, (actor, vis, "chart series")
    counted = journal.stats(V(viewer)).entries
    expected = sum(can_see(viewer, world["author"], v) for v in Visibility)
    assert counted == expected, (actor, vis, "count")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("vis", list(Visibility))
@pytest.mark.parametrize("op", ["edit", "delete", "restore"])
def test_write_operations_only_for_the_author(
    journal: Journal, world: dict, actor: str, vis: Visibility, op: str
) -> None:
    viewer = world[actor]
    entry = world["entries"][vis]
    actions: dict[str, Callable[[], object]] = {
        "edit": lambda: journal.update_entry(V(viewer), entry.id, entry.as_draft(), entry.version),
        "delete": lambda: journal.trash_entry(V(viewer), entry.id),
        "restore": lambda: journal.restore_entry(V(viewer), entry.id),
    }
    allowed = can_change(viewer, world["author"])
    if allowed:
        actions[op]()
    else:
        with pytest.raises(NotFoundError):
            actions[op]()
    assert journal.get_entry(V(world["author"]), entry.id).version == entry.version + allowed


@pytest.mark.parametrize("actor", ACTORS)
def test_nothing_private_leaks_into_any_text_a_viewer_gets(
    journal: Journal, world: dict, actor: str
) -> None:
    viewer = world[actor]
    if viewer == world["author"]:
        return
    secret = _marker(Visibility.PRIVATE)
    blobs = [
        repr(journal.list_entries(V(viewer), page_size=100)),
        repr(search_service.search(journal, V(viewer), "text")),
        repr(search_service.search(journal, V(viewer), secret)),
        repr(search_service.tags(journal, V(viewer))),
        repr(search_service.feelings(journal, V(viewer))),
        repr(journal.stats(V(viewer))),
        trends_service.entries_frame(journal, V(viewer)).to_json(date_format="iso"),
        repr(together.shared_timeline(journal, V(viewer))),
    ]
    assert not [b for b in blobs if secret in b or "tag-private" in b]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("shared", [True, False])
def test_assessments_and_appreciations_follow_the_rule(
    journal: Journal, world: dict, actor: str, shared: bool
) -> None:
    together.weekly_checkin(
        journal,
        V(world["author"]),
        csi4=[3, 3, 3, 3],
        who5=[3] * 5,
        appreciation="thanks for the soup",
        talk_about="holidays",
        shared=shared,
    )
    viewer = world[actor]
    allowed = can_see(viewer, world["author"], Visibility.SHARED if shared else Visibility.PRIVATE)
    assert (len(together.assessments(journal, V(viewer))) == 2) is allowed
    assert (len(together.appreciations(journal, V(viewer))) == 1) is allowed


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("vis", list(Visibility))
@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_export_follows_the_rule(
    journal: Journal, world: dict, actor: str, vis: Visibility, fmt: str
) -> None:
    """Every entry the viewer may see, exported (scope "all"): the marker is in the file iff the
    rule allows, and with the therapist scope only the viewer's own flagged entries ever are."""
    from attune.domain.exports import Scope
    from attune.services import sharing

    viewer = world[actor]
    allowed = can_see(viewer, world["author"], vis)
    data = sharing.gather(journal, V(viewer), scope=Scope.ALL)
    content = sharing.render(data, fmt).content.decode("utf-8-sig").replace("\\-", "-")
    assert (_marker(vis) in content) is allowed, (actor, vis, fmt, "export")
    assert (f"tag-{vis.value}" in content) is allowed, (actor, vis, fmt, "export tags")
    flagged = sharing.gather(journal, V(viewer), scope=Scope.THERAPIST)
    assert all(e.author == "Ana" and actor == "author" for e in flagged.entries)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("shared", [True, False])
def test_the_support_line_reaches_its_author_only(
    journal: Journal, world: dict, actor: str, shared: bool
) -> None:
    """A low WHO-5 and heavy feeling words, shared or not, make the Support line the author's
    alone: nobody else's reason, scores, answers or notes carry anything of it."""
    from attune.domain.care import Reason
    from attune.services import care

    author = world["author"]
    together.weekly_checkin(
        journal, V(author), csi4=[4, 4, 4, 4], who5=[1] * 5, talk_about="okapi low", shared=shared
    )
    now = datetime.now(UTC)
    for day in range(3):
        make_entry(
            journal,
            journal.members()[0],
            feelings=("hopeless",),
            occurred_at=now - timedelta(days=day),
            visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
        )
    viewer = world[actor]
    expected = Reason.WELLBEING if actor == "author" else None
    assert care.support_reason(journal, V(viewer)) is expected
    frame = together.assessments(journal, V(viewer))
    mine = frame[frame["member_id"] == author]
    vis = Visibility.SHARED if shared else Visibility.PRIVATE
    assert (not mine.empty) is can_see(viewer, author, vis)
    if actor != "author":
        assert all(a == [] for a in mine["answers"])  # a score at most, never the answers
    if actor != "author" and not shared:
        assert "okapi low" not in repr(together.appreciations(journal, V(viewer)))
