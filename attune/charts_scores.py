"""Questionnaire scores over time, one line per member (CSI-4 0–21, WHO-5 0–100)."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from attune.charts import ACCENT, MUTED, themed
from attune.domain.assessments import QUESTIONNAIRES


def scores_over_time(
    frame: pd.DataFrame, kind: str, colours: Mapping[int, str] | None = None
) -> alt.LayerChart:
    """Takes `together.assessments(...)` rows; draws `kind` ("csi4" or "who5") per member with
    the published threshold as a dotted rule."""
    q = QUESTIONNAIRES[kind]
    data = frame[frame["kind"] == kind].assign(
        date=lambda d: pd.to_datetime(d["taken_at"]).dt.tz_convert(None).dt.normalize()
    )[["member_id", "member", "date", "score"]]
    members = list(dict.fromkeys(data["member"]))
    ids = list(dict.fromkeys(data["member_id"]))
    palette = [colours.get(i, ACCENT) for i in ids] if colours else alt.Undefined
    line = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("date:T", title="Week"),
            y=alt.Y("score:Q", title=f"{q.name} score", scale=alt.Scale(domain=[0, q.maximum])),
            color=alt.Color(
                "member:N", title="Member", scale=alt.Scale(domain=members, range=palette)
            ),
            tooltip=[
                alt.Tooltip("member:N", title="Member"),
                alt.Tooltip("date:T", title="Week"),
                alt.Tooltip("score:Q", title=q.name),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"y": [q.threshold]}))
        .mark_rule(strokeDash=[4, 4], color=MUTED)
        .encode(y="y:Q")
    )
    chart = (line + rule).properties(title=f"{q.name} over time", height=220, width="container")
    return themed(chart)


def describe_scores(frame: pd.DataFrame, kind: str) -> str:
    q = QUESTIONNAIRES[kind]
    data = frame[frame["kind"] == kind]
    if data.empty:
        return f"No {q.name} answers yet."
    parts = []
    for _, g in data.sort_values("taken_at").groupby("member", sort=False):
        parts.append(
            f"{g['member'].iloc[-1]}: latest {int(g['score'].iloc[-1])} of {q.maximum} "
            f"({len(g)} week{'s' if len(g) != 1 else ''})"
        )
    return f"{q.name} — " + "; ".join(parts) + f". {q.threshold_note}"
