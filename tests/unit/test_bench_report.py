"""The bench writes its figures into docs/performance.md (issue 17 item 11), never the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import report

PAGE = "# Performance\n\nWords above.\n\n## Latest figures\n\nold table\n\n## After\n\nkept\n"


def test_figures_go_into_docs_performance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert report.DOC == report.ROOT / "docs" / "performance.md"
    assert not hasattr(report, "README")
    page = tmp_path / "performance.md"
    page.write_text(PAGE)
    monkeypatch.setattr(report, "DOC", page)
    report.update_doc("| new | table |")
    text = page.read_text()
    assert "Words above." in text and "## After\n\nkept" in text
    assert "| new | table |" in text and "old table" not in text


def test_the_page_holds_the_figures_of_results_json() -> None:
    section = report.markdown(*report.read_json())
    assert section.strip() in report.DOC.read_text()
