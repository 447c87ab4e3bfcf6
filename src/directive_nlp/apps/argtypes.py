"""argparse value types shared by the commands: one clear message per bad value."""

from __future__ import annotations

import argparse
from typing import Callable

__all__ = ["int_at_least", "positive_number", "port"]


def int_at_least(minimum: int) -> Callable[[str], int]:
    """An integer ``>= minimum`` ("-j 0" → "must be at least 1: '0'")."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}: {text!r}")
        return value

    parse.__name__ = f"integer >= {minimum}"
    return parse


def positive_number(text: str) -> float:
    """A number > 0 (and below a million: sizes in MB, seconds)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < 1e6:
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


def port(text: str) -> int:
    """A TCP port, 1–65535."""
    value = int_at_least(1)(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"not a TCP port: {text!r}")
    return value
