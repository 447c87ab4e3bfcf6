"""Walking the inputs: files to extract, entries skipped, entries that cannot be examined."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from directive_nlp.errors import (
    BatchUsageError,
    InputError,
    MissingInputError,
    UnreadableInputError,
)
from directive_nlp.io.formats import format_of
from directive_nlp.apps.batch.common import _os_reason, _safe

log = logging.getLogger(__name__)
# --------------------------------------------------------------------------- walking


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to extract: ``key`` = relative path (POSIX), ``path`` = where to read it."""

    key: str
    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """A directory entry that is not an input (listed in skipped.jsonl)."""

    key: str
    path: str
    reason: str

    def dump(self) -> dict[str, Any]:
        return {"path": _safe(self.path), "key": _safe(self.key), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class WalkError:
    """A folder or file that could not even be listed or examined (an error record)."""

    key: str
    path: str
    error: InputError

def _key_join(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix else name


def _roots(inputs: Sequence[str | os.PathLike[str]]) -> list[tuple[str, str, str, bool]]:
    """(path as given, real path, key prefix, is_dir) per input; nested inputs dropped."""
    given = [os.fspath(p) if isinstance(os.fspath(p), str) else os.fsdecode(p) for p in inputs]
    if not given:
        raise BatchUsageError(None, "no input folder given")
    items: list[tuple[str, str, bool]] = []
    for g in given:
        if not os.path.exists(g):
            raise BatchUsageError(g, "no such file or folder")
        real = os.path.realpath(g)
        items.append((g, real, os.path.isdir(real)))
    folders = [r if d else os.path.dirname(r) for _, r, d in items]
    base = folders[0] if len(items) == 1 else os.path.commonpath(folders)
    out: list[tuple[str, str, str, bool]] = []
    seen: list[str] = []
    for g, real, is_dir in sorted(items, key=lambda i: (len(i[1]), i[1])):
        if any(real == s or real.startswith(s.rstrip(os.sep) + os.sep) for s in seen):
            log.info("%s: inside another input, listed once", g)
            continue
        if is_dir:
            seen.append(real)
        rel = os.path.relpath(real, base)
        prefix = "" if rel == "." else rel.replace(os.sep, "/")
        out.append((g, real, prefix, is_dir))
    return out


def iter_inputs(
    inputs: Sequence[str | os.PathLike[str]], *, exclude: Sequence[str | os.PathLike[str]] = (),
    follow_links: bool = False,
) -> Iterator[InputFile | Skipped | WalkError]:
    """Walk the inputs (folders recursively, in name order; files as given) lazily.

    Symbolic links to files inside the input folders are followed; links to files elsewhere
    are skipped unless ``follow_links`` (a link to /etc/passwd is not an input); links to
    folders are not followed. Hidden entries (".name") and Office lock files ("~$name") are
    skipped, and so is every folder in ``exclude``.
    """
    excluded = {os.path.realpath(os.fspath(e)) for e in exclude}
    roots = _roots(inputs)
    inside = [real for _, real, _, is_dir in roots if is_dir]
    for given, real, prefix, is_dir in roots:
        if not is_dir:
            yield _classify_file(given, prefix or os.path.basename(real), None)
            continue
        stack: list[tuple[str, str, str]] = [(real, given, prefix)]
        while stack:
            folder, shown, pre = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as err:
                key = (pre or ".") + "/"
                yield WalkError(key, shown, UnreadableInputError(_safe(shown), f"cannot list folder ({_os_reason(err)})"))
                continue
            subdirs: list[tuple[str, str, str]] = []
            for entry in entries:
                key = _key_join(pre, entry.name)
                path = os.path.join(shown, entry.name)
                try:
                    is_link = entry.is_symlink()
                    if entry.is_dir(follow_symlinks=False):
                        if os.path.realpath(entry.path) in excluded:
                            continue
                        if entry.name.startswith("."):
                            yield Skipped(key + "/", path, "hidden folder (not walked)")
                        else:
                            subdirs.append((entry.path, path, key))
                        continue
                    if is_link and entry.is_dir():
                        yield Skipped(key, path, "link to a folder (not followed)")
                        continue
                    if is_link and not follow_links and os.path.exists(entry.path) \
                            and not _within(os.path.realpath(entry.path), inside):
                        yield Skipped(key, path, "link to a file outside the input folders (not followed; --follow-links reads it)")
                        continue
                except OSError as err:
                    yield WalkError(key, path, UnreadableInputError(_safe(path), f"cannot examine ({_os_reason(err)})"))
                    continue
                yield _classify_file(path, key, entry)
            stack.extend(reversed(subdirs))


def _within(real: str, folders: Sequence[str]) -> bool:
    """Whether the real path ``real`` lies inside one of the real ``folders``."""
    return any(real.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


def _classify_file(path: str, key: str, entry: os.DirEntry[str] | None) -> InputFile | Skipped | WalkError:
    name = os.path.basename(path)
    if name.startswith("."):
        return Skipped(key, path, "hidden file")
    if name.startswith("~$"):
        return Skipped(key, path, "Office lock file")
    try:
        st = entry.stat() if entry is not None else os.stat(path)
    except FileNotFoundError:
        if entry is not None and entry.is_symlink():
            return Skipped(key, path, "broken symbolic link")
        return WalkError(key, path, MissingInputError(_safe(path), "no such file (removed during the walk)"))
    except OSError as err:
        return WalkError(key, path, UnreadableInputError(_safe(path), f"cannot examine ({_os_reason(err)})"))
    import stat as _stat

    if not _stat.S_ISREG(st.st_mode):
        return Skipped(key, path, "not a regular file")
    if format_of(name) is None:
        ext = os.path.splitext(name)[1].lower()
        return Skipped(key, path, f"unsupported format ({ext or 'no extension'})")
    return InputFile(key, path, st.st_size, st.st_mtime_ns)

