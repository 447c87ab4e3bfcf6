"""Guarded regex calls: every match on document text runs with the ``regex`` module's timeout.

A pattern that runs out of time is logged and treated as "no match", so an unexpected input can
slow one document down by at most the timeout per call, never hang or crash the pipeline.
"""

from __future__ import annotations

import logging

import regex

__all__ = ["TIMEOUT", "search", "match", "finditer"]

log = logging.getLogger(__name__)

TIMEOUT = 1.0


def _bounds(s: str, pos: int, endpos: int | None) -> tuple[int, int]:
    end = len(s) if endpos is None else min(endpos, len(s))
    return max(0, pos), end


def search(p: regex.Pattern[str], s: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
    """``p.search(s, pos, endpos)``; None on timeout. Look-behinds still see text before ``pos``."""
    a, b = _bounds(s, pos, endpos)
    try:
        return p.search(s, a, b, timeout=TIMEOUT)
    except TimeoutError:
        log.warning("regex timeout in search (%.40s) on %d characters", p.pattern, len(s))
        return None


def match(p: regex.Pattern[str], s: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
    """``p.match(s, pos, endpos)``; None on timeout."""
    a, b = _bounds(s, pos, endpos)
    try:
        return p.match(s, a, b, timeout=TIMEOUT)
    except TimeoutError:
        log.warning("regex timeout in match (%.40s) on %d characters", p.pattern, len(s))
        return None


def finditer(p: regex.Pattern[str], s: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match[str]]:
    """All matches of ``p`` in ``s[pos:endpos]``; [] on timeout."""
    a, b = _bounds(s, pos, endpos)
    try:
        return list(p.finditer(s, a, b, timeout=TIMEOUT))
    except TimeoutError:
        log.warning("regex timeout in finditer (%.40s) on %d characters", p.pattern, len(s))
        return []
