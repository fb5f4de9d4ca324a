"""Pure text helpers: escaping user text for Markdown renderers, snippets, search terms."""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass

HIT_START = "\ue000"
HIT_END = "\ue001"

_PUNCT = frozenset(string.punctuation)
_WORD = re.compile(r"\w+", re.UNICODE)


def escape_markdown(text: str) -> str:
    """Make any user text display literally in a Markdown renderer (Streamlit's included).

    Every ASCII punctuation character is backslash-escaped (CommonMark allows that for all of them),
    so no emphasis, link, image, HTML tag, Streamlit directive (`:red[…]`, `:emoji:`) or `$math$`
    can form. Line breaks become hard breaks; leading spaces become no-break spaces so that
    indentation cannot start a code block.
    """
    out_lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        escaped = "".join("\\" + ch if ch in _PUNCT else ch for ch in line)
        stripped = escaped.lstrip(" \t")
        indent = len(escaped) - len(stripped)
        escaped = "\u00a0" * indent + stripped
        out_lines.append(escaped)
    return "  \n".join(out_lines)


def snippet_to_markdown(snippet: str) -> str:
    """Escape a search snippet and bold its matches (the markers come from storage, not users)."""
    parts = re.split(f"({HIT_START}.*?{HIT_END})", snippet, flags=re.S)
    out = []
    for part in parts:
        if part.startswith(HIT_START) and part.endswith(HIT_END):
            inner = part[1:-1]
            if inner.strip():
                out.append("**" + escape_markdown(inner) + "**")
        else:
            out.append(escape_markdown(part.replace(HIT_START, "").replace(HIT_END, "")))
    return "".join(out)


def strip_hit_markers(snippet: str) -> str:
    return snippet.replace(HIT_START, "").replace(HIT_END, "")


def search_terms(query: str) -> list[str]:
    """The words of a query as FTS5 sees them (letters, digits, underscore in any script)."""
    return _WORD.findall(query)


def snippet(body: str, query: str, width: int = 120) -> str:
    """An excerpt of `body` around the first word the query matches, marked with HIT_START and
    HIT_END. Matched like the FTS query: whole words, the last one as a prefix; a query without
    words matches as a substring."""
    terms = search_terms(query)
    if terms:
        *whole, last = terms
        alternatives = [re.escape(t) + r"(?!\w)" for t in whole] + [re.escape(last)]
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
    elif query.strip():
        pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
    else:
        return _excerpt(body, None, width)
    hit = pattern.search(body)
    return _excerpt(body, hit.span() if hit else None, width)


