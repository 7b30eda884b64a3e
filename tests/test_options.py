"""Declared options and messages: one default per option, given flat in packs
and configuration, refused when unknown or mistyped; messages only from the
pack, with placeholders the rule can fill."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import warmcheck
from warmcheck import checks
from warmcheck.cli import cli
from warmcheck.config import ConfigError
from warmcheck.engine.linter import all_rules
from warmcheck.engine.loader import PackError, load_pack
from warmcheck.engine.types import shown_message
from warmcheck.options import prefiltered

LIGHT = warmcheck.Config(model="light")
# Five sentences, each about the sender and none about the reader.
SELFISH = (
    "Hi Ana,\n\nI run a bakery on the corner. We bake rye every morning. Our ovens are new this year. "
    "I started the shop in 2019. We sell out most days.\n"
)


def _rule(code: str, config: warmcheck.Config = LIGHT) -> object:
    return next(r for r in warmcheck.Linter(config).rules if r.code == code)


def _write(tmp_path: Path, toml: str) -> Path:
    path = tmp_path / "warmcheck.toml"
    path.write_text('model = "light"\n' + toml)
    return path


def test_a_check_option_is_given_flat_in_configuration(tmp_path: Path) -> None:
    # SF003 needs four self-centred sentences by default; five are here.
    assert any(f.rule == "SF003" for f in warmcheck.check(SELFISH, config=LIGHT).findings)
    config = warmcheck.config.load_file(_write(tmp_path, "[rules.SF003.options]\nmin_sentences = 6\n"))
    assert _rule("SF003", config).options["min_sentences"] == 6
    assert not any(f.rule == "SF003" for f in warmcheck.check(SELFISH, config=config).findings)


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        ("[rules.SF003.options]\nmin_sentence = 6\n", "unknown option 'min_sentence' for check 'self-centred-sentences'"),
        ("[rules.SF003.options]\nmin_share = 'half'\n", "option 'min_share' must be float or int, not str"),
        ("[rules.SF003.options]\noptions = { min_share = 0.5 }\n", "unknown option 'options'"),
        ("[rules.SF003.extend]\nmin_share = [1]\n", "SF003 has no list option 'min_share' to extend"),
        ("[rules.PR013.options]\npitch_shapes = 'we sell'\n", "option 'pitch_shapes' must be a list of regexes, not str"),
        ("[rules.PR013.extend]\npitch_shapes = ['we (sell']\n", "bad regex"),
    ],
)
def test_a_bad_option_in_configuration_names_file_rule_and_option(tmp_path: Path, toml: str, reason: str) -> None:
    path = _write(tmp_path, toml)
    with pytest.raises(ConfigError) as err:
        warmcheck.Linter(warmcheck.config.load_file(path))
    assert str(err.value).startswith(f"{path}: rules.{toml[7:12]}")
    assert reason in str(err.value)


def test_a_bad_option_is_exit_2_with_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "[rules.SF003.options]\nmin_sentence = 6\n")
    draft = tmp_path / "note.txt"
    draft.write_text(SELFISH)
    result = CliRunner().invoke(cli, ["--config", str(path), str(draft)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "rules.SF003.options" in result.output and "'min_sentence'" in result.output


def test_a_pitch_shape_can_be_added_as_a_regex(tmp_path: Path) -> None:
    draft = "Hello,\n\nWe restore antique clocks for hotels and museums. Free for a call Tuesday?\n\nKim\n"
    assert not any(f.rule == "PR013" for f in warmcheck.check(draft, config=LIGHT, profile="cold").findings)
    config = warmcheck.config.load_file(_write(tmp_path, "[rules.PR013.extend]\npitch_shapes = ['\\bwe restore\\b']\n"))
    found = [f for f in warmcheck.check(draft, config=config, profile="cold").findings if f.rule == "PR013"]
    assert [f.message for f in found] == ['A pitch ("we restore") and an ask, to someone you give no reason for writing to']


def test_a_phrase_list_option_can_be_extended(tmp_path: Path) -> None:
    draft = "Hi Ana,\n\nOur roadmap is public now and our growth plan is ambitious.\n\nHow is the garden?\n"
    assert not any(f.rule == "SF004" for f in warmcheck.check(draft, config=LIGHT).findings)
    config = warmcheck.config.load_file(
        _write(tmp_path, '[rules.SF004.extend]\nmarkers = ["our roadmap", "our growth plan"]\n')
    )
    shipped = len(_rule("SF004").options["markers"])
    assert len(_rule("SF004", config).options["markers"]) == shipped + 2
    found = [f for f in warmcheck.check(draft, config=config).findings if f.rule == "SF004"]
    assert [f.message for f in found] == ['An "about us" paragraph (our growth plan, our roadmap)']


def test_every_check_option_has_one_default_where_it_is_declared() -> None:
    """A shipped pack gives a check's options only where a rule needs a value
    of its own (a phrase list, a pattern), never a copy of the default."""
    for rule in all_rules():
        if rule.type != "check":
            continue
        declared = checks.get(rule.options["check"]).options
        for key, (_, default) in declared.items():
            if rule.options[key] == default:
                continue
            assert isinstance(rule.options[key], list | str), f"{rule.code}: {key} restates a number in the pack"


def test_messages_come_from_the_pack_with_their_values_filled() -> None:
    finding = next(f for f in warmcheck.check(SELFISH, config=LIGHT).findings if f.rule == "SF003")
    assert finding.message == "This sentence is about you, not the reader (5 of 5 sentences are)"


def test_a_rule_listing_describes_values_and_fills_options() -> None:
    shown = {r.code: shown_message(r) for r in all_rules()}
    assert shown["SF003"] == "This sentence is about you, not the reader (<count> of <total> sentences are)"
    assert shown["SH001"].startswith("The message is long (<words> words)")
    assert not any("{" in text for text in shown.values())
    listing = CliRunner().invoke(cli, ["rules"]).output
    assert "{" not in listing and "(<count> of <total> sentences are)" in listing


PACK = """\
rules:
  - code: SF901
    name: counted
    severity: warning
    points: 2
    type: check
    options:
      check: self-centred-sentences
      min_sentences: 2
    message: "{message}"
    why: Why.
    suggestion: Instead.
    examples:
      fail:
        - text: "Hi Ana,\\n\\nI bake bread. We sell rye.\\n"
          at: "{at}"
      pass: ["Hi Ana, how are you?"]
