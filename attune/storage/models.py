"""SQLAlchemy 2.0 declarative models. Every schema change is an Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC; returns them aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class JournalRecord(Base):
    """A journal: a household — one person, a couple, a polycule, a family — the unit of
    isolation (migration 0014). A SQLite file holds one (id 1); PostgreSQL holds many, and every
    row of user data carries its journal's id (`Tenanted`)."""

    __tablename__ = "journals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Tenanted:
    """A row of one journal. The column's default is the database's (migration 0014): 1 on
    SQLite, the transaction's `attune.journal_id` setting on PostgreSQL (set by
    `storage.engine.Sessions`), so a row can only be written into the journal of the session
    writing it; the ORM also fills it in from the session (`storage.visibility`)."""

    journal_id: Mapped[int] = mapped_column(Integer, server_default=FetchedValue())


class Member(Tenanted, Base):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("journal_id", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))
    colour: Mapped[str] = mapped_column(String(9))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    pass_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The member's data key, wrapped under their passphrase (attune.crypto); None: not protected.
    key_salt: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    key_wrapped: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # The key of the member's import uids and file hashes (migration 0010): sealed with the data
    # key when the member is protected, in clear otherwise; None until their first import.
    import_secret: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # When the member stepped away (migration 0012): not listed, asked or chosen until brought
    # back (attune.storage.departures).
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Entry(Tenanted, Base):
    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_member_deleted_occurred", "member_id", "deleted_at", "occurred_at"),
        Index("ix_entries_visibility_deleted_occurred", "visibility", "deleted_at", "occurred_at"),
        Index("ix_entries_local_date", "local_date"),
        # The visibility rule's two arms, each with a date range (charts, calendar, Today).
        Index("ix_entries_member_deleted_local_date", "member_id", "deleted_at", "local_date"),
        Index("ix_entries_visibility_deleted_local_date", "visibility", "deleted_at", "local_date"),
        Index("ix_entries_import_batch_id", "import_batch_id"),
        Index("uq_entries_journal_uid", "journal_id", "uid", unique=True),
        # Live entries newest first, for the walk of a common word's search. Partial, so that
        # it never tempts SQLite away from the two arms above for the visibility rule's OR.
        Index(
            "ix_entries_live_occurred",
            "occurred_at",
            sqlite_where=sql_text("deleted_at IS NULL"),
            postgresql_where=sql_text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Unique per journal (migration 0017): an export imported into another journal keeps its
    # entries' uids (a re-import then adds nothing), whoever else holds them.
    uid: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    local_date: Mapped[str] = mapped_column(String(10))
    valence: Mapped[int] = mapped_column(Integer)
    energy: Mapped[int] = mapped_column(Integer)
    connection: Mapped[int | None] = mapped_column(Integer, nullable=True)
    body: Mapped[str] = mapped_column(Text, default="")
    prompt_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reading_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    visibility: Mapped[str] = mapped_column(String(10), default="private")
    share_with_therapist: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A protected member's private entry: its words sealed with AES-GCM (attune.crypto); the
    # body column is then empty and it has no tag or feeling rows.
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), nullable=True
    )

    member: Mapped[Member] = relationship(lazy="joined")
    tag_links: Mapped[list[EntryTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EntryTag.position"
    )
    feeling_links: Mapped[list[EntryFeeling]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EntryFeeling.position"
    )


class Tag(Tenanted, Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("journal_id", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))


class EntryTag(Tenanted, Base):
    __tablename__ = "entry_tags"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    tag: Mapped[Tag] = relationship(lazy="joined")


class EntryFeeling(Tenanted, Base):
    __tablename__ = "entry_feelings"
    __table_args__ = (Index("ix_entry_feelings_word", "word"),)

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    word: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Tenanted, Base):
    """Text being typed, kept so it survives navigation and reloads. Deleted when saved."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("member_id", "slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    slot: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class Preference(Tenanted, Base):
    """A journal's preferences set in the app (e.g. the practitioner's name)."""

    __tablename__ = "preferences"

    journal_id: Mapped[int] = mapped_column(
        Integer, primary_key=True, server_default=FetchedValue()
    )
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class DayChange(Base):
    """Per local day, the revision at which an entry of that day last changed (any member).

    Written only by SQLite triggers (migration 0008) on entries, their tags and feelings, tags
    and members; the largest stamp before a day is the "history fingerprint" that lets the
    Trends aggregates of older days be cached across writes to recent days. Member and tag renames
    are recorded under the day "0000-00-00", which is before every day."""

    __tablename__ = "day_changes"
    __table_args__ = (Index("ix_day_changes_revision", "revision"),)

    local_date: Mapped[str] = mapped_column(String(10), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)


class BulkLoad(Base):
    """A flag row that is there only inside a bulk insert's own transaction (storage.bulk): while
    it is, the per-row insert triggers on entries (full-text index, day_changes; migration 0009)
    skip their work, which the bulk insert then does in one statement each. Inserted and deleted
    in the same transaction, so another connection never sees it and a commit leaves none."""

    __tablename__ = "bulk_load"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)


class Revision(Tenanted, Base):
    """One row per journal whose counter goes up with every write: the key for cached reads."""

    __tablename__ = "revision"
    __table_args__ = (Index("ix_revision_journal_id", "journal_id", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class PracticeSession(Tenanted, Base):
    """One run of a regulation practice, with optional 1–5 intensity ratings before and after.
    Private to its member: only that member ever reads them."""

    __tablename__ = "practice_sessions"
    __table_args__ = (Index("ix_practice_sessions_member_started", "member_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    practice_id: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    after: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Conversation(Tenanted, Base):
    """A prompt asked of every member at once; see attune.domain.together for the reveal rule."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    prompt_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    opened_by: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ConversationParticipant(Tenanted, Base):
    __tablename__ = "conversation_participants"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )


class ConversationAnswer(Tenanted, Base):
    __tablename__ = "conversation_answers"
    __table_args__ = (UniqueConstraint("conversation_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Assessment(Tenanted, Base):
    """A questionnaire (CSI-4, WHO-5) with its item answers (a JSON list) and score."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_member_taken", "member_id", "taken_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answers: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)
    visibility: Mapped[str] = mapped_column(String(10), default="private")


class Appreciation(Tenanted, Base):
    """From the weekly check-in: one thing appreciated, one thing to talk about."""

    __tablename__ = "appreciations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    appreciation: Mapped[str] = mapped_column(Text, default="")
    talk_about: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(10), default="private")
    # A protected member's private one (migration 0011): both texts sealed here, the columns above
    # empty (attune.storage.sealing.seal_note).
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class ImportBatch(Tenanted, Base):
    """Where a set of imported entries came from, so an import can be repeated without
    duplicates and undone (undone_at is set when its entries were removed)."""

    __tablename__ = "import_batches"
    __table_args__ = (Index("ix_import_batches_member_created", "member_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    format: Mapped[str] = mapped_column(String(16))
    file_sha256: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    entry_count: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


# The accounts of a hosted Attune (migration 0016), in a module of their own; imported here so
# that every model is on Base.metadata when this module is.
from .account_models import AccountRecord, Invitation, SignInRecord  # noqa: E402, F401
from .inbox_models import *  # noqa: E402, F403  (the practitioner's inbox, migration 0018)
from .limit_models import *  # noqa: E402, F403  (abuse limits, migration 0019)
