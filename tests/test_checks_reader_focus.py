"""The reader-focus checks (src/warmcheck/checks/reader_focus.py), through the
public path: one rule selected, light engine, findings as a user sees them
(line, column, the words, the message with its values filled in).

SF002 opens-with-sender, SF003 self-centred-sentences, SF004
about-us-paragraph, SF005 paragraphs-open-with-sender, SF006 reader-absent.
Each declared option is tried one below, at and one above its threshold.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

import warmcheck


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _thawed(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@cache
def _linter(code: str, options: tuple[tuple[str, Any], ...], extend: tuple[tuple[str, Any], ...], company: tuple[str, ...]) -> warmcheck.Linter:
    rules = {}
    if options or extend:
        rules[code] = warmcheck.RuleSettings(
            options={k: _thawed(v) for k, v in options}, extend={k: list(v) for k, v in extend}
        )
    return warmcheck.Linter(warmcheck.Config(model="light", select=(code,), rules=rules, company=company))


def findings(
    code: str,
    draft: str | bytes,
    *,
    profile: str | None = None,
    extend: dict[str, list[str]] | None = None,
    company: tuple[str, ...] = (),
    **options: Any,
) -> list[warmcheck.Finding]:
    linter = _linter(
        code,
        tuple(sorted((k, _frozen(v)) for k, v in options.items())),
        tuple(sorted((k, tuple(v)) for k, v in (extend or {}).items())),
        company,
    )
    return [f for f in linter.check(draft, profile=profile).findings if f.rule == code]


def where(found: list[warmcheck.Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.text) for f in found]


# SF002 opens-with-sender ------------------------------------------------------

OPENS = "The first sentence is about you, not the reader"


def test_sf002_a_first_sentence_about_the_sender_is_flagged_where_it_stands() -> None:
    found = findings("SF002", "Hi Ana,\n\nI am the founder of a small bakery in the old town. Your shop looks great.\n")
    assert where(found) == [(3, 1, "I am the founder of a small bakery in the old town.")]
    assert found[0].message == OPENS


def test_sf002_lead_words_and_a_short_opening_phrase_do_not_hide_the_sender() -> None:
    assert where(findings("SF002", "Hi Ana,\n\nSo we moved the whole bakery to a new street.\n")) == [
        (3, 1, "So we moved the whole bakery to a new street.")
    ]
    assert where(findings("SF002", "Hi Ana,\n\nLast spring, we moved the whole bakery to a new street.\n")) == [
        (3, 1, "Last spring, we moved the whole bakery to a new street.")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "I read your article on sourdough twice.",  # the reader is in it
        "Your stall was the busiest one at the market.",
        "The bakery moved. I am the founder of it, and of two others.",  # only the first sentence counts
        "I think the plan for the stall is sound.",  # an opinion is about its topic
        "I have wanted to write since our walk by the river.",  # a shared moment
    ],
)
def test_sf002_near_misses_pass(body: str) -> None:
    assert findings("SF002", f"Hi Ana,\n\n{body}\n") == []


def test_sf002_replies_are_left_alone() -> None:
    quoted = "Hi Ana,\n\nI am the founder of a small bakery.\n\n> How is the bakery going?\n"
    assert findings("SF002", quoted) == []
    threaded = (
        b"From: Bo <bo@example.org>\nTo: Ana <ana@example.org>\nSubject: bread\nIn-Reply-To: <x@example.org>\n\n"
        b"Hi Ana,\n\nI am the founder of a small bakery in the old town.\n"
    )
    assert findings("SF002", threaded) == []
    re_subject = (
        b"From: Bo <bo@example.org>\nTo: Ana <ana@example.org>\nSubject: Re: bread\n\n"
        b"Hi Ana,\n\nI am the founder of a small bakery in the old town.\n"
    )
    assert findings("SF002", re_subject) == []


def test_sf002_a_plain_draft_with_a_re_subject_is_a_reply() -> None:
    assert findings("SF002", "Subject: Re: the stall\n\nHi Ana,\n\nI am the founder of a small bakery in the old town.\n") == []


def test_sf002_the_senders_company_name_counts_as_the_sender() -> None:
    company = ("Harbour Bikes",)
    assert where(findings("SF002", "Hi Ana,\n\nHarbour Bikes has fixed old road bikes since 1990.\n", company=company)) == [
        (3, 1, "Harbour Bikes has fixed old road bikes since 1990.")
    ]
    assert findings("SF002", "Hi Ana,\n\nHarbour Bikes has fixed old road bikes since 1990.\n") == []
    assert findings("SF002", "Hi Ana,\n\nHarbour Bikes fixed your old road bike.\n", company=company) == []


# SF003 self-centred-sentences -----------------------------------------------

FOUR = "Hi Ana,\n\nI run a bike shop by the harbour. We fix old road bikes. Our mechanic trained in Italy. I opened a second shop last year.\n"
THREE = "Hi Ana,\n\nI run a bike shop by the harbour. We fix old road bikes. Our mechanic trained in Italy.\n"
#: Three sentences about the sender out of five.
THREE_OF_FIVE = THREE.rstrip("\n") + " The harbour is busy in May. The ferry stops right by the door.\n"
#: Six about the sender, four not: a share of exactly 0.6.
SIX_OF_TEN = (
    "Hi Ana,\n\nI run a bike shop by the harbour. We fix old road bikes. Our mechanic trained in Italy. "
    "I opened a second shop last year. We sell spare parts too. My brother does the books. "
    "The harbour is busy in May. The ferry stops by the door. Rain keeps most riders away. The market opens at nine.\n"
)


def test_sf003_each_sentence_about_the_sender_is_a_finding_with_the_count() -> None:
    found = findings("SF003", FOUR)
    assert where(found) == [
        (3, 1, "I run a bike shop by the harbour."),
        (3, 35, "We fix old road bikes."),
        (3, 58, "Our mechanic trained in Italy."),
        (3, 89, "I opened a second shop last year."),
    ]
    assert {f.message for f in found} == {"This sentence is about you, not the reader (4 of 4 sentences are)"}


def test_sf003_three_such_sentences_are_not_enough_by_default() -> None:
    assert findings("SF003", THREE) == []


@pytest.mark.parametrize(("min_sentences", "fires"), [(3, True), (4, True), (5, False)])
def test_sf003_min_sentences_boundary(min_sentences: int, fires: bool) -> None:
    assert bool(findings("SF003", FOUR, min_sentences=min_sentences)) is fires


@pytest.mark.parametrize(("min_share", "fires"), [(0.59, True), (0.6, True), (0.61, False)])
def test_sf003_min_share_boundary(min_share: float, fires: bool) -> None:
    found = findings("SF003", THREE_OF_FIVE, min_sentences=3, min_share=min_share)
    assert bool(found) is fires
    if fires:
        assert found[0].message.endswith("(3 of 5 sentences are)")


def test_sf003_default_share_is_six_in_ten() -> None:
    found = findings("SF003", SIX_OF_TEN)
    assert len(found) == 6 and found[0].message.endswith("(6 of 10 sentences are)")
    # One more sentence not about the sender: 6 of 11 is under the share.
    assert findings("SF003", SIX_OF_TEN.rstrip("\n") + " The bus goes there too.\n") == []


def test_sf003_a_sentence_that_mentions_the_reader_does_not_count() -> None:
    text = THREE.rstrip("\n") + " I wrote to you about your bike.\n"
    assert findings("SF003", text) == []


def test_sf003_formulas_and_opinions_do_not_count() -> None:
    # "Thank you so much." is a formula: it is not one of the sentences counted.
    found = findings("SF003", FOUR.rstrip("\n") + " Thank you so much.\n")
    assert len(found) == 4 and found[0].message.endswith("(4 of 4 sentences are)")
    opinions = "Hi Ana,\n\nI think the shop is fine. I believe the bikes are fine. I agree the mechanic is good. I guess the harbour is fine.\n"
    assert findings("SF003", opinions) == []


def test_sf003_quoted_history_is_not_read() -> None:
    quoted = "Hi Ana,\n\nSounds good to me, see you on Friday.\n\n> " + FOUR.split("\n\n", 1)[1]
    assert findings("SF003", quoted) == []


# SF004 about-us-paragraph -----------------------------------------------------


def test_sf004_a_pitch_paragraph_is_flagged_at_its_first_line_with_its_markers() -> None:
    text = (
        "Hi Ana,\n\nThe ferry was late again.\n\n"
        "We are a family firm and our clients include two of the old ferry lines.\nThey keep coming back.\n\n"
        "How was the crossing?\n"
    )
    found = findings("SF004", text)
    assert where(found) == [(5, 1, "We are a family firm and our clients include two of the old ferry lines.")]
    assert found[0].message == 'An "about us" paragraph (our clients, we are a)'


@pytest.mark.parametrize(
    "body",
    [
        "Our team enjoyed the ferry ride with you. How was the crossing?",  # one marker is ordinary mail
        "Our team enjoyed the ride, and our team wants to go again.",  # the same marker twice is one
        "We are a family firm.\n\nOur clients are mostly ferry lines.",  # one marker in each paragraph
    ],
)
def test_sf004_near_misses_pass(body: str) -> None:
    assert findings("SF004", f"Hi Ana,\n\n{body}\n") == []


THREE_MARKERS = "Hi Ana,\n\nWe are a family firm, our clients include two ferry lines, and we offer repairs.\n"


@pytest.mark.parametrize(("min_markers", "fires"), [(2, True), (3, True), (4, False)])
def test_sf004_min_markers_boundary(min_markers: int, fires: bool) -> None:
    found = findings("SF004", THREE_MARKERS, min_markers=min_markers)
    assert bool(found) is fires
    if fires:
        assert found[0].message == 'An "about us" paragraph (our clients, we are a, we offer)'


def test_sf004_the_message_names_at_most_four_markers() -> None:
    text = "Hi Ana,\n\nWe are a family firm, our clients include two ferry lines, our team is small, our mission is simple and we offer repairs.\n"
    (found,) = findings("SF004", text)
    assert found.message == 'An "about us" paragraph (our clients, our mission, our team, we are a)'


def test_sf004_markers_can_be_extended_or_replaced_by_configuration() -> None:
    roadmap = "Hi Ana,\n\nOur team enjoyed the ride, and our roadmap has a ferry in it.\n"
    assert findings("SF004", roadmap) == []
    (found,) = findings("SF004", roadmap, extend={"markers": ["our roadmap"]})
    assert found.message == 'An "about us" paragraph (our roadmap, our team)'
    replaced = "Hi Ana,\n\nWe are a family firm, our clients include two lines.\n\nThe ferry and the crossing were rough.\n"
    found = findings("SF004", replaced, markers=["ferry", "crossing"])
    assert where(found) == [(5, 1, "The ferry and the crossing were rough.")]
    assert found[0].message == 'An "about us" paragraph (crossing, ferry)'


def test_sf004_quoted_history_is_not_read() -> None:
    assert findings("SF004", "Hi Ana,\n\nHow was the trip?\n\n> We are a family firm and our clients include two ferry lines.\n") == []


# SF005 paragraphs-open-with-sender ----------------------------------------------

P3 = (
    "Hi Ana,\n\nI started the bakery in a rented kitchen.\n\nWe moved to the high street two years later.\n\n"
    "Our next step is a second oven for bread.\n"
)
P4 = P3 + "\nI bake the rye myself every morning.\n"
#: Three of five paragraphs open with the sender.
P3_OF_5 = P3 + "\nThe street market is on Saturday mornings.\n\nThe rye loaf sells out before ten.\n"


def test_sf005_each_paragraph_that_opens_with_the_sender_is_shown() -> None:
    found = findings("SF005", P3)
    assert where(found) == [
        (3, 1, "I started the bakery in a rented kitchen."),
        (5, 1, "We moved to the high street two years later."),
        (7, 1, "Our next step is a second oven for bread."),
    ]
    assert {f.message for f in found} == {"Paragraph after paragraph opens with you (3 of 3)"}


def test_sf005_two_paragraphs_are_not_enough_by_default() -> None:
    assert findings("SF005", "Hi Ana,\n\nI started the bakery in a rented kitchen.\n\nWe moved to the high street two years later.\n") == []


@pytest.mark.parametrize(("min_paragraphs", "fires"), [(3, True), (4, True), (5, False)])
def test_sf005_min_paragraphs_boundary(min_paragraphs: int, fires: bool) -> None:
    found = findings("SF005", P4, min_paragraphs=min_paragraphs)
    assert bool(found) is fires
    if fires:
        assert found[0].message.endswith("(4 of 4)")


@pytest.mark.parametrize(("min_share", "fires"), [(0.59, True), (0.6, True), (0.61, False)])
def test_sf005_min_share_boundary(min_share: float, fires: bool) -> None:
    assert bool(findings("SF005", P3_OF_5, min_share=min_share)) is fires


def test_sf005_default_share_is_three_in_five() -> None:
    assert {f.message for f in findings("SF005", P3_OF_5)} == {"Paragraph after paragraph opens with you (3 of 5)"}
    assert findings("SF005", P3_OF_5 + "\nThe old mill has reopened as a cafe.\n") == []


def test_sf005_paragraphs_under_five_words_are_not_counted() -> None:
    short = P3.replace("\n\nWe moved", "\n\nThe rye is back.\n\nWe moved").replace("\n\nOur next", "\n\nThe oven is hot.\n\nOur next")
    assert {f.message for f in findings("SF005", short)} == {"Paragraph after paragraph opens with you (3 of 3)"}
    five = P3.replace("\n\nWe moved", "\n\nThe rye is back again.\n\nWe moved").replace("\n\nOur next", "\n\nThe oven is hot again.\n\nOur next")
    assert {f.message for f in findings("SF005", five)} == {"Paragraph after paragraph opens with you (3 of 5)"}


def test_sf005_a_paragraph_that_opens_with_the_sender_and_the_reader_does_not_count() -> None:
    text = P3.replace("I started the bakery in a rented kitchen.", "I loved your talk on sourdough starters.")
    assert findings("SF005", text) == []


def test_sf005_lead_words_do_not_hide_the_sender() -> None:
    text = P3.replace("I started", "So I started").replace("We moved", "And we moved")
    assert [f.column for f in findings("SF005", text)] == [1, 1, 1]


# SF006 reader-absent --------------------------------------------------------------

#: 80 words in content sentences, none of them to the reader.
EIGHTY = (
    "Hi Ana,\n\nThe boat club met on the pier last night. The roof of the shed leaks again and the old mast is "
    "cracked near the top. Ten members came and four of them stayed to sweep the floor. The kettle works after a "
    "month. A new rack for the oars will be built in the spring. The tide tables for next season are pinned by the "
    "door. Two of the dinghies need fresh paint before the first race of the year.\n"
)
SEVENTY_NINE = EIGHTY.replace("Ten members came", "Ten came")


def test_sf006_a_body_that_never_addresses_the_reader_is_flagged_at_its_first_sentence() -> None:
    found = findings("SF006", EIGHTY)
    assert where(found) == [(3, 1, "The boat club met on the pier last night.")]
    assert found[0].message == "The reader is never addressed (80 words and not one to them)"


def test_sf006_seventy_nine_words_are_too_few_by_default() -> None:
    assert findings("SF006", SEVENTY_NINE) == []
    assert findings("SF006", SEVENTY_NINE, min_words=79)[0].message.startswith("The reader is never addressed (79 words")


@pytest.mark.parametrize(("min_words", "fires"), [(79, True), (80, True), (81, False)])
def test_sf006_min_words_boundary(min_words: int, fires: bool) -> None:
    assert bool(findings("SF006", EIGHTY, min_words=min_words)) is fires


def test_sf006_one_your_is_enough() -> None:
    assert findings("SF006", EIGHTY.replace("The roof of the shed", "The roof of your shed")) == []


def test_sf006_formulas_do_not_address_the_reader() -> None:
    found = findings("SF006", EIGHTY.replace("\n\nThe boat", "\n\nThanks, and see you soon! The boat"))
    assert where(found) == [(3, 27, "The boat club met on the pier last night.")]
    assert found[0].message == "The reader is never addressed (80 words and not one to them)"


MAIL = b"From: Bo <bo@example.org>\nTo: Ana Lima <ana@example.org>\nSubject: club news\n\n"
NAMED = EIGHTY.replace("The kettle works after a month.", "Ana mended the kettle at last.")


def test_sf006_the_readers_name_from_the_to_header_addresses_them() -> None:
    assert findings("SF006", MAIL + NAMED.encode()) == []
    assert where(findings("SF006", MAIL + EIGHTY.encode())) == [(3, 1, "The boat club met on the pier last night.")]


def test_sf006_the_readers_name_from_the_greeting_addresses_them() -> None:
    assert findings("SF006", NAMED) == []