"""


def test_a_message_placeholder_the_rule_cannot_fill_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.format(message="{count} of {sentences}", at="3:1"))
    with pytest.raises(PackError, match=r"pack.yaml:2 \(SF901\): message names \{sentences\}, which check "):
        load_pack(path)


def test_a_pinned_example_must_say_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.format(message="{count} of {total}", at="line three"))
    with pytest.raises(PackError, match=r"example 'at' must be \"line:column\""):
        load_pack(path)


@pytest.mark.parametrize(
    ("at", "problem"),
    [("3:1", None), ("3:2", "flags its fail example at 3:1, not 3:2")],
)
def test_check_examples_reports_a_finding_that_lands_elsewhere(tmp_path: Path, at: str, problem: str | None) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK.format(message="{count} of {total}", at=at))
    config = _write(tmp_path, f'packs = ["{pack.name}"]\nselect = ["SF901"]\n')
    result = CliRunner().invoke(cli, ["rules", "--config", str(config), "--check-examples", "--model", "light"])
    if problem is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert f"pack.yaml:2 SF901 {problem}" in result.output


@pytest.mark.parametrize(
    "text",
    ["café we met", "we\u00a0met at the fair", "line one\nwe met\n", "Ärger: we met", "nothing here", "WE MET", "४२ met"],
)
@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r"\bwe\s+met\b", re.IGNORECASE), (r"(?<!not )\bwe met(?! at)", 0), (r"\bcaf\w\b", 0), (r"met$", 0), (r"^we met$", re.MULTILINE), (r"[\w-]+ met", 0), (r"\d+ met", 0)],
)
def test_a_prefiltered_pattern_finds_what_re_finds(text: str, pattern: str, flags: int) -> None:
    plain = re.compile(pattern, flags)
    fast = prefiltered(plain)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.span() for m in fast.finditer(text, 3, len(text) - 1)] == [m.span() for m in plain.finditer(text, 3, len(text) - 1)]
    assert fast.findall(text) == plain.findall(text)
    matched, expected = fast.match(text), plain.match(text)
    assert fast.pattern == pattern and (matched and matched.span()) == (expected and expected.span())


def test_a_pattern_re2_cannot_read_is_left_to_re() -> None:
    backreference = re.compile(r"\b(\w+) \1\b")
    assert prefiltered(backreference) is backreference
