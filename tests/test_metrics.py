"""The metrics every report carries, counted by hand on small drafts.

Only what the sender writes now is counted: the greeting and the body for
words, the body for sentences, questions, pronouns and the reading grade;
never the signature or the quoted history. Run on the light engine, which
every rule must work on.
"""

from __future__ import annotations

import re

import pytest

import warmcheck
from warmcheck.report import FORMATS

LIGHT = warmcheck.Config(model="light")

#: Greeting "Hi Marta" (2 words); body 8 + 8 + 5 = 21 words in 3 sentences,
#: one of them a question; "I", "my" and "You", "your".
PLAIN = """\
Hi Marta,

You asked how the ferry timetable handles tides. Did the pilot with your class go well? I can send my notes.

Best,
Tomas
"""

#: The same draft with a signature full of pronouns and a quoted message with
#: questions: none of it is the sender writing now.
WITH_HISTORY = (
    PLAIN
    + """\
--
Tomas Reyes, we make our tide tables for you and your team
Tide Tables Ltd. Need a tide table for your boat? Ask us.

On Tue, 4 Feb 2025 at 09:12, Marta <marta@example.org> wrote:
> Could you and your crew tell me what we should do about our boats? Do you know?
> I am asking because my students keep asking me about the tides and the moon.
"""
)


def metrics(draft: str | bytes, config: warmcheck.Config = LIGHT) -> dict[str, float]:
    report = warmcheck.check(draft, config=config)
    assert report.engine == "light"
    return dict(report.metrics)


def coleman_liau(text: str) -> float:
    """The Coleman-Liau grade, by its textbook definition, for comparison."""
    words = re.findall(r"[A-Za-z]+", text)
    sentences = len(re.findall(r"[.!?]+", text))
    letters = sum(len(w) for w in words)
    return 0.0588 * (100 * letters / len(words)) - 0.296 * (100 * sentences / len(words)) - 15.8


def test_a_report_carries_the_documented_metrics() -> None:
    assert set(metrics(PLAIN)) == {
        "words",
        "sentences",
        "questions",
        "grade",
        "first_person",
        "second_person",
        "recipients",
    }


def test_metrics_of_a_plain_draft() -> None:
    got = metrics(PLAIN)
    assert {k: v for k, v in got.items() if k != "grade"} == {
        "words": 23,
        "sentences": 3,
        "questions": 1,
        "first_person": 2,
        "second_person": 2,
        "recipients": 0,
    }


def test_the_grade_is_coleman_liau_of_the_body() -> None:
    body = "You asked how the ferry timetable handles tides. Did the pilot with your class go well? I can send my notes."
    grade = metrics(PLAIN)["grade"]
    assert grade == pytest.approx(coleman_liau(body), abs=1.0)
    assert grade == round(grade, 1)


def test_long_words_raise_the_grade() -> None:
    draft = (
        "Hi Marta,\n\nInternational collaboration considerably strengthens institutional understanding. "
        "Comprehensive documentation accompanies everything.\n"
    )
    got = metrics(draft)
    assert got["words"] == 2 + 10
    assert got["sentences"] == 2
    assert got["grade"] == pytest.approx(coleman_liau(draft.split("\n\n", 1)[1]), abs=1.5)
    assert got["grade"] > 40


def test_the_grade_of_very_plain_words_floors_at_zero() -> None:
    # Coleman-Liau gives about -4 here; a grade is never negative.
    draft = "Hi Marta,\n\nThe cat sat on the mat. The dog ran to the log. We did not go out.\n"
    assert coleman_liau("The cat sat on the mat. The dog ran to the log. We did not go out.") < -3
    got = metrics(draft)
    assert got["grade"] == 0.0
    assert (got["words"], got["sentences"], got["first_person"]) == (2 + 17, 3, 1)


def test_a_body_under_ten_words_has_no_grade() -> None:
    # Nine long words would grade high; too few to say anything.
    draft = "Hi Marta,\n\nInternational collaboration considerably strengthens institutional understanding everywhere, apparently, undoubtedly.\n"
    got = metrics(draft)
    assert got["words"] == 2 + 9
    assert got["grade"] == 0.0


