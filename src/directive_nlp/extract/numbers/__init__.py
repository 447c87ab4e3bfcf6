"""Document numbers and symbols ("số, ký hiệu") in running text.

Recognised shapes (see ``data/number_formats.md``):

* Party ``274-TB/TU``, ``05-NQ/TU``, ``367-QĐ/TWĐTN-VP``, spaced ``07 - CĐ/TU``;
* State ``267/KH-UBND``, ``120/BC-UBND-TH``, công văn ``2601/VPCP-KGVX``, copies ``03/SY``,
  joint ``12/KHLT-SYT-SGDĐT``, ASCII-folded ``QD-UBND``, spaced ``1234 /QĐ-UBND``;
* normative ``15/2021/NĐ-CP``, ``59/2020/QH14``, ``N/YYYY/TTLT-BTC-BNV``;
* Front ``291/QĐ-MTTQ-BTT``, glued ``90/TBMTTQ-BTT``;
* old decrees ``64-CP``, ``4/CP``.

A symbol needs at least one code-like letter group: dates, ratios, scores, years, phone
numbers, "COVID-19", "F0-F1" and numbers inside links or file names are not returned.

For each occurrence the type word written before it, the issue date and the issuing body
written after it are read; see :class:`DocRef`.
"""

from directive_nlp.extract.numbers.refs import DocRef, find_doc_refs, ref_of_number
from directive_nlp.extract.numbers.symbol import Symbol, doc_ref_key, read_symbol

__all__ = ["DocRef", "Symbol", "find_doc_refs", "doc_ref_key", "read_symbol", "ref_of_number"]
