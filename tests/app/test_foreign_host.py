"""A request whose Host is not this machine's loopback name gets one neutral line and nothing
else (issue 14, finding 4: DNS rebinding). The browser test is tests/e2e/test_rebinding.py; here
the Host header the WebSocket request carried (`st.context.headers`) is set by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.context import ContextProxy
from streamlit.testing.v1 import AppTest

from attune.security import local_host
from attune.services import Journal
from components.lock import NOT_HERE
from tests.factories import make_entry, make_member

ROOT = Path(__file__).resolve().parents[2]
SECRET = "quokkaprivatesecret"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:8501",
        "localhost:8501",
        "LOCALHOST",
        "[::1]:8501",
        "127.0.0.1",
        "::1",
        "127.1.2.3:9000",
        "localhost.:8501",
        None,
        "",
    ],
)
def test_loopback_names_are_local(host: str | None) -> None:
    assert local_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:8501",
        "evil.example",
        "localhost.evil.example:8501",
        "127.0.0.1.nip.io:8501",
        "192.168.1.5:8501",
        "[fe80::1]:8501",
        "0.0.0.0:8501",
        "attune.local:8501",
    ],
)
def test_other_names_are_not(host: str) -> None:
    assert not local_host(host)


def _with_host(monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    monkeypatch.setattr(ContextProxy, "headers", property(lambda _self: {"Host": host}))


@pytest.mark.parametrize(
    "script", ["app.py", "views/today.py", "views/journal.py", "views/settings.py"]
)
def test_a_foreign_host_runs_nothing(
    script: str, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_entry(journal, make_member(journal), body=f"{SECRET} words")
    _with_host(monkeypatch, "evil.example:8501")
    at = AppTest.from_file(str(ROOT / script), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.text] == [NOT_HERE]
    assert not at.title and not at.markdown and not at.sidebar.selectbox


def test_the_loopback_host_opens_the_journal(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_entry(journal, make_member(journal), body=f"{SECRET} words")
    _with_host(monkeypatch, "127.0.0.1:8501")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert NOT_HERE not in [t.value for t in at.text]
    assert at.title
