"""Issue 15 content: repair prompts that invite self-blame carry a safety line (item 5), the
daily prompt fits the person (item 6), and the helplines that ship (item 8)."""

from __future__ import annotations

import datetime
import pathlib
import re
from typing import Any

import pytest
import yaml

from attune import messages
from attune.content import (
    AUDIENCES,
    DEFAULT_DATA_DIR,
    SELF_BLAME_WORDS,
    ContentError,
    DailyChoice,
    Library,
    load_library,
)
from attune.content.helplines import Helplines, load_helplines
from attune.domain.support import country_choice, country_from_locale
from tests.unit.test_content import _valid, _write

PROMPTS = DEFAULT_DATA_DIR / "prompts.yaml"
HELPLINES = DEFAULT_DATA_DIR / "helplines.yaml"


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library()


# --- self-blame ----------------------------------------------------------------------------------


def test_prompts_that_ask_for_an_apology_a_promise_or_a_do_over_carry_self_blame(
    lib: Library,
) -> None:
    marked = {p.id for p in lib.prompts if p.self_blame}
    assert {"rep-03", "rep-06", "secf-09"} <= marked
    for p in lib.prompts:
        if SELF_BLAME_WORDS.search(p.text):
            assert p.self_blame, p.id
    assert not lib.prompt("conn-01").self_blame


def test_the_repair_safety_line_points_to_support() -> None:
    line = messages.REPAIR_SAFETY_LINE
    assert "afraid" in line
    assert "Support" in line


def test_self_blame_must_be_true_or_false(tmp_path: pathlib.Path) -> None:
    data = _valid()
    data["prompts"]["prompts"][0]["self_blame"] = "yes"
    with pytest.raises(ContentError, match="self_blame"):
        load_library(_write(tmp_path, data))


def test_a_prompt_asking_for_an_apology_must_be_marked(tmp_path: pathlib.Path) -> None:
    data = _valid()
    data["prompts"]["prompts"][0]["text"] = "Is there an apology you would like to make?"
    with pytest.raises(ContentError, match="self_blame"):
        load_library(_write(tmp_path, data))
    data["prompts"]["prompts"][0]["self_blame"] = True
    assert load_library(_write(tmp_path, data)).prompts[0].self_blame


def test_self_blame_is_written_as_a_yaml_bool() -> None:
    raw = yaml.safe_load(PROMPTS.read_text("utf-8"))
    assert all(type(p.get("self_blame", False)) is bool for p in raw["prompts"])


# --- the prompt of the day fits the person (item 6) ----------------------------------------------
DAYS = [datetime.date(2026, 1, 1) + datetime.timedelta(days=i) for i in range(400)]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_prompt_of_the_day_is_light_or_medium_and_skips_loss_and_more_partners(
    lib: Library, audience: str
) -> None:
    shown = {lib.prompt_of_the_day(day, audience=audience) for day in DAYS}
    assert {p.depth for p in shown} == {"light", "medium"}
    assert not {p.theme for p in shown} & {"endings-loss", "multiple-partners"}
    assert {p.sensitivity for p in shown} == {"none"}
    assert {p.relationship for p in shown} == {"any"}


def test_a_person_can_turn_on_loss_and_more_than_one_partner(lib: Library) -> None:
    wider = DailyChoice(relationship="romantic", loss=True, multiple_partners=True)
    shown = {lib.daily_prompt(day, wider) for day in DAYS}
    assert {"endings-loss", "multiple-partners"} <= {p.theme for p in shown}
    assert {p.sensitivity for p in shown} == {"none", "loss"}
    assert {p.depth for p in shown} == {"light", "medium"}
    romantic = {lib.daily_prompt(day, DailyChoice(relationship="romantic")) for day in DAYS}
    assert not {p.theme for p in romantic} & {"endings-loss", "multiple-partners"}
    only_loss = {lib.daily_prompt(day, DailyChoice(loss=True)) for day in DAYS}
    assert "endings-loss" in {p.theme for p in only_loss}


@pytest.mark.parametrize("relationship", ["family", "friends"])
def test_a_family_or_friends_never_gets_a_romantic_prompt(lib: Library, relationship: str) -> None:
    choice = DailyChoice(relationship=relationship)
    for audience in AUDIENCES:
        shown = {lib.daily_prompt(day, choice, audience=audience) for day in DAYS}
        assert {p.relationship for p in shown} <= {"any", relationship}
    together = {lib.daily_prompt(d, choice, audience="together") for d in DAYS}
    assert relationship in {p.relationship for p in together}


def test_together_prompts_are_worded_for_two_or_more_people() -> None:
    """Over the yaml itself: no together prompt speaks of exactly one other person."""
    raw = yaml.safe_load(PROMPTS.read_text("utf-8"))["prompts"]
    two = re.compile(
        r"\b(your partner|both of you|you both|you two|the two of you|the other(?!s\b)(?!'s))\b",
        re.I,
    )
    worded_for_two = [
        p["id"]
        for p in raw
        if p["audience"] == "together" and two.search(f"{p['text']} {p.get('close') or ''}")
    ]
    assert worded_for_two == []


