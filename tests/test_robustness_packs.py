"""Rule packs and configurations as hostile input: a user's pattern runs on
RE2 (linear time) or is refused when the pack loads; YAML aliases cannot
expand a small pack into gigabytes; a pack that is a device or a FIFO is one
clear error, not a hang. Time bounds here are hang catchers, tens of
seconds wide."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from warmcheck import Config, Linter
from warmcheck.config import ConfigError, RuleSettings
from warmcheck.engine.linter import select_rules
from warmcheck.engine.loader import PackError, load_pack
from warmcheck.options import OptionError, compile_regex

WARMCHECK = Path(sys.executable).parent / "warmcheck"

RULE = """\
rules:
  - code: BL901
    name: runaway
    severity: warning
    points: 7
    type: {type}
    options:
{options}
    message: A run of letters
    why: Testing how patterns are run.
    suggestion: Write less.
    examples:
      fail: ["{fail}"]
      pass: ["Hi Ana, the maps came today."]
"""


def pack(tmp_path: Path, options: str, fail: str = "aaab", kind: str = "regex", name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(RULE.format(type=kind, options=options, fail=fail), encoding="utf-8")
    return path


# User patterns run in linear time ----------------------------------------------------


def test_a_catastrophic_user_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    """``(a+)+$`` on 40 a's and a b took over a minute with Python's re."""
    path = pack(tmp_path, '      regex: "(a+)+$"')
    linter = Linter(Config(packs=(path,), select=("BL901",), model="light"))
    started = time.monotonic()
    for text in ("Hi Ana,\n\n" + "a" * 40 + "b\n", "Hi Ana,\n\n" + "a" * 200_000 + "b\n"):
        linter.check(text)
    assert time.monotonic() - started < 60
    report = linter.check("Hi Ana,\n\nThe maps: aaaa\n")
    assert [f.rule for f in report.findings] == ["BL901"]
    assert report.findings[0].text == "aaaa"


def test_a_user_pattern_that_needs_backtracking_is_refused_at_load(tmp_path: Path) -> None:
    for regex, fail in ((r"(?<![a-z])ab", "ab"), (r"(a)\\1", "aa"), (r"a(?=b)", "ab")):
        path = pack(tmp_path, f'      regex: "{regex}"', fail=fail)
        with pytest.raises(PackError, match=r"pack.yaml:2 \(BL901\): regex .* cannot run in linear time"):
            load_pack(path)


def test_a_conditional_rules_user_pattern_is_bounded_too(tmp_path: Path) -> None:
    options = '      require:\n        regex: "(?<=x)y"'
    with pytest.raises(PackError, match="cannot run in linear time"):
        load_pack(pack(tmp_path, options, kind="conditional"))


def test_a_verbose_user_pattern_reads_as_python_reads_it(tmp_path: Path) -> None:
    options = '      regex: "(?x) maps [ ]came   # the maps\\n  | ledgers"'
    linter = Linter(Config(packs=(pack(tmp_path, options, fail="the maps came"),), select=("BL901",), model="light"))
    report = linter.check("Hi Ana,\n\nThe maps came, the ledgers too.\n")
    assert [f.text for f in report.findings] == ["maps came", "ledgers"]


def test_a_configuration_cannot_give_a_shipped_rule_a_backtracking_pattern() -> None:
    """A configuration's pattern is the user's, even for a shipped rule."""
    config = Config(rules={"BL003": RuleSettings(options={"regex": r"^(\w+)\s+\1$"})})
    with pytest.raises(ConfigError, match="cannot run in linear time"):
        select_rules(Linter(Config(model="light")).rules, config)
    config = Config(rules={"BL016": RuleSettings(options={"regex": r"(?!dear)\w+:"})})
    with pytest.raises(ConfigError, match="cannot run in linear time"):
        select_rules(Linter(Config(model="light")).rules, config)


def test_a_configured_linear_pattern_replaces_a_shipped_one() -> None:
    config = Config(model="light", select=("BL003",), rules={"BL003": RuleSettings(options={"regex": "^hey you,$"})})
    report = Linter(config).check("hey you,\n\nThe maps came today; which sheet did you want first?\n\nBo\n")
    assert [f.rule for f in report.findings] == ["BL003"]


def test_the_linear_engine_keeps_res_positions_and_context() -> None:
    import re

    text = "xx\nHi there\nhi\nahi"
    for pattern, flags in ((r"^hi\b", re.M | re.I), (r"\bhi", re.I), (r"hi$", re.M), (r"h.", re.S)):
        ours, theirs = compile_regex(pattern, flags), re.compile(pattern, flags)
        for a, b in ((0, len(text)), (3, 8), (4, 14), (15, 17)):
            assert [m.span() for m in ours.finditer(text, a, b)] == [m.span() for m in theirs.finditer(text, a, b)]
    with pytest.raises(OptionError, match="bad regex"):
        compile_regex("(unclosed")


# YAML aliases -------------------------------------------------------------------------

LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
rules: [*i]
"""


def test_a_pack_of_nested_aliases_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(PackError, match=r"laughs.yaml:1: this table or list is used again through a YAML alias"):
        load_pack(path)
    assert time.monotonic() - started < 30


def test_an_alias_of_a_string_is_allowed_within_the_packs_length(tmp_path: Path) -> None:
    options = '      regex: &letters "a+b"\n      case_sensitive: false'
    path = pack(tmp_path, options)
    path.write_text(path.read_text() + "    # same text again: *letters\n", encoding="utf-8")
    assert [r.code for r in load_pack(path)] == ["BL901"]
    many = "x: &s " + "y" * 1000 + "\nlist: [" + ", ".join(["*s"] * 50) + "]\nrules: []\n"
    (tmp_path / "many.yaml").write_text(many, encoding="utf-8")
    with pytest.raises(PackError, match="aliases repeat more text than the pack holds"):
        load_pack(tmp_path / "many.yaml")


# Packs that are not files -------------------------------------------------------------


def test_a_device_or_a_fifo_as_a_pack_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="not a regular file"):
        load_pack(Path("/dev/zero"))
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def load() -> None:
        try:
            load_pack(fifo)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "waited on a FIFO"
    assert isinstance(outcome[0], PackError) and "not a regular file" in str(outcome[0])


def test_a_huge_pack_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * 5_000_000 + b"\nrules: []\n")
    with pytest.raises(PackError, match="larger than"):
        load_pack(path)


def test_the_command_gives_one_line_for_a_hostile_pack(tmp_path: Path) -> None:
    (tmp_path / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    (tmp_path / "warmcheck.toml").write_text('packs = ["laughs.yaml"]\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Hi Ana,\n\nHow is the 1909 sheet coming along?\n\nBo\n", encoding="utf-8")
    done = subprocess.run([str(WARMCHECK), "draft.txt"], cwd=tmp_path, capture_output=True, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 2 and "aliases" in err and "Traceback" not in err and len(err.splitlines()) == 1
