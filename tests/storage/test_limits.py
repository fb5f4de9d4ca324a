"""Abuse limits in the database (attune.services.limits, migration 0019), on SQLite and on
PostgreSQL as the app's role: two engines — two replicas — share one count, two takers at once
never both pass the last slot, old attempts are pruned, and only keyed hashes are kept (on
PostgreSQL the app's role cannot read the table at all)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import ProgrammingError

from attune.domain.accounts import Identity
from attune.domain.limits import Action, rules_for
from attune.services.accounts import Accounts
from attune.services.limits import Limits, TooManyTries
from attune.storage.engine import make_engine
from attune.storage.limit_models import Attempt

pytestmark = pytest.mark.both_backends

SECRET = b"one secret every replica shares"
ADDRESS = "203.0.113.7"
ANA = ("http://127.0.0.1:9400", "ana")


@pytest.fixture
def replicas(db_url: str, journal: object) -> Iterator[tuple[Limits, Limits]]:
    engines = [make_engine(db_url), make_engine(db_url)]
    yield Limits(engines[0], SECRET), Limits(engines[1], SECRET)
    for engine in engines:
        engine.dispose()


def _limit(action: Action, per_address: bool = False) -> int:
    return next(r.limit for r in rules_for(action) if (r.per.value == "address") == per_address)


def test_two_replicas_share_one_count_per_account(replicas: tuple[Limits, Limits]) -> None:
    one, two = replicas
    now = datetime.now(UTC)
    allowed = _limit(Action.REDEEM)
    for n in range(allowed):  # the tries alternate between the replicas
        (one if n % 2 else two).take(Action.REDEEM, account=ANA, now=now)
    for limits in (one, two):
        with pytest.raises(TooManyTries) as refused:
            limits.take(Action.REDEEM, account=ANA, now=now)
        assert refused.value.minutes == 15
        assert str(refused.value) == "Too many tries from here. Please wait 15 minutes."
    one.take(Action.REDEEM, account=("http://127.0.0.1:9400", "ben"), now=now)  # Ben's own
    one.take(Action.INVITE, account=ANA, now=now)  # another action's own
    later = now + timedelta(minutes=15, seconds=1)
    two.take(Action.REDEEM, account=ANA, now=later)  # the window has passed


def test_per_address_counts_every_account_and_a_refusal_counts_nothing(
    replicas: tuple[Limits, Limits],
) -> None:
    one, two = replicas
    now = datetime.now(UTC)
    allowed = _limit(Action.REDEEM, per_address=True)
    for n in range(allowed):
        one.take(Action.REDEEM, account=("iss", f"guesser-{n}"), address=ADDRESS, now=now)
    with pytest.raises(TooManyTries):
        two.take(Action.REDEEM, account=("iss", "fresh"), address=ADDRESS, now=now)
    two.take(Action.REDEEM, account=("iss", "fresh"), address="198.51.100.1", now=now)
    # "fresh" was refused once from ADDRESS: that refusal took none of its account's slots
    for _ in range(_limit(Action.REDEEM) - 1):
        two.take(Action.REDEEM, account=("iss", "fresh"), now=now)


def test_two_takers_at_once_never_both_pass_the_last_slot(
    replicas: tuple[Limits, Limits],
) -> None:
    one, two = replicas
    now = datetime.now(UTC)
    allowed = _limit(Action.INVITE)
    for _ in range(allowed - 1):
        one.take(Action.INVITE, account=ANA, now=now)
    rounds = 6
    for n in range(rounds):  # each round: one slot left, two replicas race for it
        passed: list[bool] = []
        start = threading.Barrier(2)

        def race(
            limits: Limits, at: datetime, start: threading.Barrier, passed: list[bool]
        ) -> None:
            start.wait()
            try:
                limits.take(Action.INVITE, account=ANA, now=at)
                passed.append(True)
            except TooManyTries:
                passed.append(False)

        at = now + timedelta(minutes=61 * n)  # a fresh window each round
        if n:
            for _ in range(allowed - 1):
                one.take(Action.INVITE, account=ANA, now=at)
        threads = [
            threading.Thread(target=race, args=(lim, at, start, passed)) for lim in (one, two)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(passed) == [False, True], passed


def test_only_keyed_hashes_are_kept_and_old_attempts_are_pruned(
    replicas: tuple[Limits, Limits], admin_url: str, backend: str
) -> None:
    one, _ = replicas
    now = datetime.now(UTC)
    one.take(Action.SIGN_IN, account=ANA, address=ADDRESS, now=now - timedelta(days=2))
    one.take(Action.SIGN_IN, account=ANA, address=ADDRESS, now=now)
    owner = create_engine(admin_url)
    try:
        with owner.connect() as conn:
            if backend == "postgresql":  # the owner too is under FORCEd row-level security:
                conn.execute(text("SET row_security = off"))  # a superuser reads it all
            rows = conn.execute(select(Attempt.action, Attempt.key_hash, Attempt.at)).all()
    finally:
        owner.dispose()
    assert len(rows) == 2  # today's two (account and address); the older pair is gone
    kept = " ".join(f"{r.action} {r.key_hash}" for r in rows)
    assert ADDRESS not in kept and "ana" not in kept and "9400" not in kept


def test_the_apps_role_cannot_read_or_write_the_attempts(db_url: str, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite: a file on one computer, read by its one app")
    engine = create_engine(db_url)
    try:
        for sql in (
            "SELECT count(*) FROM attempts",
            "INSERT INTO attempts (action, key_hash, at) VALUES ('x', 'y', now())",
            "DELETE FROM attempts",
        ):
            with engine.connect() as conn, pytest.raises(ProgrammingError, match="permission"):
                conn.execute(text(sql))
    finally:
        engine.dispose()


def test_a_new_sign_in_is_limited_per_account_and_a_live_one_is_not(
    db_url: str, journal: object, backend: str
) -> None:
    engine = make_engine(db_url)
    try:
        accounts = Accounts(engine, Limits(engine, SECRET))
        now = datetime.now(UTC)
        allowed = _limit(Action.SIGN_IN)
        for n in range(allowed):
            accounts.sign_in(Identity(*ANA, nonce=f"n{n}"), now=now, address=ADDRESS)
        with pytest.raises(TooManyTries):
            accounts.sign_in(Identity(*ANA, nonce="one-too-many"), now=now, address=ADDRESS)
        for _ in range(3):  # every run of a live sign-in goes on
            accounts.sign_in(Identity(*ANA, nonce="n0"), now=now, address=ADDRESS)
        if backend == "sqlite":  # (PostgreSQL: the app's role cannot count them; see above)
            with engine.connect() as conn:
                counted = conn.execute(select(func.count()).select_from(Attempt)).scalar_one()
            assert counted == 2 * allowed  # each sign-in: its account and its address
    finally:
        engine.dispose()
