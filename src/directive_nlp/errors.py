"""Typed errors. Each carries a stable code, the path it concerns and a one-line reason.

The CLI prints ``str(error)`` ("path: reason [code]"), never a traceback.
"""

from __future__ import annotations

__all__ = [
    "DirectiveNLPError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "DecodeError",
    "TooLargeError",
    "NotAFileError",
    "MissingInputError",
    "UnreadableInputError",
    "GoldError",
]


class DirectiveNLPError(Exception):
    """Base class. ``code`` is stable across versions (E1xx input, E2xx gold/eval)."""

    code = "E000"

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.reason} [{self.code}]"

    def dump(self) -> dict[str, str | None]:
        return {"code": self.code, "path": self.path, "reason": self.reason}


class InputError(DirectiveNLPError):
    code = "E100"


class MissingInputError(InputError):
    code = "E101"


class NotAFileError(InputError):
    code = "E102"


class UnreadableInputError(InputError):
    code = "E103"


class EmptyInputError(InputError):
    code = "E104"


class BinaryInputError(InputError):
    code = "E105"


class DecodeError(InputError):
    code = "E106"


class TooLargeError(InputError):
    code = "E107"


class GoldError(DirectiveNLPError):
    code = "E200"
