"""The language server's parts on their own: positions in code units,
buffers that follow edits, buffers read as drafts and findings placed back,
edits offered, and a checker whose memory stays flat."""

from __future__ import annotations

import quopri
from pathlib import Path
from types import SimpleNamespace

import pytest

from warmcheck.lsp import actions, drafts
from warmcheck.lsp.checker import Checker
from warmcheck.lsp.text import UTF8, UTF16, UTF32, Buffer, from_units, line_starts, split_lines, to_units, units


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(model="light")


@pytest.mark.parametrize(
    ("text", "utf16", "utf8"),
    [("abc", 3, 3), ("café", 4, 5), ("😀", 2, 4), ("a😀é", 4, 7), ("", 0, 0)],
)
def test_code_units(text: str, utf16: int, utf8: int) -> None:
    assert units(text, UTF16) == utf16
    assert units(text, UTF8) == utf8
    assert units(text, UTF32) == len(text)


def test_columns_cross_both_ways() -> None:
    line = "Café 😀 talk!!!"
    assert to_units(line, line.index("talk")) == 8
    assert from_units(line, 8) == line.index("talk")
    assert from_units(line, 5) == line.index("😀")
    assert from_units(line, 6) == line.index("😀") + 1  # inside the pair: past it
    assert from_units(line, 99) == len(line)
    assert from_units(line, 6, UTF8) == line.index("😀")  # "Café " is 6 bytes
    assert to_units(line, line.index("talk"), UTF8) == len("Café 😀 ".encode())


def test_lsp_lines_break_on_cr_lf_and_crlf_only() -> None:
    text = "a\r\nb\rc\nd\u2028e\x0cf"
    assert split_lines(text) == ["a", "b", "c", "d\u2028e\x0cf"]
    assert line_starts(text) == [0, 3, 5, 7]


def test_a_buffer_follows_incremental_and_full_changes() -> None:
    buf = Buffer("file:///d.txt", "plaintext", 1, "Hi 😀 Ana,\r\nline two\u2028still two\nthree\n")
    buf.apply((0, 6), (0, 6), "dear ")  # after the emoji: 6 UTF-16 units in
    assert buf.text.startswith("Hi 😀 dear Ana,\r\n")
    buf.apply((1, 0), (2, 0), "")  # a whole line, U+2028 and all
    assert buf.text == "Hi 😀 dear Ana,\r\nthree\n"
    buf.apply((0, 99), (5, 0), "!")  # clamped to the line's end and the text's
    assert buf.text == "Hi 😀 dear Ana,!"
    buf.apply(None, None, "new")
    assert buf.text == "new"


@pytest.mark.parametrize(
    ("uri", "language", "kind"),
    [
        ("file:///tmp/mutt-host-1000-1-2", "text", drafts.MAIL),
        ("file:///tmp/neomutt-host-1000-1-2", "", drafts.MAIL),
        ("file:///tmp/aerc-compose-1.eml", "", drafts.MAIL),
        ("file:///d/x.eml", "plaintext", drafts.MAIL),
        ("file:///d/x.md", "plaintext", drafts.MARKDOWN),
        ("file:///d/x.HTM", "", drafts.HTML),
        ("file:///d/invite.j2", "", drafts.TEMPLATE),
        ("untitled:Untitled-1", "markdown", drafts.MARKDOWN),
        ("file:///d/draft", "mail", drafts.MAIL),
        ("file:///d/draft", "message", drafts.MAIL),  # Emacs message-mode, through eglot
        ("file:///d/x.py", "python", None),
        ("file:///d/pyproject.toml", "toml", None),
    ],
)
def test_kind_of_a_buffer(uri: str, language: str, kind: str | None) -> None:
    assert drafts.kind_of(uri, language) == kind


def test_the_header_block_and_its_disable_fields() -> None:
    text = "To: a@b.example\r\nX-Warmcheck-Disable: BL001,\r\n  SF003\r\nSubject: s\r\n\r\nbody\r\n"
    block = drafts.header_block(text)
    assert block is not None
    assert block.disabled == ("BL001", "SF003")
    assert block.newline == "\r\n"
    assert text[block.end :].startswith("\r\nbody")
    assert text[: block.disable_end].endswith("  SF003")
    assert drafts.header_block("Hi Ana,\n\nbody\n") is None
    assert drafts.header_block("To: a@b.example\nSubject: only headers\n") is None


def test_an_encoded_mail_body_is_placed_by_its_words(checker: Checker) -> None:
    body = "Dear Sir or Madam,\n\nWe loved the caf\u00e9 talk!!! How did the 1909 sheets turn out?\n"
    encoded = quopri.encodestring(body.encode("utf-8")).decode("ascii")
    text = (
        "To: Ana Lopez <ana@example.org>\nSubject: Porto\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" + encoded
    )
    checked = checker.check(text, drafts.MAIL)
    assert checked.problem is None
    placed = {loc.finding.rule: text[loc.start : loc.end] for loc in checked.located}
    assert placed["BL001"] == "Dear Sir or Madam"
    assert placed["BL006"] == "!!!"


