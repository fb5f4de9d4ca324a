"""One engine per server database for every journal a process serves.

A hosted server opens a `Journal` per household it serves; each used to make its own engine,
so each held a pool of its own (up to 15 connections on PostgreSQL): a few dozen households
online at once would use up the server's connections. Engines of a server database are shared
here, counted, and disposed of when the last journal that holds one closes. The journal is never
the engine's: it is set per transaction (`Sessions`), so sharing widens nothing.

A SQLite file is one journal, opened by one `Journal`: it keeps an engine of its own (closing
it must let a restore move the file)."""

from __future__ import annotations

import threading

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from .engine import make_engine

_LOCK = threading.Lock()
_SHARED: dict[str, tuple[Engine, int]] = {}  # url → (engine, journals holding it)


def acquire(url: str) -> Engine:
    """An engine for `url`: the shared one for a server database, a new one for SQLite."""
    if make_url(url).get_backend_name() == "sqlite":
        return make_engine(url)
    with _LOCK:
        engine, holders = _SHARED.get(url) or (make_engine(url), 0)
        _SHARED[url] = (engine, holders + 1)
        return engine


def release(engine: Engine) -> None:
    """A journal is done with `engine`: disposed of once nobody holds it."""
    with _LOCK:
        for url, (shared, holders) in list(_SHARED.items()):
            if shared is engine:
                if holders > 1:
                    _SHARED[url] = (shared, holders - 1)
                    return
                del _SHARED[url]
                break
    engine.dispose()
