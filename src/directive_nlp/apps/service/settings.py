"""Service limits, from arguments or the environment."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields
from typing import Any, Callable, Mapping



log = logging.getLogger(__name__)

ENV_PREFIX = "DIRECTIVE_NLP_"
_MB = 1_000_000

# --------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class Settings:
    """Service limits. ``from_env()`` reads ``DIRECTIVE_NLP_<FIELD>`` (upper case) variables.

    ``model`` is the folder of a saved pipeline (default: ``directive_nlp.nlp.pipeline.models_dir()``);
    ``threads`` is the number of extraction worker processes per server process (each extracts
    one document at a time; one over ``timeout`` is killed and replaced).
    """

    max_bytes: int = 5 * _MB
    timeout: float = 30.0
    batch_timeout: float = 300.0
    max_batch: int = 100
    threads: int = 2
    model: str | None = None
    log_level: str | None = None

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_batch", "threads"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer (got {value!r})")
        for name in ("timeout", "batch_timeout"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < 1e6:
                raise ValueError(f"{name} must be a positive number of seconds (got {value!r})")
        if self.log_level is not None and self.log_level.upper() not in logging.getLevelNamesMapping():
            raise ValueError(f"log_level must be a logging level name (got {self.log_level!r})")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``DIRECTIVE_NLP_MAX_BYTES``, ``..._TIMEOUT`` etc.; defaults for the rest."""
        env = os.environ if environ is None else environ
        kinds: dict[str, Callable[[str], Any]] = {
            "max_bytes": int, "timeout": float, "batch_timeout": float, "max_batch": int, "threads": int,
            "model": str, "log_level": str,
        }
        values: dict[str, Any] = {}
        for f in fields(cls):
            var = ENV_PREFIX + f.name.upper()
            raw = env.get(var)
            if raw is None or raw.strip() == "":
                continue
            kind = kinds[f.name]
            try:
                values[f.name] = kind(raw.strip())
            except ValueError:
                raise ValueError(f"{var}={raw!r}: not {'an integer' if kind is int else 'a number'}") from None
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The environment variables that make ``from_env()`` return these settings."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[ENV_PREFIX + f.name.upper()] = str(value)
        return out

