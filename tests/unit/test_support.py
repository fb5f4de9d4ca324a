"""Helplines and the practitioner's booking link: pure rules behind Support and Settings."""

from __future__ import annotations

import pytest

from attune import messages
from attune.domain.entries import EntryError
from attune.domain.support import (
    Helpline,
    Practitioner,
    clean_booking_url,
    parse_helplines,
    practitioner,
)


def test_helplines_one_per_line() -> None:
    text = "Samaritans | 116 123\n\n  no name here  \nQLife|1800 184 527"
    assert parse_helplines(text) == (
        Helpline("Samaritans", "116 123"),
        Helpline("", "no name here"),
        Helpline("QLife", "1800 184 527"),
    )
    assert parse_helplines("") == ()


@pytest.mark.parametrize("url", ["https://example.org/book", " https://x.example/a?b=c "])
def test_https_links_are_kept(url: str) -> None:
    assert clean_booking_url(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    ["http://example.org", "javascript:alert(1)", "data:text/html,x", "https://", "example.org",
     "https://exa mple.org", "https://example.org/\x00", "ftp://example.org"],
)  # fmt: skip
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(EntryError) as exc:
        clean_booking_url(url)
    assert str(exc.value) == messages.PRACTITIONER_URL_HTTPS


def test_the_preference_wins_and_bad_env_links_are_dropped() -> None:
    assert practitioner("", "", "Env", "https://env.example") == Practitioner(
        "Env", "https://env.example"
    )
    assert practitioner("Pref", "", "Env", "http://env.example") == Practitioner("Pref", "")
    assert not practitioner("", "", "", "")
