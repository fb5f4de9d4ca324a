"""Issue 15 content: repair prompts that invite self-blame carry a safety line (item 5), the
daily prompt fits the person (item 6), and the helplines that ship (item 8)."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from attune import messages
from attune.content import SELF_BLAME_WORDS, ContentError, Library, load_library
from tests.unit.test_content import _valid, _write


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
    raw = yaml.safe_load(
        (pathlib.Path(__file__).parents[2] / "data" / "prompts.yaml").read_text("utf-8")
    )
    assert all(type(p.get("self_blame", False)) is bool for p in raw["prompts"])
