"""The readings, second edition: plain words, strict badges, complete and dated sources.

Reading level is measured with textstat's Flesch-Kincaid grade on each reading's prose: the
two-line takeaway and the three sections. Headings, the title and the references are left out
on purpose: headings are the same fixed words in every reading, and references are citations
(authors, journals, titles) that a reader does not read as prose.
"""

from __future__ import annotations

import datetime
import pathlib
import re
import statistics
from collections.abc import Iterator
from typing import Any

import pytest
import textstat

from attune.content import (
    EVIDENCE_GROUPS,
    TAKEAWAY_LINE_CHARS,
    ContentError,
    Library,
    Reading,
    load_library,
)
from tests.unit.test_content import _DELETE, _set, _valid, _write

SOURCE = pathlib.Path(__file__).parent.parent / "data" / "references_source.md"
MAX_GRADE, MAX_AVERAGE_GRADE, MAX_SENTENCE_WORDS = 10.0, 8.0, 25
#: Sentences end at . ! or ? (optionally inside a closing quote) followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
#: A technical term, and words that show it is explained in plain words in the same reading.
GLOSSES = {
    "meta-analys": r"pool",
    "pre-registered": r"plan",
    "reverse inference": r"guess",
    "knockout": r"switched off",
    "replicat": r"(again|repeat|larger|did not|follow)",
}


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library()


def _prose(reading: Reading) -> str:
    return "\n\n".join((*reading.takeaway, reading.shows, reading.debated, reading.try_this))


def _grade(reading: Reading) -> float:
    return float(textstat.flesch_kincaid_grade(_prose(reading)))


def _sentences(text: str) -> Iterator[str]:
    for paragraph in text.splitlines():
        yield from (s for s in _SENTENCE_END.split(paragraph) if s.strip())


def test_there_are_at_least_22_readings(lib: Library) -> None:
    assert len(lib.readings) >= 22


def test_every_reading_reads_at_grade_10_or_below_and_8_on_average(lib: Library) -> None:
    grades = {r.id: _grade(r) for r in lib.readings}
    too_hard = {rid: round(g, 1) for rid, g in grades.items() if g > MAX_GRADE}
    assert too_hard == {}
    assert statistics.mean(grades.values()) <= MAX_AVERAGE_GRADE, grades


def test_sentences_are_at_most_25_words(lib: Library) -> None:
    long = [
        (r.id, len(_WORD.findall(s)), s[:60])
        for r in lib.readings
        for s in _sentences(f"{r.summary}\n{_prose(r)}")
        if len(_WORD.findall(s)) > MAX_SENTENCE_WORDS
    ]
    assert long == []


@pytest.mark.parametrize(("term", "gloss"), GLOSSES.items())
def test_technical_terms_come_with_a_plain_gloss(lib: Library, term: str, gloss: str) -> None:
    unexplained = [
        r.id
        for r in lib.readings
        if term in (body := _prose(r).lower()) and not re.search(gloss, body)
    ]
    assert unexplained == []


def test_every_reading_opens_with_a_two_line_takeaway(lib: Library) -> None:
    for r in lib.readings:
        assert len(r.takeaway) == 2, r.id
        assert all(0 < len(line) <= TAKEAWAY_LINE_CHARS for line in r.takeaway), r.id


def test_every_reading_says_when_it_was_last_reviewed(lib: Library) -> None:
    today = datetime.date.today()
    for r in lib.readings:
        assert isinstance(r.reviewed, datetime.date), r.id
        assert datetime.date(2024, 1, 1) <= r.reviewed <= today, r.id


def test_every_reference_has_a_title_and_a_doi_or_url(lib: Library) -> None:
    for r in lib.readings:
        for ref in r.references:
            assert ref.title and ref.title in ref.text, (r.id, ref.text)
            assert ref.doi or (ref.url and ref.url.startswith("https://")), (r.id, ref.text)


@pytest.mark.parametrize(
    ("reading_id", "cited"),
    [
        ("oxytocin", "Kosfeld"),
        ("vasopressin-voles", "Ophir"),
        ("social-brain", "Vul"),
        ("turning-toward", "Driver & Gottman"),
        ("co-regulation", "Wilson"),
        ("social-pain", "Somerville"),
    ],
)
def test_studies_the_text_leans_on_are_cited(lib: Library, reading_id: str, cited: str) -> None:
    assert any(ref.text.startswith(cited) for ref in lib.reading(reading_id).references)


