"""Attune: a local-first reflection and relationship-wellbeing journal."""

__version__ = "0.1.0"
