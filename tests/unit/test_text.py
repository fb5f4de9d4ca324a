"""The safe-rendering helper, checked against a real CommonMark renderer (markdown-it)."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from attune.domain.text import (
    HIT_END,
    HIT_START,
    escape_markdown,
    fts_query,
    plain_snippet,
    snippet_to_markdown,
)

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
ALLOWED_TAGS = {"p", "/p", "br", "br /"}


def rendered_text(source: str) -> tuple[set[str], str]:
    out = MD.render(source)
    tags = set(re.findall(r"<([^>]+)>", out))
    text = html.unescape(re.sub(r"<[^>]+>", "", out))
    return tags, text


def normalise(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


HOSTILE = [
    "<b>x</b>",
    "![x](http://example.invalid/p.png)",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "**bold** _it_ `code` ~~strike~~",
    "# heading\n> quote\n- list\n1. item",
    "    indented code",
    "```\nfence\n```",
    ":red[coloured] :smile: $x^2$",
    "<https://example.invalid>",
    "http://example.invalid/autolink",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "&lt;b&gt; &amp; &#x3C;",
    "\\*escaped\\*",
    "line one\nline two\r\nline three",
]


def test_hostile_markup_is_shown_literally() -> None:
    for text in HOSTILE:
        tags, shown = rendered_text(escape_markdown(text))
        assert tags <= ALLOWED_TAGS, (text, tags)
        assert normalise(shown) == normalise(text), text


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_any_text_renders_as_itself(text: str) -> None:
    tags, shown = rendered_text(escape_markdown(text))
    assert tags <= ALLOWED_TAGS
    # CommonMark turns NUL into U+FFFD; everything else must come back as typed.
    assert normalise(shown) == normalise(text.replace("\x00", "\ufffd"))


def test_snippet_bolds_only_the_match() -> None:
    md = snippet_to_markdown(f"before <b>{HIT_START}river{HIT_END}</b> after")
    tags, shown = rendered_text(md)
    assert tags <= ALLOWED_TAGS | {"strong", "/strong"}
    assert normalise(shown) == "before <b>river</b> after"


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('river "NEAR" OR -x*') == '"river" "NEAR" "OR" "x"*'
    assert fts_query("!!! ???") is None
    assert fts_query("") is None


def test_plain_snippet_marks_the_substring() -> None:
    snip = plain_snippet("a" * 100 + "🙂 here" + "b" * 100, "🙂")
    assert f"{HIT_START}🙂{HIT_END}" in snip
    assert snip.startswith("…") and snip.endswith("…")
