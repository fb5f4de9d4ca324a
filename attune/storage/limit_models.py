"""Abuse limits on a hosted Attune (migration 0019): the attempts counted per account and per
address, shared by every replica. Part of `models` (which imports this module)."""

from __future__ import annotations
