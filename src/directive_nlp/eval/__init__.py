"""Evaluation against gold (corpus/SCORING.md rules) and baselines; see :mod:`.scoring`."""

from directive_nlp.eval.matching import ref_key
from directive_nlp.eval.report import ACCURACY_FIELDS, PRF_FIELDS, Accuracy, Counts, DocScore, Report, dump_reports, format_table
from directive_nlp.eval.runner import REQUIRED_GOLD_KEYS, Extractor, find_text, load_gold, run_eval, run_systems
from directive_nlp.eval.scoring import aggregate, score_document

__all__ = [
    "ACCURACY_FIELDS",
    "PRF_FIELDS",
    "REQUIRED_GOLD_KEYS",
    "Accuracy",
    "Counts",
    "DocScore",
    "Extractor",
    "Report",
    "aggregate",
    "dump_reports",
    "find_text",
    "format_table",
    "load_gold",
    "ref_key",
    "run_eval",
    "run_systems",
    "score_document",
]
