"""Names of the people on a journal: each must be easy to tell apart from every other.

A name that looks like another member's could pass for them in the sidebar, on a shared entry
or in a conversation. So a new name (or a rename) is refused when it

- holds an invisible or direction-changing character: a control, a zero-width space or joiner,
  a bidi mark, embedding, override or isolate, a variation selector, a filler (`invisible`);
- is equal to another member's name after NFKC normalisation and case folding, or after every
  letter is replaced by the one it is confusable with (Cyrillic "а" for Latin "a", Greek "Ο"
  for "O", "I" for "l", full-width and mathematical letters…): `skeleton`.

The confusable letters come from Unicode's confusables data as the `confusable_homoglyphs`
package ships it (a pinned dependency). Letters it lists as look-alikes of each other are
joined into one class (transitively) and each class is written as its smallest code point;
multi-letter look-alikes ("rn" for "m") are not followed. The classes are built once, on the
first name checked (about 0.2 s)."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from .entries import EntryError, clean_member_name

TAKEN = "Someone on this journal already has that name."
LOOKS_LIKE = "That name looks too much like {name}'s. Choose one that is easy to tell apart."
INVISIBLE = "A name cannot hold invisible or direction-changing characters."

# Default-ignorable code points that are not in the Cf category (which covers zero-width
# spaces and joiners, bidi marks, embeddings, overrides and isolates, the BOM and soft hyphen).
_IGNORABLE = frozenset(
    [
        *(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, 0x2800),
        *range(0x180B, 0x1810),
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
    ]
)


def invisible(ch: str) -> bool:
    """A character that shows nothing or changes the direction of what follows."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co") or ord(ch) in _IGNORABLE


@functools.cache
def _classes() -> dict[str, str]:
    """Each confusable letter -> the smallest code point of its class."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for key, glyphs in confusables_data.items():
        if len(key) != 1:
            continue
        for glyph in glyphs:
            other = glyph["c"]
            if len(other) != 1:
                continue
            a, b = find(key), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {ch: find(ch) for ch in parent}


def _glyphs(text: str) -> str:
    classes = _classes()
    return "".join(classes.get(ch, ch) for ch in text)


def skeleton(name: str) -> str:
    """What a name looks like: NFKC, each letter by its class, case folded, classes again (so
    "I" and "l", equal in many fonts before case folding, meet too)."""
    text = unicodedata.normalize("NFKC", name)
    text = unicodedata.normalize("NFKC", _glyphs(text).casefold())
    return _glyphs(text)


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def look_alike(a: str, b: str) -> bool:
    return skeleton(a) == skeleton(b)


def clean_name(raw: str, others: Iterable[str] = ()) -> str:
    """The name to store (trimmed, NFC), or EntryError with one readable line: empty, too long,
    an invisible character, or looks like one of `others` (the other members' names)."""
    name = clean_member_name(raw)
    if any(invisible(ch) for ch in name):
        raise EntryError(INVISIBLE)
    folded, mine = _folded(name), skeleton(name)
    for other in others:
        if _folded(other) == folded:
            raise EntryError(TAKEN)
        if skeleton(other) == mine:
            raise EntryError(LOOKS_LIKE.format(name=other))
    return name
