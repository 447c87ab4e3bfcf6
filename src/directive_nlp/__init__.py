"""directive-nlp: officials, document numbers, dates and directives from Vietnamese bulletins."""

from __future__ import annotations

import logging
import os

# Nothing may be downloaded at run time: underthesea's bundled models only.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
