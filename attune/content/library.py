"""The loaded content as one `Library`, and the questions screens ask it: a reading by id, the
prompts on a theme, the prompt of the day, what fits a check-in."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from .model import FeelingWord, Practice, Prompt, Quadrant, Reading

# What fits a check-in, by quadrant (None = neutral on an axis): (practice id, prompt theme).
_SUGGESTIONS: dict[str | None, tuple[str | None, str]] = {
    "unpleasant-high": ("slow-breathing", "regulation"),
    "unpleasant-low": ("self-compassion-break", "self-understanding"),
    "pleasant-high": (None, "appreciation"),
    "pleasant-low": (None, "appreciation"),
    None: ("name-the-feeling", "self-understanding"),
}


#: The depths the prompt of the day draws from (deep prompts are chosen, never handed out).
DAILY_DEPTHS = ("light", "medium")


@dataclass(frozen=True)
class DailyChoice:
    """What one person lets the prompt of the day draw on (defaults: the gentlest)."""

    relationship: str = "any"  # RELATIONSHIPS
    loss: bool = False
    multiple_partners: bool = False


@dataclass(frozen=True)
class Library:
    quadrants: tuple[Quadrant, ...]
    readings: tuple[Reading, ...]
    prompts: tuple[Prompt, ...]
    practices: tuple[Practice, ...]

    def feeling_words(self) -> tuple[FeelingWord, ...]:
        return tuple(w for q in self.quadrants for w in q.words)

    def nearby_words(
        self, valence: int, energy: int, *, limit: int = 10
    ) -> tuple[tuple[FeelingWord, ...], tuple[FeelingWord, ...]]:
        """The words that fit a check-in best, and all the others (the closest first).

        Each quadrant lists its most common words first. One quadrant gives its first `limit`
        words; a neutral 3 on an axis takes the quadrants on both sides in turn (so "steady" is
        never all lively or all calm), and a neutral 3 on both axes takes three from each."""
        vs = (
            ["pleasant" if valence > 3 else "unpleasant"]
            if valence != 3
            else ["unpleasant", "pleasant"]
        )
        es = ["high" if energy > 3 else "low"] if energy != 3 else ["high", "low"]
        near = [
            q for v in vs for e in es for q in self.quadrants if (q.valence, q.energy) == (v, e)
        ]
        rounds = max((len(q.words) for q in near), default=0)
        ordered = [q.words[i] for i in range(rounds) for q in near if i < len(q.words)]
        best = tuple(ordered[: limit if len(near) <= 2 else 12])
        rest = ordered[len(best) :]
        rest += [w for w in self.feeling_words() if w not in best and w not in rest]
        return best, tuple(rest)

    def quadrant_for(self, valence: int, energy: int) -> Quadrant | None:
        """Quadrant for a check-in on 1–5 scales: below 3 is unpleasant/low, above 3 is
        pleasant/high; exactly 3 on either axis is neutral and gives None."""
        if valence == 3 or energy == 3:
            return None
        want = ("pleasant" if valence > 3 else "unpleasant", "high" if energy > 3 else "low")
        return next((q for q in self.quadrants if (q.valence, q.energy) == want), None)

    def reading(self, id: str) -> Reading:
        return _by_id(self.readings, id, "reading")

    def prompt(self, id: str) -> Prompt:
        return _by_id(self.prompts, id, "prompt")

    def practice(self, id: str) -> Practice:
        return _by_id(self.practices, id, "practice")

    def prompts_for_reading(self, reading_id: str) -> tuple[Prompt, ...]:
        return tuple(p for p in self.prompts if reading_id in p.readings)

    def prompts_where(
        self,
        *,
        theme: str | None = None,
        depth: str | None = None,
        audience: str | None = None,
        relationship: str | None = None,
    ) -> tuple[Prompt, ...]:
        """Prompts matching every filter given. A relationship keeps that relationship's own
        prompts and those for any relationship ("friends" never yields a romantic prompt)."""
        return tuple(
            p
            for p in self.prompts
            if theme in (None, p.theme)
            and depth in (None, p.depth)
            and audience in (None, p.audience)
            and (relationship is None or p.relationship in ("any", relationship))
        )

    def prompt_of_the_day(
        self,
        day: datetime.date,
        *,
        audience: str = "solo",
        relationship: str = "any",
        sensitivities: tuple[str, ...] = ("none",),
        loss: bool = False,
        multiple_partners: bool = False,
    ) -> Prompt:
        """Deterministic: a fixed seeded permutation of the eligible prompts, cycled day by day,
        so no prompt repeats within len(eligible) consecutive days. Eligible by default: the
        audience's light and medium prompts for any relationship, with no sensitive topic and
        outside the themes of loss and of more than one partner, so the daily prompt fits
        whoever opens the app; a person widens it with a relationship, `loss` (adds the loss
        sensitivity and its theme) or `multiple_partners` (`DailyChoice` holds their choice)."""
        allowed = set(sensitivities) | ({"loss"} if loss else set())
        order = sorted(
            (
                p
                for p in self.prompts_where(audience=audience, relationship=relationship)
                if p.sensitivity in allowed
                and p.depth in DAILY_DEPTHS
                and (loss or p.theme != "endings-loss")
                and (multiple_partners or p.theme != "multiple-partners")
            ),
            key=lambda p: p.id,
        )
        if not order:
            raise KeyError(f"no prompts for audience {audience!r}")
        seed = f"attune-prompt-of-the-day:{audience}"
        wider = (relationship, tuple(sorted(allowed)), multiple_partners)
        if wider != ("any", ("none",), False):
            seed += f":{relationship}:{','.join(wider[1])}:{int(multiple_partners)}"
        random.Random(seed).shuffle(order)  # noqa: S311 - seeded on purpose
        return order[day.toordinal() % len(order)]

    def daily_prompt(
        self, day: datetime.date, choice: DailyChoice, *, audience: str = "solo"
    ) -> Prompt:
        """The prompt of the day for a person's `DailyChoice` (Settings › Support and prompts)."""
        return self.prompt_of_the_day(
            day,
            audience=audience,
            relationship=choice.relationship,
            loss=choice.loss,
            multiple_partners=choice.multiple_partners,
        )

    def suggest(self, valence: int, energy: int) -> tuple[Practice | None, Prompt | None]:
        """Unpleasant + high energy: slow breathing first, then a light regulation prompt.
        Unpleasant + low: self-compassion break, self-understanding prompt. Pleasant + high:
        appreciation prompt. Pleasant + low: appreciation too. Neutral: name the feeling."""
        quadrant = self.quadrant_for(valence, energy)
        practice_id, theme = _SUGGESTIONS[quadrant.id if quadrant else None]
        practice = next((p for p in self.practices if p.id == practice_id), None)
        prompts = self.prompts_where(theme=theme, audience="solo")
        light = [p for p in prompts if p.depth == "light"] or list(prompts)
        return practice, (light[0] if light else None)


def _by_id(items: tuple[Any, ...], id: str, kind: str) -> Any:
    for item in items:
        if item.id == id:
            return item
    raise KeyError(f"no {kind} with id {id!r}")


# --- validation helpers ------------------------------------------------------------------------
