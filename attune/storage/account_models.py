"""The accounts of a hosted Attune (migration 0016; attune.domain.accounts): accounts,
server-side sign-ins and invitations. Part of `models` (which imports this module)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, Tenanted, UTCDateTime, utcnow


class AccountRecord(Base):
    """A signed-in person (issuer + subject of their identity provider) as one member of one
    journal — or, for a practitioner, of none (migration 0016; attune.domain.accounts)."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(300))
    journal_id: Mapped[int | None] = mapped_column(ForeignKey("journals.id"), nullable=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="member")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SignInRecord(Base):
    """One sign-in, server side: Streamlit's identity cookie cannot be revoked, so a run is
    let in only while its sign-in's record is live (not ended, not idle too long)."""

    __tablename__ = "sign_ins"
    __table_args__ = (Index("ix_sign_ins_account_id", "account_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_why: Mapped[str | None] = mapped_column(String(16), nullable=True)


class Invitation(Tenanted, Base):
    """A one-time code to join a journal, with an expiry; only its hash is kept."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    made_by: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    used_by: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True
    )
