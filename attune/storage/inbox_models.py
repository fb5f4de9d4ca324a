"""A practitioner's inbox on a hosted Attune (migration 0018): the exports clients send to their
practitioner, until they withdraw them. Part of `models` (which imports this module)."""

from __future__ import annotations
