"""The one-to-one checks (src/warmcheck/checks/one_to_one.py), through the
public path: one rule selected, light engine, findings as a user sees them
(line, column, the words, the message with its values filled in).

BL012 many-recipients, BL013 hidden-recipients, BL016 group-salutation
(opening-line), BL005 shouting, BL015 forward-without-note, BL011
unsubscribe-in-personal-note (unsubscribe-footer), BL009
brochure-as-message, BL018 team-signature, BL019 chaser. Header facts need a
mail: those drafts are RFC 822 bytes. Each declared option is tried one
below, at and one above its threshold.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

import warmcheck


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@cache
def _linter(code: str, options: tuple[tuple[str, Any], ...], extend: tuple[tuple[str, Any], ...]) -> warmcheck.Linter:
    rules = {}
    if options or extend:
        rules[code] = warmcheck.RuleSettings(
            options={k: list(v) if isinstance(v, tuple) else v for k, v in options},
            extend={k: list(v) for k, v in extend},
        )
    return warmcheck.Linter(warmcheck.Config(model="light", select=(code,), rules=rules))


def report(
    code: str, draft: str | bytes, *, profile: str | None = None, extend: dict[str, list[str]] | None = None, **options: Any
) -> warmcheck.Report:
    linter = _linter(
        code,
        tuple(sorted((k, _frozen(v)) for k, v in options.items())),
        tuple(sorted((k, tuple(v)) for k, v in (extend or {}).items())),
    )
    return linter.check(draft, profile=profile)


def findings(code: str, draft: str | bytes, **kwargs: Any) -> list[warmcheck.Finding]:
    return [f for f in report(code, draft, **kwargs).findings if f.rule == code]


def where(found: list[warmcheck.Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.text) for f in found]


def mail(to: str, *, cc: str = "", bcc: str = "", body: str = "Hi Ana,\n\nThe notes you asked for are below.\n") -> bytes:
    head = f"From: Tom <tom@example.org>\nTo: {to}\n"
    head += f"Cc: {cc}\n" if cc else ""
    head += f"Bcc: {bcc}\n" if bcc else ""
    return f"{head}Subject: Notes\n\n{body}".encode()


PEOPLE = [f"p{i}@example.org" for i in range(12)]


def people(a: int, b: int) -> str:
    return ", ".join(PEOPLE[a:b])


# BL012 many-recipients ------------------------------------------------------------


def test_bl012_ten_recipients_across_to_cc_and_bcc_are_a_room() -> None:
    found = findings("BL012", mail(people(0, 6), cc=people(6, 10)))
    assert where(found) == [(1, 1, "Hi Ana,")]
    assert found[0].message == "Sent to 10 people at once (To, Cc and Bcc)"
    assert findings("BL012", mail(people(0, 4), bcc=people(4, 10)))[0].message.startswith("Sent to 10 people")


def test_bl012_nine_recipients_are_not_by_default() -> None:
    assert findings("BL012", mail(people(0, 6), cc=people(6, 9))) == []


@pytest.mark.parametrize(("minimum", "fires"), [(4, True), (5, True), (6, False)])
def test_bl012_min_boundary(minimum: int, fires: bool) -> None:
    found = findings("BL012", mail(people(0, 5)), min=minimum)
    assert bool(found) is fires
    if fires:
        assert found[0].message == "Sent to 5 people at once (To, Cc and Bcc)"


def test_bl012_plain_drafts_and_newsletters_are_not_judged() -> None:
    assert findings("BL012", f"To: {people(0, 10)}\nSubject: x\n\nHi Ana,\n\nThe notes.\n") == []
    assert findings("BL012", mail(people(0, 6), cc=people(6, 10)), profile="newsletter") == []


# BL013 hidden-recipients ------------------------------------------------------


HIDDEN = 'Recipients are hidden (Bcc or "undisclosed recipients")'


def test_bl013_bcc_or_undisclosed_recipients_are_flagged_at_the_first_line_with_words() -> None:
    found = findings("BL013", mail("Ana <ana@example.org>", bcc="b@example.org"))
    assert where(found) == [(1, 1, "Hi Ana,")] and found[0].message == HIDDEN
    assert where(findings("BL013", mail("undisclosed-recipients:;", body="Hello,\n\nThe notes are below.\n"))) == [
        (1, 1, "Hello,")
    ]
    indented = mail("Ana <ana@example.org>", bcc="b@example.org", body="\n\n  Hi Ana,\n\nThe notes.\n")
    assert where(findings("BL013", indented)) == [(3, 3, "Hi Ana,")]


def test_bl013_visible_recipients_plain_drafts_and_newsletters_pass() -> None:
    assert findings("BL013", mail("Ana <ana@example.org>", cc="b@example.org")) == []
    assert findings("BL013", "To: undisclosed-recipients:;\nSubject: x\n\nHello,\n\nThe notes.\n") == []
    assert findings("BL013", mail("Ana <ana@example.org>", bcc="b@example.org"), profile="newsletter") == []


# BL016 group-salutation (opening-line) ------------------------------------------

GROUP = "The mail opens by addressing a group, or no one in particular"
ROOM = "The room for Friday is now B12.\n"


@pytest.mark.parametrize(
    ("draft", "at"),
    [
        (f"All,\n\n{ROOM}", (1, 1, "All,")),
        (f"To all choir members:\n\n{ROOM}", (1, 1, "To all choir members:")),
        (f"\n\n   Everyone!\n\n{ROOM}", (3, 4, "Everyone!")),
        (f"Subject: room\n\nAll,\n\n{ROOM}", (3, 1, "All,")),
    ],
)
def test_bl016_a_group_salutation_where_the_mail_opens_is_flagged(draft: str, at: tuple[int, int, str]) -> None:
    found = findings("BL016", draft)
    assert where(found) == [at]
    assert found[0].message == GROUP


@pytest.mark.parametrize(
    "draft",
    [
        "Hi Ana,\n\nHere is the list.\n\nChoir members:\n- Tom\n",  # a heading further down
        f"Hi all,\n\n{ROOM}",  # left to BL001
        f"Greetings from Porto, Ana!\n\n{ROOM}",  # no salutation
        f"{ROOM}\nAll,\nTom\n",  # not where the mail opens
    ],
)
def test_bl016_near_misses_pass(draft: str) -> None:
    assert findings("BL016", draft) == []


def test_bl016_newsletters_are_not_judged() -> None:
    assert findings("BL016", f"All,\n\n{ROOM}", profile="newsletter") == []


def test_bl016_the_regex_option_replaces_the_pattern_and_must_match_the_whole_line() -> None:
    regex = r"howdy[ \t]*,"
    assert where(findings("BL016", f"Howdy,\n\n{ROOM}", regex=regex)) == [(1, 1, "Howdy,")]
    assert where(findings("BL016", f"HOWDY,\n\n{ROOM}", regex=regex)) == [(1, 1, "HOWDY,")]  # any case
    assert findings("BL016", f"All,\n\n{ROOM}", regex=regex) == []
    assert findings("BL016", f"Howdy folks,\n\n{ROOM}", regex=regex) == []


def test_bl016_a_salutation_that_names_the_reader_passes() -> None:
    assert findings("BL016", f"Greetings, Ana!\n\n{ROOM}") == []
    assert findings("BL016", f"Greetings Ana,\n\n{ROOM}") == []
    # Going on with a word that is no name, the line still greets no one.
    assert where(findings("BL016", f"Greetings, all!\n\n{ROOM}")) == [(1, 1, "Greetings,")]


# BL005 shouting -------------------------------------------------------------------

SHOUT = "Words in capitals read as shouting"
LAST_CHANCE = "Hi Ana,\n\nThe sale is YOUR LAST CHANCE to join.\n"


def test_bl005_each_run_of_capitals_with_an_ordinary_word_is_a_finding() -> None:
    found = findings("BL005", "Hi Ana,\n\nDO NOT MISS THIS. The sale is YOUR LAST CHANCE. ACT NOW OR NEVER.\n")
    assert where(found) == [(3, 1, "DO NOT MISS THIS"), (3, 31, "YOUR LAST CHANCE"), (3, 49, "ACT NOW OR NEVER")]
    assert {f.message for f in found} == {SHOUT}


@pytest.mark.parametrize(
    "body",
    [
        "The FERC ISO RTO filing is due soon.",  # acronyms, no ordinary word
        "The sale ends NOW, they say.",  # one word
        "The sale is ON NOW at the shop.",  # two words
        "I AM A fan of the shop.",  # three, but "A" is one letter: two words of two letters or more
    ],
)
def test_bl005_near_misses_pass(body: str) -> None:
    assert findings("BL005", f"Hi Ana,\n\n{body}\n") == []


def test_bl005_a_run_goes_on_over_hyphens_and_ampersands_and_stops_at_a_line_end() -> None:
    assert where(findings("BL005", "Hi Ana,\n\nBUY NOW - WAIT NO MORE.\n")) == [(3, 1, "BUY NOW - WAIT NO MORE")]
    assert where(findings("BL005", "Hi Ana,\n\nROCK & ROLL IS HERE.\n")) == [(3, 1, "ROCK & ROLL IS HERE")]
    assert where(findings("BL005", "Hi Ana,\n\nWE WILL BE\nTHERE soon.\n")) == [(3, 1, "WE WILL BE")]


@pytest.mark.parametrize(("min_run", "fires"), [(2, True), (3, True), (4, False)])
def test_bl005_min_run_boundary(min_run: int, fires: bool) -> None:
    assert where(findings("BL005", LAST_CHANCE, min_run=min_run)) == ([(3, 13, "YOUR LAST CHANCE")] if fires else [])


def test_bl005_the_signature_is_read_but_quoted_history_and_the_subject_are_not() -> None:
    signed = "Hi Ana,\n\nThe sale ends soon.\n\nBest,\nTom\nPLEASE DO NOT REPLY TO THIS\n"
    assert where(findings("BL005", signed)) == [(7, 1, "PLEASE DO NOT REPLY TO THIS")]
    assert findings("BL005", "Hi Ana,\n\nThe sale ends soon.\n\n> PLEASE DO NOT REPLY TO THIS\n") == []
    assert findings("BL005", "Subject: DO NOT MISS THIS\n\nHi Ana,\n\nThe sale ends soon.\n") == []


def test_bl005_a_contraction_in_capitals_is_part_of_the_run() -> None:
    assert where(findings("BL005", "Hi Ana,\n\nDON'T MISS IT, the sale ends soon.\n")) == [(3, 1, "DON'T MISS IT")]
    assert where(findings("BL005", "Hi Ana,\n\nWE'RE SO PROUD of the stall.\n")) == [(3, 1, "WE'RE SO PROUD")]
    # A contraction in lower case still ends a run.
    assert findings("BL005", "Hi Ana,\n\nSEE you're THERE AT the fair.\n") == []


# BL015 forward-without-note -----------------------------------------------------

FORWARD_NOTE = "A forward with (almost) no words of your own"
FORWARDED = "---------- Forwarded message ----------\nFrom: Office <office@example.org>\n\nThe new parking rules start on Monday.\n"
#: Seven words of the sender's own before the forwarded part.
SEVEN = "Ana, this one is for your team.\n\n" + FORWARDED
EIGHT = "Ana, this one is for your team now.\n\n" + FORWARDED


def test_bl015_a_forward_with_no_note_is_flagged_at_the_marker() -> None:
    found = findings("BL015", "Subject: Fw: parking\n\n" + FORWARDED)
    assert where(found) == [(3, 1, "---------- Forwarded message ----------")]
    assert found[0].message == FORWARD_NOTE
    assert where(findings("BL015", "FYI\n\n" + FORWARDED)) == [(3, 1, "---------- Forwarded message ----------")]
    begin = "Begin forwarded message:\n\nFrom: Office\nThe new parking rules start on Monday.\n"
    assert where(findings("BL015", begin)) == [(1, 1, "Begin forwarded message:")]


def test_bl015_a_fw_subject_without_a_marker_is_flagged_at_the_first_line() -> None:
    assert where(findings("BL015", b"From: Bo <bo@example.org>\nTo: Ana <ana@example.org>\nSubject: Fwd: parking\n\nFYI.\n")) == [
        (1, 1, "FYI.")
    ]


def test_bl015_seven_words_are_too_few_and_eight_a_note_by_default() -> None:
    assert where(findings("BL015", SEVEN)) == [(3, 1, "---------- Forwarded message ----------")]
    assert findings("BL015", EIGHT) == []


@pytest.mark.parametrize(("min_words", "fires"), [(7, False), (8, False), (9, True)])
def test_bl015_min_words_boundary(min_words: int, fires: bool) -> None:
    # Eight words of the sender's own: a note from min_words 8 down.
    assert bool(findings("BL015", EIGHT, min_words=min_words)) is fires


def test_bl015_replies_to_a_forward_and_mail_that_is_no_forward_pass() -> None:
    assert findings("BL015", "Subject: Re: Fw: parking\n\nFYI\n\n" + FORWARDED) == []
    quoted = "Thanks, will do.\n\nOn Mon, 3 Mar 2025, Ana <ana@example.org> wrote:\n> See below.\n>\n> " + FORWARDED.replace(
        "\n", "\n> "
    )
    assert findings("BL015", quoted) == []
    assert findings("BL015", "Hi Ana,\n\nThe parking rules change on Monday.\n") == []


# BL011 unsubscribe-in-personal-note (unsubscribe-footer) --------------------------

UNSUB = "An unsubscribe line in what reads as a personal note"
FAIR = "Hi Ana,\n\nLovely to see you at the fair.\n"


@pytest.mark.parametrize(
    ("tail", "at"),
    [
        ("\nTo unsubscribe from these mails, click here.\n", (5, 4, "unsubscribe")),
        ("\nYou are receiving this because you met us at the fair.\n", (5, 1, "You are receiving this")),
    ],
)
def test_bl011_an_unsubscribe_line_is_flagged_on_its_words(tail: str, at: tuple[int, int, str]) -> None:
    found = findings("BL011", FAIR + tail)
    assert where(found) == [at]
    assert found[0].message == UNSUB


def test_bl011_in_the_body_too() -> None:
    text = "Hi Ana,\n\nLovely to see you at the fair. If you no longer wish to receive my notes, just say so.\n"
    assert where(findings("BL011", text)) == [(3, 39, "no longer wish to receive")]


def test_bl011_a_list_unsubscribe_header_or_link_is_flagged_at_the_first_line() -> None:
    header = b"From: Bo <bo@example.org>\nTo: Ana <ana@example.org>\nSubject: fair\nList-Unsubscribe: <mailto:leave@example.org>\n\n"
    # List headers make the message look like a newsletter: the profile is asked for.
    assert where(findings("BL011", header + FAIR.encode(), profile="follow-up")) == [(1, 1, "Hi Ana,")]
    html = (
        b"From: Bo <bo@example.org>\nTo: Ana <ana@example.org>\nSubject: fair\nMIME-Version: 1.0\n"
        b"Content-Type: text/html; charset=utf-8\n\n<p>Hi Ana,</p><p>Lovely to see you at the fair.</p>"
        b'<p><a href="https://example.org/unsubscribe?id=1">here</a></p>\n'
    )
    assert where(findings("BL011", html)) == [(1, 1, "Hi Ana,")]


def test_bl011_near_misses_quoted_history_and_newsletters_pass() -> None:
    assert findings("BL011", "Hi Ana,\n\nLovely to see you at the fair. I subscribed to your newsletter on the spot.\n") == []
    assert findings("BL011", FAIR + "\n> To unsubscribe, click here.\n") == []
    assert findings("BL011", FAIR + "\nTo unsubscribe, click here.\n", profile="newsletter") == []


# BL009 brochure-as-message ------------------------------------------------------

BROCHURE = "Hi Ana,\n\nPlease find attached our brochure and price list.\n\nBest,\nTom\n"
FILLER = "the hall by the river was full of stalls and music all day long".split()


def padded(extra: int) -> str:
    """BROCHURE with a paragraph of ``extra`` plain words (it has 10: greeting and body)."""
    words = (FILLER * 20)[:extra]
    return BROCHURE.replace("\n\nBest,", "\n\n" + " ".join(words).capitalize() + ".\n\nBest,")


def test_bl009_a_brochure_offered_as_the_message_is_flagged_on_its_words() -> None:
    found = findings("BL009", BROCHURE)
    assert where(found) == [(3, 22, "our brochure")]
    assert found[0].message == "A brochure, price list or business card stands in for the message (our brochure)"
    card = findings("BL009", "Hi!\n\nSo nice to meet you. Here's my card again in case you lost it.\n")
    assert where(card) == [(3, 22, "Here's my card")]
    assert card[0].message.endswith("(Here's my card)")


def test_bl009_a_brochure_or_card_attached_is_named() -> None:
    def with_attachment(name: str) -> bytes:
        return (
            "From: Tom <tom@example.org>\nTo: Ana <ana@example.org>\nSubject: fair\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n'
            "Hi Ana,\n\nGood to see you at the fair.\n\n--b1\nContent-Type: application/pdf\n"
            f'Content-Disposition: attachment; filename="{name}"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b1--\n'
        ).encode()

    found = findings("BL009", with_attachment("Price List 2025.pdf"))
    assert where(found) == [(1, 1, "Hi Ana,")]
    assert found[0].message.endswith("(attachment 'Price List 2025.pdf')")
    assert findings("BL009", with_attachment("tom.vcf"))[0].message.endswith("(attachment 'tom.vcf')")
    assert findings("BL009", with_attachment("minutes.pdf")) == []


@pytest.mark.parametrize(
    "body",
    [
        "Your brochure for the fair is lovely; the map on the back is so clear.",  # the reader's brochure
        "I have attached the brochure you asked for.",  # not "our" or "my"
    ],
)
def test_bl009_near_misses_pass(body: str) -> None:
    assert findings("BL009", f"Hi Ana,\n\n{body}\n") == []


def test_bl009_quoted_history_is_not_read() -> None:
    assert findings("BL009", "Hi Ana,\n\nThe plan is below.\n\n> Please find attached our brochure.\n") == []


@pytest.mark.parametrize(("max_words", "fires"), [(10, False), (11, True)])
def test_bl009_max_words_boundary(max_words: int, fires: bool) -> None:
    # Ten words of the sender's own: the brochure stands in for the message under max_words only.
    assert report("BL009", BROCHURE).metrics["words"] == 10
    assert bool(findings("BL009", BROCHURE, max_words=max_words)) is fires
    assert findings("BL009", BROCHURE, max_words=9) == []


def test_bl009_default_max_words_is_120() -> None:
    at_119 = report("BL009", padded(109))
    assert at_119.metrics["words"] == 119
    assert [f.text for f in at_119.findings] == ["our brochure"]
    at_120 = report("BL009", padded(110))
    assert at_120.metrics["words"] == 120
    assert at_120.findings == ()


# BL018 team-signature -------------------------------------------------------------

TEAM = "Signed by a team, not a person"
STAND = "Hi Ana,\n\nThanks for stopping by the stand.\n\n"


@pytest.mark.parametrize(
    ("tail", "at"),
    [
        ("Best regards,\nThe Events Team\n", (6, 1, "The Events Team")),
        ("Best,\nTeam Harbour\n", (6, 1, "Team Harbour")),
        ("Best,\n- the support crew\n", (6, 1, "- the support crew")),
        ("Best regards,\nThe team at Harbour Bikes\n", (6, 1, "The team at Harbour Bikes")),
    ],
)
def test_bl018_a_team_under_the_message_is_flagged(tail: str, at: tuple[int, int, str]) -> None:
    found = findings("BL018", STAND + tail)
    assert where(found) == [at]
    assert found[0].message == TEAM


@pytest.mark.parametrize(
    "draft",
    [
        STAND + "Best regards,\nTom Berg\nEvents Team, Harbour Bikes\n",  # a person, their team on the next line
        "Hi Ana,\n\nThe Events Team loved your talk at the stand.\n\nBest,\nTom\n",  # a team in the body
    ],
)
def test_bl018_near_misses_pass(draft: str) -> None:
    assert findings("BL018", draft) == []


def test_bl018_a_newsletter_may_sign_as_a_team() -> None:
    assert findings("BL018", STAND + "Best regards,\nThe Events Team\n", profile="newsletter") == []


# BL019 chaser ---------------------------------------------------------------------

CHASER = "A chaser with nothing new for the reader"
#: 22 words in greeting and body.
NUDGE = "Hi Sam,\n\nJust touching base to see if you had a chance to read my previous email. I know you are busy.\n\nRob\n"


def test_bl019_a_chaser_with_nothing_new_is_flagged_at_its_first_phrase() -> None:
    found = findings("BL019", NUDGE)
    assert where(found) == [(3, 6, "touching base")]
    assert found[0].message == CHASER


def test_bl019_phrases_match_on_normalised_words() -> None:
    for text, at in (
        ("Hi Sam,\n\nI haven't heard back, so here is a nudge. I know you are busy.\n", (3, 3, "haven't heard back")),
        ("Hi Sam,\n\nI have not heard back, so here is a nudge. I know you are busy.\n", (3, 3, "have not heard back")),
    ):
        assert where(findings("BL019", text)) == [at]


@pytest.mark.parametrize("news", ["The landlord needs an answer by Friday.", "The deposit is 300."])
def test_bl019_a_chaser_with_a_specific_detail_brings_news(news: str) -> None:
    assert findings("BL019", NUDGE.replace("I know you are busy.", news)) == []


@pytest.mark.parametrize(("max_words", "fires"), [(22, False), (23, True)])
def test_bl019_max_words_boundary(max_words: int, fires: bool) -> None:
    assert report("BL019", NUDGE).metrics["words"] == 22
    assert bool(findings("BL019", NUDGE, max_words=max_words)) is fires
    assert findings("BL019", NUDGE, max_words=21) == []


def test_bl019_default_max_words_is_80() -> None:
    def longer(extra: int) -> str:
        words = ("and the keys are still on the hook by the door of the flat".split() * 10)[:extra]
        return NUDGE.replace("I know you are busy.", "I know you are busy, " + " ".join(words) + ".")

    at_79 = report("BL019", longer(57))
    assert at_79.metrics["words"] == 79 and [f.text for f in at_79.findings] == ["touching base"]
    at_80 = report("BL019", longer(58))
    assert at_80.metrics["words"] == 80 and at_80.findings == ()


def test_bl019_phrases_can_be_extended() -> None:
    text = "Hi Sam,\n\nAny news on the flat? I know you are busy.\n\nRob\n"
    assert findings("BL019", text) == []
    assert where(findings("BL019", text, extend={"phrases": ["any news on"]})) == [(3, 1, "Any news on")]


def test_bl019_quoted_history_and_newsletters_are_not_judged() -> None:
    assert findings("BL019", "Hi Sam,\n\nThanks for the notes.\n\nRob\n\n> Just touching base about my previous email.\n") == []
    assert findings("BL019", NUDGE, profile="newsletter") == []
