"""The shared service: one per database, and the entry use cases.

`Journal` is built once per database (the screens cache it with st.cache_resource; the CLI
builds its own for a command). It holds the engine, the session factory, the settings and bounded
caches of *plain* aggregates keyed by who may see them — nothing that belongs to one person's
session: no data key, nothing opened with one. Who is looking travels as an argument, a
`Viewer` (attune.domain.viewer), into every read and write; decrypted words are kept in that
viewer's own memo (`opened`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attune import __version__, messages
from attune.config import Settings, load_settings
from attune.crypto import Sealed
from attune.domain import entries as d
from attune.domain.errors import BackupsAreOperators, LogNotCleared
from attune.domain.practices import PracticeSession
from attune.domain.viewer import Viewer
from attune.recent import Recent
from attune.recovery import backups_are_operators, check_database, hold_open
from attune.storage import bulk, frames, practice_repo, prefs, sealing, shared_engines
from attune.storage import entries as entry_store
from attune.storage import members as member_store
from attune.storage import revision as revisions
from attune.storage import search as search_store
from attune.storage.engine import (
    Sessions,
    backup_sqlite,
    backup_sqlite_to,
    make_engine,
    truncate_wal,
)
from attune.storage.migrate import upgrade

from .preferences import PreferenceSnapshot

if TYPE_CHECKING:  # pandas and the content library load when first used: a quick command
    import pandas as pd  # (search, stats, --version) never needs them

CHECKPOINT_WAIT_SECONDS = 10.0  # other windows' reads last milliseconds; a program, longer
HISTORY_CACHE = 8  # (viewer, range) histories kept in memory


class Journal:
    def __init__(self, settings: Settings | None = None, *, check: bool = True) -> None:
        """`check=False` opens the file and reads its schema instead of SQLite's quick_check
        of every page (0.15 s at 100,000 entries): for a command that only reads (search,
        stats), where a damaged page still fails with SQLite's own error when it is read."""
        self.settings = settings or load_settings()
        path = self.settings.sqlite_path
        if path is not None:
            check_database(path, thorough=check)  # CorruptDatabase: the app offers a restore
        # While this Journal is open a restore is refused (attune.recovery): saves made here
        # would otherwise go on into the file a restore has moved aside.
        self._held = None if path is None else hold_open(path)
        self.engine = shared_engines.acquire(self.settings.database_url)  # one per server
        # checkpoint(): how long to wait for other readers before saying the log is not cleared
        self.checkpoint_wait = CHECKPOINT_WAIT_SECONDS
        self.log_pending = False  # a checkpoint found a reader: old words may be in the -wal file
        self.journal_id = self.settings.journal_id
        self.sessions = Sessions(self.engine, self.journal_id)
        # Plain aggregates of days before the last two, keyed by the member they are visible to
        # and a history fingerprint (services.trends, services.search); never sealed words.
        self.history: Recent[Any] = Recent(HISTORY_CACHE)
        self.word_history: Recent[list[tuple[str, int]]] = Recent(HISTORY_CACHE)
        # Together's count of shared entries, keyed by viewer and revision (services.together).
        self.shared_counts: Recent[int] = Recent(HISTORY_CACHE)
        try:
            self.last_backup = self._upgrade()
        except BaseException:
            self.close()  # a journal that did not open holds no lock (a restore may follow)
            raise

    def _upgrade(self) -> Path | None:
        """Bring the schema to head: with the owner's URL when one is set (a hosted install's
        app role owns nothing and cannot change the schema), else with the app's engine."""
        admin = self.settings.admin_database_url
        if not admin or admin == self.settings.database_url:
            return upgrade(self.engine, self.settings.backup_dir, self.settings.sqlite_path)
        owner = make_engine(admin)
        try:
            return upgrade(owner)
        finally:
            owner.dispose()

    # --- about -------------------------------------------------------------------------------
    @property
    def version(self) -> str:
        return __version__

    @property
    def location(self) -> str:
        path = self.settings.sqlite_path
        if path is not None:
            return str(path.resolve())
        return self.engine.url.render_as_string(hide_password=True)

    def revision(self) -> int:
        with self.sessions.reading() as s:
            return revisions.get_revision(s)

    def close(self) -> None:
        shared_engines.release(self.engine)  # disposed of when no journal holds it
        if self._held is not None:
            self._held.close()  # a restore may go ahead now
            self._held = None

    def checkpoint(self, *, result: object = None) -> None:
        """Fold the write-ahead log into the database and truncate it, so no stale copy of words
        just sealed or erased lingers in the -wal file. Waits up to `checkpoint_wait` seconds for
        other readers; raises LogNotCleared(result) — the change is committed, the screens say
        what is left to do — when one outlasts it. `log_pending` stays True until a later
        checkpoint succeeds (Settings › Privacy offers it; the next erase tries again)."""
        if not truncate_wal(self.engine, self.checkpoint_wait):
            self.log_pending = True
            raise LogNotCleared(result)
        self.log_pending = False

    # --- members -----------------------------------------------------------------------------
    def members(self) -> list[d.Member]:
        with self.sessions.reading() as s:
            return member_store.list_members(s)

    def member_named(self, name: str) -> d.Member:
        member = d.member_called(self.members(), name)
        if member is not None:
            return member
        raise d.NotFoundError(f"No member called {name!r} on this journal.")

    def add_member(self, name: str) -> d.Member:
        with self.sessions.writing() as s:
            member = member_store.add_member(s, name=name)
            revisions.bump_revision(s)
            return member

    def rename_member(self, member_id: int, name: str) -> d.Member:
        with self.sessions.writing() as s:
            member = member_store.rename_member(s, member_id=member_id, name=name)
            revisions.bump_revision(s)
            return member

    # --- entries -----------------------------------------------------------------------------
    def add_entry(
        self,
        viewer: Viewer,
        draft: d.EntryDraft,
        *,
        draft_slot: str = "",
        uid: str | None = None,
    ) -> d.Entry:
        """Store the viewer's entry; returns only after the commit (a confirmation is truthful).
        The draft it came from is cleared in the same transaction. `uid` makes the save
        idempotent: a form passes the key it was drawn with, and every save with that key
        (however many clicks arrive) stores one entry and returns it."""
        with self.sessions.writing(viewer) as s:
            if uid is not None:
                earlier = entry_store.entry_with_uid(s, viewer=viewer, uid=uid)
                if earlier is not None:
                    return earlier  # already saved: the draft may hold newer words, kept
            entry = entry_store.add_entry(s, viewer=viewer, draft=draft, uid=uid)
            if draft_slot:
                prefs.save_draft(s, member_id=entry.member_id, slot=draft_slot, body="")
            return entry

    def add_entries_bulk(self, viewer: Viewer, rows: Iterable[tuple[str, d.EntryDraft]]) -> int:
        with self.sessions.writing(viewer) as s:
            return bulk.add_entries_bulk(s, viewer=viewer, drafts=rows)

    def get_entry(self, viewer: Viewer, entry_id: int) -> d.Entry:
        with self.sessions.reading(viewer) as s:
            return entry_store.get_entry(s, viewer=viewer, entry_id=entry_id)

    def update_entry(
        self, viewer: Viewer, entry_id: int, draft: d.EntryDraft, expected_version: int
    ) -> d.Entry:
        with self.sessions.writing(viewer) as s:
            return entry_store.update_entry(
                s,
                viewer=viewer,
                entry_id=entry_id,
                draft=draft,
                expected_version=expected_version,
            )

    def trash_entry(self, viewer: Viewer, entry_id: int) -> d.Entry:
        with self.sessions.writing(viewer) as s:
            return entry_store.trash_entry(s, viewer=viewer, entry_id=entry_id)

    def restore_entry(self, viewer: Viewer, entry_id: int) -> d.Entry:
        with self.sessions.writing(viewer) as s:
            return entry_store.restore_entry(s, viewer=viewer, entry_id=entry_id)

    def empty_trash(self, viewer: Viewer) -> int:
        with self.sessions.writing(viewer) as s:
            erased = entry_store.empty_trash(s, viewer=viewer)
        if erased or self.log_pending:
            self.checkpoint(result=erased)
        return erased

    def list_entries(
        self,
        viewer: Viewer,
        filt: d.EntryFilter | None = None,
        page: int = 1,
        page_size: int = 20,
    ) -> d.EntryPage:
        filt = filt or d.EntryFilter()
        sealed_ids = sealed_matches(self, viewer, filt)
        with self.sessions.reading(viewer) as s:
            return search_store.list_entries(
                s,
                viewer=viewer,
                filt=filt,
                page=page,
                page_size=page_size,
                sealed_ids=sealed_ids,
            )

    def entries_on(self, viewer: Viewer, day: date) -> list[d.Entry]:
        page = self.list_entries(viewer, d.EntryFilter(on_day=day), page_size=100)
        return [e for e in page.items if e.member_id == viewer.member_id]

    def stats(self, viewer: Viewer) -> d.Stats:
        with self.sessions.reading(viewer) as s:
            return frames.stats(s, viewer_id=viewer.member_id)

    # --- drafts and preferences ----------------------------------------------------------------
    def draft(self, viewer: Viewer, slot: str) -> str:
        """The viewer's own draft (a protected member's is sealed and opens with their key)."""
        member_id = _author(viewer)
        with self.sessions.reading(viewer) as s:
            if sealing.is_protected(s, member_id):
                return sealing.load_draft(s, member_id, slot, viewer.key_for(member_id))
            return prefs.get_draft(s, member_id=member_id, slot=slot)

    def save_draft(self, viewer: Viewer, slot: str, body: str) -> None:
        """A protected member's draft is sealed like their private entries (never stored plain)."""
        member_id = _author(viewer)
        with self.sessions.writing(viewer) as s:
            if sealing.is_protected(s, member_id):
                key = viewer.key_for(member_id)
                if key is not None:
                    sealing.save_draft(s, member_id, slot, body, key)
                return
            prefs.save_draft(s, member_id=member_id, slot=slot, body=body)

    def preference(self, key: str) -> str:
        with self.sessions.reading() as s:
            return prefs.get_preference(s, key=key)

    def preferences(self) -> PreferenceSnapshot:
        """Every preference of the journal at once (a page reads a dozen: one transaction)."""
        with self.sessions.reading() as s:
            return PreferenceSnapshot(prefs.all_preferences(s))

    def set_preference(self, key: str, value: str) -> None:
        with self.sessions.writing() as s:
            prefs.set_preference(s, key=key, value=value)

    # --- backups -----------------------------------------------------------------------------
    @property
    def backups_are_operators(self) -> bool:
        """On PostgreSQL the operator backs the database up (pg_dump), not the app: `backup`
        raises BackupsAreOperators, and the screens say so instead of offering a button."""
        return backups_are_operators(self.settings)

    def backup(self, dest: Path | None = None) -> Path:
        if self.backups_are_operators:
            raise BackupsAreOperators
        path = self.settings.sqlite_path
        if path is None:
            raise RuntimeError("Backups from the app work for SQLite databases only.")
        if dest is None:
            return backup_sqlite(path, self.settings.backup_dir, "manual")
        return backup_sqlite_to(path, dest)

    # --- practices ---------------------------------------------------------------------------
    def record_practice(
        self,
        viewer: Viewer,
        practice_id: str,
        before: int | None,
        after: int | None,
        *,
        started_at: datetime | None = None,
    ) -> PracticeSession:
        """Store one run of a practice with its optional 1–5 intensity ratings (see
        domain.practices). Private to the member; returns only after the commit."""
        from attune.content import load_library

        try:
            load_library().practice(practice_id)
        except KeyError as exc:
            raise d.EntryError(messages.UNKNOWN_PRACTICE) from exc
        with self.sessions.writing(viewer) as s:
            return practice_repo.add_practice_session(
                s,
                member_id=_author(viewer),
                practice_id=practice_id,
                before=before,
                after=after,
                started_at=started_at,
            )

    def practice_sessions(self, viewer: Viewer) -> pd.DataFrame:
        """The viewer's own practice sessions (never another member's): member_id, day (local
        date, datetime64), practice_id, before and after (Int64, missing when skipped)."""
        import pandas as pd

        with self.sessions.reading(viewer) as s:
            rows = practice_repo.list_practice_sessions(s, viewer_id=viewer.member_id)
        local = [r.started_at.astimezone().replace(tzinfo=None) for r in rows]
        return pd.DataFrame(
            {
                "member_id": pd.Series([r.member_id for r in rows], dtype="int64"),
                "day": pd.Series(local, dtype="datetime64[ns]").dt.normalize(),
                "practice_id": pd.Series([r.practice_id for r in rows], dtype="object"),
                "before": pd.Series([r.before for r in rows], dtype="Int64"),
                "after": pd.Series([r.after for r in rows], dtype="Int64"),
            }
        )


