"""The one dependency rule (DESIGN.md): attune/ never imports streamlit; UI code never imports
sqlalchemy; and nothing reads ../shared at run or test time."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_attune_never_imports_streamlit() -> None:
    offenders = [p for p in (ROOT / "attune").rglob("*.py") if "streamlit" in imports(p)]
    assert offenders == []


def test_ui_never_imports_sqlalchemy() -> None:
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]
    offenders = [p for p in files if imports(p) & {"sqlalchemy", "alembic"}]
    assert offenders == []


def test_no_user_text_reaches_raw_html() -> None:
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in source, path
        assert "st.html(" not in source, path


def test_nothing_reads_shared() -> None:
    for path in [*ROOT.glob("*.py"), *ROOT.glob("[acpbt]*/**/*.py"), ROOT / "Makefile"]:
        if path.is_file() and ".venv" not in path.parts and path.name != "test_layout.py":
            assert "../shared" not in path.read_text(encoding="utf-8"), path


def test_server_config_stays_local() -> None:
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert 'address = "127.0.0.1"' in config
    assert "gatherUsageStats = false" in config
    assert "enableXsrfProtection = true" in config
