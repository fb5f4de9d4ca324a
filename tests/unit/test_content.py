"""Content in data/ loads, is complete and safe, and broken content is rejected clearly."""

from __future__ import annotations

import datetime
import pathlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml

from attune.content import (
    AUDIENCES,
    DEPTHS,
    EVIDENCE_LEVELS,
    THEMES,
    ContentError,
    Library,
    Reference,
    load_library,
)

READING_IDS = [
    "social-brain",
    "reward-system",
    "oxytocin",
    "touch",
    "vasopressin-voles",
    "mirror-neurons",
    "social-pain",
    "hand-holding",
    "loneliness-health",
    "attachment",
    "co-regulation",
    "emotion-regulation",
    "affect-labelling",
    "turning-toward",
]
PRACTICE_IDS = [
    "slow-breathing",
    "cyclic-sighing",
    "name-the-feeling",
    "third-party-view",
    "self-compassion-break",
    "co-regulation-pause",
]
# Independent of the loader's own rule on purpose: these prompts need a grounding close.
NEEDS_CLOSE = re.compile(
    r"conflict|argu|fight|fought|reject|loss|lost|break-?up|breakup|grie", re.I
)
SOURCE = pathlib.Path(__file__).parent.parent / "data" / "references_source.md"


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library()


# --- the shipped content -------------------------------------------------------------------


def test_default_library_loads_once(lib: Library) -> None:
    assert load_library() is lib


def test_ids_are_unique(lib: Library) -> None:
    for items in (lib.readings, lib.prompts, lib.practices, lib.quadrants):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids))


def test_the_fourteen_readings_are_present(lib: Library) -> None:
    assert len(lib.readings) >= 14
    assert set(READING_IDS) <= {r.id for r in lib.readings}


@pytest.mark.parametrize("reading_id", READING_IDS)
def test_reading_is_complete_and_cited(lib: Library, reading_id: str) -> None:
    reading = lib.reading(reading_id)
    assert reading.shows
    assert reading.debated
    assert reading.try_this
    assert 150 <= reading.word_count <= 300
    assert reading.evidence in EVIDENCE_LEVELS
    assert len(reading.references) >= 2
    assert all(ref.link.startswith("http") for ref in reading.references)
    assert reading.practice is None or lib.practice(reading.practice)
    assert lib.prompts_for_reading(reading_id), "every reading should lead to a prompt"


def test_prompts_cover_every_theme_audience_and_depth(lib: Library) -> None:
    assert len(lib.prompts) >= 90
    themes = Counter(p.theme for p in lib.prompts)
    assert {t: themes[t] for t in THEMES if themes[t] < 8} == {}
    assert len(lib.prompts_where(audience="together")) >= 28
    assert len(lib.prompts_where(audience="solo")) >= 28
    assert all(len(lib.prompts_where(depth=d)) >= 15 for d in DEPTHS)
    readings = {r.id for r in lib.readings}
    assert all(p.readings and set(p.readings) <= readings for p in lib.prompts)


def test_prompts_about_loss_rejection_or_conflict_have_a_close(lib: Library) -> None:
    missing = [
        p.id
        for p in lib.prompts
        if (p.theme in ("repair", "endings-loss") or NEEDS_CLOSE.search(p.text)) and not p.close
    ]
    assert missing == []


def test_practices_are_complete_and_safe(lib: Library) -> None:
    assert len(lib.practices) >= 6
    assert set(PRACTICE_IDS) <= {p.id for p in lib.practices}
    for practice in lib.practices:
        assert len(practice.steps) >= 3
        assert "replace medical or mental-health care" in practice.safety
        assert practice.references
        assert practice.evidence_shows
        assert practice.evidence_limits
    assert lib.practice("slow-breathing").pacer == (("Breathe in", 4.0), ("Breathe out", 6.0))
    assert len(lib.practice("cyclic-sighing").pacer or ()) == 3
    everything = " ".join(str(p) for p in lib.practices).lower()
    assert "hyperventilat" not in everything
    assert "not for excusing harm" in lib.practice("third-party-view").evidence_limits
    pause = lib.practice("co-regulation-pause")
    assert pause.audience == "together"
    assert "consent" in pause.safety
    assert "not been tested" in pause.evidence_limits
    assert "optional" in " ".join(lib.practice("self-compassion-break").steps).lower()


def test_feeling_words(lib: Library) -> None:
    words = [w.word for w in lib.feeling_words()]
    assert len(words) >= 80
    assert len(words) == len(set(words))
    assert all(len(q.words) >= 20 for q in lib.quadrants)
    assert all(w == w.lower() and len(w.split()) <= 3 for w in words)
    assert all(len(w.definition) <= 90 for w in lib.feeling_words())
    relational = "close cherished secure jealous rejected lonely resentful misunderstood tender"
    assert set((relational + " longing desired insecure").split()) <= set(words)