def test_the_signature_and_quoted_history_are_not_counted() -> None:
    assert metrics(WITH_HISTORY) == metrics(PLAIN)


def test_the_quoted_history_alone_adds_nothing() -> None:
    quoted = PLAIN + "\nOn Mon, 3 Mar 2025, Marta wrote:\n> Can you come? Will you bring your maps? We hope so.\n"
    assert metrics(quoted) == metrics(PLAIN)


def test_questions_count_sentences_that_end_in_a_question_mark() -> None:
    draft = "Hi Marta,\n\nDid you get home? Was the ferry late? I hope not! Tell me about it.\n"
    got = metrics(draft)
    assert (got["sentences"], got["questions"]) == (4, 2)
    assert (got["first_person"], got["second_person"]) == (2, 1)
    assert got["words"] == 2 + 4 + 4 + 3 + 4


def test_a_draft_with_no_question() -> None:
    got = metrics("Hi Marta,\n\nThe maps arrived today. They look good.\n")
    assert (got["questions"], got["sentences"], got["words"]) == (0, 2, 2 + 4 + 3)


def test_polite_formulas_and_the_country_are_not_pronouns() -> None:
    # "Thank you", "I hope you are well" and "Let me know" say nothing about
    # focus; "US" in capitals is the country. Left: "We", "our".
    got = metrics("Hi Marta,\n\nThank you for the tour. I hope you are well. We built our kiln in the US. Let me know.\n")
    assert (got["first_person"], got["second_person"]) == (2, 0)
    assert got["words"] == 2 + 5 + 5 + 7 + 3


def test_pronouns_in_every_form() -> None:
    got = metrics("Hi Marta,\n\nThe US office wrote to us and to me. Our reply went out today, and yours arrived.\n")
    assert (got["first_person"], got["second_person"]) == (3, 1)
    assert got["words"] == 19


def test_the_senders_names_count_as_first_person() -> None:
    draft = (
        "Hi Marta,\n\nAt Tide Tables we built FerryPlan for you. Tomas thinks FerryPlan could suit your class. "
        "What do you think?\n"
    )
    plain = metrics(draft)
    assert (plain["first_person"], plain["second_person"]) == (1, 3)
    config = warmcheck.Config(model="light", sender_names=("Tomas",), company=("Tide Tables",), products=("FerryPlan",))
    named = metrics(draft, config)
    # "we" plus Tide Tables, FerryPlan, Tomas, FerryPlan.
    assert (named["first_person"], named["second_person"]) == (5, 3)
    assert named["words"] == plain["words"] == 2 + 8 + 7 + 4


def test_recipients_count_to_cc_and_bcc() -> None:
    message = (
        b"From: Tomas Reyes <tomas@tides.example>\n"
        b"To: Marta Diaz <marta@school.example>, Lee <lee@school.example>\n"
        b"Cc: Ola <ola@school.example>\n"
        b"Bcc: archive@tides.example\n"
        b"Subject: Tide walk\n"
        b"\n"
        b"Hi Marta,\n\nHow did the tide walk go for your class?\n\nBest,\nTomas\n"
    )
    got = metrics(message)
    assert got["recipients"] == 4
    assert (got["words"], got["sentences"], got["questions"], got["second_person"]) == (2 + 9, 1, 1, 1)


def test_a_wrapped_line_does_not_split_a_sentence() -> None:
    one_line = "Hi Marta,\n\nYou asked how the ferry timetable handles tides on the river crossing in winter.\n"
    wrapped = "Hi Marta,\n\nYou asked how the ferry timetable handles\ntides on the river crossing in winter.\n"
    assert metrics(wrapped) == metrics(one_line)
    assert metrics(wrapped)["sentences"] == 1


def test_the_json_report_carries_the_same_metrics() -> None:
    import json

    report = warmcheck.check(PLAIN, config=LIGHT)
    document = json.loads(FORMATS["json"]([report]))
    assert document["reports"][0]["metrics"] == report.metrics
    assert document["reports"][0]["metrics"]["words"] == 23
