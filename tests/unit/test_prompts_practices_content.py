"""Content, second edition: prompts, practices, feeling words and the breathing pace chooser.

Counts and rules from issue 20 (prompts ≥ 160 with intimacy, groups, shared life; practices ≥ 11)
and issue 15 (every prompt carries a relationship type and a sensitivity; safety feeling words).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest

from attune.content import (
    AUDIENCES,
    RELATIONSHIPS,
    SENSITIVITIES,
    THEMES,
    Library,
    load_library,
)
from components.pacer import PACES, adjustable, pacer_html, phases

NEW_PRACTICES = [
    "flooding-time-out",
    "active-constructive-responding",
    "gratitude",
    "grounding-54321",
    "self-distanced-reflection",
    "speaker-listener",
]
# Topics the issue asks for, found by their words (independent of themes on purpose).
TOPICS = {
    "co-parenting": re.compile(r"co-parent|parenting|\bkids?\b|\bchild", re.I),
    "illness and caregiving": re.compile(r"\bill\b|illness|caregiv|caring for|diagnos", re.I),
    "distance": re.compile(r"distance|apart|time zone|miles", re.I),
    "money": re.compile(r"money|\bspend|budget|\bdebt|\bearn|financ", re.I),
}
PRESSURE = re.compile(r"\b(should|must|have to|owe|duty|prove)\b", re.I)
CONSENT = re.compile(r"\b(consent|yes|no|pause|stop|comfortable|limit|want)\w*", re.I)
ROMANCE = re.compile(r"\b(partners?|romanc\w*|sex\w*|dates?|dating|kiss\w*|desire\w*)\b", re.I)


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library()


# --- prompts -------------------------------------------------------------------------------------


def test_there_are_at_least_160_prompts(lib: Library) -> None:
    assert len(lib.prompts) >= 160


def test_every_prompt_has_a_relationship_type_and_a_sensitivity(lib: Library) -> None:
    assert RELATIONSHIPS == ("any", "romantic", "family", "friends")
    assert "none" in SENSITIVITIES and "sexual" in SENSITIVITIES
    assert all(p.relationship in RELATIONSHIPS for p in lib.prompts)
    assert all(p.sensitivity in SENSITIVITIES for p in lib.prompts)
    # every value is used somewhere, so the sets are not decoration
    assert {p.relationship for p in lib.prompts} == set(RELATIONSHIPS)
    assert {p.sensitivity for p in lib.prompts} == set(SENSITIVITIES)


def test_at_least_20_prompts_on_intimacy_and_sexuality_all_consent_based(lib: Library) -> None:
    intimacy = lib.prompts_where(theme="intimacy")
    assert len(intimacy) >= 20
    assert sum(p.sensitivity == "sexual" for p in intimacy) >= 12
    assert [p.id for p in intimacy if PRESSURE.search(f"{p.text} {p.close or ''}")] == []
    assert sum(bool(CONSENT.search(p.text)) for p in intimacy) >= 10
    for p in intimacy:
        assert p.relationship in ("any", "romantic"), p.id
    # for any relationship form: none assumes two people, marriage or one gender
    assumptions = re.compile(r"\b(husband|wife|spouse|his|her|both of you|you two)\b", re.I)
    assert [p.id for p in intimacy if assumptions.search(p.text)] == []


def test_sexual_prompts_never_reach_a_family_or_a_friend_group(lib: Library) -> None:
    sexual = [p for p in lib.prompts if p.sensitivity == "sexual"]
    assert sexual
    assert all(p.relationship in ("any", "romantic") for p in sexual)


def test_at_least_10_prompts_for_family_friends_and_housemates(lib: Library) -> None:
    groups = [p for p in lib.prompts if p.relationship in ("family", "friends")]
    assert len(groups) >= 10
    assert sum(p.relationship == "family" for p in groups) >= 4
    assert sum(p.relationship == "friends" for p in groups) >= 4
    assert sum(p.audience == "together" for p in groups) >= 8
    assert any("housemate" in p.text.lower() for p in groups)
    romantic_words = [p.id for p in groups if ROMANCE.search(f"{p.text} {p.close or ''}")]
    assert romantic_words == []


def test_together_prompts_are_worded_for_two_or_more(lib: Library) -> None:
    together = lib.prompts_where(audience="together")
    wording = re.compile(r"\byour partner\b|\bboth of you\b|\byou two\b|\bthe two of you\b", re.I)
    assert [p.id for p in together if wording.search(p.text)] == []


@pytest.mark.parametrize("topic", TOPICS)
def test_shared_life_topics_are_covered(lib: Library, topic: str) -> None:
    found = [p for p in lib.prompts if TOPICS[topic].search(p.text)]
    assert len(found) >= 4, topic


def test_communication_follows_the_seed_themes(lib: Library) -> None:
    themes = Counter(p.theme for p in lib.prompts)
    assert themes["communication"] >= 16
    assert themes["secure-functioning"] >= 15
    assert themes["shared-life"] >= 16
    assert all(themes[t] >= 8 for t in THEMES)


def test_sensitivity_matches_theme_and_close(lib: Library) -> None:
    for p in lib.prompts:
        if p.theme == "endings-loss":
            assert p.sensitivity == "loss", p.id
        if p.theme == "repair":
            assert p.sensitivity == "conflict", p.id
        if p.sensitivity in ("conflict", "loss"):
            assert p.close, p.id


def test_prompt_of_the_day_fits_everyone_by_default(lib: Library) -> None:
    start = datetime.date(2025, 1, 1)
    for audience in AUDIENCES:
        days = [start + datetime.timedelta(days=i) for i in range(200)]
        shown = {lib.prompt_of_the_day(day, audience=audience) for day in days}
        assert {p.sensitivity for p in shown} == {"none"}
        assert {p.relationship for p in shown} == {"any"}
        assert {p.audience for p in shown} == {audience}


def test_prompt_of_the_day_can_draw_on_a_groups_own_prompts(lib: Library) -> None:
    start = datetime.date(2025, 1, 1)
    days = [start + datetime.timedelta(days=i) for i in range(200)]
    family = {lib.prompt_of_the_day(d, audience="together", relationship="family") for d in days}
    assert {p.relationship for p in family} == {"any", "family"}
    assert {p.sensitivity for p in family} == {"none"}


def test_prompts_where_filters_by_relationship(lib: Library) -> None:
    friends = lib.prompts_where(relationship="friends")
    assert friends
    assert {p.relationship for p in friends} == {"any", "friends"}


# --- practices -----------------------------------------------------------------------------------


def test_there_are_at_least_11_practices_with_the_new_ones(lib: Library) -> None:
    assert len(lib.practices) >= 11
    assert set(NEW_PRACTICES) <= {p.id for p in lib.practices}


@pytest.mark.parametrize("practice_id", NEW_PRACTICES)
def test_a_new_practice_is_complete_and_cited(lib: Library, practice_id: str) -> None:
    practice = lib.practice(practice_id)
    assert len(practice.steps) >= 4
    assert len(practice.evidence_shows) > 150
    assert len(practice.evidence_limits) > 150
    assert "replace medical or mental-health care" in practice.safety
    assert practice.references
    for ref in practice.references:
        assert re.search(r"\((\d{4}|n\.d\.)\)\. \S.{10,}", ref.text), (
            ref.text
        )  # authors (year). Title…
        assert ref.doi or ref.url
        assert ref.link.startswith("https://")


def test_every_practice_reference_has_a_title_and_a_link(lib: Library) -> None:
    for practice in lib.practices:
        for ref in practice.references:
            assert ref.title and ref.title in ref.text, (practice.id, ref.text)
            assert re.search(r"\((\d{4}|n\.d\.)\)\. \S.{10,}", ref.text), (practice.id, ref.text)
            assert ref.link.startswith("https://")


def test_flooding_time_out_pauses_at_least_20_minutes_and_agrees_a_return(lib: Library) -> None:
    practice = lib.practice("flooding-time-out")
    assert practice.duration_seconds >= 20 * 60
    steps = " ".join(practice.steps).lower()
    assert "20 minutes" in steps
    assert "agree" in steps and "come back" in steps
    assert "unsafe" in practice.safety.lower() or "afraid" in practice.safety.lower()


def test_grounding_counts_down_the_senses(lib: Library) -> None:
    steps = " ".join(lib.practice("grounding-54321").steps).lower()
    senses = (
        ("five", "see"),
        ("four", "feel"),
        ("three", "hear"),
        ("two", "smell"),
        ("one", "taste"),
    )
    for n, sense in senses:
        assert re.search(rf"\b{n}\b[^.]*\b{sense}", steps), (n, sense)


def test_breathing_safety_lines_are_complete(lib: Library) -> None:
    for pid in ("slow-breathing", "cyclic-sighing", "co-regulation-pause"):
        safety = lib.practice(pid).safety.lower()
        for word in ("heart", "lung", "pregnan", "panic"):
            assert word in safety, (pid, word)
        assert "feet on the floor" in safety or "sounds" in safety, pid


def test_self_compassion_break_names_its_source(lib: Library) -> None:
    practice = lib.practice("self-compassion-break")
    assert practice.credit is not None
    assert "Neff" in practice.credit and "Germer" in practice.credit


def test_slow_breathing_points_to_the_pace_chooser(lib: Library) -> None:
    steps = " ".join(lib.practice("slow-breathing").steps).lower()
    assert "pace" in steps


# --- the pace chooser ----------------------------------------------------------------------------


def test_the_paces_are_a_fixed_numeric_set() -> None:
    assert PACES == ((3, 4), (4, 5), (4, 6), (5, 7))
    assert all(type(s) is int and 0 < s <= 30 for pace in PACES for s in pace)


def test_paced_phases_keep_the_labels_and_take_the_chosen_seconds(lib: Library) -> None:
    practice = lib.practice("slow-breathing")
    assert adjustable(practice)
    assert phases(practice, None) == practice.pacer == (("Breathe in", 4.0), ("Breathe out", 6.0))
    assert phases(practice, (3, 4)) == (("Breathe in", 3.0), ("Breathe out", 4.0))
    assert phases(practice, (5, 7)) == (("Breathe in", 5.0), ("Breathe out", 7.0))
    pause = lib.practice("co-regulation-pause")
    assert adjustable(pause)
    assert phases(pause, (4, 5)) == (("Breathe in together", 4.0), ("Breathe out together", 5.0))


def test_only_a_plain_in_out_pacer_is_adjustable(lib: Library) -> None:
    sighing = lib.practice("cyclic-sighing")
    assert not adjustable(sighing)
    assert phases(sighing, None) == sighing.pacer
    with pytest.raises(ValueError, match="no adjustable pace"):
        phases(sighing, (4, 5))
    assert not adjustable(lib.practice("name-the-feeling"))


def test_a_pace_outside_the_fixed_set_is_refused(lib: Library) -> None:
    practice = lib.practice("slow-breathing")
    for bad in ((4, 4), (1, 1), (4.5, 6), ("4", "6"), (4, 6, 8), "4/6", 46):
        with pytest.raises(ValueError, match="not one of the offered paces"):
            phases(practice, bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="not one of the offered paces"):
            pacer_html("slow-breathing", bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("pace", PACES)
def test_pacer_html_follows_the_chosen_pace(pace: tuple[int, int]) -> None:
    breathe_in, breathe_out = pace
    html = pacer_html("slow-breathing", pace)
    cycle = breathe_in + breathe_out
    assert f"animation: ap-breathe {cycle}s" in html
    assert f"Breathe in {breathe_in} s, Breathe out {breathe_out} s" in html
    assert f'<span class="ap-secs">{breathe_in} s</span>' in html
    assert f'<span class="ap-secs">{breathe_out} s</span>' in html
    split = f"{100 * breathe_in / cycle:.3f}".rstrip("0").rstrip(".")
    assert f"{split}% {{transform: scale(1)" in html


def test_the_default_pace_draws_the_same_pacer_as_before() -> None:
    assert pacer_html("slow-breathing") == pacer_html("slow-breathing", (4, 6))
    assert pacer_html("slow-breathing", None) == pacer_html("slow-breathing")


# --- feeling words -------------------------------------------------------------------------------


def test_new_feeling_words_are_in_the_right_quadrants(lib: Library) -> None:
    where = {w.word: w.quadrant for w in lib.feeling_words()}
    assert where["aroused"] == "pleasant-high"
    assert where["turned on"] == "pleasant-high"
    assert where["compersion"] == "pleasant-low"
    for word in ("unsafe", "controlled", "walking on eggshells"):
        assert where[word] == "unpleasant-high", word
    assert where["trapped"] == "unpleasant-low"
    for w in lib.feeling_words():
        assert len(w.definition) <= 90
        assert w.definition[0].isupper() and w.definition.endswith(".")
