"""Declared options: each rule type and each Python check says which options
it takes, of which kind, with which default, in one place. A rule pack and
a configuration give options flat (``[rules.SF003.options] min_share = 0.5``);
anything unknown or of the wrong kind is refused here, so a misspelt option
can never load silently and leave a check on a default of its own.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

#: The default of an option that a rule must give.
REQUIRED: Any = object()

#: option name -> (accepted Python types, default or REQUIRED)
OptionSpec = Mapping[str, tuple[tuple[type, ...], Any]]


class OptionError(ValueError):
    """An option that is missing, unknown or of the wrong kind; the message
    names the option, and the caller adds the file and the rule."""


def spec(**declared: tuple[type | tuple[type, ...], Any]) -> dict[str, tuple[tuple[type, ...], Any]]:
    """An option spec from ``name=(kind or kinds, default)``. A float option
    takes whole numbers too (``min_share: 1``)."""
    out = {}
    for name, (kinds, default) in declared.items():
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if float in kinds and int not in kinds:
            kinds = (*kinds, int)
        out[name] = (kinds, default)
    return out


def resolve(declared: OptionSpec, given: Mapping[str, Any], what: str) -> dict[str, Any]:
    """``given`` checked against ``declared``, with defaults filled in.
    ``what`` names the owner in messages ("type 'metric'", "check 'chaser'")."""
    for key in given:
        if key not in declared:
            allowed = ", ".join(sorted(declared)) or "none"
            raise OptionError(f"unknown option {key!r} for {what} (allowed: {allowed})")
    out: dict[str, Any] = {}
    for key, (kinds, default) in declared.items():
        if key not in given:
            if default is REQUIRED:
                raise OptionError(f"{what} needs option {key!r}")
            out[key] = default
            continue
        value = given[key]
        accepted = tuple(str if k is Regex else list if k is Regexes else k for k in kinds)
        if not isinstance(value, accepted) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join(
                "none" if k is type(None) else "a regex" if k is Regex else "a list of regexes" if k is Regexes else k.__name__
                for k in kinds
            )
            raise OptionError(f"option {key!r} must be {names}, not {type(value).__name__}")
        if Regex in kinds and isinstance(value, str):
            compile_regex(value)
        if Regexes in kinds:
            if not all(isinstance(item, str) for item in value):
                raise OptionError(f"option {key!r} must be a list of regexes")
            for item in value:
                compile_regex(item)
        out[key] = value
    return out


# Regular expressions given as options ------------------------------------------

#: Patterns of the shipped rule packs: written and tested not to backtrack
#: badly (tests/test_robustness_patterns.py), they run on Python's ``re``.
#: Every other pattern (a user's pack, a configuration) runs on RE2, whose
#: time grows linearly with the text whatever the pattern.
_SHIPPED: set[str] = set()


class Regex(str):
    """The kind of an option that holds a regular expression: a string,
    refused when it cannot be compiled, or (not shipped) cannot run in
    linear time. Declared as ``{"regex": (Regex, REQUIRED)}``."""


class Regexes(list):  # type: ignore[type-arg]
    """The kind of an option that holds a list of regular expressions, each
    checked as :class:`Regex` is: one pattern per idea, each with its comment
    in the pack, where one long alternation would be unreadable."""


def trust(patterns: Iterable[str]) -> None:
    """Mark patterns as the shipped packs' own (the pack loader does this)."""
    _SHIPPED.update(patterns)


def compile_regex(pattern: str, flags: int = 0) -> Any:
    """A compiled pattern with ``search``, ``match``, ``fullmatch`` and
    ``finditer(text, pos, endpos)`` as :mod:`re` has them: Python's ``re``
    for a shipped pattern, RE2 for any other. :class:`OptionError` when it
    cannot be compiled, or uses what RE2 cannot run in linear time
    (lookaround, backreferences)."""
    return _compiled(pattern, flags, pattern in _SHIPPED)


@lru_cache(maxsize=256)
def _compiled(pattern: str, flags: int, shipped: bool) -> Any:
    if shipped:
        try:
            return prefiltered(re.compile(pattern, flags))
        except re.error as exc:
            raise OptionError(f"bad regex: {exc}") from None
    return _LinearPattern(pattern, flags)


def compile_fast(pattern: str, flags: int = 0) -> Any:
    """``re.compile``, for a long phrase list searched in many texts: see
    :func:`prefiltered`."""
    return prefiltered(re.compile(pattern, flags))


