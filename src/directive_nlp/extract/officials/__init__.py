"""Officials: the people a document names with a public position.

:func:`find_officials` reads the syllables of the analysis' words in the main text
(:mod:`.syllables`) in phases, each a module of this package:

1. :mod:`.scan` — who is named: honorifics and ranks before a name, group lists, title chains
   before or after a name (:mod:`.chains`), each title read by the title grammar
   (:mod:`.titles`), each name by the name evidence (:mod:`.names`);
2. :mod:`.signer` — the signer (given by the header, or found in the last signer block);
3. :mod:`.merge` — one entry per person: later mentions by full name, by given name after an
   honorific or a position ("ông Chung"), by title only ("Bí thư Tỉnh ủy yêu cầu…"); bylines'
   authors and historical figures dropped.

:func:`resolve_title` (:mod:`.resolve`) is the title → person resolver of the directives stage.
Offsets index the normalized text: ``analysis.text[m.start:m.end] == m.text``.
"""

from __future__ import annotations

import bisect
from typing import Any, Sequence

from directive_nlp.extract.officials import merge
from directive_nlp.extract.officials.lexicon import key, lex
from directive_nlp.extract.officials.model import Mention, Official
from directive_nlp.extract.officials.names import collect_places
from directive_nlp.extract.officials.resolve import holds_title, resolve_title
from directive_nlp.extract.officials.scan import scan
from directive_nlp.extract.officials.signer import Signer, choose_signer, detect_signers, given_signer
from directive_nlp.extract.officials.syllables import Seq, Syl, syllables
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["Mention", "Official", "find_officials", "holds_title", "resolve_title"]

_MAX_TEXT = 5_000_000


def _main_spans(n: int, main: Sequence[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """The main-text spans clipped to the text, sorted and merged."""
    if main is None:
        return [(0, n)] if n else []
    spans = sorted((max(0, int(a)), min(n, int(b))) for a, b in main)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _hard_breaks(toks: list[Syl], breaks: Sequence[int]) -> list[Syl]:
    """Make the break before the first syllable after each offset of ``breaks`` a hard one."""
    for b in breaks:
        k = bisect.bisect_left([t.s for t in toks], b) if isinstance(b, int) else 0
        if 0 < k < len(toks) and toks[k - 1].e <= b:
            toks[k].gap = 3
    return toks


def _add_signer(reg: merge.Registry, sig: Signer) -> None:
    p = reg.person(sig.name)
    p.add_title(sig.title)
    p.cued = True
    p.roles.add("signer")
    title = " ".join(sig.title.split()) if sig.title else None
    if sig.end > sig.start:
        reg.mention(p, sig.start, sig.end, title)
    elif not p.mentions:
        p.mentions.append(Mention(0, 0, "", None))


def find_officials(
    doc: Analysis | str,
    *,
    main: Sequence[tuple[int, int]] | None = None,
    signer: dict[str, Any] | None = None,
    authors: Sequence[str] = (),
    breaks: Sequence[int] = (),
) -> list[Official]:
    """People named with a public position in the main text, one entry per person.

    ``main``: [start, end) spans of the document's own text (None: all of it). ``signer``:
    the header's signer {name, title, authority, start?, end?}; when None a signer block is
    looked for here (and when a block names someone else, the block wins). ``authors``: byline
    names, never officials. ``breaks``: offsets where a heading ends (the layout's headline, a
    notice's title): no title or name reads across one.
    """
    analysis = as_analysis(doc, "find_officials")
    text = analysis.text
    if not text or len(text) > _MAX_TEXT:
        return []
    lx = lex()
    spans = _main_spans(len(text), main)
    reg = merge.Registry(text)
    seqs = [Seq(analysis, _hard_breaks(toks, breaks), lx) for a, b in spans if (toks := syllables(analysis, a, b))]
    places: set[tuple[str, ...]] = set()
    for seq in seqs:
        seq.doc_places = places  # one set for the document
        collect_places(seq)
    scans = [scan(seq, reg) for seq in seqs]
    given = given_signer(text, signer, seqs, key(str(signer.get("name") or ""))) if isinstance(signer, dict) else None
    sig = choose_signer(given, detect_signers(analysis, lx, spans))
    if sig is not None:
        _add_signer(reg, sig)
    persons = merge.who_counts(reg, lx, authors)
    merge.name_mentions(reg, persons, seqs)
    merge.short_mentions(reg, persons, [r for sc in scans for r in sc.short_refs])
    merge.title_mentions(reg, persons, [t for sc in scans for t in sc.title_only])
    return merge.officials(persons, len(text))
