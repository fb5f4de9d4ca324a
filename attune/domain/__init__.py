"""Dataclasses, enums and pure rules: no I/O, no frameworks."""
