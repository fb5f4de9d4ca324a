"""Accounts on a hosted Attune (issue: each partner on their own device).

Sign-in is OpenID Connect (Streamlit's `st.login`): the identity provider says who someone is
(`issuer` + `subject`), and an account is that person as one member of one journal — or, for a
practitioner, of none. Streamlit's identity cookie cannot be revoked, so each sign-in gets a
server-side record, keyed by a one-way `sign_in_token` of the token's own claims (a new sign-in
has a new nonce and time): ended by signing out, by "sign out everywhere" or by idle time, after
which a copy of that cookie opens nothing.

Invitations: a one-time code with an expiry, made by a member and shown once; only its hash is
kept."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed on a phone
CODE_GROUPS = 3
CODE_GROUP_LEN = 4
INVITATION_LIFETIME = timedelta(days=3)
IDLE_LIMIT = timedelta(hours=12)  # a sign-in not used for this long is ended
SEEN_EVERY = timedelta(minutes=1)  # how often a live sign-in's "last seen" is written


class AccountError(ValueError):
    """Something about an account that the person can act on; safe to show."""


class SignedOut(AccountError):
    """This sign-in was ended (signed out, everywhere, or idle): sign in again."""


@dataclass(frozen=True)
class Identity:
    """Who the identity provider says is here, and which sign-in this is."""

    issuer: str
    subject: str
    name: str = ""
    nonce: str = ""
    issued_at: str = ""

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> Identity | None:
        issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
        if not issuer or not subject:
            return None
        name = str(claims.get("name") or claims.get("given_name") or "")
        return cls(
            issuer=issuer,
            subject=subject,
            name=name,
            nonce=str(claims.get("nonce") or ""),
            issued_at=str(claims.get("iat") or claims.get("auth_time") or ""),
        )

    @property
    def sign_in_token(self) -> str:
        """One way: the record of this sign-in never holds the claims themselves."""
        raw = "\x1f".join(("attune-sign-in", self.issuer, self.subject, self.nonce, self.issued_at))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Account:
    id: int
    journal_id: int | None
    member_id: int | None
    kind: str = "member"  # or "practitioner"

    @property
    def has_journal(self) -> bool:
        return self.journal_id is not None and self.member_id is not None


def new_code() -> str:
    """A fresh invitation code: three groups of four letters and digits (~60 bits)."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LEN))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalise_code(code: str) -> str:
    """What was typed, as the code was made: case, spaces and dashes do not matter."""
    return "".join(c for c in code.upper() if c in CODE_ALPHABET)


def code_hash(code: str) -> str:
    return hashlib.sha256(("attune-invitation\x1f" + normalise_code(code)).encode()).hexdigest()


def is_idle(last_seen: datetime, now: datetime) -> bool:
    return now - last_seen > IDLE_LIMIT
