"""Words of the abuse limits on a hosted Attune: too many tries, an export too large for one
request. Each is one line to show, and says what to do."""

from .plural import Plural

TOO_MANY_TRIES = Plural(
    "Too many tries from here. Please wait {n} minute.",
    "Too many tries from here. Please wait {n} minutes.",
)
EXPORT_TOO_MANY_ENTRIES = (
    "This export would hold {entries:,} entries, more than the {limit:,} one file can: "
    "choose a narrower date range."
)
EXPORT_TOO_BIG = (
    "This file would be larger than {size}, the most Attune makes at once: "
    "choose a narrower date range."
)