def prefiltered(compiled: re.Pattern[str]) -> Any:
    """``compiled``, searched with Python's ``re`` only in texts where RE2
    finds a looser form of it (the same pattern without its word boundaries
    and lookarounds). ``re`` tries every alternative of a long alternation
    at every position, RE2 reads the text once: most texts match none of a
    phrase list, and are passed over at RE2's speed. The matches are
    ``re``'s own. A pattern that cannot be loosened so (a backreference)
    stays as it is."""
    if any(mark in compiled.pattern for mark in ("(?>", "(?(")) or re.search(r"\\[1-9]", compiled.pattern):
        return compiled
    return _Prefiltered(compiled)


#: Python's Unicode classes in RE2, which reads ``\\w``, ``\\d`` and ``\\s``
#: as ASCII: widened to any character outside ASCII (RE2 keeps such a class
#: small), so that the looser pattern finds "café" and a no-break space as
#: ``re`` does. Inside a class, the ranges; outside, the whole class.
_NON_ASCII = r"\x{80}-\x{10FFFF}"
_UNICODE = {
    "w": (r"0-9A-Za-z_" + _NON_ASCII, False),
    "d": (r"0-9" + _NON_ASCII, False),
    "s": (r"\t\n\x{0b}\f\r \x{1c}-\x{1f}" + _NON_ASCII, False),
    "W": (r"0-9A-Za-z_", True),
    "D": (r"0-9", True),
    "S": (r"\t\n\x{0b}\f\r \x{1c}-\x{1f}", True),
}


_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


def _loosened(compiled: re.Pattern[str]) -> str | None:
    """``compiled`` as RE2 reads it, without ``\\b``, ``\\B`` and lookarounds
    (its inline flags go to RE2 as options): it matches wherever ``compiled``
    does, and maybe more; None where that cannot be said (a negated class
    inside a class)."""
    pattern = compiled.pattern
    if inline := _INLINE_FLAGS.match(pattern):
        pattern = pattern[inline.end() :]
    if compiled.flags & re.VERBOSE:
        pattern = _unverbose(pattern)
    out: list[str] = []
    skip_to = 0
    for i, piece, in_class in _pieces(pattern):
        if i < skip_to:
            continue
        if not in_class and pattern.startswith(_LOOKAROUNDS, i):
            skip_to = _group_end(pattern, i)
        elif piece[0] == "\\":
            code = piece[1:]
            if code in _UNICODE:
                spelt, negated = _UNICODE[code]
                if in_class and negated:
                    return None
                out.append(spelt if in_class else f"[{'^' if negated else ''}{spelt}]")
            elif code == "Z":
                out.append(r"\z")
            elif in_class or code not in ("b", "B"):
                out.append(piece)
        elif piece == "$" and not in_class:
            # Without MULTILINE, re's "$" also matches before a last newline.
            out.append(r"(?:$|\n\z)")
        else:
            out.append(piece)
    return "".join(out)


def _pieces(pattern: str, start: int = 0, *, verbose: bool = False) -> Iterator[tuple[int, str, bool]]:
    """``pattern`` from ``start`` as ``re`` reads it, piece by piece: where,
    the piece (an escape with its character, or one character), and whether
    it stands inside a character class. ``verbose``: whitespace and ``#``
    comments outside classes are passed over, as ``re.VERBOSE`` reads them."""
    i, in_class = start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            yield i, pattern[i : i + 2], in_class
            i += 2
            continue
        if verbose and not in_class and (ch.isspace() or ch == "#"):
            newline = pattern.find("\n", i) if ch == "#" else i
            i = len(pattern) if newline < 0 else newline + 1
            continue
        yield i, ch, in_class
        # "]" first in a class ("[]", "[^]") is a character of it, not its end.
        in_class = (ch != "]" or pattern[i - 1] == "[" or pattern[i - 2 : i] == "[^") if in_class else ch == "["
        i += 1


def _group_end(pattern: str, start: int) -> int:
    """Where the group opened at ``start`` ends (after its ")")."""
    depth = 0
    for i, piece, in_class in _pieces(pattern, start):
        if in_class:
            continue
        depth += (piece == "(") - (piece == ")")
        if depth == 0:
            return i + 1
    return len(pattern)


