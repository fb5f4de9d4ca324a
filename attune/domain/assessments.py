"""Brief validated questionnaires, reproduced exactly as published, and their scoring.

- CSI-4, the four-item Couples Satisfaction Index: Funk, J. L., & Rogge, R. D. (2007). Testing the
  ruler with item response theory: Increasing precision of measurement for relationship
  satisfaction with the Couples Satisfaction Index. Journal of Family Psychology, 21(4), 572–583.
  https://doi.org/10.1037/0893-3200.21.4.572 — scores 0–21; below 13.5 suggests notable
  relationship dissatisfaction. Free for research and clinical use.
- WHO-5 Well-Being Index (WHO Regional Office for Europe, 1998): raw 0–25, reported ×4 as 0–100;
  50 or below suggests checking in with a professional. Topp, C. W., Østergaard, S. D.,
  Søndergaard, S., & Bech, P. (2015). The WHO-5 Well-Being Index: A systematic review of the
  literature. Psychotherapy and Psychosomatics, 84(3), 167–176. https://doi.org/10.1159/000376585
"""

from __future__ import annotations

from dataclasses import dataclass


class AssessmentError(ValueError):
    """Answers that do not fit the questionnaire."""


@dataclass(frozen=True)
class Item:
    text: str
    options: tuple[str, ...]  # index = score


@dataclass(frozen=True)
class Questionnaire:
    kind: str
    name: str
    instructions: str
    items: tuple[Item, ...]
    maximum: int
    citation: str
    doi: str
    threshold: float
    threshold_note: str

    def score(self, answers: tuple[int, ...] | list[int]) -> int:
        """The published score from item answers (each the index of the chosen option)."""
        if len(answers) != len(self.items):
            raise AssessmentError(
                f"{self.name} needs an answer to each of its {len(self.items)} questions."
            )
        for answer, item in zip(answers, self.items, strict=True):
            if not isinstance(answer, int) or not 0 <= answer < len(item.options):
                raise AssessmentError(f"An answer on {self.name} is out of range.")
        raw = sum(answers)
        return raw * 4 if self.kind == "who5" else raw

    def flagged(self, score: int) -> bool:
        return score < self.threshold if self.kind == "csi4" else score <= self.threshold


_HAPPY = (
    "Extremely Unhappy",
    "Fairly Unhappy",
    "A Little Unhappy",
    "Happy",
    "Very Happy",
    "Extremely Happy",
    "Perfect",
)
_TRUE = (
    "Not at all TRUE",
    "A little TRUE",
    "Somewhat TRUE",
    "Mostly TRUE",
    "Almost Completely TRUE",
    "Completely TRUE",
)
_EXTENT = ("Not at all", "A little", "Somewhat", "Mostly", "Almost Completely", "Completely")
_TIME = (
    "At no time",
    "Some of the time",
    "Less than half of the time",
    "More than half of the time",
    "Most of the time",
    "All of the time",
)

CSI4 = Questionnaire(
    kind="csi4",
    name="CSI-4",
    instructions="About your relationship with your partner.",
    items=(
        Item(
            "Please indicate the degree of happiness, all things considered, of your relationship.",
            _HAPPY,
        ),
        Item("I have a warm and comfortable relationship with my partner.", _TRUE),
        Item("How rewarding is your relationship with your partner?", _EXTENT),
        Item("In general, how satisfied are you with your relationship?", _EXTENT),
    ),
    maximum=21,
    citation="Funk & Rogge (2007), Journal of Family Psychology 21(4):572–583",
    doi="10.1037/0893-3200.21.4.572",
    threshold=13.5,
    threshold_note="Scores below 13.5 suggest notable dissatisfaction with the relationship.",
)

WHO5 = Questionnaire(
    kind="who5",
    name="WHO-5",
    instructions="Please indicate for each of the five statements which is closest to how you have "
    "been feeling over the last two weeks.",
    items=tuple(
        Item(text, _TIME)
        for text in (
            "I have felt cheerful and in good spirits",
            "I have felt calm and relaxed",
            "I have felt active and vigorous",
            "I woke up feeling fresh and rested",
            "My daily life has been filled with things that interest me",
        )
    ),
    maximum=100,
    citation="WHO-5 Well-Being Index (WHO, 1998); Topp et al. (2015), Psychother Psychosom 84:167–176",
    doi="10.1159/000376585",
    threshold=50,
    threshold_note="A score of 50 or below is a reason to talk with a doctor or counsellor about how "
    "you have been feeling; 28 or below even more so.",
)

QUESTIONNAIRES = {q.kind: q for q in (CSI4, WHO5)}
