"""Unlock attempts are not unlimited (issue 14, finding 11): after a few wrong passphrases each
further try waits longer, per member. The wait is kept in the database, so a page reload, another
browser session or the command line meet it too; while it runs the passphrase is not even checked.
The clock is the service's own (`together._clock`), moved by hand here."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from attune import crypto, security
from attune.cli import main
from attune.domain.errors import TryLater
from attune.services import Journal, together

SECRET = "river stones"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(together, "_clock", c)
    return c


@pytest.fixture
def members(journal: Journal) -> tuple[int, int]:
    sam, alex = journal.add_member("Sam").id, journal.add_member("Alex").id
    together.set_passphrase(journal, sam, SECRET)
    together.set_passphrase(journal, alex, "alex's own words")
    return sam, alex


def _fail(journal: Journal, member: int) -> None:
    assert together.unlock_viewer(journal, member, "wrong guess") is None


def test_wrong_passphrases_make_the_next_try_wait_longer_and_longer(
    journal: Journal, members: tuple[int, int], clock: Clock
) -> None:
    sam, _ = members
    for _ in range(together.FREE_TRIES):  # a typo or two costs nothing
        _fail(journal, sam)
    assert together.next_try(journal, sam) is None
    waits = []
    for _ in range(8):
        _fail(journal, sam)
        until = together.next_try(journal, sam)
        assert until is not None and until > clock.now
        waits.append(until - clock.now)
        with pytest.raises(TryLater) as caught:  # even the right one waits: nothing is checked
            together.unlock_viewer(journal, sam, SECRET)
        assert caught.value.until == until
        clock.now = until
    assert waits == sorted(waits) and waits[-1] >= 8 * waits[0]
    assert max(waits) <= together.MAX_WAIT_SECONDS


def test_the_wait_is_per_member_and_a_right_passphrase_clears_it(
    journal: Journal, members: tuple[int, int], clock: Clock
) -> None:
    sam, alex = members
    for _ in range(together.FREE_TRIES + 3):
        try:
            _fail(journal, sam)
        except TryLater as exc:
            clock.now = exc.until
            _fail(journal, sam)
    assert together.next_try(journal, sam) is not None
    assert together.next_try(journal, alex) is None
    assert together.unlock_viewer(journal, alex, "alex's own words") is not None
    clock.now += together.MAX_WAIT_SECONDS
    assert together.unlock_viewer(journal, sam, SECRET) is not None
    _fail(journal, sam)  # the count starts again from nothing
    assert together.next_try(journal, sam) is None


def test_the_wait_survives_a_new_service_and_holds_in_the_command_line(
    journal: Journal, members: tuple[int, int], clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam, _ = members
    for _ in range(together.FREE_TRIES + 1):
        _fail(journal, sam)
    fresh = Journal(journal.settings)  # another process, or the server after a restart
    assert together.next_try(fresh, sam) == together.next_try(journal, sam)
    fresh.close()
    monkeypatch.setenv("SAM_PASS", SECRET)
    result = CliRunner().invoke(main, ["--unlock-env", "SAM_PASS", "stats", "--member", "Sam"])
    assert result.exit_code == 1
    assert "next try is possible" in result.output
    assert "Traceback" not in result.output


def test_checking_the_current_passphrase_in_settings_counts_too(
    journal: Journal, members: tuple[int, int], clock: Clock
) -> None:
    sam, _ = members
    for _ in range(together.FREE_TRIES + 1):
        with pytest.raises(security.PassphraseError):
            together.set_passphrase(journal, sam, "a new passphrase", current="wrong guess")
    with pytest.raises(TryLater):
        together.set_passphrase(journal, sam, "a new passphrase", current=SECRET)
