"""A database error never carries what someone wrote: SQLAlchemy puts a failed statement's
parameters in its exception's text, and an exception's text reaches the server's log. Every
engine hides them (`hide_parameters`). Both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from attune.services import Journal

pytestmark = pytest.mark.both_backends

WORDS = "okapi I want to leave him"


def test_a_failed_statement_says_nothing_of_its_parameters(journal: Journal) -> None:
    with pytest.raises(DBAPIError) as failed, journal.engine.connect() as conn:
        conn.execute(text("INSERT INTO no_such_table (body) VALUES (:body)"), {"body": WORDS})
    assert WORDS not in str(failed.value) and "okapi" not in repr(failed.value)
