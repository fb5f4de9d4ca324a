"""Issue 14 finding 10, on the Therapist page: a client's name and words with terminal controls
or bidi overrides are shown written out (\\u202egnp.exe), never obeyed (as exe.png)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from attune.exchange import attune_json
from attune.services import Journal
from tests.app.test_share import _open, texts
from tests.factories import make_member
from tests.share_factory import export_entry, sample_export

Open = Callable[..., AppTest]
OBEYED = ("\u202e", "\u2066", "\x1b", "\x9b")


def test_review_shows_overrides_and_escapes_written_out(app: Open, journal: Journal) -> None:
    robin = make_member(journal, "Robin")
    entries = [
        export_entry(0, body="\u202egnp.exe"),
        export_entry(1, body="Roses \x1b[31mred\x1b[0m", feelings=("calm\u2066",)),
    ]
    at = app("views/therapist.py", member_id=robin.id)
    _open(at, attune_json.dumps(sample_export(entries, member="Sam\u202e")))
    shown = texts(at) + "\n".join(str(s.options) for s in at.selectbox)
    assert "\\u202egnp.exe" in shown and "\\u001b[31mred" in shown
    assert "Sam\\\\u202e" in shown  # as Markdown source (safe.label escapes the backslash)
    assert not [c for c in OBEYED if c in shown]
