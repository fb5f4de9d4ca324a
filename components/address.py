"""Who "one address" is, for the abuse limits: the connection's peer as Streamlit saw it
(`st.context.ip_address`; None for a loopback connection, counted as 127.0.0.1), or — only when
that peer is one of ATTUNE_TRUSTED_PROXIES — the client the proxies' X-Forwarded-For names
(attune.domain.limits.client_address, which reads the header from the right). A header from
anyone else is never believed. Kept only as a keyed hash (attune.services.limits)."""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

import streamlit as st

from attune.config import load_settings
from attune.domain.limits import IPNetwork, client_address, parse_trusted
from attune.services.limits import Limits

from .services import journal


@cache
def _trusted(raw: str) -> tuple[IPNetwork, ...]:
    return parse_trusted(raw)


def address() -> str:
    """This session's client address, as the limits count it."""
    trusted = _trusted(load_settings().trusted_proxies)
    forwarded: list[str] = []
    if trusted:
        try:
            forwarded = st.context.headers.get_all("X-Forwarded-For")
        except Exception:  # no request (a test run): no header
            forwarded = []
    return client_address(st.context.ip_address, forwarded, trusted)


def limit_secret(cookie_secret: str) -> bytes:
    """The limits' hash key, from the sign-in cookie secret, which every replica shares (and
    which is not the key itself: the cookie's signature never meets the counts)."""
    return hmac.new(cookie_secret.encode(), b"attune-limits", hashlib.sha256).digest()


def _secret() -> bytes | None:
    try:
        cookie_secret = str(st.secrets["auth"]["cookie_secret"])
    except Exception:  # no sign-in set up: this process's own key (Limits makes one)
        return None
    return limit_secret(cookie_secret)


@st.cache_resource(show_spinner=False)
def _limits(url: str, scale: int) -> Limits:
    return Limits(journal().engine, _secret(), scale)


def limits() -> Limits:
    settings = load_settings()
    return _limits(settings.database_url, settings.address_limit_scale)
