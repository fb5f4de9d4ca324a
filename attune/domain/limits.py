"""Abuse limits on a hosted Attune: how many sign-ins and invitation attempts one account and
one address may make in a while, and who "one address" is behind a reverse proxy.

Pure functions: the attempts themselves are counted in the database (attune.storage.limits), so
every replica shares one count. What is counted is keyed by a keyed hash (`key_hash`) of the
account (issuer + subject) or of the address, never the address itself.

The windows: a slot is free while fewer than `limit` attempts of that action for that key fall
in the last `window`; when none is, the person waits until the oldest of the last `limit` leaves
the window. Limits per address are multiplied by `scale` (ATTUNE_ADDRESS_LIMIT_SCALE): a
practice whose clients all come from one address, or a load test from 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Action(StrEnum):
    SIGN_IN = "sign_in"  # a new server-side sign-in (not every run of one)
    REDEEM = "redeem"  # an invitation code typed in, right or wrong
    INVITE = "invite"  # an invitation code made


class Per(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


@dataclass(frozen=True)
class Rule:
    action: Action
    per: Per
    limit: int
    window: timedelta


MINUTE = timedelta(minutes=1)

RULES: tuple[Rule, ...] = (
    # Someone signing in on their phone, laptop and a friend's computer, a few times over: a
    # handful; an identity provider misbehaving in a loop: many.
    Rule(Action.SIGN_IN, Per.ACCOUNT, 20, 15 * MINUTE),
    # A practice behind one address: every client signing in at the start of a group session.
    Rule(Action.SIGN_IN, Per.ADDRESS, 120, 15 * MINUTE),
    # A code mistyped a few times; guessing codes (about 60 bits each) is hopeless anyway.
    Rule(Action.REDEEM, Per.ACCOUNT, 5, 15 * MINUTE),
    Rule(Action.REDEEM, Per.ADDRESS, 30, 15 * MINUTE),
    Rule(Action.INVITE, Per.ACCOUNT, 10, 60 * MINUTE),
    Rule(Action.INVITE, Per.ADDRESS, 60, 60 * MINUTE),
)
# Attempts older than this count for nothing and are removed (longer than every window).
KEEP = timedelta(days=1)
TOO_LONG = 200  # an address as text longer than this is not one


def rules_for(action: Action, scale: int = 1) -> tuple[Rule, ...]:
    """The rules of `action`, per-address limits multiplied by `scale` (at least 1)."""
    if scale < 1:
        raise ValueError("the scale of the limits per address is a whole number, 1 or more")
    return tuple(
        Rule(r.action, r.per, r.limit * scale if r.per is Per.ADDRESS else r.limit, r.window)
        for r in RULES
        if r.action is action
    )


def wait_for(times: Iterable[datetime], rule: Rule, now: datetime) -> timedelta | None:
    """None when the rule has a free slot at `now` given these earlier attempts' times; else
    how long until one is free."""
    recent = sorted((t for t in times if now - rule.window < t <= now), reverse=True)
    if len(recent) < rule.limit:
        return None
    return recent[rule.limit - 1] + rule.window - now


def longest_wait(waits: Iterable[timedelta | None]) -> timedelta | None:
    found = [w for w in waits if w is not None]
    return max(found) if found else None


def minutes(wait: timedelta) -> int:
    """Whole minutes to tell someone to wait: rounded up, at least 1."""
    return max(1, math.ceil(wait.total_seconds() / 60))


def key_hash(secret: bytes, per: Per, value: str) -> str:
    """A keyed one-way hash of an account or an address: counted, never stored as itself."""
    message = "\x1f".join(("attune-limit", per.value, value)).encode("utf-8", "replace")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def account_value(issuer: str, subject: str) -> str:
    return f"{issuer}\x1f{subject}"


# --- the client's address -----------------------------------------------------------------------
def parse_trusted(raw: str) -> tuple[IPNetwork, ...]:
    """ATTUNE_TRUSTED_PROXIES: addresses or networks, separated by commas or spaces
    (`127.0.0.1, 10.0.0.0/8, ::1`). ValueError names a bad one."""
    out = []
    for part in raw.replace(",", " ").split():
        try:
            out.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(
                f"ATTUNE_TRUSTED_PROXIES: {part[:60]!r} is not an address or a network"
            ) from None
    return tuple(out)


def parse_address(raw: str) -> str | None:
    """One address as a proxy wrote it, normalised (`::ffff:1.2.3.4` is 1.2.3.4, `[::1]:80` is
    ::1, `1.2.3.4:5678` is 1.2.3.4), or None when it is not one ("unknown", garbage, too long)."""
    text = raw.strip().strip('"')
    if not text or len(text) > TOO_LONG:
        return None
    if text.startswith("["):  # [v6] or [v6]:port
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    text = text.split("%", 1)[0]  # no zone index
    try:
        found = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
        found = found.ipv4_mapped
    return str(found)


def _trusted(address: str, trusted: Sequence[IPNetwork]) -> bool:
    found = ipaddress.ip_address(address)
    return any(found.version == net.version and found in net for net in trusted)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[IPNetwork]
) -> str:
    """Who to count: the direct peer, unless it is a trusted proxy — then the X-Forwarded-For
    chain (every header's values, in order) is read from the right, each trusted hop passed,
    and the first address that is not a trusted proxy is the client. A value that is not an
    address stops the walk at the hop that added it (a client cannot hide behind garbage: the
    proxy appends the address it saw, to the right of anything the client sent). No peer (a
    loopback connection, as Streamlit reports it) is 127.0.0.1."""
    current = parse_address(peer or "") or "127.0.0.1"
    if not _trusted(current, trusted):
        return current
    hops = [part for value in forwarded_for for part in str(value).split(",")]
    for raw in reversed(hops[-64:]):
        found = parse_address(raw)
        if found is None:
            return current
        current = found
        if not _trusted(current, trusted):
            return current
    return current