class _Prefiltered:
    """A compiled ``re`` pattern whose unanchored searches (``search``,
    ``finditer``, ``findall``) first ask RE2 whether the looser pattern
    occurs in the stretch searched; anything else goes to ``re``."""

    __slots__ = ("_re", "_re2")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self._re = compiled
        #: RE2's reading, or False; made on first use, not at import.
        self._re2: Any = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._re, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (prefiltered, (self._re,))

    def _may_match(self, text: str, pos: int, endpos: int) -> bool:
        if self._re2 is None:
            self._re2 = _loose_re2(self._re)
        if self._re2 is False:
            return True
        end = min(endpos, len(text))
        return self._re2.search(text[pos:end] if pos or end < len(text) else text) is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._re.search(text, pos, endpos) if self._may_match(text, pos, endpos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self._re.finditer(text, pos, endpos) if self._may_match(text, pos, endpos) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self._re.findall(text, pos, endpos) if self._may_match(text, pos, endpos) else []


def _loose_re2(compiled: re.Pattern[str]) -> Any:
    """RE2's reading of ``compiled`` loosened, or False where it cannot be
    loosened or RE2 cannot read it (then every text goes to ``re``)."""
    import re2  # google-re2

    loose = _loosened(compiled)
    if loose is None:
        return False
    try:
        return _re2_compile(loose, compiled.flags)
    except re2.error:
        return False


def _re2_compile(body: str, flags: int) -> Any:
    """``body`` compiled by RE2 with ``re``'s IGNORECASE, MULTILINE and
    DOTALL flags; ``re2.error`` where RE2 cannot read it."""
    import re2  # google-re2

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not flags & re.IGNORECASE
    prefix = "".join(f for f, on in (("m", flags & re.MULTILINE), ("s", flags & re.DOTALL)) if on)
    return re2.compile(f"(?{prefix})" + body if prefix else body, options)


_INLINE_FLAGS = re.compile(r"\A\(\?([a-zA-Z]+)\)")


class _LinearPattern:
    """A pattern run by RE2 (linear time), with the part of the ``re`` API
    the rules use. Python's flags and a leading inline group are turned into
    RE2's; verbose mode (``x``) is read here, whitespace and comments
    dropped, since RE2 has none. As in RE2, ``\\w``, ``\\d`` and ``\\b`` are
    ASCII."""

    def __init__(self, pattern: str, flags: int) -> None:
        import re2  # google-re2

        self.pattern = pattern
        inline = _INLINE_FLAGS.match(pattern)
        letters = set(inline.group(1)) if inline else set()
        body = pattern[inline.end() :] if inline else pattern
        unknown = letters - set("imsux")  # u: Unicode, what a str pattern is anyway
        if unknown:
            raise OptionError(f"bad regex: inline flag {''.join(sorted(unknown))!r} is not supported (use i, m, s or x)")
        if "x" in letters or flags & re.VERBOSE:
            body = _unverbose(body)
        for letter, flag in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL)):
            flags |= flag if letter in letters else 0
        try:
            # Python's ``re`` checks the syntax first: its message is the one users know.
            re.compile(pattern, flags)
        except re.error as exc:
            raise OptionError(f"bad regex: {exc}") from None
        try:
            self._re2 = _re2_compile(body, flags)
        except re2.error as exc:
            reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            raise OptionError(
                f"regex {pattern!r} cannot run in linear time ({reason}): user patterns run on RE2, "
                "which has no lookaround or backreferences; rewrite it without them"
            ) from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[_Match]:
        """Matches in ``text[pos:endpos]``; the character before ``pos`` is
        context for ``^`` and ``\\b``, and ``endpos`` is the end, as in ``re``.
        Only that stretch is handed to RE2 (it re-encodes what it is given)."""
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        pos = max(0, min(pos, end))
        start = max(0, pos - 1)
        for m in self._re2.finditer(text[start:end], pos - start):
            yield _Match(m.start() + start, m.end() + start, m.group())

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> _Match | None:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> _Match | None:
        # RE2 finds the leftmost match, preferring alternatives as ``re`` does:
        # a match at ``pos`` is the first one found, if there is one.
        found = next(self.finditer(text, pos, endpos), None)
        return found if found is not None and found.start() == pos else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> _Match | None:
        end = len(text) if endpos is None else min(endpos, len(text))
        m = self._re2.fullmatch(text[pos:end])
        return _Match(m.start() + pos, m.end() + pos, m.group()) if m is not None else None

    def __repr__(self) -> str:
        return f"re2.compile({self.pattern!r})"


class _Match:
    """What a rule reads of a match: its span and its text."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index:
            raise IndexError("only the whole match is kept")
        return self._text


def _unverbose(pattern: str) -> str:
    """A verbose pattern without its whitespace and ``#`` comments (outside
    character classes and escapes), as ``re.VERBOSE`` reads it."""
    return "".join(piece for _, piece, _ in _pieces(pattern, verbose=True))
