"""Read an input file into text: encoding detection, typed input errors, provenance.

Accepted encodings (reported in :attr:`Source.encoding`):

* ``utf-8`` (also plain ASCII) and ``utf-8-sig`` (byte-order mark, stripped);
* ``utf-16-le`` / ``utf-16-be`` (with a byte-order mark, or without one when the NUL pattern
  makes it unmistakable);
* the legacy Vietnamese encodings ``windows-1258`` (combining tone marks), ``tcvn3`` (ABC,
  TCVN 5712:1993 VN3) and ``vni`` (VNI-Windows fonts), only when the bytes are not UTF-8 and one
  candidate decoding is clearly Vietnamese: at least :data:`MIN_VALID_WORDS` non-ASCII words, of
  which a share of at least :data:`LEGACY_THRESHOLD` are well-formed Vietnamese syllables, and
  every other candidate at least :data:`LEGACY_MARGIN` below it. Legacy decodings are returned
  in NFC. A text that is legacy mojibake (legacy bytes once read as Windows-1252/Latin-1 and
  saved as UTF-8) is repaired and reported as e.g. ``utf-8+tcvn3``.

The text is otherwise returned exactly as decoded (no NFC, line breaks kept): offsets of the
pipeline point into it. Every failure is one typed error from :mod:`directive_nlp.errors`
with a one-line reason.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import stat
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from directive_nlp.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    MissingInputError,
    NotAFileError,
    TooLargeError,
    UnreadableInputError,
)
from directive_nlp.resources import load_json

__all__ = [
    "Source",
    "decode_bytes",
    "read_source",
    "source_from_text",
    "repair_mojibake",
    "vietnamese_word_score",
    "LEGACY_ENCODINGS",
    "LEGACY_THRESHOLD",
    "LEGACY_MARGIN",
    "MIN_VALID_WORDS",
]

log = logging.getLogger(__name__)

LEGACY_ENCODINGS = ("windows-1258", "tcvn3", "vni")
#: Share of non-ASCII words that must be well-formed syllables for a legacy decoding.
LEGACY_THRESHOLD = 0.8
#: The runner-up candidate must score at least this much lower.
LEGACY_MARGIN = 0.3
#: At least this many non-ASCII words must be well-formed syllables.
MIN_VALID_WORDS = 2
#: Legacy detection looks at this many bytes from the start of the input.
SAMPLE_BYTES = 256 * 1024
#: Share of C0 control bytes (other than tab, newlines, form feed) that makes input binary.
CONTROL_SHARE = 0.05

_TRIED = "not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI text"
_STDIN = "<stdin>"
_MB = 1_000_000


# --------------------------------------------------------------------------- Source


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded input text and where it came from (``bytes`` = size of the raw input)."""

    path: str | None
    text: str
    encoding: str
    sha256: str
    bytes: int

    def dump(self) -> dict[str, Any]:
        """Provenance as JSON data (the text itself is not included)."""
        return {"path": self.path, "sha256": self.sha256, "bytes": self.bytes, "encoding": self.encoding}


def source_from_text(text: str, path: str | None = None) -> Source:
    """A :class:`Source` for text already in memory (encoding "utf-8", hash of its UTF-8 bytes)."""
    data = text.encode("utf-8", errors="surrogatepass")
    return Source(path, text, "utf-8", hashlib.sha256(data).hexdigest(), len(data))


# --------------------------------------------------------------------------- reading


def _mb(n: int) -> str:
    """Megabytes (10**6 bytes) for messages: 25300000 -> "25.3", 20000000 -> "20", 150 -> "0.00015"."""
    x = n / _MB
    s = f"{x:.1f}" if x >= 1 else f"{x:.6f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data: bytes = stream.read(max_bytes + 1)
    else:  # a text stream without a buffer (e.g. replaced in tests)
        data = sys.stdin.read().encode("utf-8", errors="surrogatepass")
    if len(data) > max_bytes:
        raise TooLargeError(_STDIN, f"input is over the {_mb(max_bytes)} MB limit")
    return data


def read_source(path: str | os.PathLike[str], *, max_bytes: int = 20_000_000) -> Source:
    """Read and decode a file (``"-"`` = standard input, reported as ``"<stdin>"``).

    Raises MissingInputError, NotAFileError, UnreadableInputError, TooLargeError,
    EmptyInputError, BinaryInputError or DecodeError.
    """
    name = os.fspath(path)
    if not isinstance(name, str):
        name = os.fsdecode(name)
    if name == "-":
        data = _read_stdin(max_bytes)
        name = _STDIN
    else:
        data = read_file_bytes(name, max_bytes)
    text, encoding = decode_bytes(data, name)
    return Source(name, text, encoding, hashlib.sha256(data).hexdigest(), len(data))