def test_html_findings_are_the_same_occurrence_in_the_source(checker: Checker) -> None:
    html = (
        "<html><body><p>Hi Ana,</p><p>Our <i>leading</i>\n provider!!! is the best. Really!!! "
        "How was Porto?</p></body></html>"
    )
    checked = checker.check(html, drafts.HTML)
    bangs = [loc for loc in checked.located if loc.finding.rule == "BL006"]
    assert [html[loc.start : loc.end] for loc in bangs] == ["!!!", "!!!"]
    assert bangs[1].start == html.index("Really!!!") + len("Really")
    [praise] = [loc for loc in checked.located if loc.finding.rule == "SF007"]
    assert html[praise.start : praise.end] == "leading</i>\n provider"


def test_a_template_suppression_is_a_jinja_comment(checker: Checker) -> None:
    text = "Hi {{ name }},\n\nWe are the leading provider!!! How was Porto?\n"
    checked = checker.check(text, drafts.TEMPLATE)
    [loc] = [loc for loc in checked.located if loc.finding.rule == "BL006"]
    [action] = actions.actions(checked, loc)[1:]
    [edit] = action.edits
    fixed = text[: edit.start] + edit.new_text + text[edit.end :]
    assert fixed.splitlines()[2].endswith("  {# warmcheck: disable=BL006 #}")
    assert not [loc for loc in checker.check(fixed, drafts.TEMPLATE).located if loc.finding.rule == "BL006"]


def test_no_name_no_greeting_fix(checker: Checker) -> None:
    checked = checker.check("Dear Sir or Madam,\n\nHow was Porto?\n", drafts.TEXT)
    [loc] = [loc for loc in checked.located if loc.finding.rule == "BL001"]
    assert [a.title for a in actions.actions(checked, loc)] == ["Disable BL001 (generic-greeting) on this line"]


def test_an_existing_directive_is_extended(checker: Checker) -> None:
    text = "Dear Sir or Madam,\n\nHow was Porto!!!  warmcheck: disable=SH003\n"
    checked = checker.check(text, drafts.TEXT)
    [loc] = [loc for loc in checked.located if loc.finding.rule == "BL006"]
    [edit] = actions.actions(checked, loc)[-1].edits
    assert (text[: edit.start] + edit.new_text + text[edit.end :]).splitlines()[2].endswith("disable=SH003,BL006")


def test_configuration_reloads_when_the_file_changes(tmp_path: Path) -> None:
    checker = Checker(model="light")
    config = tmp_path / "warmcheck.toml"
    config.write_text('ignore = ["BL001"]\n')
    draft = tmp_path / "sub" / "d.txt"
    text = "Dear Sir or Madam,\n\nHow was Porto?\n"
    assert "BL001" not in {loc.finding.rule for loc in checker.check(text, drafts.TEXT, path=draft).located}
    config.write_text('ignore = ["SH"]\n')  # a different size: seen whatever the clock's resolution
    assert "BL001" in {loc.finding.rule for loc in checker.check(text, drafts.TEXT, path=draft).located}
    config.write_text("ignore = [\n")
    problem = checker.check(text, drafts.TEXT, path=draft).problem
    assert problem is not None and str(config) in problem


def test_spacy_strings_stay_flat_over_many_new_words() -> None:
    checker = Checker(model="light")
    base = "Hi Ana,\n\nYour talk on river maps in Porto stayed with me. How did the sheets turn out?\n"
    checker.check(base, drafts.TEXT)
    before = checker.strings()
    for i in range(300):
        words = " ".join(f"zq{i}x{j}w" for j in range(5))
        checked = checker.check(base + words + "\n", drafts.TEXT)
        assert checked.report is not None
    assert checker.strings() == before


def test_a_pipes_word_cache_is_emptied_when_large() -> None:
    from warmcheck.lsp import checker as checkers

    class Pipe:
        def __init__(self, size: int) -> None:
            self.cache = {i: str(i) for i in range(size)}

    big, small = Pipe(checkers.CACHE_LIMIT + 1), Pipe(10)
    checkers._trim_caches(SimpleNamespace(pipeline=[("lemmatizer", big), ("small", small), ("none", object())]))
    assert big.cache == {}
    assert len(small.cache) == 10


def test_an_unused_header_suppression_is_shown_on_its_header(checker: Checker) -> None:
    text = "To: Ana Lopez <ana@example.org>\nSubject: Porto\nX-Warmcheck-Disable: BL012\n\nHi Ana,\n\nHow did the sheets turn out!!!\n"
    checked = checker.check(text, drafts.MAIL)
    unused = [loc for loc in checked.located if loc.finding.rule == "WC001"]
    assert [text[loc.start : loc.end] for loc in unused] == ["X-Warmcheck-Disable: BL012"]