# --- helplines that ship (item 8) ----------------------------------------------------------------
@pytest.fixture(scope="module")
def book() -> Helplines:
    return load_helplines()


def test_every_helpline_has_a_country_a_contact_a_source_and_a_checked_date() -> None:
    """Over the yaml itself, so a loader bug cannot hide a gap."""
    raw = yaml.safe_load(HELPLINES.read_text("utf-8"))
    countries = raw["countries"]
    assert len(raw["lines"]) >= 75
    for line in raw["lines"]:
        where = f"{line.get('country')} {line.get('name')}"
        assert line["country"] in countries, where
        assert line["kind"] in ("emergency", "crisis", "abuse"), where
        assert str(line.get("number") or line.get("address") or "").strip(), where
        assert str(line["source"]).startswith("https://"), where
        assert type(line["last_checked"]) is datetime.date, where
    for entry in raw["directory"]:
        assert entry["address"] and entry["source"].startswith("https://"), entry
        assert type(entry["last_checked"]) is datetime.date, entry


def test_at_least_25_countries_each_with_emergency_crisis_and_mostly_abuse_lines(
    book: Helplines,
) -> None:
    assert len(book.countries) >= 25
    helps = [book.country(code) for code, _ in book.countries]
    assert all(h and h.emergency and h.crisis for h in helps)
    assert sum(bool(h and h.abuse) for h in helps) >= 25
    assert len(book.directory) >= 2
    assert {d.contact for d in book.directory} >= {"findahelpline.com", "befrienders.org"}


def test_known_numbers(book: Helplines) -> None:
    gb, us, de = book.country("GB"), book.country("US"), book.country("DE")
    assert gb and us and de
    assert [c.contact for c in gb.crisis] == ["116 123"]
    assert [c.contact for c in gb.abuse] == ["0808 2000 247"]
    assert [c.contact for c in us.crisis] == ["988"]
    assert [c.contact for c in de.abuse] == ["116 016"]
    assert book.country("XX") is None
    assert book.country(None) is None


def _helplines_file(tmp_path: pathlib.Path, line: dict[str, Any]) -> pathlib.Path:
    doc = {
        "countries": {"GB": "United Kingdom"},
        "directory": [
            {
                "name": "Find A Helpline",
                "address": "findahelpline.com",
                "source": "https://findahelpline.com",
                "last_checked": datetime.date(2026, 1, 2),
            }
        ],
        "lines": [
            {
                "country": "GB",
                "kind": "emergency",
                "name": "Emergency",
                "number": "999",
                "source": "https://www.gov.uk",
                "last_checked": datetime.date(2026, 1, 2),
            },
            line,
        ],
    }
    (tmp_path / "helplines.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return tmp_path


GOOD_LINE = {
    "country": "GB",
    "kind": "crisis",
    "name": "Samaritans",
    "number": "116 123",
    "source": "https://www.samaritans.org",
    "last_checked": datetime.date(2026, 1, 2),
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"source": None}, "source"),
        ({"source": "http://example.org"}, "https://"),
        ({"last_checked": None}, "last_checked"),
        ({"last_checked": datetime.date(2099, 1, 1)}, "last_checked"),
        ({"number": None}, "'number' or an 'address'"),
        ({"address": "example.org"}, "'number' or an 'address'"),
        ({"country": "FR"}, "country 'FR'"),
        ({"country": None}, "country"),
        ({"kind": "chat"}, "kind"),
        ({"fax": "0"}, "unknown key 'fax'"),
    ],
)
def test_a_broken_helpline_is_a_clear_error(
    tmp_path: pathlib.Path, change: dict[str, Any], problem: str
) -> None:
    line = {k: v for k, v in (GOOD_LINE | change).items() if v is not None}
    with pytest.raises(ContentError, match=re.escape(problem)) as exc:
        load_helplines(_helplines_file(tmp_path, line))
    assert str(exc.value).startswith("helplines.yaml")


def test_a_country_without_a_crisis_line_is_refused(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ContentError, match="crisis line"):
        load_helplines(_helplines_file(tmp_path, GOOD_LINE | {"kind": "abuse"}))
    assert load_helplines(_helplines_file(tmp_path, GOOD_LINE)).country("GB")


@pytest.mark.parametrize(
    ("env", "system", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, None, "GB"),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, None, "AT"),
        ({"LANG": "C.UTF-8"}, "fr_BE", "BE"),
        ({"LANG": "pt-BR"}, None, "BR"),
        ({"LANG": "sr_RS@latin"}, None, None),  # no lines shipped for Serbia
        ({"LANG": "en"}, None, None),
        ({}, None, None),
    ],
)
def test_the_country_follows_the_locale(
    env: dict[str, str], system: str | None, expected: str | None
) -> None:
    known = {"GB", "AT", "BE", "BR", "US"}
    assert country_from_locale(env, known, system) == expected


def test_a_country_chosen_in_settings_wins_over_the_locale() -> None:
    known = {"GB", "FR"}
    assert country_choice("FR", "GB", known) == "FR"
    assert country_choice("", "GB", known) == "GB"
    assert country_choice("-", "GB", known) is None
    assert country_choice("ZZ", None, known) is None