def _os_reason(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()


def read_file_bytes(name: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, with one typed error per way it can fail to be read."""
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise MissingInputError(name, "no such file") from None
    except NotADirectoryError:
        raise MissingInputError(name, "no such file (a parent is not a directory)") from None
    except PermissionError:
        raise UnreadableInputError(name, "permission denied") from None
    except (OSError, ValueError) as err:
        reason = _os_reason(err) if isinstance(err, OSError) else str(err)
        raise UnreadableInputError(name, f"cannot read ({reason})") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotAFileError(name, "is a directory")
    regular = stat.S_ISREG(st.st_mode)
    if regular and st.st_size > max_bytes:
        raise TooLargeError(name, f"file is {_mb(st.st_size)} MB, over the {_mb(max_bytes)} MB limit")
    try:
        with open(name, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise MissingInputError(name, "no such file") from None
    except IsADirectoryError:
        raise NotAFileError(name, "is a directory") from None
    except PermissionError:
        raise UnreadableInputError(name, "permission denied") from None
    except OSError as err:
        raise UnreadableInputError(name, f"cannot read ({_os_reason(err)})") from None
    if len(data) > max_bytes:  # grew since stat, or a pipe/device
        what = f"file is over the {_mb(max_bytes)} MB limit"
        raise TooLargeError(name, what)
    return data


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode input bytes; return (text, encoding name). See the module doc for the rules.

    Raises EmptyInputError, BinaryInputError or DecodeError (with ``path``).
    """
    if not data:
        raise EmptyInputError(path, "empty file")
    what = _magic(data)
    if what:
        raise BinaryInputError(path, f"binary file ({what})")
    text, encoding = _decode(data, path)
    if not text.strip(" \t\r\n\f\v\u00a0\ufeff\u200b\u3000\u2028\u2029"):
        raise EmptyInputError(path, "empty file (only whitespace)")
    return text, encoding


def _decode(data: bytes, path: str | None) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as err:
            raise DecodeError(
                path, f"starts with a UTF-8 byte-order mark but is not UTF-8 ({_where(err, 3)})"
            ) from None
        return _checked(text, "utf-8-sig", path)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        raise DecodeError(path, f"UTF-32 byte-order mark; {_TRIED}")
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[2:].decode(enc)
            except UnicodeDecodeError as err:
                raise DecodeError(
                    path, f"starts with a UTF-16 byte-order mark but is not UTF-16 ({err.reason})"
                ) from None
            return _checked(text, enc, path)
    if b"\x00" in data:
        enc16 = _bomless_utf16(data)
        if enc16:
            try:
                return _checked(data.decode(enc16), enc16, path)
            except (UnicodeDecodeError, BinaryInputError):
                pass
        raise BinaryInputError(path, "binary file (NUL bytes)")
    _check_controls(data[:SAMPLE_BYTES], path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        head = data[: err.start]
        if err.reason == "unexpected end of data" and len(data) - err.start < 4 and not head.isascii():
            # UTF-8 (it has multi-byte characters) cut inside its last character: drop that
            log.warning("%s: incomplete UTF-8 character at the end dropped", path or "input")
            return _repaired(head.decode("utf-8"), "utf-8")
        utf8_error = _where(err, 0)
    else:
        return _repaired(text, "utf-8")
    detected = _detect_legacy(data)
    if detected is None:
        raise DecodeError(path, f"{_TRIED} ({utf8_error}; no legacy Vietnamese encoding fits)")
    encoding, score = detected
    log.info("%s: decoded as %s (%.0f%% well-formed syllables)", path or "input", encoding, 100 * score)
    return _decode_legacy(data, encoding, final=True), encoding


def _where(err: UnicodeDecodeError, offset: int) -> str:
    byte = err.object[err.start]
    return f"invalid byte 0x{byte:02X} at offset {err.start + offset}"


def _checked(text: str, encoding: str, path: str | None) -> tuple[str, str]:
    """Reject decoded text that is mostly control characters or has NULs; try mojibake repair."""
    if "\x00" in text:
        raise BinaryInputError(path, "binary file (NUL characters)")
    sample = text[:SAMPLE_BYTES]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v")
    if sample and controls / len(sample) >= CONTROL_SHARE:
        raise BinaryInputError(path, "binary file (control characters)")
    return _repaired(text, encoding)


def _check_controls(sample: bytes, path: str | None) -> None:
    controls = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 11, 12, 13))
    if controls / len(sample) >= CONTROL_SHARE:
        raise BinaryInputError(path, "binary file (control characters)")


def _bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NULs sit (almost) only in the high-byte positions."""
    if len(data) % 2 or len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    ne, no = even.count(0), odd.count(0)
    half = len(data) // 2
    if no >= 0.4 * half and ne <= 0.01 * half:
        return "utf-16-le"
    if ne >= 0.4 * half and no <= 0.01 * half:
        return "utf-16-be"
    return None


@cache
def _magic_table() -> tuple[tuple[bytes, str], ...]:
    return tuple((bytes.fromhex(m["hex"]), m["name"]) for m in load_json("reading")["magic"])


def _magic(data: bytes) -> str | None:
    for sig, name in _magic_table():
        if data.startswith(sig):
            return name
    return None


# --------------------------------------------------------------------------- legacy codecs


def _cp1252_char(b: int) -> str:
    """Windows-1252 character for a byte; Latin-1 (C1 control) where 1252 has none."""
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


def _fallback_handler(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return "".join(_cp1252_char(b) for b in err.object[err.start : err.end]), err.end


codecs.register_error("directive_nlp.cp1252", _fallback_handler)


def _latin1_encode_handler(err: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    chunk = err.object[err.start : err.end]
    if all(ord(c) < 256 for c in chunk):
        return chunk.encode("latin-1"), err.end
    raise err


codecs.register_error("directive_nlp.latin1", _latin1_encode_handler)


@cache
def _legacy_data() -> dict[str, Any]:
    data: dict[str, Any] = load_json("legacy_encodings")
    return data


@cache
def _tcvn3_tables() -> tuple[str, str]:
    """(final, scoring) 256-character decoding tables for TCVN3."""
    mapping = {int(k, 16): v for k, v in _legacy_data()["tcvn3"]["map"].items()}
    final, scoring = [], []
    for b in range(256):
        if b < 0x80:
            final.append(chr(b))
            scoring.append(chr(b))
        elif b in mapping:
            final.append(mapping[b])
            scoring.append(mapping[b])
        else:
            ch = _cp1252_char(b)
            final.append(ch)
            # the fonts keep the Windows-1252 punctuation of 0x80-0xA0; a byte in a gap of the
            # letter area (0xA1-0xFF) or undefined in Windows-1252 is suspicious
            defined = b == 0xA0 or (b < 0xA0 and ch != chr(b))
            scoring.append(ch if defined else "\ufffd")
    return "".join(final), "".join(scoring)


@cache
def _vni_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    """A pattern for (base letter + modifier) pairs and lone Latin-1 letters, and the map."""
    mapping: dict[str, str] = dict(_legacy_data()["vni"]["map"])
    pairs = [k for k in mapping if len(k) == 2]
    bases = "".join(sorted({k[0] for k in pairs}))
    mods = "".join(sorted({k[1] for k in pairs}))
    pattern = regex.compile(f"[{regex.escape(bases)}][{regex.escape(mods)}]|[\u00c0-\u00ff]")
    return pattern, mapping


def _decode_legacy(data: bytes, encoding: str, *, final: bool) -> str:
    """Decode with one legacy encoding. ``final=False`` marks unmapped bytes with U+FFFD."""
    if encoding == "windows-1258":
        text = data.decode("cp1258", errors="directive_nlp.cp1252" if final else "replace")
    elif encoding == "tcvn3":
        final_table, scoring_table = _tcvn3_tables()
        text = codecs.charmap_decode(data, "strict", final_table if final else scoring_table)[0]
    elif encoding == "vni":
        pattern, mapping = _vni_pattern()
        cp = data.decode("cp1252", errors="directive_nlp.cp1252")

        def sub(m: regex.Match[str]) -> str:
            s = m.group(0)
            letter = mapping.get(s)
            if letter is not None:
                return letter
            if len(s) == 2:
                # a modifier of the other case ("Aù"): the base letter decides the case
                swapped = mapping.get(s[0] + s[1].swapcase())
                if swapped is not None:
                    return swapped.upper() if s[0].isupper() else swapped.lower()
                # a modifier after a base it does not combine with ("eê"): keep it as
                # Windows-1252 (marked for scoring)
                return mapping.get(s[0], s[0]) + (s[1] if final else "\ufffd")
            # a lone byte that is no VNI letter
            return s if final else "\ufffd"

        text = pattern.sub(sub, cp)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- scoring


_TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}
# ASCII non-letters, whitespace and the typographic punctuation of Windows-1252 split words.
_WORD = regex.compile(r"[^\s\x00-\x40\x5b-\x60\x7b-\x7f\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022]+")
_SAME_IN_ALL = frozenset(
    [0x80, 0x82, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8B, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97]
    + [0x98, 0x99, 0x9B, 0xA0]
)  # non-letters that Windows-1252/1258, TCVN3 and VNI all read the same way


@cache
def _lexicon() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...], frozenset[str]]:
    syl = load_json("reading")["syllables"]
    onsets = tuple(sorted(syl["onsets"], key=len, reverse=True)) + ("",)
    return onsets, frozenset(syl["rhymes"]), tuple(syl["stop_codas"]), frozenset(syl["abbreviation_letters"])


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """True if ``word`` (letters only) is a well-formed Vietnamese syllable (any case)."""
    onsets, rhymes, stops, _ = _lexicon()
    d = unicodedata.normalize("NFD", word.lower())
    tones = [_TONES[c] for c in d if c in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    if not 1 <= len(base) <= 7:
        return False
    for onset in onsets:
        if base.startswith(onset):
            rhyme = base[len(onset) :]
            if rhyme in rhymes:
                if rhyme.endswith(stops) and tones not in (["sac"], ["nang"]):
                    continue
                return True
    return False


def _is_abbreviation(word: str) -> bool:
    """Upper-case abbreviations such as "QĐ", "HĐND", "TƯ": neither evidence for nor against."""
    letters = _lexicon()[3]
    return 2 <= len(word) <= 6 and all(("A" <= c <= "Z") or c in letters for c in word)


def _word_counts(text: str) -> tuple[int, int]:
    """(well-formed, ill-formed) counts over the words that contain a non-ASCII character."""
    good = bad = 0
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w.isascii() or _is_abbreviation(w):
            continue
        if "\ufffd" not in w and all(c.isalpha() or unicodedata.combining(c) for c in w) and _is_syllable(w):
            good += 1
        else:
            bad += 1
    return good, bad


def vietnamese_word_score(text: str) -> tuple[float, int]:
    """(share of well-formed syllables among non-ASCII words, number of such words).

    The score is 0.0 when there is no non-ASCII word.
    """
    good, bad = _word_counts(unicodedata.normalize("NFC", text[:SAMPLE_BYTES]))
    total = good + bad
    return (good / total if total else 0.0), total


def _detect_legacy(data: bytes, *, trivial: bool = True) -> tuple[str, float] | None:
    """The one clearly Vietnamese legacy decoding of ``data`` and its score, or None.

    ``trivial``: accept bytes whose only non-ASCII bytes are punctuation that every candidate
    reads the same way (as "windows-1258", score 1.0).
    """
    sample = data[:SAMPLE_BYTES]
    high = {b for b in sample if b >= 0x80}
    if trivial and high <= _SAME_IN_ALL:
        # only punctuation that every candidate reads the same way: nothing to choose
        return "windows-1258", 1.0
    scored: list[tuple[float, int, str]] = []
    for enc in LEGACY_ENCODINGS:
        good, bad = _word_counts(_decode_legacy(sample, enc, final=False))
        total = good + bad
        scored.append((good / total if total else 0.0, good, enc))
    scored.sort(reverse=True)
    log.debug("legacy candidates: %s", scored)
    (best, good, enc), (second, _, _) = scored[0], scored[1]
    if best >= LEGACY_THRESHOLD and good >= MIN_VALID_WORDS and best - second >= LEGACY_MARGIN:
        return enc, best
    return None


# --------------------------------------------------------------------------- mojibake

_MOJIBAKE_HINT = regex.compile(r"[\u0080-\u00ff]")
_BEYOND_1252 = regex.compile(
    "[^\u0000-\u00ff\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
    "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def repair_mojibake(text: str) -> tuple[str, str] | None:
    """Undo legacy mojibake: ``text`` is TCVN3/VNI/Windows-1258 bytes that were read as
    Windows-1252 or Latin-1. Return (repaired NFC text, legacy encoding), or None when the
    text is not clearly such mojibake (it is then left alone).
    """
    if not _MOJIBAKE_HINT.search(text) or _BEYOND_1252.search(text):
        return None
    as_is, n = vietnamese_word_score(text)
    if n and as_is >= 0.5:
        return None
    try:
        data = text.encode("cp1252", errors="directive_nlp.latin1")
    except UnicodeEncodeError:
        return None
    detected = _detect_legacy(data, trivial=False)
    if detected is None or detected[1] <= as_is:
        return None
    encoding = detected[0]
    fixed = _decode_legacy(data, encoding, final=True)
    return (fixed, encoding) if fixed != text else None


def _repaired(text: str, encoding: str) -> tuple[str, str]:
    fixed = repair_mojibake(text) if not text.isascii() else None
    if fixed is None:
        return text, encoding
    log.warning("text is %s mojibake read as Windows-1252: repaired", fixed[1])
    return fixed[0], f"{encoding}+{fixed[1]}"

