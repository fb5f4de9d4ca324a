"""Shared prompts: asked of every member together; answers are revealed only when everyone has
answered, or when the member who asked closes it early (and everyone sees that it was closed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Answer:
    member_id: int
    author: str
    body: str
    answered_at: datetime


@dataclass(frozen=True)
class Conversation:
    id: int
    uid: str
    prompt_id: str | None
    text: str
    opened_by: int
    opener: str
    opened_at: datetime
    closed_at: datetime | None
    participants: tuple[int, ...]
    answered: tuple[int, ...]  # who has answered (names of answers are hidden until revealed)
    answers: tuple[Answer, ...]  # only those the viewer may read (see `readable_answers`)

    @property
    def revealed(self) -> bool:
        return is_revealed(self.participants, self.answered, self.closed_at)

    @property
    def closed_early(self) -> bool:
        return self.closed_at is not None and not set(self.participants) <= set(self.answered)

    def waiting_for(self, member_id: int) -> bool:
        return (
            self.closed_at is None
            and member_id in self.participants
            and member_id not in self.answered
        )


def is_revealed(
    participants: tuple[int, ...], answered: tuple[int, ...], closed_at: datetime | None
) -> bool:
    return closed_at is not None or set(participants) <= set(answered)


def readable_answers(
    viewer_id: int | None,
    participants: tuple[int, ...],
    answers: tuple[Answer, ...],
    revealed: bool,
) -> tuple[Answer, ...]:
    """A viewer always reads their own answer; the others' only once the conversation is revealed,
    and only if the viewer took part. Nobody-selected reads nothing."""
    if viewer_id is None:
        return ()
    if revealed and viewer_id in participants:
        return answers
    return tuple(a for a in answers if a.member_id == viewer_id)