@pytest.mark.parametrize(
    ("valence", "energy", "expected"),
    [
        (5, 5, "pleasant-high"),
        (4, 1, "pleasant-low"),
        (1, 4, "unpleasant-high"),
        (2, 2, "unpleasant-low"),
        (3, 5, None),
        (1, 3, None),
        (3, 3, None),
    ],
)
def test_quadrant_for(lib: Library, valence: int, energy: int, expected: str | None) -> None:
    quadrant = lib.quadrant_for(valence, energy)
    assert (quadrant.id if quadrant else None) == expected


def test_suggest_fits_the_check_in(lib: Library) -> None:
    practice, prompt = lib.suggest(1, 5)
    assert practice
    assert practice.kind == "down-regulating"
    assert practice.pacer
    assert prompt
    assert prompt.theme == "regulation"
    practice, prompt = lib.suggest(2, 1)
    assert practice
    assert practice.kind in ("compassion", "labelling")
    assert prompt
    assert prompt.theme == "self-understanding"
    for valence, energy in ((5, 5), (4, 2)):
        practice, prompt = lib.suggest(valence, energy)
        assert practice is None
        assert prompt
        assert prompt.theme == "appreciation"
    practice, prompt = lib.suggest(3, 3)
    assert practice
    assert practice.id == "name-the-feeling"
    assert prompt


@pytest.mark.parametrize("audience", AUDIENCES)
def test_prompt_of_the_day_is_stable_and_does_not_repeat_within_28_days(
    lib: Library, audience: str
) -> None:
    start = datetime.date(2024, 12, 20)
    days = [start + datetime.timedelta(days=i) for i in range(400)]
    ids = [lib.prompt_of_the_day(day, audience=audience).id for day in days]
    for i in range(len(ids) - 27):
        assert len(set(ids[i : i + 28])) == 28, f"repeat in the 28 days from {days[i]}"
    assert lib.prompt_of_the_day(start, audience=audience).id == ids[0]
    assert {lib.prompt(i).audience for i in ids} == {audience}


def test_lookups(lib: Library) -> None:
    for find in (lib.reading, lib.prompt, lib.practice):
        with pytest.raises(KeyError):
            find("no-such-id")
    assert all(p.theme == "repair" for p in lib.prompts_where(theme="repair"))
    assert Reference("x", "10.1/abc", None).link == "https://doi.org/10.1/abc"
    assert Reference("x", None, "https://example.org").link == "https://example.org"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.lower()))