def test_badges_follow_the_rubric(lib: Library) -> None:
    # Three small scans from one group, and two hand-holding studies from one lab: early.
    assert lib.reading("reward-system").evidence == "early"
    assert lib.reading("hand-holding").evidence == "early"
    # Vasopressin: strong in voles, early in people, and both are shown.
    voles = lib.reading("vasopressin-voles")
    assert voles.evidence == "early"
    assert dict(voles.evidence_by_group) == {"animals": "strong", "people": "early"}
    # Loneliness: "strong" is a strong link, and the reading says cause is not shown.
    lonely = lib.reading("loneliness-health")
    assert lonely.evidence == "strong"
    assert re.search(r"\blink\b", lonely.takeaway[0]) and "cause" in lonely.debated
    assert all(g in EVIDENCE_GROUPS for r in lib.readings for g, _ in r.evidence_by_group)


def test_hedging_fixes_are_in_place(lib: Library) -> None:
    # 02: the Beijing study was the same group, not an independent team.
    assert "same team" in lib.reading("reward-system").shows
    # 03: the small men-only intergroup study is presented as tentative, after the caveats.
    oxytocin = lib.reading("oxytocin")
    assert "De Dreu" not in oxytocin.shows and "men only" in oxytocin.debated
    # 04: most touch trials were planned care, not partners' everyday touch.
    assert "massage" in lib.reading("touch").takeaway[0]
    # 08: applying a threat-of-shock finding to a hard talk is flagged as an extrapolation.
    assert "extrapolation" in lib.reading("hand-holding").try_this
    # 12: Webb et al.'s "perspective taking" is stepping back, not empathising.
    assert "stepping back" in lib.reading("emotion-regulation").shows


def test_readings_on_control_and_conflict_point_to_support(lib: Library) -> None:
    for rid in ("conflict-or-control", "flooding", "couple-programmes"):
        assert "Support page" in lib.reading(rid).try_this, rid
    assert not re.search(r"\bstay\b", lib.reading("conflict-or-control").try_this)


def _runs(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.lower()))
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_eight_word_run_is_shared_with_the_fact_base(lib: Library) -> None:
    source = _runs(SOURCE.read_text(encoding="utf-8"))
    shared = [
        (r.id, run)
        for r in lib.readings
        for run in _runs(f"{r.title}\n{r.summary}\n{_prose(r)}")
        if run in source
    ]
    assert shared == []


# --- broken readings are rejected -------------------------------------------------------------


def _reading_path(field: str) -> str:
    return f"readings/01-one.md/meta/{field}"


BROKEN: dict[str, tuple[str, Any, str]] = {
    "no takeaway": ("takeaway", _DELETE, "missing key 'takeaway'"),
    "one-line takeaway": ("takeaway", ["Just one."], "takeaway"),
    "three-line takeaway": ("takeaway", ["a", "b", "c"], "two lines"),
    "long takeaway": ("takeaway", ["x" * (TAKEAWAY_LINE_CHARS + 1), "y"], "two lines"),
    "no reviewed date": ("reviewed", _DELETE, "missing key 'reviewed'"),
    "reviewed as text": ("reviewed", "last week", "YYYY-MM-DD"),
    "reviewed in the future": ("reviewed", datetime.date(2999, 1, 1), "up to today"),
    "reference without title": (
        "references",
        [{"text": "A (2020).", "doi": "10.1000/x"}, {"text": "B", "url": "https://b.org"}],
        "missing key 'title'",
    ),
    "title not in text": (
        "references",
        [
            {"text": "A (2020). Title A.", "title": "Other", "doi": "10.1000/x"},
            {"text": "B. Title B.", "title": "Title B", "url": "https://b.org"},
        ],
        "must appear in the reference text",
    ),
    "evidence groups without people": ("evidence", {"animals": "strong"}, "include people"),
    "unknown evidence group": ("evidence", {"people": "early", "fish": "strong"}, "groups"),
    "unknown evidence level": ("evidence", {"people": "huge"}, "expected one of"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_readings_raise_a_clear_content_error(tmp_path: pathlib.Path, case: str) -> None:
    field, value, fragment = BROKEN[case]
    data = _valid()
    _set(_reading_path(field), value)(data)
    with pytest.raises(ContentError) as raised:
        load_library(_write(tmp_path, data))
    assert fragment in str(raised.value)
    assert str(raised.value).startswith("readings/01-one.md")


def test_evidence_may_differ_by_group(tmp_path: pathlib.Path) -> None:
    data = _valid()
    _set(_reading_path("evidence"), {"animals": "strong", "people": "early"})(data)
    reading = load_library(_write(tmp_path, data)).readings[0]
    assert reading.evidence == "early"
    assert reading.evidence_by_group == (("people", "early"), ("animals", "strong"))
    assert reading.takeaway == ("First line.", "Second line.")
    assert reading.reviewed == datetime.date(2026, 1, 2)
