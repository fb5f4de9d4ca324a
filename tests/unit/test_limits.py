"""Abuse limits, the pure part (attune.domain.limits): windows, scaling, keyed hashes, and who
"one address" is behind a reverse proxy — with hostile X-Forwarded-For headers. Also the one
upload bound held together with Streamlit's, and the migration's pruning with KEEP."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune.config import load_settings
from attune.domain import limits as lim
from attune.domain.limits import Action, Per, Rule, client_address, parse_address, parse_trusted
from attune.exchange import registry
from attune.messages import limits as words

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)
RULE = Rule(Action.REDEEM, Per.ACCOUNT, 5, timedelta(minutes=15))
PROXY = parse_trusted("127.0.0.1, 10.0.0.0/8, ::1")

offsets = st.lists(st.integers(min_value=0, max_value=3600), max_size=30)


@given(offsets)
def test_a_slot_is_free_exactly_while_fewer_than_the_limit_fall_in_the_window(
    seconds_ago: list[int],
) -> None:
    times = [NOW - timedelta(seconds=s) for s in seconds_ago]
    inside = sorted((t for t in times if NOW - RULE.window < t), reverse=True)
    wait = lim.wait_for(times, RULE, NOW)
    assert (wait is None) == (len(inside) < RULE.limit)
    if wait is not None:  # after waiting, a slot is free; a second earlier, none is
        assert timedelta(0) < wait <= RULE.window
        assert lim.wait_for(times, RULE, NOW + wait) is None
        assert lim.wait_for(times, RULE, NOW + wait - timedelta(seconds=1)) is not None


@given(offsets)
def test_taking_slots_one_by_one_lets_exactly_the_limit_through(seconds_ago: list[int]) -> None:
    times: list[datetime] = []
    taken = 0
    for _ in range(RULE.limit + 3):
        if lim.wait_for(times, RULE, NOW) is None:
            times.append(NOW)
            taken += 1
    assert taken == RULE.limit


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=2)))
def test_minutes_to_wait_are_whole_rounded_up_and_at_least_one(wait: timedelta) -> None:
    n = lim.minutes(wait)
    assert (
        n >= 1 and n * 60 >= wait.total_seconds() and (n - 1) * 60 < max(wait.total_seconds(), 60)
    )


def test_the_one_line_says_how_long() -> None:
    assert words.TOO_MANY_TRIES.format(n=1) == "Too many tries from here. Please wait 1 minute."
    assert words.TOO_MANY_TRIES.format(n=7) == "Too many tries from here. Please wait 7 minutes."


def test_every_action_is_limited_per_account_and_per_address_within_what_is_kept() -> None:
    for action in Action:
        assert {r.per for r in lim.rules_for(action)} == {Per.ACCOUNT, Per.ADDRESS}
    assert all(r.window < lim.KEEP and r.limit >= 1 for r in lim.RULES)


def test_a_practice_behind_one_address_and_the_load_test_fit_the_defaults() -> None:
    (per_address,) = [r for r in lim.rules_for(Action.SIGN_IN) if r.per is Per.ADDRESS]
    assert per_address.limit >= 40 and per_address.window <= timedelta(minutes=15)
    scaled = lim.rules_for(Action.SIGN_IN, 10)
    assert [r.limit for r in scaled] == [20, 1200]  # per account unchanged
    with pytest.raises(ValueError, match="scale"):
        lim.rules_for(Action.SIGN_IN, 0)


def test_keyed_hashes_hide_the_address_and_depend_on_the_key() -> None:
    one = lim.key_hash(b"k1", Per.ADDRESS, "203.0.113.7")
    assert "203.0.113.7" not in one and len(one) == 64
    assert one == lim.key_hash(b"k1", Per.ADDRESS, "203.0.113.7")
    assert one != lim.key_hash(b"k2", Per.ADDRESS, "203.0.113.7")
    assert one != lim.key_hash(b"k1", Per.ACCOUNT, "203.0.113.7")


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("203.0.113.7", "203.0.113.7"),
        (" 203.0.113.7:51234 ", "203.0.113.7"),
        ("::ffff:198.51.100.2", "198.51.100.2"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("fe80::1%eth0", "fe80::1"),
        ('"192.0.2.1"', "192.0.2.1"),
        ("unknown", None),
        ("", None),
        ("999.1.1.1", None),
        ("1.2.3.4.5", None),
        ("[::1", None),
        ("<script>alert(1)</script>", None),
        ("1" * 5000, None),
        ("\x00127.0.0.1", None),
    ],
)
def test_parse_address(raw: str, found: str | None) -> None:
    assert parse_address(raw) == found


def test_the_peer_counts_when_it_is_not_a_trusted_proxy() -> None:
    spoofed = ["1.1.1.1"]
    assert client_address("203.0.113.7", spoofed, PROXY) == "203.0.113.7"
    assert client_address("203.0.113.7", spoofed, ()) == "203.0.113.7"
    assert client_address(None, spoofed, ()) == "127.0.0.1"  # loopback, as Streamlit says


@pytest.mark.parametrize(
    ("headers", "client"),
    [
        (["198.51.100.9"], "198.51.100.9"),  # the proxy's own line
        (["6.6.6.6, 198.51.100.9"], "198.51.100.9"),  # a forged left part is passed over
        (["6.6.6.6", "198.51.100.9"], "198.51.100.9"),  # the client's header, then the proxy's
        (["garbage, 198.51.100.9"], "198.51.100.9"),
        (["198.51.100.9, 10.1.2.3"], "198.51.100.9"),  # through two trusted proxies
        (["10.9.9.9, 10.1.2.3"], "10.9.9.9"),  # every hop trusted: the leftmost
        (["garbage"], "127.0.0.1"),  # nothing believable: the proxy itself
        (["198.51.100.9, unknown"], "127.0.0.1"),
        ([], "127.0.0.1"),
        ([""], "127.0.0.1"),
        (["," * 10_000 + "198.51.100.9"], "198.51.100.9"),
        (["::ffff:198.51.100.9"], "198.51.100.9"),
        (["::1, 2001:db8::5"], "2001:db8::5"),
    ],
)
def test_behind_a_trusted_proxy_the_chain_is_read_from_the_right(
    headers: list[str], client: str
) -> None:
    assert client_address("127.0.0.1", headers, PROXY) == client
    assert client_address(None, headers, PROXY) == client  # Streamlit's None for loopback


@given(st.lists(st.text(max_size=80), max_size=5))
def test_no_header_makes_a_trusted_proxys_client_anything_but_an_address(
    headers: list[str],
) -> None:
    chain = [*headers, "198.51.100.9"]  # the proxy appends the address it saw
    assert client_address("127.0.0.1", chain, PROXY) == "198.51.100.9"
    found = client_address("127.0.0.1", headers, PROXY)
    assert parse_address(found) == found


def test_trusted_proxies_must_be_addresses_or_networks() -> None:
    assert parse_trusted("") == ()
    assert len(parse_trusted("127.0.0.1 ::1,10.0.0.0/8")) == 3
    with pytest.raises(ValueError, match="ATTUNE_TRUSTED_PROXIES"):
        parse_trusted("127.0.0.1, proxy.example.org")


def test_settings_for_the_limits() -> None:
    base = {"ATTUNE_DATA_DIR": "/tmp/x"}
    settings = load_settings(base)
    assert (settings.trusted_proxies, settings.address_limit_scale) == ("", 1)
    assert load_settings({**base, "ATTUNE_ADDRESS_LIMIT_SCALE": "20"}).address_limit_scale == 20
    for bad in ("0", "-1", "x", "1.5", "100000"):
        with pytest.raises(ValueError, match="ATTUNE_ADDRESS_LIMIT_SCALE"):
            load_settings({**base, "ATTUNE_ADDRESS_LIMIT_SCALE": bad})


def test_one_upload_bound_and_streamlits_is_as_strict() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == registry.MAX_UPLOAD_MB
    assert config["server"]["maxUploadSize"] * 1024 * 1024 <= registry.MAX_IMPORT_BYTES


def test_the_migration_prunes_what_keep_says() -> None:
    assert timedelta(days=1) == lim.KEEP
    text = (ROOT / "attune/storage/migrations/versions/0019_abuse_limits.py").read_text()
    assert "interval '1 day'" in text