def _runs(words: list[str], n: int = 10) -> Iterator[str]:
    return (" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


def _own_words(lib: Library) -> Iterator[tuple[str, str]]:
    for r in lib.readings:
        yield from ((r.id, t) for t in (r.title, r.summary, r.shows, r.debated, r.try_this))
    for p in lib.prompts:
        yield p.id, f"{p.text}\n{p.close or ''}"
    for pr in lib.practices:
        texts = (pr.name, pr.summary, *pr.steps, pr.evidence_shows, pr.evidence_limits, pr.safety)
        yield from ((pr.id, t) for t in texts)
    yield from ((w.word, w.definition) for w in lib.feeling_words())


def test_no_sentences_copied_from_the_reference_base(lib: Library) -> None:
    source = set(_runs(_words(SOURCE.read_text(encoding="utf-8"))))
    copied = [(where, run) for where, text in _own_words(lib) for run in _runs(_words(text))]
    assert [c for c in copied if c[1] in source] == []


# --- broken content is rejected ------------------------------------------------------------

BODY = " ".join(["Calm words help here."] * 20)  # 80 words per section, 240 in all


def _reading(rid: str = "one", **overrides: Any) -> dict[str, Any]:
    meta = {
        "id": rid,
        "title": "A title",
        "topic": "brain",
        "evidence": "mixed",
        "summary": "One line.",
        "takeaway": ["First line.", "Second line."],
        "reviewed": datetime.date(2026, 1, 2),
        "practice": "breathe",
        "references": [
            {"text": "A (2020). Title A.", "title": "Title A", "doi": "10.1000/x"},
            {"text": "B. Title B.", "title": "Title B", "url": "https://b.org"},
        ],
    }
    sections = {"What research shows": BODY, "What is still debated": BODY, "Try this": BODY}
    return {"meta": meta | overrides, "sections": sections}


def _valid() -> dict[str, Any]:
    quadrants = [
        {"id": f"{v}-{e}", "label": f"{v} {e}", "valence": v, "energy": e,
         "words": [{"word": f"{v[:3]}{e}", "definition": "A feeling."}]}
        for v in ("pleasant", "unpleasant") for e in ("high", "low")
    ]  # fmt: skip
    prompt = {"id": "p-01", "theme": "connection", "audience": "solo", "depth": "light",
              "relationship": "any", "sensitivity": "none",
              "readings": ["one"], "text": "Who did you enjoy today?"}  # fmt: skip
    practice = {
        "id": "breathe", "name": "Breathe", "kind": "down-regulating", "audience": "solo",
        "duration_seconds": 60, "pacer": [{"label": "In", "seconds": 4}], "summary": "Slowly.",
        "steps": ["a", "b", "c"], "evidence_shows": "x", "evidence_limits": "y", "safety": "z",
        "references": [{"text": "C (2020). Calm.", "title": "Calm", "doi": "10.1000/y"}],
        "readings": ["one"],
    }  # fmt: skip
    return {
        "emotions": {"quadrants": quadrants},
        "prompts": {"prompts": [prompt]},
        "practices": {"practices": [practice]},
        "readings": {"01-one.md": _reading()},
    }


def _write(root: pathlib.Path, data: dict[str, Any]) -> pathlib.Path:
    (root / "readings").mkdir(parents=True, exist_ok=True)
    for name in ("emotions", "prompts", "practices"):
        content = data[name]
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        (root / f"{name}.yaml").write_text(text, encoding="utf-8")
    for filename, reading in data["readings"].items():
        body = "".join(f"## {h}\n{t}\n\n" for h, t in reading["sections"].items())
        front = yaml.safe_dump(reading["meta"], sort_keys=False)
        (root / "readings" / filename).write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return root


def test_a_minimal_valid_data_dir_loads(tmp_path: pathlib.Path) -> None:
    lib = load_library(_write(tmp_path, _valid()))
    assert [r.id for r in lib.readings] == ["one"]
    assert lib.readings[0].word_count == 240
    assert lib.practice("breathe").pacer == (("In", 4.0),)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return mutate


_DELETE = object()


def _add_prompt(data: dict[str, Any]) -> None:
    data["prompts"]["prompts"].append(dict(data["prompts"]["prompts"][0]))


def _add_family_sexual_prompt(data: dict[str, Any]) -> None:
    data["prompts"]["prompts"][0] |= {"relationship": "family", "sensitivity": "sexual"}


def _add_short_reading(data: dict[str, Any]) -> None:
    short = _reading("two")
    short["sections"] = dict.fromkeys(short["sections"], "Too short.")
    data["readings"]["02-two.md"] = short


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "missing key": (_set("prompts/prompts/0/text", _DELETE), "missing key 'text'"),
    "duplicate id": (_add_prompt, "duplicate id 'p-01'"),
    "dangling reading": (_set("prompts/prompts/0/readings", ["nope"]), "reading 'nope'"),
    "dangling practice": (_set("readings/01-one.md/meta/practice", "nope"), "practice 'nope'"),
    "missing section": (_set("readings/01-one.md/sections/Try this", _DELETE), "exactly the sections"),
    "too short": (_add_short_reading, "02-two.md: sections hold"),
    "one reference": (_set("readings/01-one.md/meta/references", [{"text": "A", "doi": "10.1/a"}]),
                      "references"),
    "reference without link": (_set("practices/practices/0/references",
                                    [{"text": "C", "title": "C"}]), "doi"),
    "practice reference without title": (_set("practices/practices/0/references",
                                              [{"text": "C", "doi": "10.1/c"}]), "title"),
    "unknown theme": (_set("prompts/prompts/0/theme", "romance"), "theme"),
    "unknown key": (_set("prompts/prompts/0/mood", "x"), "unknown key 'mood'"),
    "repair without close": (_set("prompts/prompts/0/theme", "repair"), "close"),
    "conflict without close": (_set("prompts/prompts/0/text", "How did the argument end?"), "close"),
    "unknown relationship": (_set("prompts/prompts/0/relationship", "work"), "relationship"),
    "no sensitivity": (_set("prompts/prompts/0/sensitivity", _DELETE), "missing key 'sensitivity'"),
    "sensitive without close": (_set("prompts/prompts/0/sensitivity", "loss"), "close"),
    "sexual for a family": (_add_family_sexual_prompt, "never for a family"),
    "three-word limit": (_set("emotions/quadrants/0/words/0/word", "a b c d"), "1-3 plain words"),
    "two steps": (_set("practices/practices/0/steps", ["a", "b"]), "steps"),
    "duplicate word": (_set("emotions/quadrants/1/words/0/word", "plehigh"), "unique"),
    "bad yaml": (_set("practices", "practices: [unclosed\n"), "invalid YAML"),
    "duplicate yaml key": (_set("prompts", "prompts: []\nprompts: []\n"), "duplicate key"),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN)
def test_broken_content_raises_a_clear_content_error(tmp_path: pathlib.Path, case: str) -> None:
    mutate, fragment = BROKEN[case]
    data = _valid()
    mutate(data)
    with pytest.raises(ContentError) as raised:
        load_library(_write(tmp_path, data))
    message = str(raised.value)
    assert fragment in message
    assert "\n" not in message
    assert re.match(r"^[\w./-]+\.(yaml|md)\b", message), message
