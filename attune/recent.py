"""A small thread-safe map that keeps only the most recently used keys (an LRU), for what is
worth keeping in memory between reruns but must stay bounded: Trends' cached history and the
words in use. A `cachetools.LRUCache` behind a lock (cachetools' caches are not thread-safe)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache

V = TypeVar("V")


class Recent(Generic[V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._items: LRUCache[Hashable, V] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        """The value kept for ``key`` (now the most recently used), or None."""
        with self._lock:
            return self._items.get(key)

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The kept value, or ``make()`` kept (made outside the lock: it may read a database)."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
