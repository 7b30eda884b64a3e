"""Every regular expression warmcheck ships, on long adversarial lines: none
may backtrack badly. Each pattern is run as the code runs it (a search over
the text, or anchored where the code anchors it) on runs of 60,000 of one
character or of a short pair, the inputs that make a pattern with two
repeats over the same characters take time in the square of the line.
A linear pattern takes milliseconds here; a quadratic one minutes. The
limit per input is 10 seconds: a hang catcher, not a benchmark (figures are
in bench/pathological.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time
from collections.abc import Iterator

import pytest

import warmcheck
from warmcheck.engine.loader import load_packs, shipped_packs

LENGTH = 60_000
LIMIT = 10.0

#: Patterns the code only ever anchors (match or fullmatch on one line or at one place).
ANCHORED = {
    "warmcheck.checks.one_to_one._TEAM_NAME": "fullmatch",
    "warmcheck.checks.one_to_one._NAME_REST": "match",  # matched at the end of a salutation's greeting word
    "warmcheck.checks.personal_reference._BARE_THING": "match",  # matched just after "I loved your"
    "warmcheck.checks.personal_reference._STOPS_AT_NOUN": "match",  # matched just after a mention
    "warmcheck.checks.context._VAGUE_MEETING_TAIL": "match",
    "warmcheck.mail.markdown._YAML_KEY": "match",
    "warmcheck.vocabulary.REPLY_INTRO": "match",
    "BL016 regex": "fullmatch",  # the opening-line check fullmatches the first line
}

_RUNS = " -aA1!.\n\t>—'_={}</:,@é😀*#|$?()+&~[]\u00a0"
_PAIRS = ("a ", "- ", "a\n", "> ", "Re: ", "{{a", "http://", "a.", "aA", "a-", "Hi ", "the team ", "1 ", "a@", "a_",
          "a,", ". ", "\n \n", "=?", "<a", "[a", "a'")  # fmt: skip


def _inputs() -> dict[str, str]:
    found = {repr(ch): ch * LENGTH for ch in _RUNS}
    found.update({repr(pair): pair * (LENGTH // len(pair)) for pair in _PAIRS})
    return found


def _module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for info in pkgutil.walk_packages(warmcheck.__path__, "warmcheck."):
        if info.name.startswith(("warmcheck.lsp", "warmcheck.campaign.worker")):
            continue  # the language server needs pygls; the worker is a process of its own
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and value.__module__ != "typing":
                yield f"{info.name}.{name}", value


def _regex_options(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "regex" and isinstance(item, str):
                yield item
            else:
                yield from _regex_options(item)
    elif isinstance(value, list):
        for item in value:
            yield from _regex_options(item)


def _pack_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for rule in load_packs(shipped_packs()):
        for number, regex in enumerate(_regex_options(rule.options)):
            yield f"{rule.code} regex" + (f" {number + 1}" if number else ""), re.compile(regex, re.I | re.M)


PATTERNS = dict([*_module_patterns(), *_pack_patterns()])


class _TooSlow(Exception):
    pass


def _interrupt(signum: int, frame: object) -> None:
    raise _TooSlow


def test_there_are_patterns_to_test() -> None:
    assert len(PATTERNS) > 60
    assert "warmcheck.mail.scopes._CONTACT" in PATTERNS and "BL002 regex" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_shipped_pattern_reads_a_long_line_in_linear_time(name: str) -> None:
    pattern = PATTERNS[name]
    mode = ANCHORED.get(name, "search")
    previous = signal.signal(signal.SIGALRM, _interrupt)
    try:
        for label, text in _inputs().items():
            started = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, LIMIT)
            try:
                if mode == "search":
                    for _ in pattern.finditer(text):
                        pass
                else:
                    getattr(pattern, mode)(text)
            except _TooSlow:
                pytest.fail(f"{name} on {LENGTH:,} of {label}: over {LIMIT:g} s (it backtracks)")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            assert time.monotonic() - started < LIMIT, (name, label)
    finally:
        signal.signal(signal.SIGALRM, previous)
