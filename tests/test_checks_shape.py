"""The shape checks (src/warmcheck/checks/shape.py), through the public path:
one rule selected, light engine, findings as a user sees them (line,
column, the words, the message with its values filled in). Subject
findings are on line 0, their column counted in the subject.

SH003 very-short, SH007 subject-all-caps, SH008 empty-subject, SH009
long-subject, SH010 wall-of-text, SH011 long-sentence. Each declared option
is tried one below, at and one above its threshold.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

import warmcheck


@cache
def _linter(code: str, options: tuple[tuple[str, Any], ...]) -> warmcheck.Linter:
    rules = {code: warmcheck.RuleSettings(options=dict(options))} if options else {}
    return warmcheck.Linter(warmcheck.Config(model="light", select=(code,), rules=rules))


def report(code: str, draft: str | bytes, **options: Any) -> warmcheck.Report:
    return _linter(code, tuple(sorted(options.items()))).check(draft)


def findings(code: str, draft: str | bytes, **options: Any) -> list[warmcheck.Finding]:
    return [f for f in report(code, draft, **options).findings if f.rule == code]


def where(found: list[warmcheck.Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.text) for f in found]


BODY = "\n\nHi Ana,\n\nThe notes are below.\n"


def subject(text: str) -> str:
    return f"Subject: {text}{BODY}"


def mail(subject_line: str, extra: str = "") -> bytes:
    return f"From: a@example.org\nTo: Ana <ana@example.org>\n{subject_line}{extra}{BODY}".encode()


# SH007 subject-all-caps ------------------------------------------------------------


@pytest.mark.parametrize("caps", ["MEETING NOTES", "URGENT", "GO NOW", "GO UP", "NOTES 2025", "HELLO!!!"])
def test_sh007_a_subject_in_capitals_is_flagged_on_line_zero(caps: str) -> None:
    found = findings("SH007", subject(caps))
    assert where(found) == [(0, 1, caps)]
    assert found[0].message == "The subject is in capitals"


@pytest.mark.parametrize(
    "near_miss",
    [
        "FYI",  # one short word
        "Q3",
        "MEET",  # four letters: under min_letters
        "MEETING notes",
        "Notes from Tuesday",
        "A B",  # two words, but not of two letters or more, and two letters in all
    ],
)
def test_sh007_near_misses_pass(near_miss: str) -> None:
    assert findings("SH007", subject(near_miss)) == []


def test_sh007_two_words_of_two_letters_are_enough_whatever_the_letters() -> None:
    # "GO UP" has four letters, under min_letters: two words in capitals are shouting anyway.
    assert where(findings("SH007", subject("GO UP"), min_letters=50)) == [(0, 1, "GO UP")]


def test_sh007_five_letters_are_enough_by_default() -> None:
    assert where(findings("SH007", subject("HELLO"))) == [(0, 1, "HELLO")]


@pytest.mark.parametrize(("min_letters", "fires"), [(3, True), (4, True), (5, False)])
def test_sh007_min_letters_boundary(min_letters: int, fires: bool) -> None:
    assert bool(findings("SH007", subject("MEET"), min_letters=min_letters)) is fires


def test_sh007_a_subject_kept_from_the_mail_answered_is_not_the_senders() -> None:
    assert findings("SH007", subject("Re: PLEASE READ")) == []
    assert findings("SH007", subject("Fwd: BIG NEWS")) == []
    assert findings("SH007", mail("Subject: BIG NEWS\n", "In-Reply-To: <x@example.org>\n")) == []
    assert where(findings("SH007", mail("Subject: BIG NEWS\n"))) == [(0, 1, "BIG NEWS")]


# SH008 empty-subject ----------------------------------------------------------


@pytest.mark.parametrize(("draft", "text"), [("Subject:" + BODY, ""), ("Subject:    " + BODY, ""), (subject("Re:"), "Re:"), (subject("Fwd: Re:"), "Fwd: Re:")])
def test_sh008_a_blank_subject_or_only_prefixes_is_flagged(draft: str, text: str) -> None:
    found = findings("SH008", draft)
    assert where(found) == [(0, 1, text)]
    assert found[0].message == "The mail has no subject"


def test_sh008_a_mail_with_no_subject_header_is_flagged() -> None:
    assert where(findings("SH008", mail(""))) == [(0, 1, "")]
    assert where(findings("SH008", mail("Subject: \n"))) == [(0, 1, "")]


def test_sh008_a_plain_draft_without_a_subject_line_is_not_judged() -> None:
    assert findings("SH008", "Hi Ana,\n\nThe notes are below.\n") == []
    assert findings("SH008", subject("Notes")) == []


# SH009 long-subject ---------------------------------------------------------------

TEN = "Notes and dates from our meeting about the spring fair"
ELEVEN = TEN + " budget"
#: Three words, 80 characters.
CHARS_80 = "Spring-fair-stall-plans, budget-and-volunteer-rotas, opening-night-seating-chart"


def test_sh009_a_subject_of_eleven_words_is_flagged_with_its_count() -> None:
    found = findings("SH009", subject(ELEVEN))
    assert where(found) == [(0, 1, ELEVEN)]
    assert found[0].message == "The subject is long (11 words)"
    assert findings("SH009", subject(TEN)) == []


@pytest.mark.parametrize(("max_words", "fires"), [(9, True), (10, False), (11, False)])
def test_sh009_max_words_boundary(max_words: int, fires: bool) -> None:
    assert bool(findings("SH009", subject(TEN), max_words=max_words)) is fires


def test_sh009_more_than_80_characters_is_long_whatever_the_words() -> None:
    assert len(CHARS_80) == 80
    assert findings("SH009", subject(CHARS_80)) == []
    found = findings("SH009", subject(CHARS_80 + "s"))
    assert where(found) == [(0, 1, CHARS_80 + "s")]
    assert found[0].message == "The subject is long (3 words)"


@pytest.mark.parametrize(("max_chars", "fires"), [(79, True), (80, False), (81, False)])
def test_sh009_max_chars_boundary(max_chars: int, fires: bool) -> None:
    assert bool(findings("SH009", subject(CHARS_80), max_chars=max_chars)) is fires


def test_sh009_a_subject_kept_from_the_mail_answered_is_not_counted() -> None:
    assert findings("SH009", subject("Re: " + ELEVEN)) == []
    assert findings("SH009", mail(f"Subject: {ELEVEN}\n", "References: <x@example.org>\n")) == []
    assert findings("SH009", "Hi Ana,\n\nThe notes are below.\n") == []


# SH010 wall-of-text -------------------------------------------------------------

#: Sixteen sentences of ten words each.
MARKET = [
    "The stall opened at eight and the queue was long.",
    "By nine the bread was gone and jam was low.",
    "A man from the bakery asked where we buy flour.",
    "Two children sold lemonade from a box next to us.",
    "The rain held off until the last hour of trading.",
    "We packed the tables into the van in ten minutes.",
    "The band across the square played the same song twice.",
    "Most people paid in cash, which made the counting slow.",
    "Next month the market moves to the car park instead.",
    "The council says the square needs new paving this year.",
    "Our neighbours at the cheese stall lent us a chair.",
    "The chair broke, so now we owe them a chair.",
    "Someone left a blue umbrella under the table at noon.",
    "Nobody came back for it; it is in the van.",
    "The total for the day was better than last week.",
    "The plan is to bake twice as much next time.",
]
WALL_150 = "Hi Ana,\n\n" + " ".join(MARKET[:15]) + "\n"
WALL_151 = "Hi Ana,\n\n" + " ".join(MARKET[:15]) + " Really.\n"


def test_sh010_a_paragraph_of_151_words_is_flagged_and_150_is_not() -> None:
    found = findings("SH010", WALL_151)
    assert [(f.line, f.column) for f in found] == [(3, 1)]
    assert found[0].message == "A paragraph of 151 words with no break"
    assert findings("SH010", WALL_150) == []


@pytest.mark.parametrize(("max_words", "fires"), [(149, True), (150, False), (151, False)])
def test_sh010_max_words_boundary(max_words: int, fires: bool) -> None:
    assert bool(findings("SH010", WALL_150, max_words=max_words)) is fires


def test_sh010_the_finding_quotes_the_paragraphs_first_line_and_each_wall_counts() -> None:
    lines = "\n".join(MARKET[:3])  # one paragraph over three lines: 30 words
    text = f"Hi Ana,\n\n{lines}\n\nShort one here.\n\n{' '.join(MARKET[3:6])}\n"
    found = findings("SH010", text, max_words=20)
    assert where(found) == [(3, 1, MARKET[0]), (9, 1, " ".join(MARKET[3:6]))]
    assert [f.message for f in found] == ["A paragraph of 30 words with no break"] * 2


def test_sh010_a_contraction_is_one_word() -> None:
    text = "Hi Ana,\n\nIt's the stall's best week, and we're glad.\nThe jam sold out.\n"
    (found,) = findings("SH010", text, max_words=9)
    assert found.message == "A paragraph of 12 words with no break"


def test_sh010_quoted_history_is_not_read() -> None:
    quoted = "Hi Ana,\n\nShort one.\n\n> " + " ".join(MARKET) + "\n"
    assert findings("SH010", quoted) == []


# SH011 long-sentence ------------------------------------------------------------

LONG_41 = (
    "The stall opened at eight and the queue was long, by nine the bread was gone and jam was low, "
    "a man from the bakery asked where we buy flour, and two children sold lemonade from a box next to us."
)
LONG_40 = LONG_41.replace("and two", "two")


def test_sh011_a_sentence_of_41_words_is_flagged_and_40_is_not() -> None:
    found = findings("SH011", f"Hi Ana,\n\nIt is short. {LONG_41} Fine.\n")
    assert where(found) == [(3, 14, LONG_41)]
    assert found[0].message == "A sentence of 41 words"
    assert findings("SH011", f"Hi Ana,\n\n{LONG_40}\n") == []


@pytest.mark.parametrize(("max_words", "fires"), [(39, True), (40, False), (41, False)])
def test_sh011_max_words_boundary(max_words: int, fires: bool) -> None:
    found = findings("SH011", f"Hi Ana,\n\n{LONG_40}\n", max_words=max_words)
    assert [f.message for f in found] == (["A sentence of 40 words"] if fires else [])


def test_sh011_numbers_count_as_words_and_a_contraction_as_its_parts() -> None:
    assert [f.message for f in findings("SH011", "Hi Ana,\n\nThe jam sold out, all 12 jars of it, by noon.\n", max_words=9)] == [
        "A sentence of 11 words"
    ]
    assert [f.message for f in findings("SH011", "Hi Ana,\n\nWe're sure it's the jam.\n", max_words=4)] == [
        "A sentence of 5 words"
    ]


def test_sh011_quoted_history_is_not_read() -> None:
    assert findings("SH011", f"Hi Ana,\n\nShort.\n\n> {LONG_41}\n") == []


def test_sh011_a_sentence_over_two_lines_is_quoted_by_its_first_line() -> None:
    two_lines = LONG_41.replace(", by nine", ",\nby nine")
    found = findings("SH011", f"Hi Ana,\n\n{two_lines}\n")
    assert where(found) == [(3, 1, "The stall opened at eight and the queue was long,")]


# SH003 very-short -------------------------------------------------------------------

#: Eleven words: the greeting's two and nine in the body.
SHORT_11 = "Hi Ana,\n\nThe stall opened at eight; the queue was long.\n"
SHORT_12 = "Hi Ana,\n\nThe stall opened at eight and the queue was long.\n"


def test_sh003_a_note_of_eleven_words_is_flagged_at_its_body() -> None:
    found = findings("SH003", SHORT_11)
    assert where(found) == [(3, 1, "The stall opened at eight; the queue was long.")]
    assert found[0].message == "The message is very short (11 words); a line more would give the reader something to answer"
    assert findings("SH003", SHORT_12) == []


@pytest.mark.parametrize(("min_words", "fires"), [(11, False), (12, True), (13, True)])
def test_sh003_min_words_boundary(min_words: int, fires: bool) -> None:
    # Eleven words: too few from min_words 12 up.
    assert bool(findings("SH003", SHORT_11, min_words=min_words)) is fires
    assert findings("SH003", SHORT_11, min_words=10) == []


def test_sh003_the_finding_quotes_the_first_line_of_the_body() -> None:
    found = findings("SH003", "Hi Ana,\n\n   See attached.\nMore soon.\n")
    assert where(found) == [(3, 4, "See attached.")]
    assert "(6 words)" in found[0].message
    # The signature's words are not the sender's message.
    signed = findings("SH003", "Hi Ana,\n\nSee attached.\n\nBest,\nTom Berg\nHarbour Bikes, 4 Mill Lane, Porto\n")
    assert where(signed) == [(3, 1, "See attached.")] and "(4 words)" in signed[0].message


def test_sh003_a_quick_answer_in_a_thread_is_left_alone() -> None:
    assert findings("SH003", "Subject: Re: the stall\n\n" + SHORT_11) == []
    assert findings("SH003", SHORT_11 + "\n> How did the stall go?\n") == []
    threaded = b"From: a@example.org\nTo: Ana <ana@example.org>\nSubject: stall\nIn-Reply-To: <x@example.org>\n\n"
    assert findings("SH003", threaded + SHORT_11.encode()) == []


def test_sh003_a_draft_with_no_words_of_the_senders_own_is_not_judged() -> None:
    assert findings("SH003", "-- \nTom\n") == []


# SH012 mostly-pictures ----------------------------------------------------------------


def _html_mail(body: str) -> bytes:
    head = "From: Shop <shop@example.org>\nSubject: This week\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
    return (head + f"<html><body>{body}</body></html>\n").encode()


def _pictures(n: int, size: str = 'width="320" height="200"') -> str:
    return "".join(f'<p><img src="https://shop.example.org/p{i}.png" {size}></p>' for i in range(n))


def test_sh012_a_mail_of_pictures_is_flagged_with_its_counts() -> None:
    found = findings("SH012", _html_mail(_pictures(4) + "<p>See the whole range online.</p>"))
    assert [f.message for f in found] == [
        "4 pictures and 5 words of text: with pictures held back the reader sees next to nothing"
    ]


def test_sh012_spacers_and_open_trackers_are_no_pictures() -> None:
    spacers = _pictures(6, 'width="1" height="1"')
    tracker = '<img src="https://track.example.org/open.gif?id=9" width="1" height="1">'
    assert not findings("SH012", _html_mail(spacers + tracker + "<p>See the whole range online.</p>"))


def test_sh012_pictures_with_words_around_them_pass() -> None:
    words = "<p>" + " ".join(["The bench by the pond is finished and the leeks are in."] * 3) + "</p>"
    assert not findings("SH012", _html_mail(words + _pictures(3)))
