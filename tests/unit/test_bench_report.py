"""The bench writes its figures into docs/performance.md (issue 17 item 11); the README holds only
the PostgreSQL scale table, between its markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import report
from bench.results import PG, Figure

PAGE = "# Performance\n\nWords above.\n\n## Latest figures\n\nold table\n\n## After\n\nkept\n"


def test_figures_go_into_docs_performance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert report.DOC == report.ROOT / "docs" / "performance.md"
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


# --- PostgreSQL at scale (bench/postgres.py): its table in docs/performance.md and the README ---
PG_META = {
    "plan": {"entries": 1_000_000, "journals": 1_000, "measured": 100_000},
    "counts": {"journals": 1_000, "members": 2_497, "entries": 1_000_000},
    "database_mb": 1_234,
    "built_s": 321.0,
    "reused": False,
    "server_version": "15.8",
    "rls": True,
    "rls_note": "",
    "step_s": 654.0,
    "load_average": [[1.0, 1.5, 2.0], [2.5, 2.0, 1.75]],
    "measured_on": "2026-12-02T17:45:00+00:00",
}
INFO = {"cpu": "Test CPU", "cores": 2, "postgres": PG_META}


def _figures() -> list[Figure]:
    sqlite = [
        Figure("Today page, warm", 20.0, "ms", 100_000, size=100_000, budget=100.0),
        Figure("import CSV (every entry)", 5.0, "s", 100_000, size=100_000, budget=10.0),
        Figure("Today page, warm", 9.0, "ms", 1_000, size=1_000, budget=100.0),
    ]
    pg = [
        Figure("Today page, warm", 50.0, "ms", 100_000, group=PG, size=1_000_000, budget=100.0),
        Figure("Journal page, cold", 500.0, "ms", 100_000, group=PG, size=1_000_000, budget=400.0),
        Figure("import CSV (every entry)", None, "s", 100_000, group=PG, size=1_000_000,
               budget=10.0, note="not available: failed: IntegrityError"),
    ]  # fmt: skip
    return sqlite + pg


def test_postgres_table_sets_each_figure_beside_sqlite_at_the_measured_size() -> None:
    section = report.postgres_markdown(_figures(), INFO)
    rows = {line.split(" | ")[0].strip("| "): line for line in section.splitlines() if "|" in line}
    assert "| Page or action | SQLite, 100,000 entries | PostgreSQL, 1,000,000 entries |" in section
    # the SQLite figure of the measured journal's size, not another size's; the ratio of the two
    assert rows["Today page, warm"].startswith("| Today page, warm | 20 ms | 50 ms | 2.50× |")
    assert rows["Today page, warm"].endswith("| yes |")
    assert "| not measured | 500 ms |" in rows["Journal page, cold"]  # no SQLite figure
    assert rows["Journal page, cold"].endswith("| **no** |")  # over its 400 ms budget
    assert rows["import CSV (every entry)"].endswith("| not measured |")
    assert "- import CSV (every entry): not available: failed: IntegrityError" in section
    assert "1,000 journals" in section and "row-level security in force" in section
    assert "load average 1.0/1.5/2.0 at its start, 2.5/2.0/1.8 at its end" in section
    assert "| Measure |" not in section  # the README keeps no "| Measure |" table (test_docs)


def test_postgres_section_says_when_row_level_security_was_not_in_force() -> None:
    info = {**INFO, "postgres": {**PG_META, "rls": False, "rls_note": "no attune_app role"}}
    section = report.postgres_markdown(_figures(), info)
    assert "**row-level security not in force**: no attune_app role" in section


def test_no_postgres_run_no_section() -> None:
    assert report.postgres_markdown(_figures()[:3], {"cpu": "x", "cores": 2}) == ""
    assert report.postgres_markdown(_figures(), {"cpu": "x", "cores": 2}) == ""


def test_only_the_bench_markers_block_of_the_readme_is_written(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    start, end = report.README_START, report.README_END
    readme.write_text(f"# Attune\n\nabove\n\n{start}\nold figures\n{end}\n\nbelow\n")
    assert report.update_readme("| new | table |", readme)
    text = readme.read_text()
    assert text == f"# Attune\n\nabove\n\n{start}\n| new | table |\n{end}\n\nbelow\n"
    plain = tmp_path / "plain.md"
    plain.write_text("# No markers\n")
    assert not report.update_readme("| new | table |", plain)
    assert plain.read_text() == "# No markers\n"


def test_the_postgres_section_goes_under_its_own_heading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "performance.md"
    page.write_text(PAGE)
    monkeypatch.setattr(report, "DOC", page)
    report.update_doc("| pg | table |", report.PG_HEADING)
    report.update_doc("| pg | again |", report.PG_HEADING)
    report.update_doc("| newer | table |")
    text = page.read_text()
    assert text.count(report.PG_HEADING) == 1 and "| pg | again |" in text
    assert "| pg | table |" not in text and "| newer | table |" in text and "kept" in text


def test_the_readme_and_the_page_hold_the_last_postgres_run() -> None:
    figures, _, info = report.read_json()
    section = report.postgres_markdown(figures, info).strip()
    readme = report.README.read_text()
    start, end = readme.index(report.README_START), readme.index(report.README_END)
    assert readme[start + len(report.README_START) : end].strip() == section
    if section:
        assert section in report.DOC.read_text()


# --- --only: a step measured again takes its earlier failure away ---
def test_a_step_tried_again_drops_its_earlier_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench import __main__ as bench_main

    monkeypatch.setattr(report, "RESULTS", tmp_path / "results.json")
    monkeypatch.setattr(bench_main, "TRIED", set())
    kept = Figure("Chromium", None, "", 0, size=1_000, note="failed: at another size")
    report.write_json(
        [
            Figure("Chromium", None, "", 0, size=100_000, note="failed: TimeoutError()"),
            Figure("Chromium (bare page)", None, "", 0, group="floor", note="failed: x"),
            kept,
            Figure("Today page, warm", 30.0, "ms", 100_000, size=100_000),
        ],
        [1_000, 100_000],
        {},
    )
    drawn = Figure("Chromium: Trends link → charts drawn", 500.0, "ms", 100_000, size=100_000)
    new = bench_main.guarded("Chromium", lambda: [drawn], size=100_000)
    new += bench_main.guarded("Chromium (bare page)", list, "floor")
    figures, sizes = bench_main.merged(new, [100_000])
    names = {(f.name, f.size) for f in figures}
    assert ("Chromium", 100_000) not in names and ("Chromium (bare page)", 0) not in names
    assert kept in figures and drawn in figures and ("Today page, warm", 100_000) in names
    assert sizes == [1_000, 100_000]
