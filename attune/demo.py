"""Realistic sample data: moods with a weekly rhythm and noise, tags that really move mood,
feeling words that fit the quadrant, plain-language notes of varied length. Never a moment
later than now: on the last day, only check-ins whose time has already come."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from attune.content import Library, load_library
from attune.domain.entries import EntryDraft, Visibility

NAMES = ("Sam", "Alex", "Jordan", "Riley", "Noor", "Kai", "Mina", "Theo")


@dataclass(frozen=True)
class TagEffect:
    tag: str
    chance: float
    valence: float
    energy: float
    connection: float


TAGS = (
    TagEffect("exercise", 0.30, 0.6, 0.5, 0.0),
    TagEffect("slept well", 0.45, 0.5, 0.6, 0.1),
    TagEffect("time outdoors", 0.25, 0.4, 0.2, 0.0),
    TagEffect("work stress", 0.30, -0.7, 0.4, -0.3),
    TagEffect("argument", 0.06, -1.3, 0.6, -1.4),
    TagEffect("date night", 0.08, 0.7, 0.2, 1.2),
    TagEffect("friends", 0.15, 0.5, 0.3, 0.8),
    TagEffect("late screens", 0.30, -0.3, -0.4, -0.2),
    TagEffect("family", 0.15, 0.1, 0.0, 0.5),
    TagEffect("alone time", 0.20, 0.2, -0.2, -0.1),
)

OPENERS = {
    "high": [
        "Good day, honestly.",
        "Felt light today.",
        "Lots of warmth today.",
        "A really nice one.",
    ],
    "mid": ["An ordinary day.", "Somewhere in the middle today.", "Not much to report.", "Steady."],
    "low": ["Hard day.", "Felt heavy most of the day.", "Not my best day.", "Tired and a bit raw."],
}
TAG_LINES = {
    "exercise": [
        "Went for a run before work and my head cleared.",
        "Swam a few lengths; body feels looser.",
    ],
    "slept well": ["Slept properly for once.", "Eight hours of sleep, what a difference."],
    "time outdoors": [
        "Walked by the river at lunch.",
        "Sat in the park for a while and watched the trees.",
    ],
    "work stress": [
        "The deadline ate the whole afternoon.",
        "Too many meetings, not enough time to think.",
    ],
    "argument": [
        "We argued about the dishes, but really about feeling unseen.",
        "Snapped at each other over plans for the weekend.",
    ],
    "date night": [
        "Cooked together and talked for hours.",
        "Went out for dinner, just the two of us.",
    ],
    "friends": ["Coffee with an old friend; we laughed a lot.", "Long call with a friend I miss."],
    "late screens": ["Scrolled far too late again.", "Stayed up watching videos I don't remember."],
    "family": ["Called my mum.", "Family lunch, a bit loud but nice."],
    "alone time": ["Took an hour just for myself.", "Read quietly with tea."],
}
CLOSERS = [
    "Tomorrow I want to go to bed earlier.",
    "One small thing for tomorrow: ask how their day really was.",
    "Grateful for small kindnesses.",
    "I noticed I needed more quiet than I thought.",
    "I'd like to talk about this at the weekend.",
]


def _note(rng: random.Random, valence: int, tags: list[str]) -> str:
    mood = "high" if valence >= 4 else "low" if valence <= 2 else "mid"
    sentences = [rng.choice(OPENERS[mood])]
    for tag in tags:
        if rng.random() < 0.7:
            sentences.append(rng.choice(TAG_LINES[tag]))
    if rng.random() < 0.4:
        sentences.append(rng.choice(CLOSERS))
    if rng.random() < 0.15:  # the occasional longer entry, in two paragraphs
        return " ".join(sentences[:2]) + "\n\n" + " ".join([*sentences[2:], rng.choice(CLOSERS)])
    return " ".join(sentences)


def _clip(value: float) -> int:
    return max(1, min(5, round(value)))


def generate(
    *,
    member_index: int,
    members: int,
    years: float,
    seed: int,
    end: date,
    library: Library | None = None,
    now: datetime | None = None,
) -> Iterator[tuple[str, EntryDraft]]:
    """Yield (uid, draft) pairs for one member; deterministic for a given seed and `now`
    (default: the moment of the call). A check-in later than `now` is left out, after its
    random draws, so what comes before it is the same whenever the demo runs."""
    library = library or load_library()
    rng = random.Random(seed * 1000 + member_index)
    now = now or datetime.now().astimezone()
    tz = now.tzinfo
    start = end - timedelta(days=int(365 * years))
    temperament = rng.uniform(-0.3, 0.3)
    drift = 0.0
    day = start
    while day <= end:
        drift = 0.8 * drift + rng.gauss(0, 0.35)
        weekday = day.weekday()
        rhythm = {0: -0.35, 4: 0.25, 5: 0.45, 6: 0.3}.get(weekday, 0.0)
        day_tags = [
            t
            for t in TAGS
            if rng.random() < t.chance * (0.4 if t.tag == "date night" and members == 1 else 1)
        ]
        checkins = 0 if rng.random() < 0.15 else (2 if rng.random() < 0.2 else 1)
        for n in range(checkins):
            hour = (
                rng.choice((7, 8, 9, 12))
                if n == 0 and rng.random() < 0.5
                else rng.choice((18, 19, 20, 21, 22))
            )
            moment = datetime.combine(day, time(hour, rng.randrange(60)), tz)
            v = (
                3.1
                + temperament
                + rhythm
                + drift
                + sum(t.valence for t in day_tags)
                + rng.gauss(0, 0.85)
            )
            e = (
                3.0
                + (0.3 if hour < 12 else -0.2)
                + sum(t.energy for t in day_tags) * 0.6
                + 0.6 * drift
                + rng.gauss(0, 1.0)
            )
            c = 3.2 + sum(t.connection for t in day_tags) * 0.7 + rng.gauss(0, 0.6)
            valence, energy = _clip(v), _clip(e)
            quadrant = library.quadrant_for(valence, energy) or library.quadrant_for(
                4 if valence >= 3 else 2, 4 if energy >= 3 else 2
            )
            words = [w.word for w in quadrant.words] if quadrant else []
            feelings = tuple(rng.sample(words, k=min(len(words), rng.choice((1, 1, 2, 3)))))
            tags = [t.tag for t in day_tags]
            body = _note(rng, valence, tags) if rng.random() < 0.65 else ""
            prompt = rng.choice(library.prompts) if body and rng.random() < 0.2 else None
            shared = members > 1 and rng.random() < 0.5
            draft = EntryDraft(
                occurred_at=moment,
                valence=valence,
                energy=energy,
                connection=_clip(c),
                feelings=feelings,
                tags=tuple(tags),
                body=body,
                prompt_id=prompt.id if prompt else None,
                reading_id=prompt.readings[0] if prompt else None,
                visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
            )
            uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            if moment <= now:
                yield uid, draft
        day += timedelta(days=1)
