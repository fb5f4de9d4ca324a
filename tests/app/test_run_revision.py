"""A page run reads the journal's revision once (components.services.revision), not once per
cached read that is keyed by it: Together's warm run held 28 transactions, 20 of them this
read (issue 18, item 3). A write through the journal during the run, or anyone's write before
the next run, is still seen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from attune.services import Journal, care
from attune.services import journal as journal_service
from tests.factories import make_entry
from tests.viewers import V

pytestmark = pytest.mark.both_backends

Open = Callable[..., AppTest]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per Journal.revision() call."""
    calls: list[int] = []
    real = journal_service.Journal.revision

    def counted(self: Journal) -> int:
        value = real(self)
        calls.append(value)
        return value

    monkeypatch.setattr(journal_service.Journal, "revision", counted)
    return calls


def test_a_page_run_reads_the_revision_once(
    app: Open, journal: Journal, reads: list[int], backend: str
) -> None:
    sam, alex = journal.add_member("Sam"), journal.add_member("Alex")
    for who in (sam, alex):
        care.acknowledge_safety(journal, V(who.id))
    at = app("views/together.py", member_id=sam.id)
    reads.clear()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(reads) == 1, reads


def test_a_write_before_the_next_run_is_seen(app: Open, journal: Journal, backend: str) -> None:
    sam = journal.add_member("Sam")
    make_entry(journal, sam)
    at = app("views/journal.py", member_id=sam.id)
    assert len(_headers(at)) == 1
    make_entry(journal, sam)  # through another Journal object: nothing of this process's moved
    at.run()
    assert len(_headers(at)) == 2


def _headers(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**")]


def _reads_around_a_write() -> None:
    import streamlit as st

    from components.services import journal, revision

    before = revision()
    again = revision()
    journal().add_member("Robin")  # a write through this process's journal, in this run
    st.session_state["seen"] = (before, again, revision())


def test_a_write_in_the_run_is_read_again(journal: Journal, reads: list[int], backend: str) -> None:
    journal.add_member("Sam")
    at = AppTest.from_function(_reads_around_a_write, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    before, again, after = at.session_state["seen"]
    assert before == again and after > before
    assert len(reads) == 2, reads  # once, and once after the write
