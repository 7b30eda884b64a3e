"""The personal-reference checks (src/warmcheck/checks/personal_reference.py),
through the public path: one rule selected, light engine, findings as a user
sees them (line, column, the words, the message with its values filled in).

PR001 no-shared-context, PR002 reader-name-unused, PR003 no-specific-detail,
PR004 no-question-about-reader, PR005 ask-without-offer, PR006
ask-before-give. Word thresholds count the words of the body's content
sentences (three words or more, formulas left out); each draft below says
how many it has, and each option is tried one below, at and one above.
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


def findings(code: str, draft: str | bytes, *, profile: str | None = None, **options: Any) -> list[warmcheck.Finding]:
    report = _linter(code, tuple(sorted(options.items()))).check(draft, profile=profile)
    return [f for f in report.findings if f.rule == code]


def where(found: list[warmcheck.Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.text) for f in found]


def mail(body: str, *, to: str = "Ana Lima <ana@example.org>", subject: str = "the plan", extra: str = "") -> bytes:
    return f"From: Bo <bo@example.org>\nTo: {to}\nSubject: {subject}\n{extra}\n{body}".encode()


# PR001 no-shared-context ----------------------------------------------------------

NO_CONTEXT = "Nothing in the body refers to where you met or what the reader said"
#: 40 words, nothing shared.
PLANNER = (
    "Hi Ana,\n\nThe new planner lets a small team keep every job in one list. It links to the calendar and the inbox, "
    "and it takes a few short minutes to set up. Would a short demo next week suit the team?\n"
)
PLANNER_39 = PLANNER.replace("few short minutes", "few minutes")


def test_pr001_a_body_with_nothing_shared_is_flagged_at_its_first_sentence() -> None:
    found = findings("PR001", PLANNER, profile="follow-up")
    assert where(found) == [(3, 1, "The new planner lets a small team keep every job in one list.")]
    assert found[0].message == NO_CONTEXT


def test_pr001_thirty_nine_words_are_too_few_by_default() -> None:
    assert findings("PR001", PLANNER_39, profile="follow-up") == []


@pytest.mark.parametrize(("min_words", "fires"), [(39, True), (40, True), (41, False)])
def test_pr001_min_words_boundary(min_words: int, fires: bool) -> None:
    assert bool(findings("PR001", PLANNER, min_words=min_words, profile="follow-up")) is fires


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("\n\nThe new", "\n\nGreat to meet you at the harbour market. The new"),
        ("one list.", "one list, as you mentioned."),
        ("one list.", "one list, the thing we talked about."),
    ],
)
def test_pr001_a_shared_moment_or_the_readers_words_pass(old: str, new: str) -> None:
    assert findings("PR001", PLANNER.replace(old, new), profile="follow-up") == []


@pytest.mark.parametrize("opening", ["Great meeting you last week!", "It was lovely talking with you yesterday."])
def test_pr001_a_bare_great_meeting_you_names_no_shared_moment(opening: str) -> None:
    found = findings("PR001", PLANNER.replace("\n\nThe new", f"\n\n{opening} The new"), profile="follow-up")
    assert where(found) == [(3, 1, opening)]


def test_pr001_a_reply_refers_to_the_readers_words_by_being_one() -> None:
    assert findings("PR001", PLANNER + "\n> Do you have anything for small teams?\n", profile="follow-up") == []
    assert findings("PR001", mail(PLANNER, subject="Re: planner"), profile="follow-up") == []


def test_pr001_runs_under_the_follow_up_profile_only() -> None:
    assert findings("PR001", PLANNER, profile="cold") == []
    assert findings("PR001", PLANNER, profile="newsletter") == []
    assert findings("PR001", PLANNER, profile="follow-up")


# PR002 reader-name-unused ------------------------------------------------------

#: 15 words; the greeting has no name.
PLAN_15 = "Hello,\n\nThe plan for the spring fair is ready, and the budget sits in the sheet.\n"
PLAN_14 = "Hello,\n\nThe plan for the fair is ready, and the budget sits in the sheet.\n"


def test_pr002_a_name_known_from_to_and_unused_is_flagged_with_the_first_name() -> None:
    found = findings("PR002", mail(PLAN_15))
    assert where(found) == [(3, 1, "The plan for the spring fair is ready, and the budget sits in the sheet.")]
    assert found[0].message == "The reader's name (Ana) is not used"


def test_pr002_a_plain_drafts_to_line_names_the_reader_too() -> None:
    found = findings("PR002", "To: Ana Lima <ana@example.org>\nSubject: the plan\n\n" + PLAN_15)
    assert where(found) == [(6, 1, "The plan for the spring fair is ready, and the budget sits in the sheet.")]


def test_pr002_last_comma_first_is_turned_round() -> None:
    (found,) = findings("PR002", mail(PLAN_15, to='"Lima, Ana" <ana@example.org>'))
    assert found.message == "The reader's name (Ana) is not used"


@pytest.mark.parametrize(
    "body",
    [
        PLAN_15.replace("Hello,", "Hi Ana,"),
        PLAN_15.replace("Hello,", "Dear Ms Lima,"),  # the family name counts
        PLAN_15 + "\nAna, the dates are in the second tab.\n",
        PLAN_15 + "\nCheers,\nAna and Bo\n",  # the sign-off is the sender's words too
    ],
)
def test_pr002_the_name_anywhere_in_the_senders_words_passes(body: str) -> None:
    assert findings("PR002", mail(body)) == []


def test_pr002_no_name_known_no_finding() -> None:
    assert findings("PR002", mail(PLAN_15, to="ana@example.org")) == []
    assert findings("PR002", PLAN_15) == []


def test_pr002_replies_are_left_alone() -> None:
    assert findings("PR002", mail(PLAN_15, subject="Re: the plan")) == []
    assert findings("PR002", mail(PLAN_15, extra="In-Reply-To: <a1@example.org>\n")) == []
    assert findings("PR002", mail(PLAN_15 + "\n> Is the plan ready?\n")) == []


def test_pr002_fourteen_words_are_too_few_by_default() -> None:
    assert findings("PR002", mail(PLAN_14)) == []


@pytest.mark.parametrize(("min_words", "fires"), [(14, True), (15, True), (16, False)])
def test_pr002_min_words_boundary(min_words: int, fires: bool) -> None:
    assert bool(findings("PR002", mail(PLAN_15), min_words=min_words)) is fires


# PR003 no-specific-detail -------------------------------------------------------

NO_DETAIL = "No specific detail (a name, a place, a date, a number)"
#: 50 words; "two" is a number in letters, which is no detail.
VAGUE = (
    "Hi there,\n\nIt was really good to connect. There is a lot of room for our two teams to work together and make "
    "something good. The tool helps small firms save time and money every week. Let me know if a longer chat about "
    "how it could help would be of interest.\n"
)


def test_pr003_a_body_with_no_detail_is_flagged_at_its_first_sentence() -> None:
    found = findings("PR003", VAGUE)
    assert where(found) == [(3, 1, "It was really good to connect.")]
    assert found[0].message == NO_DETAIL


def test_pr003_forty_nine_words_are_too_few_by_default() -> None:
    assert findings("PR003", VAGUE.replace("really good", "good")) == []


@pytest.mark.parametrize(("min_words", "fires"), [(49, True), (50, True), (51, False)])
def test_pr003_min_words_boundary(min_words: int, fires: bool) -> None:
    assert bool(findings("PR003", VAGUE, min_words=min_words)) is fires


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("every week", "every Tuesday"),  # a day
        ("every week", "in May"),  # a month
        ("our two teams", "our 2 teams"),  # a number in digits
        ("small firms save", "small firms in Porto save"),  # a capitalised word inside a sentence
    ],
)
def test_pr003_one_detail_is_enough(old: str, new: str) -> None:
    assert findings("PR003", VAGUE.replace(old, new)) == []


def test_pr003_i_is_no_detail_and_signature_and_quote_are_not_read() -> None:
    assert findings("PR003", VAGUE.replace("It was really good to connect.", "Really, I was glad to connect."))
    assert findings("PR003", VAGUE + "\nBest,\nTom Berg\nHarbour Bikes, Porto\n")
    assert findings("PR003", VAGUE + "\n> See you at the Porto fair on 3 May.\n")


# PR004 no-question-about-reader -------------------------------------------------------

NO_QUESTION = "Asks for something but never asks about the reader"
#: 50 words, one ask at the end, no question about the reader.
PITCH = (
    "Hi Ana,\n\nThe new planner helps teams of any size keep track of their jobs. It links to the calendar and the "
    "inbox that a team already uses, and setup takes a few minutes. Firms love it. Could we book half an hour next "
    "week so I can walk you through it?\n"
)
ASK = "Could we book half an hour next week so I can walk you through it?"
#: The same with no ask (50 words).
NO_ASK = PITCH.replace(ASK, "Firms of every size have moved to it this year, and most of them stay.")


def test_pr004_an_ask_with_no_question_about_the_reader_is_flagged_at_the_ask() -> None:
    found = findings("PR004", PITCH)
    assert where(found) == [(3, 178, ASK)]
    assert found[0].message == NO_QUESTION


@pytest.mark.parametrize(("min_words", "fires"), [(49, True), (50, True), (51, False)])
def test_pr004_min_words_boundary(min_words: int, fires: bool) -> None:
    assert bool(findings("PR004", PITCH, min_words=min_words)) is fires


def test_pr004_forty_nine_words_are_too_few_by_default() -> None:
    assert findings("PR004", PITCH.replace("the calendar and the inbox", "the calendar and inbox")) == []


def test_pr004_a_question_about_the_reader_passes_and_a_request_is_none() -> None:
    assert findings("PR004", PITCH.replace("Firms love it.", "How did your launch go?")) == []
    for request in ("Can you send your team size?", "Are you free on Friday?"):
        assert where(findings("PR004", PITCH.replace("Firms love it.", request))) == [(3, 163, request)]


def test_pr004_only_with_ask() -> None:
    # By default a body that asks for nothing is not judged.
    assert findings("PR004", NO_ASK) == []
    # Without only_with_ask it is, at its first sentence.
    found = findings("PR004", NO_ASK, only_with_ask=False)
    assert where(found) == [(3, 1, "The new planner helps teams of any size keep track of their jobs.")]
    assert where(findings("PR004", PITCH, only_with_ask=False)) == [(3, 178, ASK)]


def test_pr004_replies_and_newsletters_are_left_alone() -> None:
    assert findings("PR004", PITCH + "\n> Is the planner any good?\n") == []
    assert findings("PR004", mail(PITCH, subject="Re: the planner")) == []
    assert findings("PR004", PITCH, profile="newsletter") == []
    assert findings("PR004", PITCH, profile="cold")


# PR005 ask-without-offer --------------------------------------------------------

#: 25 words, one ask, nothing offered.
SPEAKERS = (
    "Hi Ana,\n\nI am putting together a list of speakers for the autumn fair and your name came up. "
    "Could you send me a bio and photo?\n"
)


def test_pr005_an_ask_with_nothing_offered_is_flagged_at_the_ask() -> None:
    found = findings("PR005", SPEAKERS)
    assert where(found) == [(3, 85, "Could you send me a bio and photo?")]
    assert found[0].message == "An ask with nothing offered in return"


def test_pr005_twenty_four_words_are_too_few_by_default() -> None:
    assert findings("PR005", SPEAKERS.replace("the autumn fair", "the fair")) == []


@pytest.mark.parametrize(("min_words", "fires"), [(24, True), (25, True), (26, False)])
def test_pr005_min_words_boundary(min_words: int, fires: bool) -> None:
    assert bool(findings("PR005", SPEAKERS, min_words=min_words)) is fires


@pytest.mark.parametrize(
    "offer",
    [
        "I can send you the notes from last year.",
        "The notes from last year might help.",
    ],
)
def test_pr005_an_offer_anywhere_passes(offer: str) -> None:
    assert findings("PR005", SPEAKERS.replace("came up.", f"came up. {offer}")) == []


def test_pr005_an_offer_put_as_a_question_is_no_ask_and_a_plain_please_is_one() -> None:
    offer = SPEAKERS.replace("Could you send me a bio and photo?", "Would you like me to send the notes from last year?")
    assert findings("PR005", offer) == []
    please = SPEAKERS.replace("Could you send me a bio and photo?", "Please send me a bio and a photo.")
    assert where(findings("PR005", please)) == [(3, 85, "Please send me a bio and a photo.")]


def test_pr005_no_ask_no_finding() -> None:
    assert findings("PR005", SPEAKERS.replace("Could you send me a bio and photo?", "How was your summer by the sea?")) == []


def test_pr005_replies_and_newsletters_are_left_alone() -> None:
    assert findings("PR005", SPEAKERS + "\n> Do you need anything from me?\n") == []
    assert findings("PR005", mail(SPEAKERS, extra="References: <a1@example.org>\n")) == []
    assert findings("PR005", SPEAKERS, profile="newsletter") == []


# PR006 ask-before-give ------------------------------------------------------------

ASK_FIRST = "Hi Ana,\n\nCould you look over my plan for the stall this week? I can send you the notes from the spring fair.\n"


def test_pr006_an_ask_before_the_offer_is_flagged_at_the_ask() -> None:
    found = findings("PR006", ASK_FIRST)
    assert where(found) == [(3, 1, "Could you look over my plan for the stall this week?")]
    assert found[0].message == "The ask comes before anything is offered"
    later = "Hi Ana,\n\nThe stall looked great. Could you look over my plan this week? I can send you the notes from the spring fair.\n"
    assert where(findings("PR006", later)) == [(3, 25, "Could you look over my plan this week?")]


def test_pr006_only_the_first_ask_is_shown() -> None:
    text = "Hi Ana,\n\nCould you look over my plan? I can send you the notes. Could you also share the map?\n"
    assert where(findings("PR006", text)) == [(3, 1, "Could you look over my plan?")]


@pytest.mark.parametrize(
    "body",
    [
        "I can send you the notes from the spring fair. Could you look over my plan for the stall this week?",
        "Could you look over my plan for the stall this week? The fair is in May.",  # no offer: PR005's business
        "Would you like me to send the map of the hall? Parking is tight near the doors.",  # an offer, not an ask
    ],
)
def test_pr006_near_misses_pass(body: str) -> None:
    assert findings("PR006", f"Hi Ana,\n\n{body}\n") == []


def test_pr006_replies_and_newsletters_are_left_alone() -> None:
    assert findings("PR006", ASK_FIRST + "\n> Send me the plan when it is ready.\n") == []
    assert findings("PR006", mail(ASK_FIRST, subject="Re: the stall")) == []
    assert findings("PR006", ASK_FIRST, profile="newsletter") == []
