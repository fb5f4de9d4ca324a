"""Layout rules a text scan can check: raw HTML only in the pacer, no pages/ folder, nothing
reads ../shared. The dependency rule itself is import-linter's (pyproject.toml, `make test`)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


RAW_HTML_ALLOWED = ROOT / "components" / "pacer.py"


def test_no_user_text_reaches_raw_html() -> None:
    """No UI file uses raw HTML, except the breathing pacer (components/pacer.py), whose markup
    is built only from the shipped practices' numbers and fixed labels; see the test below."""
    files = [ROOT / "app.py", *(ROOT / "views").glob("*.py"), *(ROOT / "components").glob("*.py")]
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in source, path
        if path != RAW_HTML_ALLOWED:
            assert "st.html(" not in source, path
    assert RAW_HTML_ALLOWED.read_text(encoding="utf-8").count("st.html(") == 1


class _Parts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.style: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        self.attrs += [(k, v or "") for k, v in attrs]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.style if self._in_style else self.text).append(data)


def test_pacer_html_is_built_only_from_numbers_and_constants() -> None:
    """The one st.html call renders `pacer_html(practice_id)`. For every shipped practice with a
    pacer, its output holds: visible text = that practice's own phase labels and "<n> s"; no
    attribute but fixed class names, a role and an aria-label made of the same labels and
    numbers; no script, link, image or URL; CSS made of a fixed alphabet. The builder takes an
    id (looked up in data/practices.yaml), so nothing a person types can reach it."""
    from attune.content import load_library
    from components.pacer import pacer_html

    practices = [p for p in load_library().practices if p.pacer]
    assert practices
    for practice in practices:
        assert practice.pacer is not None
        out = pacer_html(practice.id)
        parts = _Parts()
        parts.feed(out)
        labels = {label for label, _ in practice.pacer}
        for chunk in filter(str.strip, parts.text):
            assert chunk in labels or re.fullmatch(r"\d+(\.\d+)? s", chunk), chunk
        assert parts.tags <= {"style", "div", "span"}
        aria = ", ".join(f"{label} {sec:g} s" for label, sec in practice.pacer)
        for name, value in parts.attrs:
            if name == "class":
                assert re.fullmatch(r"[a-z0-9 -]+", value), value
            else:
                assert (name, value) in {("role", "img"), ("aria-label", aria)}, (name, value)
        css = "".join(parts.style)
        assert re.fullmatch(r"[A-Za-z0-9\s\-.,%#:;{}()*@]+", css), "unexpected character in CSS"
        assert not any(label in css for label in labels)
        assert not re.search(r"url|import|expression|javascript|@font", css, re.I)


def test_nothing_reads_shared() -> None:
    for path in [*ROOT.glob("*.py"), *ROOT.glob("[acpbt]*/**/*.py"), ROOT / "Makefile"]:
        if path.is_file() and ".venv" not in path.parts and path.name != "test_layout.py":
            assert "../shared" not in path.read_text(encoding="utf-8"), path


def test_server_config_stays_local() -> None:
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert 'address = "127.0.0.1"' in config
    assert "gatherUsageStats = false" in config
    assert "enableXsrfProtection = true" in config


def test_no_pages_folder_next_to_the_app() -> None:
    """A `pages/` folder beside app.py switches on Streamlit's legacy page discovery: on a fresh
    server, a direct URL would run that screen without app.py's frame and lock. Screens live in
    views/ and are reached only through st.navigation."""
    assert not (ROOT / "pages").exists()


APP_CODE = ("attune", "components", "views")


def test_ruff_format_owns_the_layout() -> None:
    """No `# fmt: skip` / `# fmt: off` in application code: the formatter decides the layout."""
    marked = [
        f"{p.relative_to(ROOT)}:{n}"
        for folder in APP_CODE
        for p in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "fmt: skip" in line or "fmt: off" in line
    ]
    assert marked == []


def test_modules_stay_small() -> None:
    """A module past ~400 lines is a sign to split it (migrations are history, not design)."""
    big = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "attune").rglob("*.py")
        if "migrations" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert big == {}
