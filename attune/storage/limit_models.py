"""Abuse limits on a hosted Attune (migration 0019): the attempts counted per account and per
address, shared by every replica. Part of `models` (which imports this module).

A row is an action (attune.domain.limits.Action), a keyed hash of who made it (an account or an
address — never the address itself) and when: no user text. On PostgreSQL the app's role cannot
read or write the table: it counts and adds through two SECURITY DEFINER functions of the
NOLOGIN role `attune_limits` (migration 0019), one key at a time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UTCDateTime

__all__ = ["Attempt"]


class Attempt(Base):
    """One attempt at a limited action (a new sign-in, an invitation made or redeemed)."""

    __tablename__ = "attempts"
    __table_args__ = (
        Index("ix_attempts_key", "key_hash", "action", "at"),
        Index("ix_attempts_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
