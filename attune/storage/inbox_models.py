"""A practitioner's inbox on a hosted Attune (migration 0018): the exports clients send to their
practitioner, until they withdraw them. Part of `models` (which imports this module).

- `practitioners`: an account that chose to be a practitioner, and the name clients see.
- `practitioner_codes`: one-time codes a practitioner makes to connect one client (only the hash
  is kept; the practitioner's name is copied in, for the client to see when they connect).
- `practitioner_links`: one member of one journal connected to one practitioner. Per member:
  the other members of the journal never see it.
- `deliveries`: one Attune JSON export a member sent over a link, kept in the database (the
  replicas share nothing else) until the member withdraws it.

`journal_id` is a plain column here (not `Tenanted`): a practitioner reads these rows from no
journal at all, so the journal criterion of `storage.visibility` must not apply to them; every
statement of `storage.inbox` names the member or the practitioner itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UTCDateTime, utcnow

__all__ = ["Delivery", "PractitionerCode", "PractitionerLink", "PractitionerProfile"]


class PractitionerProfile(Base):
    __tablename__ = "practitioners"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PractitionerCode(Base):
    __tablename__ = "practitioner_codes"
    __table_args__ = (Index("ix_practitioner_codes_practitioner_id", "practitioner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    practitioner_name: Mapped[str] = mapped_column(String(80))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PractitionerLink(Base):
    __tablename__ = "practitioner_links"
    __table_args__ = (
        UniqueConstraint("practitioner_id", "member_id"),
        Index("ix_practitioner_links_member_id", "member_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    practitioner_name: Mapped[str] = mapped_column(String(80))
    journal_id: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    client_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Delivery(Base):
    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_practitioner_id", "practitioner_id"),
        Index("ix_deliveries_member_id", "member_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("practitioner_links.id", ondelete="CASCADE"))
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    journal_id: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    scope: Mapped[str] = mapped_column(String(16))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    size: Mapped[int] = mapped_column(Integer, default=0)
    signed_by: Mapped[str] = mapped_column(String(64), default="")  # the export's public key
    payload: Mapped[bytes] = mapped_column(LargeBinary)
