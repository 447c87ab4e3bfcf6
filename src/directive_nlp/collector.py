"""Python's cyclic garbage collector held off while many long-lived objects are made in one go.

Loading the pipeline and building a document's words and tokens make hundreds of thousands of
objects that all stay alive; each collection their number sets off walks every object in memory
to free nothing (a third of the tokenizer's time on a 250k-character text; about a tenth of a
one-document run while loading). Held off by its threshold, not ``gc.disable()``, which a library
may undo (srsly's msgpack reader, which spaCy loads the vocabulary with, calls ``gc.enable()``).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["collector_held"]


@contextmanager
def collector_held(*, freeze: bool = False) -> Iterator[None]:
    """No automatic collection inside the block; the thresholds as they were after it. With
    ``freeze``, the objects alive at its end are moved out of every later collection's walk
    (objects that live as long as the process: a loaded pipeline)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.set_threshold(*thresholds)
