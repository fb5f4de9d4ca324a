"""Importers and exporters: a small registry, one module per format (see registry.py).

Importing this package registers every format. `detect` asks them in the order of the import
below: Attune JSON (a JSON object that opens with `"format": "attune"`), the encrypted bundle
(its magic bytes) and Attune CSV (its exact header) — all exact — then Daylio (its exact CSV header), Day One (a zip, or JSON with
Day One's keys), then jrnl, whose sniffing is the loosest (its JSON export, or a text journal
starting with `[YYYY-MM-DD HH:MM]`). A new format registers in its own module and is imported
here.
"""

from . import (  # noqa: F401 - importing registers them, in detection order
    attune_json,
    bundle,
    csv_export,
    daylio,
    dayone,
    jrnl,
    markdown_export,
    pdf_report,
)
from .registry import (
    EXPORTERS,
    IMPORTERS,
    MAX_IMPORT_BYTES,
    Exporter,
    ImportedEntry,
    Importer,
    ImportFailed,
    ImportOptions,
    ImportPreview,
    Skipped,
    detect,
)

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "MAX_IMPORT_BYTES",
    "Exporter",
    "ImportFailed",
    "ImportOptions",
    "ImportPreview",
    "ImportedEntry",
    "Importer",
    "Skipped",
    "detect",
]