def _author(viewer: Viewer) -> int:
    if viewer.member_id is None:
        raise d.EntryError("Choose who is writing first.")
    return viewer.member_id


def sealed_matches(journal: Journal, viewer: Viewer, filt: d.EntryFilter) -> list[int]:
    """The ids of the viewer's sealed entries whose words match `filt`'s text, tags or feelings
    (opened in memory with the viewer's key; none when the filter asks for no words)."""
    if not (filt.text.strip() or filt.tags or filt.feelings):
        return []
    return [
        eid
        for eid, (_, words) in opened(journal, viewer, trash=filt.trashed).items()
        if sealing.matches(words, filt)
    ]


def opened(
    journal: Journal, viewer: Viewer, *, trash: bool = False
) -> dict[int, tuple[str, Sealed]]:
    """The viewer's own sealed entries, opened in memory — only when they unlocked their journal
    (the key is in the viewer). Kept in the viewer's memo, which belongs to their session alone,
    until the revision, the trash view or the key changes."""
    if viewer.member_id is None or viewer.key is None:
        return {}
    member_id, key = viewer.member_id, viewer.key
    revision = journal.revision()

    def load() -> dict[int, tuple[str, Sealed]]:
        with journal.sessions.reading(viewer) as s:
            return sealing.opened(s, member_id, key, include_trash=trash)

    result: dict[int, tuple[str, Sealed]] = viewer.opened.get_or_make(
        (viewer.cache_key, trash, revision), load
    )
    return result
