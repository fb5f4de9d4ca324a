"""Export data for tests of the exchange formats, built without a database, and a journal with a
client's month of check-ins built through the real service (for the Share/Therapist tests)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from attune.domain.entries import Entry, Member, Visibility
from attune.domain.exports import ExportAssessment, ExportData, ExportEntry, Scope, assemble
from attune.services import Journal, together
from tests.factories import make_entry
from tests.viewers import V

TZ = timezone(timedelta(hours=1))
CLIENT_ID = "0b8f3c1e-4d2a-4e5b-9c7d-1a2b3c4d5e6f"
FEELINGS = ("calm", "tired", "hopeful", "close", "anxious")


def export_entry(n: int, **overrides: Any) -> ExportEntry:
    fields: dict[str, Any] = {
        "uid": str(uuid.UUID(int=n + 1)),
        "author": "Sam",
        "occurred_at": datetime(2026, 3, 1, 9, 30, tzinfo=TZ) + timedelta(days=n, hours=n % 5),
        "valence": 1 + n % 5,
        "energy": 1 + (n * 2) % 5,
        "connection": None if n % 4 == 3 else 1 + (n * 3) % 5,
        "feelings": (FEELINGS[n % 5], FEELINGS[(n + 2) % 5]),
        "tags": ("walk",) if n % 2 else ("work", "evening"),
        "visibility": Visibility.PRIVATE,
        "share_with_therapist": n % 3 == 0,
        "prompt_id": None,
        "reading_id": None,
        "body": f"Entry number {n}: a quiet day, then a long talk.",
    }
    fields.update(overrides)
    return ExportEntry(**fields)


def as_entry(e: ExportEntry, member_id: int = 1) -> Entry:
    return Entry(
        id=int(uuid.UUID(e.uid)), uid=e.uid, member_id=member_id, author=e.author,
        occurred_at=e.occurred_at, valence=e.valence, energy=e.energy, connection=e.connection,
        feelings=e.feelings, tags=e.tags, body=e.body, prompt_id=e.prompt_id,
        reading_id=e.reading_id, visibility=e.visibility,
        share_with_therapist=e.share_with_therapist, created_at=e.occurred_at,
        updated_at=e.occurred_at, deleted_at=None, version=1,
    )  # fmt: skip


def assessments() -> list[ExportAssessment]:
    return [
        ExportAssessment("csi4", datetime(2026, 3, 7, 20, tzinfo=UTC), (4, 3, 3, 4), 14),
        ExportAssessment("csi4", datetime(2026, 3, 14, 20, tzinfo=UTC), (5, 4, 4, 4), 17),
        ExportAssessment("who5", datetime(2026, 3, 7, 20, tzinfo=UTC), (3, 2, 3, 1, 4), 52),
        ExportAssessment("who5", datetime(2026, 3, 14, 20, tzinfo=UTC), (4, 3, 3, 3, 4), 68),
    ]


def sample_export(
    entries: list[ExportEntry] | None = None,
    *,
    scope: Scope = Scope.ALL,
    days: int = 20,
    exported_at: datetime | None = None,
    member: str = "Sam",
) -> ExportData:
    """An export of `entries` (default: `days` entries of Sam's) as `scope`."""
    items = entries if entries is not None else [export_entry(n) for n in range(days)]
    visible = [as_entry(e, 1 if e.author == member else 2) for e in items]
    return assemble(
        member=member, member_id=1, client_id=CLIENT_ID, scope=scope,
        start=date(2026, 3, 1), end=date(2026, 3, 31), visible=visible,
        assessments=assessments(), exported_at=exported_at or datetime(2026, 4, 1, 8, tzinfo=TZ),
        picked=[e.uid for e in items],
    )  # fmt: skip


def client_month(journal: Journal, member: Member, *, start: date | None = None) -> list[Entry]:
    """Thirty days of check-ins (every fourth marked for the therapist) and two weekly
    questionnaires, through the real service."""
    first = start or date.today() - timedelta(days=29)
    out = []
    for n in range(30):
        when = datetime(first.year, first.month, first.day, 8 + n % 12, tzinfo=TZ)
        out.append(
            make_entry(
                journal,
                member,
                occurred_at=when + timedelta(days=n),
                valence=1 + n % 5,
                energy=1 + (n * 2) % 5,
                connection=1 + (n * 3) % 5,
                feelings=(FEELINGS[n % 5],),
                tags=("walk",) if n % 2 else ("work",),
                body=f"Day {n}: marker-{n} happened.",
                share_with_therapist=n % 4 == 0,
            )
        )
    together.weekly_checkin(journal, V(member.id), csi4=[4, 3, 3, 4], who5=[3, 2, 3, 1, 4])
    together.weekly_checkin(journal, V(member.id), csi4=[5, 4, 4, 4], who5=[4, 3, 3, 3, 4])
    return out
