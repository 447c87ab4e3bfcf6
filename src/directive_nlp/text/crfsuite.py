"""Reading a CRFsuite model file (the format of underthesea's bundled CRF models).

A first-order CRFsuite model is a header, a feature chunk (state features: attribute → label
weight; transition features: label → label weight) and two CQDB string tables (labels and
attribute names, by id). :mod:`directive_nlp.text.segmenter` applies the word-segmentation model
from these; :mod:`directive_nlp.text.postag` checks the POS model's attribute names.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

__all__ = ["read_crfsuite", "read_names", "viterbi_many"]


def _cqdb(buf: bytes, off: int) -> list[str]:
    """Keys of a CRFsuite CQDB chunk at ``off``, by id (its backward array). A record is its id,
    the key's size with its NUL, and the key; the keys are cut out at once and decoded in one
    piece (a key holds no NUL), which is what makes reading 50 000 attribute names quick."""
    cid, _size, _flag, _order, n, bwd = struct.unpack_from("<4sIIIII", buf, off)
    if cid != b"CQDB":
        raise ValueError("models.bin: not a CQDB chunk")
    records = np.frombuffer(buf, dtype="<u4", count=n, offset=off + bwd).astype(np.int64) + off
    raw = np.frombuffer(buf, dtype=np.uint8)
    sizes = raw[records[:, None] + np.arange(4, 8)].astype(np.int64) @ (1 << np.arange(0, 32, 8))
    starts = (records + 8).tolist()
    ends = (records + 7 + sizes).tolist()
    keys = b"\0".join([buf[s:e] for s, e in zip(starts, ends)]).decode("utf-8").split("\0")
    return keys if n else []


_FEATURE = np.dtype([("kind", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])


def _header(buf: bytes, path: Path) -> tuple[int, ...]:
    head = struct.unpack_from("<4sI4sIIIIIIIII", buf, 0)
    if head[0] != b"lCRF" or head[2] != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite first-order model")
    return head


def read_names(path: Path) -> tuple[list[str], list[str]]:
    """Labels and attribute names (by id) of the model at ``path``."""
    buf = path.read_bytes()
    head = _header(buf, path)
    return _cqdb(buf, head[8]), _cqdb(buf, head[9])


def read_crfsuite(path: Path) -> tuple[list[str], list[str], np.ndarray, list[list[float]]]:
    """Labels, attribute names (by id), state weights (attributes + 1 zero row, labels) and transitions."""
    buf = path.read_bytes()
    head = _header(buf, path)
    n_labels, n_attrs, off_feat, off_labels, off_attrs = head[5], head[6], head[7], head[8], head[9]
    labels = _cqdb(buf, off_labels)
    attrs = _cqdb(buf, off_attrs)
    cid, _size, n_feat = struct.unpack_from("<4sII", buf, off_feat)
    if cid != b"FEAT":
        raise ValueError(f"{path}: no FEAT chunk")
    feats = np.frombuffer(buf, dtype=_FEATURE, count=n_feat, offset=off_feat + 12)
    state = feats[feats["kind"] == 0]
    weights = np.zeros((n_attrs + 1, n_labels), dtype=np.float64)
    weights[state["src"], state["dst"]] = state["w"]
    trans = [[0.0] * n_labels for _ in range(n_labels)]
    for f in feats[feats["kind"] == 1].tolist():
        trans[f[1]][f[2]] = f[3]
    return labels, attrs, weights, trans


def viterbi_many(state: np.ndarray, starts: list[int], lengths: list[int], trans: np.ndarray) -> np.ndarray:
    """Best label of every position of the sequences ``state[start : start + length]`` (rows:
    positions, columns: labels), as CRFsuite's Viterbi computes it: the score of label j at t is
    max over i of (score of i at t-1 + trans[i, j]), the first i on ties, plus the state score;
    the last label is the first best. The sequences advance together, longest first, so the
    steps are as many as the longest sequence's positions. Other positions are left 0."""
    order = sorted(range(len(lengths)), key=lambda k: -lengths[k])
    lens = np.array([lengths[k] for k in order], dtype=np.intp)
    first = np.array([starts[k] for k in order], dtype=np.intp)
    steps = int(lens[0]) if len(lens) else 0
    alive = [int(np.count_nonzero(lens > t)) for t in range(steps + 1)]  # sequences longer than t
    last = np.zeros(len(lens), dtype=np.intp)  # each sequence's last label
    back: list[np.ndarray] = []
    score = state[first[: alive[0]]]
    for t in range(1, steps):
        a = alive[t]
        last[a : alive[t - 1]] = np.argmax(score[a:], axis=1)  # the sequences that ended at t - 1
        cand = score[:a, :, None] + trans[None, :, :]
        back.append(np.argmax(cand, axis=1))
        score = cand.max(axis=1) + state[first[:a] + t]
    if steps:
        last[: alive[steps - 1]] = np.argmax(score, axis=1)
    labels = np.zeros(len(state), dtype=np.intp)
    cur = last
    for t in range(steps - 1, -1, -1):
        a = alive[t]
        labels[first[:a] + t] = cur[:a]
        if t:
            cur[:a] = back[t - 1][np.arange(a), cur[:a]]
    return labels
