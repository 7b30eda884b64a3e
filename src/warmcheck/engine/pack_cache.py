"""Loaded rule packs, kept between runs, so that a cold start does not parse
and validate the same YAML again (validating token patterns alone imports
spaCy's matcher, before the engine is even asked for).

One file per pack under ``$XDG_CACHE_HOME/warmcheck/packs`` (``~/.cache``
when ``XDG_CACHE_HOME`` is not set or not absolute): the pack's rules,
pickled, under a key made of the pack's path and text and of warmcheck's own
code (the size and time of every module, so that an upgrade, or an edit of a
check's defaults in a working copy, is seen). A file whose key differs, that
cannot be read or unpickled, or that another user could have written is
ignored and written again. Writes go to a temporary file that is then
renamed, so a reader never sees half a file; a cache that cannot be written
is left alone: it only ever saves time. Nothing is written next to the
packs, and no more than :data:`MAX_FILES` files are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path

from ..core import Rule

#: Most pack files remembered; the oldest written go first.
MAX_FILES = 64
#: Bumped when what a cache file holds changes shape.
_FORMAT = b"warmcheck-packs/1"
_CODE = Path(__file__).resolve().parents[1]


def folder() -> Path:
    """``$XDG_CACHE_HOME/warmcheck/packs``, or under ``~/.cache``."""
    cache_home = os.environ.get("XDG_CACHE_HOME", "").strip()
    # The XDG spec: a relative XDG_CACHE_HOME is invalid and is ignored.
    base = Path(cache_home) if cache_home and os.path.isabs(cache_home) else Path.home() / ".cache"
    return base / "warmcheck" / "packs"


@cache
def _code() -> bytes:
    """What warmcheck's code is: every module's path, size and time."""
    found: list[str] = []
    stack = [str(_CODE)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    stack.append(entry.path)
                elif entry.name.endswith(".py"):
                    st = entry.stat()
                    found.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}")
    return "\n".join(sorted(found)).encode()


def _key(path: Path, text: str) -> bytes:
    digest = hashlib.sha256(_FORMAT)
    for part in (sys.version.encode(), _code(), str(path).encode(), text.encode()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest().encode()


def _file(path: Path) -> Path:
    return folder() / (hashlib.sha256(str(path).encode()).hexdigest()[:32] + ".pickle")


def lookup(path: Path, text: str) -> tuple[list[Rule], list[str]] | None:
    """The rules and trusted patterns kept for the pack at ``path`` (resolved)
    with this ``text``, or None."""
    try:
        with _file(path).open("rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return None
            if fh.readline().rstrip(b"\n") != _key(path, text):
                return None
            rules, trusted = pickle.load(fh)
    except Exception:  # unreadable, cut short, or not what this code wrote: made again
        return None
    if not (isinstance(rules, list) and all(isinstance(r, Rule) for r in rules)):
        return None
    if not (isinstance(trusted, list) and all(isinstance(s, str) for s in trusted)):
        return None
    return rules, trusted


def store(path: Path, text: str, rules: list[Rule], trusted: list[str]) -> None:
    """Keep the rules of the pack at ``path`` (resolved) with this ``text``."""
    target = _file(path)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_key(path, text) + b"\n")
            pickle.dump((rules, trusted), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _prune(target.parent)


def _prune(directory: Path) -> None:
    with contextlib.suppress(OSError):
        kept = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[MAX_FILES:]:
            old.unlink()