def _excerpt(body: str, hit: tuple[int, int] | None, width: int) -> str:
    """``body`` around ``hit`` (start, end), the hit marked with HIT_START/HIT_END; without a
    hit, its first ``width`` characters."""
    if hit is None:
        return body[:width] + ("…" if len(body) > width else "")
    a, b = hit
    start = max(0, a - width // 3)
    end = min(len(body), b + width // 2)
    return (
        ("…" if start else "")
        + body[start:a]
        + HIT_START
        + body[a:b]
        + HIT_END
        + body[b:end]
        + ("…" if end < len(body) else "")
    )


def fts_query(query: str) -> str | None:
    """A safe FTS5 MATCH expression: each word quoted (AND), the last one as a prefix.

    Returns None when the query has no searchable word (only punctuation or emoji), so the caller
    can fall back to a plain substring search.
    """
    terms = search_terms(query)
    if not terms:
        return None
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms[:12]]
    quoted[-1] += "*"
    return " ".join(quoted)


_ALNUM = re.compile(r"[^\W_]+")  # a run of letters and digits (any script), nothing else
_NEGATED = re.compile(r"(?:^|\s)-$")  # websearch's "-word": the word is left out
_OR_BEFORE = re.compile(r"(?:^|\s)or\s+$", re.IGNORECASE)  # websearch's "a or b"
TSQUERY_MAX_CHARS = 1_000  # longer queries are cut here (a tsquery has a size limit)


@dataclass(frozen=True)
class TsQuery:
    """A PostgreSQL full-text query built from user text, in two parts that never reach the
    tsquery syntax unchecked: `words` for `websearch_to_tsquery('simple', words)` (which accepts
    any text: quoted phrases, `or`, `-word`), and `prefix`, letters and digits only, for
    `to_tsquery('simple', prefix || ':*')`. Joined with `&&`, or `||` when `either` (the user
    wrote "… or last")."""

    words: str
    prefix: str | None
    either: bool = False


def ts_query(query: str) -> TsQuery | None:
    """The PostgreSQL counterpart of `fts_query`: the words as web search reads them, the last
    one as a prefix. Returns None when the query has no letter or digit (the caller falls back
    to a substring search, like SQLite's). The last word is matched whole instead when it ends
    a quoted phrase or is negated ("-word"): then the whole query goes to websearch."""
    clean = query.replace("\x00", " ")[:TSQUERY_MAX_CHARS]  # PostgreSQL text holds no NUL
    runs = list(_ALNUM.finditer(clean))
    if not runs:
        return None
    last = runs[-1]
    before = clean[: last.start()]
    if before.count('"') % 2 == 1 or _NEGATED.search(before):
        return TsQuery(words=clean, prefix=None)
    either = False
    joined = _OR_BEFORE.search(before)
    if joined and _ALNUM.search(before[: joined.start()]):
        before, either = before[: joined.start()], True
    return TsQuery(
        words=before if _ALNUM.search(before) else "", prefix=last.group(), either=either
    )


def plain_snippet(body: str, query: str, width: int = 120) -> str:
    """A short excerpt of `body` around the first occurrence of `query` (substring search)."""
    idx = body.casefold().find(query.casefold()) if query else -1
    return _excerpt(body, (idx, idx + len(query)) if idx >= 0 else None, width)


def first_line(body: str, width: int = 80) -> str:
    line = body.strip().split("\n", 1)[0] if body.strip() else ""
    return line[:width] + ("…" if len(line) > width else "")


# --- controls shown, not obeyed (exports and the therapist's review) ------------------------------
# C0 and C1 control characters (an ESC sequence recolours or rewrites a terminal, a CR overwrites
# a line) and the bidi embeddings, overrides and isolates (U+202E turns "‮gnp.exe" into what
# reads "exe.png"). The marks (LRM, RLM, ALM) only nudge neutral characters and stay.
_SHOWN = (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SHOWN_HEX = "|".join(f"{c:04x}" for c in _SHOWN)
_UNSHOW = re.compile(r"(\\+)u(" + _SHOWN_HEX + ")")


@functools.cache
def _show_pattern(keep: str) -> re.Pattern[str]:
    chars = "".join(re.escape(chr(c)) for c in _SHOWN if chr(c) not in keep and c != 0x0D)
    cr = r"\r(?!\n)" if "\n" in keep else r"\r"  # a CR ending a line (CRLF) is a line end
    return re.compile(r"(\\*)(?:u(" + _SHOWN_HEX + ")|([" + chars + "])|(" + cr + "))")


def show_controls(text: str, keep: str = "\t\n") -> str:
    """`text` with every control character (except those in `keep`) and every bidi embedding,
    override or isolate written out as `\\u` and four hex digits, so a terminal, a spreadsheet
    or a review screen shows it instead of obeying it. Exactly undone by `unshow_controls`: a
    backslash run written before such a character, or before a literal `u` and the hex of one,
    is doubled (with one more for a character), so the two never read alike."""

    def one(m: re.Match[str]) -> str:
        slashes, literal, char = m.group(1), m.group(2), m.group(3) or m.group(4)
        if literal is not None:
            return slashes * 2 + "u" + literal
        return slashes * 2 + "\\" + f"u{ord(char):04x}"

    return _show_pattern(keep).sub(one, text)


def unshow_controls(text: str) -> str:
    """The inverse of `show_controls` (what the author wrote, read back from an export)."""

    def one(m: re.Match[str]) -> str:
        run, code = len(m.group(1)), m.group(2)
        return "\\" * (run // 2) + (chr(int(code, 16)) if run % 2 else "u" + code)

    return _UNSHOW.sub(one, text)
