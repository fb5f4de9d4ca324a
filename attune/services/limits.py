"""Abuse limits on a hosted Attune: a slot for a limited action, taken per account and per
address, counted in the database so that every replica shares the count.

    limits = Limits(engine, secret=…, scale=settings.address_limit_scale)
    limits.take(Action.REDEEM, account=("issuer", "subject"), address="203.0.113.7")

`take` records the attempt when every rule of the action has a free slot, and raises
TooManyTries (one line to show) when one has not — then nothing is recorded and nothing else
should happen. Accounts and addresses are kept only as keyed hashes (attune.domain.limits); the
secret is the server's (the screens derive it from the sign-in cookie secret, which every
replica shares). Nothing here logs anything."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import Engine

from attune.domain import limits as rules
from attune.domain.accounts import AccountError
from attune.domain.limits import Action, Per
from attune.messages import limits as words
from attune.storage import limits as store


class TooManyTries(AccountError):
    """Over a limit: wait `minutes`. Its text is the one line to show."""

    def __init__(self, minutes: int) -> None:
        super().__init__(words.TOO_MANY_TRIES.format(n=minutes))
        self.minutes = minutes


class Limits:
    def __init__(self, engine: Engine, secret: bytes | None = None, scale: int = 1) -> None:
        self._sessions = store.limit_sessions(engine)
        # Without a secret of the server's: one of this process's (a count not shared).
        self._secret = secret or secrets.token_bytes(32)
        self._scale = scale
        rules.rules_for(Action.SIGN_IN, scale)  # a bad scale fails here, not at a sign-in

    def keys(self, account: tuple[str, str] | None, address: str | None) -> dict[Per, str]:
        found = {}
        if account is not None:
            found[Per.ACCOUNT] = rules.key_hash(
                self._secret, Per.ACCOUNT, rules.account_value(*account)
            )
        if address:
            found[Per.ADDRESS] = rules.key_hash(self._secret, Per.ADDRESS, address)
        return found

    def take(
        self,
        action: Action,
        *,
        account: tuple[str, str] | None = None,
        address: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """Count one `action` by this account (issuer, subject) from this address, or raise
        TooManyTries and count nothing."""
        now = now or datetime.now(UTC)
        keys = self.keys(account, address)
        if not keys:
            return
        applicable = [r for r in rules.rules_for(action, self._scale) if r.per in keys]
        longest = max((r.window for r in applicable), default=rules.KEEP)
        with self._sessions() as s, s.begin():
            times = {  # in the keys' order, so two takers lock them alike (no deadlock)
                per: store.attempt_times(s, action.value, key, now - longest)
                for per, key in sorted(keys.items(), key=lambda item: item[1])
            }
            wait = rules.longest_wait(
                rules.wait_for(times[rule.per], rule, now) for rule in applicable
            )
            if wait is not None:
                raise TooManyTries(rules.minutes(wait))
            for key in sorted(keys.values()):
                store.add_attempt(s, action.value, key, now)
