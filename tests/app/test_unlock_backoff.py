"""The unlock form after many wrong passphrases (issue 14, finding 11): one line says when the next
try is possible; until then even the right passphrase does not open the journal — in this
browser session, after a reload, and in another browser session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from attune import messages
from attune.services import Journal, together
from tests.app.test_lock import SECRET, fast_kdf, locked, sam_protected, shown, unlock

Open = Callable[..., AppTest]
__all__ = ["fast_kdf", "sam_protected"]  # fixtures shared with test_lock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [2_000_000_000.0]
    monkeypatch.setattr(together, "_clock", lambda: now[0])
    return now


def test_the_form_says_when_the_next_try_is_possible(
    app: Open, sam_protected: tuple[int, int], clock: list[float], journal: Journal
) -> None:
    sam = sam_protected[0]
    at = app(None, member_id=sam)
    for _ in range(together.FREE_TRIES):
        unlock(at, "not it")
        assert [e.value for e in at.error] == [messages.WRONG_PASSPHRASE]
    unlock(at, "not it")
    (line,) = [e.value for e in at.error]
    assert line.startswith(messages.WRONG_PASSPHRASE + " Too many wrong passphrases")
    assert "next try is possible at" in line and "\n" not in line

    unlock(at)  # the right passphrase, too soon: not even checked
    assert locked(at) and SECRET not in shown(at)
    assert "next try is possible at" in at.error[0].value

    again = app(None, member_id=sam)  # a reload, or another browser session
    assert locked(again)
    assert "next try is possible at" in again.error[0].value
    unlock(again)
    assert locked(again) and SECRET not in shown(again)

    until = together.next_try(journal, sam)
    assert until is not None
    clock[0] = until
    unlock(again)
    assert not locked(again) and SECRET in shown(again)
    assert together.next_try(journal, sam) is None
