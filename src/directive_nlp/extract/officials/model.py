"""What the officials stage returns: :class:`Official` with its :class:`Mention` s."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Mention", "Official"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an official: the name as written, or a title standing for the person
    ("Bí thư Tỉnh ủy yêu cầu…").

    ``title`` is the position phrase written with it (for a title-only mention, that phrase), or
    None for a bare name.
    """

    start: int
    end: int
    text: str
    title: str | None = None

    def dump(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "title": self.title}


@dataclass(frozen=True, slots=True)
class Official:
    """A person named with a public position.

    ``name`` is the full name (NFC, single spaces); ``titles`` every position given to the
    person, as written, in order of first appearance; ``role`` is "signer", "chair" (chủ trì) or
    "speaker" (phát biểu, yêu cầu, chỉ đạo…) or None; ``start``/``end``/``text`` are those of
    the first mention.
    """

    name: str
    titles: tuple[str, ...]
    mentions: tuple[Mention, ...]
    role: str | None
    start: int
    end: int
    text: str

    def dump(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "titles": list(self.titles),
            "role": self.role,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "mentions": [m.dump() for m in self.mentions],
        }
