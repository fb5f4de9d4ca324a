"""Attune JSON as written for 100,000-entry backups (one check-in or entry per line) and read with
the fast per-entry check: the layout, the same refusals as the field-by-field check, and times
that cannot be stored refused up front."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attune import messages
from attune.domain.assessments import QUESTIONNAIRES
from attune.exchange import ImportFailed, attune_json, attune_json_schema
from attune.exchange.safe_parse import load_json
from tests.share_factory import export_entry, sample_export


def doc() -> dict[str, Any]:
    return json.loads(attune_json.dumps(sample_export()))


def refuse(document: dict[str, Any]) -> str:
    with pytest.raises(ImportFailed) as caught:
        attune_json.parse_document(json.dumps(document).encode())
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def test_each_checkin_and_entry_is_one_line_and_the_rest_is_indented() -> None:
    data = sample_export()
    text = attune_json.dumps(data).decode()
    assert json.loads(text) == attune_json.to_document(data)
    assert list(json.loads(text)) == list(attune_json.to_document(data))
    lines = text.splitlines()
    assert sum(line.startswith('    {"uid": ') for line in lines) == len(data.entries)
    assert sum(line.startswith('    {"occurred_at": ') for line in lines) == len(data.checkins)
    assert '  "format": "attune",' in lines and text.endswith("\n}\n")


def test_an_export_without_entries_is_still_valid_json() -> None:
    data = sample_export([])
    text = attune_json.dumps(data)
    assert load_json(text) == attune_json.to_document(data)
    assert attune_json.parse_document(text).entries == ()


FIELDS: dict[str, list[Any]] = {
    "uid": ["x", "00000000-0000-0000-0000-00000000000A", 1, None],
    "author": [1, None, ""],
    "occurred_at": ["2026-03-01T09:30:00", "yesterday", 5, "0001-01-01T00:00:00+05:00"],
    "valence": [0, 6, "3", True, 3.0, None],
    "energy": [None, [3]],
    "connection": [0, "x", False],
    "feelings": ["calm", [1], None, ["Calm"]],
    "tags": [None, ["  spaced  "], "x"],
    "visibility": ["public", None, ["private"]],
    "share_with_therapist": ["yes", None],
    "prompt_id": ["", "p" * 65, 3],
    "reading_id": [[]],
    "body": [None, 3, "x\x00y"],
}


@pytest.mark.parametrize(
    ("field", "value"), [(f, v) for f, values in FIELDS.items() for v in values]
)
def test_a_wrong_entry_field_is_named(field: str, value: Any) -> None:
    document = doc()
    document["entries"][3][field] = value
    message = refuse(document)
    assert "entries[3]" in message
    assert field in message or message.startswith("The Attune export is not valid: entries[3]:")


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(sorted(FIELDS)), drop=st.booleans())
def test_missing_or_extra_fields_are_refused(field: str, drop: bool) -> None:
    document = doc()
    if drop:
        del document["entries"][0][field]
    else:
        document["entries"][0]["extra"] = 1
    assert "entries[0]" in refuse(document)


def test_a_time_that_cannot_be_stored_is_refused() -> None:
    old = export_entry(0, occurred_at=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))))
    # The file holds that moment twice, as an entry and as its check-in: the check-in (which
    # comes first in the schema) is named.
    with pytest.raises(ImportFailed, match=r"checkins\[0\]\.occurred_at"):
        attune_json.parse_document(attune_json.dumps(sample_export([old])))
    document = doc()
    document["entries"][0]["occurred_at"] = "0001-01-01T00:00:00+05:00"
    assert refuse(document) == messages.ATTUNE_JSON_FIELD.format(where="entries[0].occurred_at")
    document = doc()
    document["checkins"][0]["occurred_at"] = "0001-01-01T00:00:00+05:00"
    assert refuse(document) == messages.ATTUNE_JSON_FIELD.format(where="checkins[0].occurred_at")


def test_duplicate_keys_are_still_refused() -> None:
    text = attune_json.dumps(sample_export()).decode()
    twice = text.replace('"valence": 1, ', '"valence": 1, "valence": 2, ', 1)
    assert twice != text
    with pytest.raises(ImportFailed, match="names the same field twice"):
        attune_json.parse_document(twice.encode())


def test_the_documented_json_schema_is_the_readers_own() -> None:
    documented = Path(__file__).parents[2] / "docs" / "attune-json.schema.json"
    assert json.loads(documented.read_text(encoding="utf-8")) == (
        attune_json_schema.DocumentModel.model_json_schema(by_alias=True)
    ), "regenerate docs/attune-json.schema.json (see attune/exchange/attune_json_schema.py)"
    assert documented.read_text(encoding="utf-8") == attune_json_schema.schema_text()


def test_every_export_is_valid_against_the_documented_schema() -> None:
    """What Attune writes, the schema accepts: the models read back every exported document."""
    document = attune_json_schema.DocumentModel.model_validate(doc())
    assert len(document.entries) == len(sample_export().entries)


def test_the_schema_knows_every_questionnaire() -> None:
    kinds = attune_json_schema.json_schema()["$defs"]["AssessmentModel"]["properties"]["kind"]
    assert set(kinds["enum"]) == set(QUESTIONNAIRES)
