"""Words and figures shared by the summary-first reports (PDF, Markdown) and the review mode."""

from __future__ import annotations

from datetime import date, datetime

from attune import messages
from attune.domain.exports import ExportAssessment, ExportData, Summary


def day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def when(moment: datetime) -> str:
    """A moment in the offset it was written in: "Sat 14 Mar 2026, 09:30"."""
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def period(data: ExportData) -> str:
    start = data.start or data.summary.first
    end = data.end or data.summary.last
    if start is None or end is None:
        return messages.REPORT_ALL_DATES
    return f"{day(start)} – {day(end)}"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def figures(s: Summary) -> list[tuple[str, str]]:
    """(label, value) pairs of the summary, in reading order."""
    out = [
        (messages.REPORT_DAYS, f"{s.days:,}"),
        (messages.REPORT_CHECKINS, f"{s.checkins:,}"),
    ]
    if s.valence_mean is not None:
        out.append(
            (
                messages.REPORT_PLEASANTNESS_RANGE,
                messages.REPORT_MIN_MEAN_MAX.format(
                    lo=s.valence_min, mean=_num(s.valence_mean), hi=s.valence_max
                ),
            )
        )
    if s.energy_mean is not None:
        out.append((messages.REPORT_ENERGY_MEAN, _num(s.energy_mean)))
    if s.connection_mean is not None:
        out.append((messages.REPORT_CONNECTION_MEAN, _num(s.connection_mean)))
    return out


def score_line(a: ExportAssessment) -> str:
    q = a.questionnaire
    return messages.REPORT_SCORE_LINE.format(
        name=q.name, day=day(a.taken_at.date()), score=a.score, maximum=q.maximum
    )


def latest_scores(data: ExportData) -> list[ExportAssessment]:
    """The most recent answer of each questionnaire, in questionnaire order."""
    latest: dict[str, ExportAssessment] = {}
    for a in data.assessments:
        if a.kind not in latest or a.taken_at >= latest[a.kind].taken_at:
            latest[a.kind] = a
    return [latest[k] for k in sorted(latest)]
