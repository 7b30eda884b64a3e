"""Outreach written today (issue 10): the misses and false alarms found on
modern outreach, as drafts written for these tests, the profile warmcheck
chooses for a first contact, mail-merge fields of the common tools, and
drafts in other languages."""

from __future__ import annotations

from functools import lru_cache

import pytest

import warmcheck
from warmcheck import message


@lru_cache(maxsize=1)
def linter() -> warmcheck.Linter:
    return warmcheck.Linter(warmcheck.Config(model="light"))


def check(text: str, profile: str | None = None) -> warmcheck.Report:
    return linter().check(text, profile=profile)


def rules(report: warmcheck.Report) -> set[str]:
    return {f.rule for f in report.findings}


def assert_fails_as_cold_pitch(text: str, profile: str = "cold") -> None:
    """The draft is judged under ``profile`` and fails with PR013."""
    report = check(text)
    assert report.profile == profile and report.verdict == "fail" and "PR013" in rules(report)


# Misses: these must be found ---------------------------------------------------------

MEETING_NOD_ONLY = "Hi Priya,\n\nGreat meeting you at the Harbour Tech Mixer. Let's stay in touch!\n\nBest,\nTom\n"
AGENCY_PITCH = (
    "Hi Priya,\n\nWe're a full-service digital agency that helps clinics grow. We build websites, run ads and manage "
    "social media for dozens of happy clients. Can we hop on a call this week?\n\nTom\n"
)
COVER_LETTER = (
    "Subject: [PATCH 0/3] Faster parser\n\nHello,\n\nWe are a leading provider of parsing solutions and this series brings "
    "our world-class engine to your project. Act now!!! Review these patches today.\n\nTom\n"
)
DEMO_PITCH = (
    "Hi Priya,\n\nHope all is well! We just released version two of our scheduling app and I think your clinic would "
    "love it. Can I send you a demo link?\n\nTom\n"
)


def test_a_nod_to_the_meeting_with_nothing_to_answer_is_no_longer_perfect() -> None:
    report = check(MEETING_NOD_ONLY)
    assert "PR012" in rules(report) and report.scores["warmth"] < 100


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Hi Priya,\n\nI wanted to follow up on my previous email about the scanners. Do you have a few minutes?\n", "BL004"),
        ("Hi Priya,\n\nI wanted to follow up on my previous email about the scanners. Do you have a few minutes?\n", "BL019"),
        ("Hi Priya,\n\nHope all is well! The scanner manuals are in the shared folder now.\n", "BL004"),
        ("Hello,\n\nOur studio designs menus and signage for small cafés across the county.\n", "BL022"),
        ("Good day.\n\nOur studio designs menus and signage for small cafés across the county.\n", "BL022"),
        ("Dear Hiring Manager,\n\nI am writing to apply for the junior analyst role advertised this week.\n", "BL001"),
        ("Hi Priya,\n\nOur rock stars built the most disruptive booking tool yet.\n", "SF007"),
        ("Hi Priya,\n\nSHOP NOW and save 40% in our spring sale, 48 hours only!\n", "BL007"),
        # The same pressure in a polished voice: a price on a clock, places running out, rivals.
        ("Hi Priya,\n\nOur spring cohort is nearly full, and the founding rate ends on Friday.\n", "BL023"),
        ("Hi Priya,\n\nThanks for the call. Our round is filling up, with strong interest from several other funds.\n", "BL023"),
        ("Hi Priya,\n\nThose who are interested in the role can send me a CV and a good time to talk.\n", "BL014"),
    ],
)
def test_misses_of_modern_outreach_are_found(text: str, rule: str) -> None:
    assert rule in rules(check(text))


def test_a_pitch_with_no_reason_for_this_reader_fails_under_the_cold_profile() -> None:
    report = check(AGENCY_PITCH)
    assert report.profile == "cold" and "PR013" in rules(report)
    assert report.verdict == "fail"


def test_a_demo_is_a_sales_step_not_an_offer() -> None:
    report = check(DEMO_PITCH)
    assert "PR013" in rules(report) and report.verdict == "fail"


def test_a_cover_letter_that_pitches_fails_as_sendemail_validate_judges_it() -> None:
    assert check(COVER_LETTER, profile="cold").verdict == "fail"


def test_a_cold_note_with_a_reason_and_an_offer_passes() -> None:
    text = (
        "Hi Priya,\n\nI read your post on cutting no-shows at small clinics with text reminders. We build booking tools "
        "and saw the same drop at two clinics of ours; I can send you the reminder wording they use. How do you word "
        "yours?\n\nTom\n"
    )
    report = check(text)
    assert report.verdict == "pass" and not rules(report) & {"PR011", "PR013"}


# False alarms: these must not be found ------------------------------------------------


def test_thanking_for_a_named_moment_is_a_shared_context() -> None:
    text = (
        "Hi Priya,\n\nThanks for walking me through the checkout redesign on Thursday. Moving the address form after "
        "the basket summary made a lot of sense, and I have suggested the same order to our team. I will send you the "
        "numbers once we have run it for two weeks.\n\nBest,\nTom\n"
    )
    report = check(text)
    assert report.profile == "follow-up" and not rules(report) & {"PR001", "PR011"}


def test_an_offer_is_an_offer_even_before_the_ask() -> None:
    text = (
        "Hi Priya,\n\nI'd happily share our migration notes from moving forty services to the new queue; they saved us "
        "a month. Could you tell me which broker your team settled on?\n\nBest,\nTom\n"
    )
    assert not rules(check(text, profile="follow-up")) & {"PR005", "PR006"}


@pytest.mark.parametrize(
    "text",
    [
        # The work itself offered: a pull request, or the fix done for them.
        "Hi Ines,\n\nI use your tide-table library for a sailing club's booking page, and the times come out an hour "
        "off for the week the clocks change. Would you take a PR that reads the offset per day, or rather keep it "
        "behind a flag?\n\nMarek\n",
        "Hi Ines,\n\nOn your bakery's site the order button hides under the cookie notice on phones, so I could not "
        "order on Saturday. If nobody looks after the site, I'm happy to do it. Could you tell me who does?\n\nMarek\n",
    ],
)
def test_offering_the_work_is_an_offer(text: str) -> None:
    assert "PR005" not in rules(check(text, profile="cold"))


def test_no_strings_attached_is_not_pressure() -> None:
    text = "Hi Priya,\n\nHere is the reading list from the workshop, no strings attached. The second book covers your pricing question.\n"
    assert "BL007" not in rules(check(text))


def test_a_forwarded_newsletter_is_not_the_senders_footer() -> None:
    text = (
        "Subject: Fwd: This week in design\n\nFYI, the second item is the talk I mentioned.\n\n"
        "---------- Forwarded message ---------\nFrom: Design Weekly <news@designweekly.example>\n"
        "Subject: This week in design\n\nJoin our FREE webinar on colour systems this Thursday! Register now.\n\n"
        "You are receiving this because you subscribed. Unsubscribe here.\n"
    )
    draft = message.read(text)
    assert "Unsubscribe here" in draft.scope_text("quoted") and not draft.scope_text("footer")
    assert not rules(check(text)) & {"BL007", "BL008", "BL011"}


def test_a_reply_about_yourself_answers_what_the_reader_asked() -> None:
    text = (
        "Subject: Re: catching up\n\nHi Priya,\n\nI've been busy! I moved to Porto in March, I started a small bakery "
        "with my brother, and I finally finished the sourdough course I kept talking about. I also ran my first half "
        "marathon. I miss our Friday lunches.\n\nTom\n\n> What have you been up to since you left?\n"
    )
    assert not rules(check(text)) & {"SF001", "SF003"}


# The profile chosen for a first contact -------------------------------------------


def test_a_plain_first_contact_is_judged_as_cold_and_the_report_says_why() -> None:
    report = check(AGENCY_PITCH)
    assert report.profile == "cold"
    assert report.extra["profile_reason"].startswith("first contact: not a reply, no quoted history, no shared moment")


@pytest.mark.parametrize(
    "found",
    ["Someone gave me your email.", "I got your email from the expo's attendee list.", "I found your email on your website."],
)
def test_where_a_stranger_got_the_address_is_no_mail_of_the_readers(found: str) -> None:
    report = check(AGENCY_PITCH.replace("Hi Priya,\n\n", f"Hi Priya,\n\n{found} "))
    assert report.profile == "cold" and report.verdict == "fail"
    # Their mail, answered, is still a shared moment, and no address found (PR009).
    for theirs in ("Thanks for your email.", "I got your note about the clinic's new wing.", "I got your email on Tuesday."):
        report = check(AGENCY_PITCH.replace("Hi Priya,\n\n", f"Hi Priya,\n\n{theirs} "))
        assert report.profile == "follow-up" and "PR009" not in rules(report)


@pytest.mark.parametrize(
    "text",
    [
        "Subject: Re: the plan\n\nSounds good to me. I will bring the tide tables on Thursday and we can go through them then.\n",
        "Hi Ana,\n\nSee you then!\n",
        MEETING_NOD_ONLY,
        "Bonjour Claire,\n\nMerci encore pour notre échange au salon de Lyon mardi. Je vous envoie la liste des exposants.\n",
        # A second mail of the writer's is no first contact, even with no reply mark.
        "Hi Omar,\n\nI haven't heard back about the kiln rental, so I'll assume the dates did not suit. No harm done; the offer stands.\n",
        "Hello Priya,\n\nCircling back on the quote I sent on Monday: the printer can still hold the paper stock until the 9th.\n",
        "Hallo Jan,\n\nich melde mich noch einmal wegen der Wohnung: ist der Termin am Freitag noch frei?\n",
        # Thanks for a favour done, or thanks "again": they have met.
        "Hi Leo,\n\nThanks again for the help with the move on Saturday. Pizza on me next week?\n\nAna\n",
    ],
)
def test_replies_follow_ups_and_short_notes_keep_the_default_profile(text: str) -> None:
    assert check(text).profile == "follow-up"


# A first mail that names the reader's thing only to pitch to it: no shared moment.
PITCHES_TO_THE_READERS_THING = [
    "Hi Dana,\n\nI run a small studio that builds booking apps for clinics, and I'd love to discuss your project. We have "
    "shipped twenty of them this year. Are you free for a call on Tuesday?\n\nBest,\nLeo\n",
    "Hello Marco,\n\nOur platform helps your team close the books in half the time, with reports your auditors will "
    "like. Could we set up fifteen minutes next week to show you how?\n\nThanks,\nIrene\n",
    "Hi Sam,\n\nI'm reaching out about your website. We redesign sites for bakeries and most of our clients double "
    "their online orders within a season. Would you be open to a short chat?\n\nCheers,\nNina\n",
]
# A note that recalls what the reader said, wrote or did with the sender: a shared moment.
RECALLS_THE_READERS_THING = [
    "Hi Dana,\n\nYou told me at the print fair on Saturday that your project still needs a binder for the zines. I'd "
    "love to discuss your project further; my cousin runs a bindery in Leeds and could quote you.\n\nBest,\nLeo\n",
    "Hi Ana,\n\nHow is your project going with the new kiln? I found the glaze notes I promised and put them in the "
    "shared folder for you, with the firing times.\n\nTom\n",
]


def test_asking_for_the_readers_thoughts_is_no_pitch_to_their_project() -> None:
    from warmcheck.checks.context import SHARED_CONTEXT, real_context

    for text, shared in [
        ("I'd love to hear your thoughts on the draft.", True),
        # Their view asked on the sender's own product is a pitch for feedback.
        ("I'd love to get your thoughts on what we're building.", False),
        ("We'd value your comments on our new booking app.", False),
        ("We'd love to help your team ship faster.", False),
        ("We'd love to help your team ship faster, as you mentioned last week.", True),
    ]:
        match = SHARED_CONTEXT.search(text)
        assert (match is not None and real_context(text, match)) is shared, text


@pytest.mark.parametrize("text", PITCHES_TO_THE_READERS_THING)
def test_naming_the_readers_project_to_pitch_is_first_contact_and_fails(text: str) -> None:
    report = check(text)
    assert report.profile == "cold"
    assert report.extra["profile_reason"].startswith("first contact:")
    assert report.verdict == "fail" and {"PR011", "PR013"} <= rules(report)


@pytest.mark.parametrize("text", RECALLS_THE_READERS_THING)
def test_recalling_the_readers_project_is_a_shared_moment(text: str) -> None:
    report = check(text)
    assert report.profile == "follow-up"
    assert report.verdict == "pass" and "PR001" not in rules(report)


# The reader's public work, and events still to come, are no moment the two shared.
FIRST_CONTACTS_NAMING_THE_READERS_WORK_OR_AN_EVENT = [
    "Hello Marco,\n\nI read your post about moving the ledger to plain text files and tried the same with our club "
    "accounts. I'd like to hear how your team handled the receipts; would you share the folder layout?\n\nIrene\n",
    "Hi Dr. Moss,\n\nWe would be honoured to have you among the speakers at the Coastal Engineering Summit, taking "
    "place in Lisbon this May. Speaker packages start at 900 euros. Please confirm by Friday.\n\nJane Orr\n",
    "Hi Ravi,\n\nI saw your talk and it was great. Our agency books speakers for corporate retreats. Could we "
    "talk on Monday?\n\nMina\n",
    "Dear Dr. Moss,\n\nI am writing about your remarkable research. Our journal would be honoured to publish "
    "your next paper; the fee is 300 euros. Kindly reply by Friday.\n\nJane Orr\n",
]


@pytest.mark.parametrize("text", FIRST_CONTACTS_NAMING_THE_READERS_WORK_OR_AN_EVENT)
def test_the_readers_public_work_or_an_event_to_come_is_first_contact(text: str) -> None:
    assert check(text).profile == "cold"


def test_a_named_post_tried_passes_as_first_contact_and_a_past_event_is_shared() -> None:
    assert check(FIRST_CONTACTS_NAMING_THE_READERS_WORK_OR_AN_EVENT[0]).verdict == "pass"
    for text in [
        # What the reader asked is theirs to the writer, not public work.
        "Hi Ana,\n\nAbout your question on the kiln: it holds forty pieces if the shelves go in first.\n\nJo\n",
        "Hi Dr. Moss,\n\nWe spoke at the Coastal Engineering Summit last May about tide gauges. Here are the drawings "
        "of ours I mentioned.\n\nJane\n",
        # Both going to the same event is a moment to come that they share.
        "Hi Sol,\n\nIf you're attending the Harbour Expo, we'll have the new kiln at the event. Come and fire a "
        "test tile with us.\n\nJane\n",
    ]:
        assert check(text).profile == "follow-up", text


def test_an_asked_profile_wins_over_the_choice() -> None:
    report = check(AGENCY_PITCH, profile="follow-up")
    assert report.profile == "follow-up" and report.extra["profile_reason"] == "asked for"


# Mail-merge fields of the common tools ------------------------------------------------


@pytest.mark.parametrize(
    ("template", "field"),
    [
        ("Hi {{First Name}},\n\nHow did the launch go?\n", "first_name"),
        ("Hi {first_name},\n\nHow did the launch go?\n", "first_name"),
        ("Hi [First Name],\n\nHow did the launch go?\n", "first_name"),
        ("Hi *|FNAME|*,\n\nHow did the launch go?\n", "fname"),
        ("Hi %FIRSTNAME%,\n\nHow did the launch go?\n", "firstname"),
        ("Hi <name>,\n\nHow did the launch go?\n", "name"),
    ],
)
def test_a_template_masks_the_fields_of_each_tool(template: str, field: str) -> None:
    draft = message.from_template(template, "t.txt")
    assert len(draft.text) == len(template) and field in draft.facts.template_variables
    assert not set("{}[]<>|%") & set(draft.text.split("\n")[0])
    assert not {"BL002", "BL020", "BL021"} & rules(linter().check(draft))


def test_jinja_brackets_inside_a_tag_are_not_another_tools_field() -> None:
    draft = message.from_template("Hi {{ names[0] }},\n\nHow did the launch go?\n", "t.j2")
    assert draft.facts.template_variables == ("names",)


@pytest.mark.parametrize("tag", ["<name>", "[product]", "[Reason]", "{{First Name}}", "%FIRSTNAME%"])
def test_a_field_left_in_a_draft_about_to_be_sent_is_an_error(tag: str) -> None:
    report = check(f"Hi Ana,\n\nI think {tag} is what your team needs this spring.\n")
    assert "BL002" in rules(report) and report.verdict == "fail"


def test_the_senders_own_field_is_a_lesser_finding_than_the_readers() -> None:
    own = check("Hi Ana,\n\nThe tide tables for Thursday are in the shared folder.\n\nBest,\n[Your Name]\n")
    theirs = check("Hi [First Name],\n\nThe tide tables for Thursday are in the shared folder.\n\nBest,\nBo\n")
    assert rules(own) >= {"BL021"} and "BL002" not in rules(own) and own.verdict != "fail"
    assert "BL002" in rules(theirs) and theirs.verdict == "fail"


def test_a_template_with_a_field_for_the_readers_own_detail_has_a_reason() -> None:
    template = (
        "Hi [First Name],\n\nI read [their recent post] and tried the idea on our own team. We build scheduling tools "
        "for clinics. Would you be open to comparing notes next week?\n\n[Your Name]\n"
    )
    report = linter().check(message.from_template(template, "t.txt"))
    assert not rules(report) & {"PR011", "PR013"}



def test_the_readers_tweet_is_a_reason_to_write() -> None:
    text = (
        "Hi Alex,\n\nYour tweet about pricing your first plugin too low made me laugh: I did the same last spring. "
        "Could I ask what you charge now?\n\nKim\n"
    )
    report = check(text)
    assert not rules(report) & {"PR001", "PR011"} and report.verdict == "pass"

# Other languages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "subject", "signoff"),
    [
        (
            "Objet : Salon de Lyon\n\nBonjour Claire,\n\nMerci encore pour notre échange au salon de Lyon mardi. Je vous "
            "envoie la liste des exposants comme promis, et je serais ravi de vous présenter à Paul.\n\nBien à toi,\nMarc\n",
            "French", "Salon de Lyon", "Bien à toi,",
        ),
        (
            "Asunto: Café del martes\n\nHola Marta,\n\nGracias por la charla del martes sobre tu proyecto de huertos "
            "urbanos. Te mando el enlace al informe que te prometí y el contacto de Lucía.\n\nUn abrazo,\nTomás\n",
            "Spanish", "Café del martes", "Un abrazo,",
        ),
        (
            "Betreff: Messe Hamburg\n\nHallo Jan,\n\nvielen Dank für das Gespräch auf der Messe in Hamburg. Ich schicke "
            "Ihnen die Unterlagen zum Lagerprojekt, wie versprochen, und stelle Sie gern Frau Keller vor.\n\nViele Grüße\n"
            "Tom\n",
            "German", "Messe Hamburg", "Viele Grüße",
        ),
    ],
)
def test_a_draft_in_another_language_is_read_and_not_judged_on_english_words(
    text: str, language: str, subject: str, signoff: str
) -> None:
    draft = message.read(text)
    assert draft.headers.subject == subject and draft.scope_text("signoff").strip() == signoff
    report = check(text)
    assert report.verdict == "pass" and report.profile == "follow-up"
    warning = next(w for w in report.warnings if w.startswith(f"the draft reads as {language}"))
    assert "BL004" in warning and "PR001" in warning
    english_only = {r.code for r in linter().rules if r.languages == ("en",)}
    assert not rules(report) & english_only


def test_an_english_draft_gets_no_language_warning() -> None:
    assert not [w for w in check(AGENCY_PITCH).warnings if "reads as" in w]


# Asks worded in ways no phrase list holds: a question about the reader's time or interest --------


@pytest.mark.parametrize(
    "text",
    [
        "Does Thursday at two work for you?",
        "What does your calendar look like next week?",
        "When works best for a quick call?",
        "Would Tuesday or Wednesday suit you better?",
        "Is this something you'd be interested in?",
        "Does this sound like a fit for your clinic?",
        "Who is the right person to talk to about your payroll?",
        "Is this on your radar for next quarter?",
        "Let me know what time works for you.",
        "Just pick a slot that suits you on my calendar.",
        "Reply with a good time and I'll send an invite.",
        "Would love to tell you more. When are you free?",
        "What's the best number to reach you on?",
        "Are there any current or upcoming funding needs at the bakery?",
        "Can I give you a quick call to go over the numbers?",
        "I wanted to see if you'd be interested in hearing about two roles I'm filling.",
        "Let me know if you would like to talk.",
    ],
)
def test_a_question_about_the_readers_time_or_interest_is_an_ask(text: str) -> None:
    from warmcheck.checks.asks import is_request

    assert is_request(text)


@pytest.mark.parametrize(
    "text",
    [
        # A favour put as thanks in advance, in a statement or a question, and an ask after "Also,".
        "If anything opens up on your team, I'd be so grateful if you could keep me in mind.",
        "I would be most grateful if you could read my thesis outline?",
        "I'd also love it if you could look over my portfolio.",
        "I'm moving into hospital software and would love any introductions you can make.",
        "Also, would you be open to a coffee next month?",
    ],
)
def test_a_favour_asked_as_thanks_is_an_ask(text: str) -> None:
    from warmcheck.checks.asks import is_request

    assert is_request(text)


def test_a_favour_asked_after_a_stranger_explains_themselves_fails_cold() -> None:
    text = (
        "Hi Ruth,\n\nMy name is Ali and I am a nurse who has just finished a course in health data. I have learned "
        "Python and SQL and I bring a clinical view to data work. I would be so grateful if you could mentor me and "
        "tell me about roles at your hospital.\n\nAli\n"
    )
    report = check(text)
    assert report.profile == "cold" and {"PR005", "PR015"} <= rules(report) and report.verdict == "fail"


@pytest.mark.parametrize(
    "text",
    [
        "Are you coming to the meetup next week?",
        "How did you get interested in pottery?",
        "I'm interested in how you priced the workshop.",
        "Thursday works for me.",
        "The demo works fine on my laptop.",
        "I'll pick a day for the kiln once the clay dries.",
        "Can I send you the notes from the call?",
    ],
)
def test_questions_about_the_reader_and_the_senders_own_plans_are_no_asks(text: str) -> None:
    from warmcheck.checks.asks import is_request

    assert not is_request(text)


def test_a_pitch_that_asks_about_the_readers_calendar_fails_cold() -> None:
    text = (
        "Hello,\n\nWe help dental clinics fill empty chairs with automatic reminders and a waiting list. Does Thursday "
        "at two work for you?\n"
    )
    assert_fails_as_cold_pitch(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana,\n\nOver the last two years we've helped more than forty clinics move their bookings online and cut "
        "no-shows by a third. Would you have fifteen minutes this week to see how?\n",
        "Hi Dana,\n\nI'm a freelance designer and I make logos, menus and signs for cafes and small shops across the "
        "county. Is this something you'd be interested in?\n",
        "Hi Dana,\n\nOur firm handles payroll, tax returns and bookkeeping for over sixty restaurants in the region. "
        "Does Tuesday afternoon work for you for a short call?\n",
    ],
)
def test_a_pitch_in_words_no_list_holds_fails_cold(text: str) -> None:
    assert_fails_as_cold_pitch(text)


@pytest.mark.parametrize(
    "text",
    [
        # The ask made light of, and the favour put as thanks in advance: asks all the same.
        "Hi Dana,\n\nI love the look of your cafe's menu boards. I run a small studio that films short videos for "
        "cafes, from the menu to the regulars. Would it be crazy to see whether we could do the same for you?\n\nOla\n",
        "Hi Dana,\n\nI just launched my first product, a timer for baking classes. I'd really appreciate it if you "
        "could try it and tell your students about it?\n\nOla\n",
    ],
)
def test_an_ask_made_light_of_is_an_ask(text: str) -> None:
    assert_fails_as_cold_pitch(text)


def test_the_sender_as_a_business_with_a_reason_for_this_reader_is_no_blast() -> None:
    text = (
        "Hi Dana,\n\nI read your post on the cafe's new lunch menu. I'm a freelance designer, and I'd happily sketch "
        "two layouts for the board, free, so you can see which reads better from the door. Shall I send them?\n"
    )
    report = check(text, profile="cold")
    assert report.verdict == "pass" and "PR013" not in rules(report)


# A recruiter's first message, however short: a role for someone else's
# client, what it pays, and the reader's CV or time asked, to anyone.
RECRUITER_PITCHES = [
    "Hi Dan,\n\nAre you open to new opportunities? I have a senior Java role in Boston paying up to 180k. Let me know!\n\nAmy\n",
    "Hi Lucas,\n\nI hope you are well. I am a recruiter at Northpeak and I'm hiring for several backend roles. Your profile "
    "caught my eye. Let me know if you would like to talk.\n\nEmma\n",
    "Hi Nora,\n\nYour experience with React and Node is impressive! One of my clients, a large retailer, needs a full "
    "stack engineer. Interested? Send me your resume and I will be in touch.\n\nMike\n",
    "Hi Ivan,\n\nI'm reaching out about a Head of Engineering opportunity with a well-funded healthtech startup. Given "
    "your background, I think you'd be a great fit. Do you have 15 minutes for a call this week?\n\nClaire\n",
    "Hi Omar,\n\nI came across your GitHub and was impressed. We're building the next generation of developer tools "
    "and are looking for talented engineers. Would you be interested in chatting?\n\nSara\n",
    # A staffing agency's job description, sent to a list.
    "Hi,\n\nHope you are doing great! Please find the job description below and let me know if you are interested."
    "\n\nRole: Java Developer\nLocation: Dallas, TX\nDuration: 12 months\n\nIf interested, please share your updated "
    "resume with your expected rate.\n\nThanks & Regards,\nRahul\n",
    "Hey there!\n\nI'm Jess from Codeworks Recruiting. We place developers at great companies all over the country. "
    "Can you fill out this quick form so I can learn more about you?\n\nJess\n",
    "Hi Chris,\n\nI work with a number of high growth startups in the fintech space, and your profile stood out to me. "
    "I have a couple of positions that might be a good match. Do you have some time this week to talk?\n\nDerek\n",
    # Only the reader's tenure as a reason; a recruiter's client; the time asked as "when would be good".
    "Hi Daniel,\n\nI noticed you've been at Finch Labs for almost four years now, so I thought it might be a good time "
    "to reach out. I'm working with a Series B climate startup that is building out its data platform team.\n\nWhen "
    "would be a good time to chat?\n\nKatie\n",
    "Hi Pedro,\n\nMy name is Anna and I lead engineering hiring at Quillstack. We're growing fast and I think your "
    "skill set would be a strong match for our Staff Backend opening. Are you free this Friday?\n\nAnna\n",
    "Dear Candidate,\n\nWe have an urgent requirement for a SAP FICO Consultant for our direct client in Houston, TX. "
    "Kindly go through the job description and revert with your updated profile.\n\nThanks and regards,\nSuresh\n",
    "Hi Grace,\n\nI'm building the engineering team at Lumen Health and came across your profile. I'd love to grab 20 "
    "minutes to tell you about what we're doing. How does your calendar look next week?\n\nOwen\n",
    "Hi Eva,\n\nHope all is well. Are you currently open to new opportunities? I have a couple of roles that could be "
    "a good fit for someone with your profile.\n\nThanks,\nLiam\n",
    # No greeting, and a reply asked for in a closing line.
    "My name is Kevin and I'm a recruiter at TalentBridge. We're working with an exciting startup in the developer "
    "tools space that needs a frontend lead. Would love to connect and share more details.\n\nKevin\n",
    "I saw your background in mobile development and wanted to share a role. A leading travel company is hiring an iOS "
    "engineer to join their core app team. Feel free to reply if you'd like to learn more.\n\nTom\n",
    # The ask in one word; the ask as "reply to this email"; the reader's thoughts asked on the sender's role.
    "Our client builds grid-scale batteries and needs a senior firmware engineer; the team is small and the problems "
    "are hard. Interested?\n\nJake\n",
    "Quick note - we're hiring! Vector Labs is looking for backend engineers who love Go. Given your experience, you'd "
    "be a great addition. Reply to this email and I'll send over the details.\n\nSam\n",
    "I'm currently working on an exciting Principal Data Scientist search for a Fortune 500 retailer. I'd love to get "
    "your thoughts on the opportunity. What's the best number to reach you?\n\nOlivia\n",
    # The reply asked for only in a closing formula.
    "I wanted to reach out because I think you'd be a great fit for a Staff Engineer opening we have at Meridian. We're "
    "a Series C company with an amazing culture. Looking forward to hearing from you!\n\nSarah\n",
]




def test_a_recruiter_who_names_why_this_reader_and_gives_the_pay_passes() -> None:
    text = (
        "Hi Omar,\n\nI read your post on cutting build times in the rail signalling project. A client of mine, a "
        "signalling firm in Leeds, needs someone to lead exactly that; the role pays 95k and is four days remote. "
        "Happy to send the full brief, no call needed.\n\nSara\n"
    )
    report = check(text)
    assert report.verdict == "pass" and "PR013" not in rules(report)


def test_a_paragraph_with_no_full_stop_is_not_joined_to_the_ask_below_it() -> None:
    text = (
        "Hi Ravi,\n\nWe can fund Lakeside up to 200K within two days, with no credit checks\n\nCan I give you a quick "
        "call to walk through it?\n\nKim\n"
    )
    report = check(text)
    assert report.verdict == "fail" and "PR013" in rules(report)


def test_a_first_mail_dressed_as_a_reply_is_judged_as_first_contact() -> None:
    text = (
        "From: Tom <tom@example.org>\nTo: Ana <ana@example.org>\nSubject: Re: our call\n\nHi Ana,\n\nWe help bakeries "
        "sell more bread online, and our ovens bake twice as fast as most. Free for a chat on Friday?\n\nTom\n"
    )
    report = linter().check(message.read(text.encode()))
    assert report.profile == "cold" and report.extra["profile_reason"].startswith('first contact: not a reply (a "Re:"')
    assert report.verdict == "fail" and {"BL054", "PR013"} <= rules(report)
    threaded = text.replace("Subject: Re: our call\n", "Subject: Re: our call\nIn-Reply-To: <a1@example.org>\n")
    assert "BL054" not in rules(linter().check(message.read(threaded.encode())))


def test_a_two_line_pitch_fails_and_a_two_line_request_does_not() -> None:
    pitch = check("Hi Sam,\n\nAre you open to new roles? Send me your CV.\n\nAmy\n")
    assert pitch.verdict == "fail" and "PR013" in rules(pitch)
    request = check("Hi Sam,\n\nCould you send me the floor plan when you get a chance? Thanks!\n\nAmy\n")
    assert request.verdict == "pass"


# Other first mails that sell and ask, with nothing of this reader's in them.
OTHER_COLD_PITCHES = [
    # A list seller: the ask is to get in touch.
    "VERIFIED B2B CONTACT LISTS\n\nWe provide fresh contact lists for any industry and any country, checked one by "
    "one. We deliver within a day of payment.\n\nTalk to us on WhatsApp: +1 555 0100\n\nRegards,\nListPro\n",
    # A paid honour.
    "Hi Nadia,\n\nCongratulations! You have been selected as a featured speaker candidate for the Retail Futures "
    "Summit in Lisbon. A participation fee applies. Please confirm your interest by Friday to reserve your place.\n\nBest,\nJo\n",
    # A referral asked of "your team" (no talk of theirs), and a result claimed.
    "Hi Paul,\n\nWho is the best person on your team to talk to about cloud costs? We typically cut hosting bills by "
    "30% in the first quarter.\n\nEric\n",
    # The sender's product, under another name.
    "Hi Grace,\n\nI'll be in Austin next week and would love to stop by your office to introduce our patient intake "
    "platform. Are you around Wednesday afternoon?\n\nBrad\n",
    # A partnership, asked of a stranger.
    "Hey Mia,\n\nLove what you're doing at Brightleaf! I'd be keen to explore a partnership between our brands, since "
    "our audiences overlap. Let me know if you're open to a call to brainstorm.\n\nJules\n",
]


def test_your_team_to_talk_to_is_not_the_readers_talk() -> None:
    from warmcheck.vocabulary import READERS_THING

    text = "Who is the best person on your team to talk to about payroll?"
    assert READERS_THING.match(text, text.index("your"))
    assert not READERS_THING.match("I loved your conference talk on kilns", 7)


# Chasers of the sender's own unanswered pitch: the pitch and the ask again.
PITCH_CHASERS = [
    "Hello,\n\nJust circling back on my previous note about your company website. Our agency can put it on the "
    "first page of search results within a month. Do you have ten minutes on Thursday?\n\nMark\n",
    "Hello,\n\nJust bumping this up your inbox. We'd love to show you how we can halve your invoicing time. Free for "
    "a short demo?\n\nSam\n",
    "Hi Elena,\n\nI wanted to follow up on my last email. We help restaurant groups cut food waste with our inventory "
    "app, and I think it could be a fit for you. Do you have 20 minutes for a demo next week?\n\nBest,\nMarcus\n",
    "Hello,\n\nFollowing up on my previous message. Our agency builds high-converting websites for dental practices "
    "and we have helped over 200 clinics grow their bookings. Would you be interested in a free audit?\n\nSam\n",
    "Hi Raj,\n\nI haven't heard back, so I'm bumping this up. My client, a payments scale-up in Berlin, is hiring a "
    "staff engineer with a competitive salary. Open to a quick chat on Thursday?\n\nLena\n",
    # No answer yet, said other ways, and the last reminder: the writer has written before.
    "Hello,\n\nWe have not received a response yet. Our studio builds booking apps for climbing gyms and we help "
    "them fill quiet hours. Can we book twenty minutes next week?\n\nSam\n",
    "Hi Raj,\n\nFinal reminder about the sponsorship deck. We offer gold, silver and bronze packages for our "
    "spring hackathon. Could you confirm a tier by Friday?\n\nLena\n",
]


@pytest.mark.parametrize("text", PITCH_CHASERS)
def test_a_chaser_that_sends_the_pitch_again_fails(text: str) -> None:
    assert_fails_as_cold_pitch(text, profile="follow-up")


def test_a_chaser_after_a_real_conversation_is_no_cold_pitch() -> None:
    text = (
        "Hi Elena,\n\nFollowing up on my last email after our talk at the food-waste forum in Bristol: you asked what "
        "our app does with prep-list data, so here is the one-page summary. Does Thursday still suit you?\n\nMarcus\n"
    )
    report = check(text)
    assert "PR013" not in rules(report) and report.verdict == "pass"


@pytest.mark.parametrize("greeting", ["Hi, ana.lima@example.org", "Hello Limabakery.com,", "Dear www.limabakery.co.uk,"])
def test_a_greeting_to_the_readers_address_is_a_mail_merge_fallback(greeting: str) -> None:
    body = "\n\nI noticed a few errors on your website. Shall I send you a screenshot?\n\nBen\n"
    assert "BL055" in rules(check(greeting + body))
    # An address in the body is no greeting.
    assert "BL055" not in rules(check("Hi Ana," + body.replace("your website", "limabakery.com")))


def test_an_open_door_after_a_meeting_is_an_offer_not_an_ask() -> None:
    text = (
        "Hi Maya,\n\nIt was great meeting you at the harbour clean-up on Saturday; your idea of mapping the drains "
        "stuck with me. If you have any questions about the permits, feel free to reach out to me!\n\nOla\n"
    )
    assert "PR005" not in rules(check(text))


def test_id_love_to_share_them_with_you_is_an_offer() -> None:
    text = (
        "Hi Jo,\n\nI tried the beta of your route planner on my commute this week. I wrote down three places where the "
        "map lagged behind the bus, and I'd love to share them with you. Could we talk on Friday?\n\nIrene\n"
    )
    assert "PR005" not in rules(check(text))


def test_a_greeting_to_initials_names_the_reader() -> None:
    ask = "Hi T.J.,\n\nAre you free for a call next week about the lease on the unit by the canal? Thursday works.\n\nIrene\n"
    assert "PR014" not in rules(check(ask))
    assert "PR014" in rules(check(ask.replace("Hi T.J.,", "Hi,")))


@pytest.mark.parametrize(
    ("draft", "no_reason", "reason"),
    [
        # The reader's audience is no reason, their post is.
        (
            "Hi Sam,\n\nI'd like to give your blog's readers an article on budgeting apps, unique to your site. Would "
            "you publish it?\n\nRia\n",
            "give your blog's readers an article",
            "follow up your blog post on envelope budgeting with an article",
        ),
        # The reader's product only found is no reason, used it is.
        (
            "Hi Jonas,\n\nI came across your habit-tracker app on the store. Could you spare ten minutes for a call "
            "this week?\n\nCarla\n",
            "I came across your habit-tracker app on the store",
            "I've used your habit-tracker app since March",
        ),
        # Praise of a post that names one word of it names nothing; what it said is a reason.
        (
            "Hi Dani,\n\nI loved your recent post about hiring. We make interview scorecards for small teams. Open "
            "to a short call next week?\n\nKris\n",
            "I loved your recent post about hiring.",
            "I loved your recent post about hiring, above all the case for paying candidates for take-home tasks.",
        ),
        # The reader's restaurant only looked at is no reason; a meal there is.
        (
            "Hi Noor,\n\nI had a look at your restaurant's menu online. I'm a food stylist and would love to work "
            "with you. Can we talk this week?\n\nEllis\n",
            "I had a look at your restaurant's menu online.",
            "I had the lamb at your restaurant on Saturday and it was the best in town.",
        ),
        # "talk" made a verb by the words before it is no talk of theirs.
        (
            "Hi Lena,\n\nOur screening tool reads every application, so your recruiters only talk to people who fit. "
            "Could we show you on Tuesday?\n\nMarc\n",
            "so your recruiters only talk to people who fit",
            "and your talk on blind screening at the HR meetup made me want to show you",
        ),
        # Interest that stops at "your research" names nothing; the question it raised names something.
        (
            "Dear Dr. Okafor,\n\nI am a master's student in soil science. I am deeply interested in your research. "
            "Would you have a place for a doctoral student next year?\n\nLina\n",
            "I am deeply interested in your research.",
            "I am deeply interested in your research on nitrogen loss in terraced fields.",
        ),
        # Praise that only says the reader's thing stood out names nothing; what it showed names something.
        (
            "Hi Dr. Sato,\n\nYour research really stood out to me. I lead hiring at a small lab; could we talk "
            "this week?\n\nIrene\n",
            "Your research really stood out to me.",
            "Your research on sparse attention stood out to me.",
        ),
        # The reader's blog only come across names nothing; a post on it does.
        (
            "Hello Ana,\n\nI recently came across your blog. I would like to write an article for your "
            "readers. Would you publish it?\n\nSophie\n",
            "I recently came across your blog.",
            "I recently came across your blog post on pruning old pear trees.",
        ),
        # Praise of "what you've built" names nothing; what they reviewed or fixed names something.
        (
            "Hi Femi,\n\nWe came across your extension and were really impressed by what you've built. Could we "
            "talk about buying it this week?\n\nAlex\n",
            "were really impressed by what you've built.",
            "saw you've fixed the sync bug that broke it on Firefox last month.",
        ),
        # A thing of theirs found where anyone finds it, by its name, and praised: nothing a list
        # could not share. What it does for the writer is something.
        (
            "Hi Wren,\n\nI found your open-source repo \"tidewatch\" on GitHub and was really impressed. Could we "
            "talk about a partnership this week?\n\nBo\n",
            "I found your open-source repo \"tidewatch\" on GitHub and was really impressed.",
            "I found your repo \"tidewatch\" when our buoy readings went stale, and it fixed them in an afternoon.",
        ),
        (
            "Hello Cato,\n\nWe went through your blog and found it very informative. We'd like to send your "
            "readers a piece on home solar. Would you publish it?\n\nIna\n",
            "We went through your blog and found it very informative.",
            "We read your blog's series on wiring a shed for solar and built ours from it.",
        ),
        (
            "Hi Liv,\n\nYour awesome app, and it looks great too. We grow installs for apps like yours. Open to "
            "a call on Friday?\n\nDev\n",
            "Your awesome app, and it looks great too.",
            "Your app's offline map saved us on the ridge walk in May.",
        ),
        # Its name, as a crawler reads it, and how much it was liked: nothing of what is in it.
        (
            "Hi Juno,\n\nI stumbled on your podcast Tin Roof Talks and absolutely adored it. We book sponsors for "
            "shows like yours. Could we talk on Monday?\n\nRex\n",
            "I stumbled on your podcast Tin Roof Talks and absolutely adored it.",
            "I stumbled on your podcast Tin Roof Talks, and its episode on pricing seedlings by the tray changed ours.",
        ),
        # A title and where it was published are what an index lists; a finding of it is read.
        (
            "Dear Dr. Vos,\n\nI would value a copy of your paper entitled Drift in Alpine Lakes, which appeared in "
            "Limnology Notes. Could you send it this week?\n\nKai\n",
            "I would value a copy of your paper entitled Drift in Alpine Lakes, which appeared in Limnology Notes.",
            "Your paper's finding that drift doubles after thaw matches our buoy data from the lake.",
        ),
        # The reader's shop named for its website is pitched at; their talk is theirs.
        (
            "Hello Ana,\n\nYour shop's website loads slowly on phones. We can make it twice as fast. Could we "
            "talk this week?\n\nMark\n",
            "Your shop's website loads slowly on phones.",
            "I heard your talk at the market fair on Saturday.",
        ),
    ],
)
def test_what_is_no_reason_and_what_is(draft: str, no_reason: str, reason: str) -> None:
    assert "PR011" in rules(check(draft, profile="cold"))
    assert "PR011" not in rules(check(draft.replace(no_reason, reason), profile="cold"))


# Reasons good first mail gives besides the reader's work: what the two share, who
# sent the writer, the writer as their customer, the reader's opening; each is
# one sentence put into the same ask, and a generic twin of each is no reason.
COMMON_GROUND_ASK = (
    "Hi Dana,\n\n{} I'm putting together a small group of data leads to compare notes on hiring. "
    "Would you have twenty minutes next week?\n\nBest,\nSam\n"
)


@pytest.mark.parametrize(
    "reason",
    [
        "As a fellow Michigan alum, I wanted to reach out.",
        "We were both at Acme in 2019, though on different floors.",
        "We're both members of the Edinburgh Python user group.",
        "You and I both spoke at PyData Berlin, a year apart.",
        "Our kids are in the same class at Westfield Primary.",
        "We have a mutual friend in Ana Ruiz, who speaks highly of you.",
        "Ana Ruiz gave me your name when I asked who knows the most about backfills.",
        "Your name came up three times when I asked around about running a food co-op.",
        "I've been a customer of your shop for three years.",
        "I see you're hiring a head of data at Quarry.",
        "I'm writing about the Junior Analyst opening on your team.",
        "Your company's move to a four-day week caught my eye.",
        "I'm a third-year student, and your lab's work on soil microbes is why I want to do a PhD.",
    ],
)
def test_common_ground_a_referral_or_being_their_customer_is_a_reason(reason: str) -> None:
    assert "PR011" not in rules(check(COMMON_GROUND_ASK.format(reason), profile="cold"))


@pytest.mark.parametrize(
    "no_reason",
    [
        "As a fellow entrepreneur, I know how hard hiring is.",
        "We both know that in Q4 budgets get tight.",
        "We have 12 mutual connections on LinkedIn.",
        "LinkedIn gave me your name as a decision maker.",
        "I've been following your work for a while.",
        "Your website caught my eye.",
        "Your company caught my attention.",
        "I see you're a leader in the logistics space.",
        "I'm excited about the opportunity at your company.",
    ],
)
def test_common_ground_anyone_could_claim_is_no_reason(no_reason: str) -> None:
    assert "PR011" in rules(check(COMMON_GROUND_ASK.format(no_reason), profile="cold"))


LONG_ASK = (
    "Hi Dana,\n\nI run a small studio that builds booking systems for clinics, and this spring we rebuilt our own "
    "scheduling from scratch after two years of patching it. The hardest part was moving old appointments without "
    "losing the notes attached to them. {}\n\nBest,\nSam\n"
)


@pytest.mark.parametrize(
    "ask",
    [
        "Would you have twenty minutes to share what changed for you when your clinic moved systems?",
        "Could I ask how your team kept the old notes when you switched?",
        "Would you be up for a short call so I can learn why you chose to build your own?",
    ],
)
def test_a_request_for_the_readers_own_account_asks_about_them(ask: str) -> None:
    assert "PR004" not in rules(check(LONG_ASK.format(ask), profile="cold"))


@pytest.mark.parametrize(
    "ask",
    [
        "Could I show you how we did it in a short call next week?",
        "Would you have twenty minutes to hear how our migration went?",
    ],
)
def test_a_request_to_hear_the_senders_story_asks_nothing_about_the_reader(ask: str) -> None:
    assert "PR004" in rules(check(LONG_ASK.format(ask), profile="cold"))


@pytest.mark.parametrize(
    ("segment", "written_to_a_type"),
    [
        ("As a leader in your industry, you know how fast the rules on data change.", True),
        ("As one of the top players in the logistics space, your team knows the pressure.", True),
        ("As a busy founder, you probably get a lot of these.", True),
        ("We work with agencies like yours across Europe.", True),
        ("As a maintainer of the parser you depend on, I wanted you to hear it first.", False),
        ("We were both founders at the same accelerator in 2021.", False),
        ("As a growing number of clinics move their booking online, the old phone line gets quieter.", False),
    ],
)
def test_a_mail_written_to_a_segment_is_found(segment: str, written_to_a_type: bool) -> None:
    draft = f"Hi Ana,\n\n{segment} Our webinar on Thursday covers what is new in data rules.\n\nBest,\nSam\n"
    assert ("PR008" in rules(check(draft))) == written_to_a_type


# What the reader's profile lists is why a search returned them, not why this mail is for them.
PROFILE_FACT_PITCHES = [
    "Hi Jordan,\n\nI noticed your solid background in payments infrastructure. I'm partnering with a well-funded "
    "insurtech that is building out its platform team. Would you be open to a 15-minute call this week?\n\nPriya\n",
    "Hello,\n\nI saw that you currently work as a data engineer, and your skills look like a strong match for a "
    "contract we are staffing. Please send me your updated resume and your hourly rate.\n\nTom\n",
    "Hi Leo,\n\nI saw you have over eight years of experience with React. We're a fintech startup and we are looking "
    "for a frontend lead. Would you be interested in a quick chat?\n\nHannah\n",
]


def test_a_profile_fact_still_explains_a_request_for_advice() -> None:
    # No pitch: a student asks someone in the job they want about it, and offers something back.
    text = (
        "Hi Marta,\n\nI noticed you have a lot of experience running volunteer translation teams. I coordinate the "
        "Portuguese translation of a small accessibility checker and we keep losing volunteers. What kept yours "
        "around past the first week? I'm happy to write up what I learn for your docs.\n\nRui\n"
    )
    report = check(text, profile="cold")
    assert report.verdict == "pass" and not {"PR011", "PR013"} & rules(report)
    # The same profile fact behind a pitch is no reason.
    pitch = text.replace("I coordinate the", "We are a consultancy for the").replace(
        "What kept yours around past the first week?", "Could we book a call to show you our retention service?"
    )
    assert_fails_as_cold_pitch(pitch)


# Buyers of the reader's app or extension, offers to make money from it, and sellers of work on
# the reader's shop or site.
PRODUCT_PITCHES = [
    "Hello,\n\nI came across your recipe app and wanted to reach out. We buy small apps with loyal users and pay "
    "within a week. What price would you accept?\n\nIvo\n",
    "Hi,\n\nWe took a look at your screenshot extension. Partners in our search network earn up to $1,500 a month "
    "from one line of code. Interested? Answer this email for the details.\n\nMila\n",
    "Would you consider selling your weather widget and its source if the price was right?\n\nBen\n",
    # The reader's shop only looked at; a seller's question for work to bid on, and a call offered.
    "Hello,\n\nWe reviewed your online store and found four problems that cost you orders. We offer a full rebuild "
    "in ten days. Shall we book a call to go through them?\n\nArjun\n",
    "Good morning,\n\nWe are an outsourcing company with 120 engineers in Kraków. Do you have any projects coming up "
    "that we could take on? I am available for a call on any day this week.\n\nLinh\n",
    "Dear CEO,\n\nOur studio rebuilds company websites at a very low cost, page by page. Let's discuss a plan for "
    "yours this week.\n\nSimon\n",
    # What the sender pays for, and a rate card offered as the next step.
    "Dear webmaster,\n\nWe would like a sponsored review on your website. We pay $120 per article with one "
    "link. Kindly confirm your price.\n\nNadia\n",
    "Hi,\n\nWe had a look at your puzzle game and liked it. Our network pays indie studios for banner space. Can I send "
    "over our rate card?\n\nLuca\n",
    # The reply awaited in a closing line, and the reader's answer still to come.
    "Hello,\n\nI found your note-taking extension on the store. My team specialises in search partnerships for "
    "extension owners. I look forward to receiving your answer.\n\nIrina\n",
]


def test_the_readers_answer_still_to_come_is_no_shared_moment() -> None:
    # "Any of your questions" and "I will wait for your answer" are not words the reader said.
    text = (
        "Hello,\n\nOur studio handles console ports of desktop games for a share of sales. Any of your questions will be "
        "answered within a day, and I will wait for your answer.\n\nPetr\n"
    )
    report = check(text)
    assert report.profile == "cold" and "PR013" in rules(report)
    recalled = text.replace("Our studio handles", "You asked at the Brno meetup how our studio handles")
    assert check(recalled).profile == "follow-up"


def test_an_about_us_heading_is_read_with_the_paragraph_below_it() -> None:
    text = (
        "Hi Ana,\n\nABOUT US\n\nWe are a small agency in Porto and build shop websites.\n\nYour bakery's site takes "
        "nine seconds to load on a phone; I can send the three fixes that would halve it.\n\nRita\n"
    )
    assert "SF004" in rules(check(text))
    assert "SF004" not in rules(check(text.replace("ABOUT US\n\n", "")))


def test_a_friend_who_sent_you_to_the_reader_is_a_reason() -> None:
    text = (
        "Hi Olga,\n\nRavi from the robotics club said you're the person to ask about servo drivers. We're building a "
        "small arm for a school demo and ours keep overheating. Could I ask you two questions by email?\n\nDmitri\n"
    )
    report = check(text, profile="cold")
    assert report.verdict == "pass" and not {"PR011", "PR013"} & rules(report)
    assert "PR011" in rules(check(text.replace("Ravi from the robotics club said you're the person to ask about servo drivers. ", ""), profile="cold"))
    # "said you'd", and a loaf brought in thanks is an offer.
    other = (
        "Hi Hamid,\n\nElif said you'd just been through the market-stall licence. I'm starting the same for a bakery "
        "stall. Could I ask what took the longest? I'd be happy to bring you a loaf as thanks.\n\nJonah\n"
    )
    assert not {"PR005", "PR011"} & rules(check(other, profile="cold"))


def test_the_readers_article_named_by_the_is_a_reason() -> None:
    text = (
        "Hi Owen,\n\nI really enjoyed the Larchwood article on paying for your own product. We provide referral "
        "programs as a service for web apps. If this sounds interesting, please let me know.\n\nNia\n"
    )
    report = check(text, profile="cold")
    assert not {"PR011", "PR013"} & rules(report)
    assert "PR013" in rules(check(text.replace("I really enjoyed the Larchwood article on paying for your own product. ", ""), profile="cold"))


# Sales pitches in the shapes of PR agents, lead sellers, product mailers and paid honours.
SERVICE_PITCHES = [
    "Hello,\n\nI'm writing on behalf of Tallyho, the payroll app for cafés. Would you be interested in a chat with "
    "our founder for your next piece?\n\nJenna\n",
    "Hi,\n\nWe book qualified sales meetings for accounting firms, paid per meeting. Let me know if you'd like to get "
    "started.\n\nOmar\n",
    "Hi Team,\n\nFlowdesk is a scheduling platform that helps clinics fill cancelled slots, trusted by 900 practices. "
    "Do you have time for a call next week?\n\nBen\n",
    # A founder introduced by name, a recruiter chasing a role, an agency asking when.
    "Hi Dana,\n\nI'm Omar, co-founder of Tidebase, a data platform for logistics teams. Could I get 20 minutes of "
    "your time on Thursday?\n\nOmar\n",
    "Checking in again on the Platform Engineer role I sent last Tuesday. The hiring manager is keen to meet you. "
    "Interested?\n\nRaj\n",
    "Hi Jordan,\n\nWe're a design agency for fintech start-ups and our sites convert twice as well. When's a good "
    "time to talk?\n\nLucia\n",
    # An investor's agent, a share of revenue offered with a one-word ask, a brand's collaboration, a quote asked for.
    "Hello Ines,\n\nI represent a private fund that backs early logistics start-ups; we can invest up to $2M per "
    "company. Could we arrange a call next week?\n\nViktor\n",
    "Hey,\n\nYour readers would like our budgeting app. We'd pay a 20% share of every subscription you bring in."
    "\n\nThoughts?\n\nKai\n",
    "Hi!\n\nWe're a small candle brand and would love to work with you on a few posts. Let us know if you're "
    "keen!\n\nTeam Ember\n",
    "Dear Mr. Park,\n\nOur company provides legal translations in thirty languages, since 2009. We would be "
    "grateful for the opportunity to quote on your next project.\n\nElena\n",
    "Dear Sir or Madam,\n\nWe invite you to speak at the World Forum on Smart Cities in Lisbon. The speaker fee of "
    "$750 covers the gala dinner. Kindly confirm your participation.\n\nThe Organising Committee\n",
]


# A product sold by its head count and trial, an event sold to a list, the sender's content
# or guest placed on the reader's page or show.
LIST_PITCHES = [
    "Hi Ola,\n\nLedgerly reconciles card payments against invoices overnight. More than 1,200 accounting teams "
    "already use it, and it integrates with Xero in two clicks. Open to a quick look next week?\n\nSven\n",
    "Hello,\n\nJoin our founders next Wednesday for a free masterclass on pricing your first product, with templates "
    "to take home. Places are going fast, so reserve your seat today.\n\nThe Launchpad crew\n",
    "Hi Mei,\n\nI put together an illustrated guide to sourdough hydration that your page on starters would benefit "
    "from. Would you consider adding a link to it from that page?\n\nBram\n",
    "Hi Felix,\n\nOur CEO, Dr. Ines Ruiz, would be a great guest for your show: she has run three clinics and "
    "written a book on patient trust. Can I send you her one-sheet?\n\nNora\n",
    # Staff sold by what they take off the reader, money the reader is owed, a free valuation as
    # the bait, a record of results with a quoted "YES", a listing "shortlisted" for a fee.
    "Hello,\n\nOur certified accountants handle year-end filings for small charities, so your trustees never touch "
    "a spreadsheet. Could we book a free consultation for next week?\n\nPaul\n",
    "Hi Grete,\n\nYour practice could be owed up to $40,000 in payroll tax refunds that most clinics never claim. "
    "Free for a ten-minute call on Thursday?\n\nOwen\n",
    "Dear Resident,\n\nAs the agent who sold two flats in your building this year, I can give you a free, accurate "
    "valuation of yours. Call me on 020 7946 0321 to arrange it.\n\nCarol\n",
    "Hi Developer,\n\nWe have already ranked more than 800 games in the top 20 of their store category. Reply "
    "\"YES\" and we will look at yours.\n\nKiran\n",
    "Hello Team,\n\nWe are delighted to inform you that your token has been shortlisted for listing on Pexa "
    "Exchange. Please contact our listing desk on Telegram to secure your slot.\n\nPexa Listings\n",
    # A launch upvote asked as a favour, a discount with its code, a domain for sale, a freelancer's
    # advert and rate, a paid post asked for its price.
    "Hi Dev,\n\nWe just released Pinboardly, a planner for climbing trips, after a year of weekends. It would mean "
    "a lot to me if you could leave a review on the launch page.\n\nIsla\n",
    "Hi Lars,\n\nAs one of last year's visitors, you can book the 2027 boat show at 25% off. Enter the code "
    "HARBOR25 at checkout before Friday.\n\nThe Boat Show\n",
    "Hello,\n\nThe premium domain tidewell.com is now for sale and would suit a brand like yours. Let me know if "
    "you would like to make an offer before the auction.\n\nBrokers Desk\n",
    "Hi,\n\nI'm a mobile developer with eight years of Flutter and Swift work behind me, and my rates are very "
    "competitive. Can we talk on Skype this week?\n\nArman\n",
    "Hello Admin,\n\nWhat is your price for a sponsored post with two do-follow links on your travel site? I have "
    "regular orders for the right price.\n\nMina\n",
    # Commission promised with a sign-up link offered, results claimed with the sender's name on them.
    "Hi Rosa,\n\nYou could earn a 25% commission on every studio that signs up through you, paid each month. "
    "Shall I send you the sign-up form?\n\nGil\n",
    "Hi Ben,\n\nShiftly plans rotas for busy kitchens, and restaurants such as Dishoom and Hawksmoor cut overtime "
    "by 30% with us. Free for fifteen minutes on Monday?\n\nAva\n",
    # An audit nobody asked for, staff by the hour, a call for papers, a round being raised.
    "Hello,\n\nOur crawler checked oakandfern.co.uk this morning and found 112 technical errors on it. Would you like "
    "the list and a quote to repair them?\n\nDev\n",
    "Hi Iris,\n\nWe place senior QA testers from Lisbon on your project within days, from $29 per hour, with no "
    "fees to hire. Can I send you four profiles?\n\nNuno\n",
    "Dear Researcher,\n\nWe invite you to submit a chapter to our forthcoming book on green chemistry, indexed in "
    "Scopus. Please submit your abstract by the end of the month.\n\nEditorial Office\n",
    "Hi Claire,\n\nWe are now raising a seed round for our tutoring marketplace, which grew fourfold this year. I'd "
    "love 20 minutes with you. Does Thursday work?\n\nOmar\n",
    # A product that serves a kind of customer, a price list, a grant for using the sender's kit.
    "Hi Pia,\n\nRotaly lets restaurants swap shifts from their phones, with no manager in the loop. Would it make "
    "sense to talk for ten minutes on Friday?\n\nJon\n",
    "Hi Sol,\n\nWe film weddings across Somerset. Packages start at £900 for a full day of filming. Can we set up "
    "a call?\n\nRhys\n",
    "Hello dev team,\n\nWe give grants of up to $3,000 to libraries that add our API to their examples. Apply via "
    "the form before March.\n\nOrbit Devrel\n",
    # Space bought in the reader's newsletter, a contact list for sale, a watched visit, event sponsorship.
    "Hi Tess,\n\nWe'd like to sponsor the next issue of your newsletter. Crumb is a recipe app for busy parents. "
    "What are your rates?\n\nNed\n",
    "Hello,\n\nWe sell a verified list of 40,000 HR directors in Europe with direct phone numbers. Would you like a "
    "sample?\n\nData Desk\n",
    "Hi Mo,\n\nI saw that someone at your company visited our pricing page this morning. When would be a good time "
    "for a call?\n\nBea\n",
    "Hi Cal,\n\nOur robotics fair has sponsorship packages from $2,000, with a stand and a talk slot. Let me know if "
    "your team would like the prospectus.\n\nIvy\n",
    # The reader's time asked for as a kind of call.
    "Hi Ola,\n\nWe offer in-app ads that pay game studios twice the usual rate. I would like to jump on a video call "
    "this week if you are free.\n\nQuin\n",
    # A free sample of the sender's product as bait, and "the leading…" platform.
    "Hi Lena,\n\nWe'd love to send you a free box of our oat biscuits for the café counter. Would you be open to "
    "a quick call this week?\n\nOat & Co\n",
    "Hello Nicole,\n\nI'm the new account manager for your region at Ledgerline, the leading payroll platform for "
    "care homes. Are you free for 20 minutes next week?\n\nAdam\n",
    # A one-word reply asked for, as a fee's bait.
    "Dear Business Owner,\n\nYour map listing is missing its opening hours. Our team will fix it for a fee "
    "of $39. Reply START and we'll do it today.\n\nListing Desk\n",
]


# Pitches and asks first missed on drafts written by a second and third hand (sixteenth round):
# the firm by its name, its record and money the reader "may qualify for", a ticket sold to a
# speaker, an ambassador's kit, a sale routed through whoever answers, the sender's own
# application, a vendor's "let us know your requirements", a recruiter asking for names.
NEW_HAND_PITCHES = [
    "Hi Carys,\n\nAt Talentgrid, we match product designers with 300 vetted startups. Create your free profile "
    "and the offers come to you.\n\nLeo\n",
    "Hi Dom,\n\nYour bakery may qualify for up to $80,000 in working capital. Brightwell Funding has helped "
    "thousands of small shops since 2015. Reply to this email with your last three bank statements.\n\nTony\n",
    "Dear Professor Adeyemi,\n\nIt is our honour to invite you as a keynote speaker at the Global Summit on Water "
    "and Food. Early bird registration closes on Friday. Kindly let us know your interest.\n\nSummit Office\n",
    "Hey Juno,\n\nWe love your feed and think you'd be an amazing brand ambassador for our candle line. Is this "
    "something you'd be keen on?\n\nPip\n",
    "Hi Marta,\n\nWho is the best person to talk to at Fennel Foods about cutting your delivery costs? If it's "
    "you, are you free for ten minutes on Tuesday?\n\nGreg\n",
    "Hi Tariq,\n\nI'm applying for the data analyst opening at your firm and was wondering if you could refer "
    "me? A referral would help me stand out.\n\nNell\n",
    "Dear Sir/Madam,\n\nWe are a leading provider of print and packaging for food brands, with plants in three "
    "countries. Kindly let us know if you have any packaging requirements.\n\nFelix\n",
    "Hi Rosa,\n\nI'm recruiting for several backend roles with a well-known travel client in Bristol. If you're "
    "not looking, I'd be grateful for any names.\n\nGavin\n",
    "Hi Dr. Sato,\n\nYour research really stood out to me. We're building a lab of world-class people and the pay "
    "is highly competitive. Feel free to grab time on my calendar.\n\nIrene\n",
    "Hello,\n\nYour website loads slowly on phones. Our skilled team can make it twice as fast in a week. Reply "
    "YES for a quote.\n\nMark\n",
]


@pytest.mark.parametrize(
    "text",
    RECRUITER_PITCHES + OTHER_COLD_PITCHES + PROFILE_FACT_PITCHES + PRODUCT_PITCHES + SERVICE_PITCHES + LIST_PITCHES
    + NEW_HAND_PITCHES,
)
def test_a_first_mail_that_only_sells_and_asks_fails_cold(text: str) -> None:
    assert_fails_as_cold_pitch(text)


@pytest.mark.parametrize(
    ("draft", "not_shared", "shared"),
    [
        # The reader's thoughts asked on nothing named; thanks for thoughts they gave recalls.
        (
            "Hello Anil,\n\nMy team and I are building a marketplace for vintage synthesizers, and we are raising our "
            "first round this spring. The deck is attached.\n\nLet me know your thoughts.\n\nMara\n",
            "Let me know your thoughts.",
            "Thanks for your thoughts on the pitch last week.",
        ),
        # An event the reader is invited to is still to come; one they spoke at is shared.
        (
            "Hi Ana,\n\nWe'd love you to speak at the Leeds data meetup in June. Would you be free on the 12th?\n\nTom\n",
            "We'd love you to speak at the Leeds data meetup in June.",
            "Your question at the Leeds data meetup stayed with me.",
        ),
        # The reader's view asked on an open question is a pitch for feedback; their view on a draft both know is shared.
        (
            "Hi Ewan,\n\nI'm the founder of Shipwell and we just closed our seed round. Would you be open to sharing "
            "your thoughts on what slows your releases down?\n\nOmar\n",
            "sharing your thoughts on what slows your releases down",
            "sharing your thoughts on the release checklist you sent me",
        ),
        # A question about the reader's team is not something both of you know; their team's talk is.
        (
            "Hi Jess,\n\nDoes your team still match invoices by hand? We built a tool that does it overnight. Would "
            "you have 15 minutes next week?\n\nMarta\n",
            "Does your team still",
            "Your team's talk at the finance meetup showed how you",
        ),
    ],
)
def test_what_is_no_shared_moment_and_what_is(draft: str, not_shared: str, shared: str) -> None:
    assert check(draft).profile == "cold"
    assert check(draft.replace(not_shared, shared)).profile == "follow-up"



def test_a_survey_asked_of_no_one_is_an_ask_with_nothing_offered() -> None:
    text = (
        "Hello,\n\nWe are studying how small charities keep their volunteers and would be glad of your view. Please "
        "take our short survey at https://example.org/volunteers before the end of the month.\n\nThe Civic Lab\n"
    )
    assert "PR014" in rules(check(text))


# A named stranger asked for their time, with no reason and nothing offered: only the name is theirs.
NAME_ONLY_ASK = (
    "Hi Ruth,\n\nI run a small studio that makes training videos for software companies. Would you be free for "
    "a twenty-minute call next week?\n\nLeon\n"
)


def test_an_ask_whose_only_personal_touch_is_the_name_warns() -> None:
    report = check(NAME_ONLY_ASK, profile="cold")
    assert "PR015" in rules(report) and report.verdict != "pass"
    # The sender as subject opens it, though the reader is its object.
    networking = (
        "Hi Nadia,\n\nI'd love to add you to my professional network. I'm always keen to connect with leaders like "
        "you. Could we have a quick call next week?\n\nJordan\n"
    )
    assert "PR015" in rules(check(networking, profile="cold"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A reason for this reader.
        ("I run a small studio", "Your course on onboarding customers made me think of you. I run a small studio"),
        # Something for them first.
        ("Would you be free", "I'd be happy to send you two short samples we made for tools like yours. Would you be free"),
        # What their profile lists, for a request of advice (PR011 reads it as a reason).
        ("I run a small studio that makes training videos for software companies.",
         "I noticed you lead customer education at a software company, the job I hope to do next."),
    ],
)
def test_a_named_ask_with_a_reason_or_an_offer_is_not_name_only(old: str, new: str) -> None:
    assert "PR015" not in rules(check(NAME_ONLY_ASK.replace(old, new), profile="cold"))


def test_a_named_ask_that_opens_on_the_reader_is_not_name_only() -> None:
    text = (
        "Hi Sam,\n\nHope the move went well! Are you and Priya still near the river in June? We are holding the "
        "club's summer picnic there on the 14th. Can you both make it?\n\nAna\n"
    )
    assert "PR015" not in rules(check(text, profile="cold"))
    assert "PR015" in rules(check(text.replace("Hope the move went well! Are you and Priya still near the river in June? ",
                                               "We run a picnic club for families by the river. "), profile="cold"))


def test_a_cost_shared_is_an_offer() -> None:
    text = (
        "Hi Bill,\n\nThe gate between our drives is hanging off its hinges again. A carpenter I know could fix it "
        "on Friday for about $90, and I'm happy to split it with you. Does Friday suit you?\n\nJen\n"
    )
    assert "PR005" not in rules(check(text, profile="cold"))
    assert "PR005" in rules(check(text.replace(", and I'm happy to split it with you", ""), profile="cold"))


def test_a_reply_to_a_complaint_is_no_first_contact_and_what_was_done_is_given() -> None:
    text = (
        "Hi Ms Patel,\n\nI'm sorry the lamp arrived with a broken shade. I've booked a courier to bring a new one on "
        "Friday morning; tell me if another day suits you better.\n\nOmar, Lumen Home\n"
    )
    report = check(text)
    assert report.profile == "follow-up" and report.verdict == "pass" and "PR005" not in rules(report)


def test_the_readers_firm_hiring_is_their_need_not_a_recruiters_pitch() -> None:
    text = (
        "Hi Lou,\n\nI heard at the school gate that your practice is hiring a dental nurse. My sister-in-law Ana has "
        "just finished her training and lives round the corner. Could we talk about it this week?\n\nMarie\n"
    )
    assert "PR013" not in rules(check(text))
    assert "PR013" in rules(check(text.replace("your practice is hiring", "a practice in town is hiring")))


def test_a_handover_that_says_where_things_stand_gives_something() -> None:
    text = (
        "Hi Femi,\n\nBefore I go on leave, here's where the move stands: the vans are booked for the 3rd and the keys "
        "come on the 1st. Could you call the landlord on Monday about the parking permit?\n\nJoss\n"
    )
    assert not {"PR005", "PR015"} & rules(check(text, profile="cold"))


def test_an_appeal_to_a_friend_of_no_name_asks_with_nothing_offered() -> None:
    text = "Dear Supporter,\n\nOur shelter must raise $9,000 before winter to keep its doors open. Please donate today.\n\nRuth\n"
    assert "PR014" in rules(check(text))


def test_a_link_to_the_senders_own_fundraising_page_gives_the_reader_nothing() -> None:
    text = (
        "Hello!\n\nI'm cycling from Lands End to John o' Groats for a cancer charity this summer. Would you sponsor "
        "me? Here's my fundraising page: https://example.org/ride\n\nTom\n"
    )
    assert "PR014" in rules(check(text))


@pytest.mark.parametrize("greeting", ["Dear Hiring Manager,", "Hi Developer,", "Dear Researcher,"])
def test_a_role_in_the_greeting_names_no_one(greeting: str) -> None:
    text = f"{greeting}\n\nI would like to ask whether you have any openings this summer. Could we talk this week?\n\nKim\n"
    assert "PR014" in rules(check(text, profile="cold"))


def test_what_the_writer_bought_from_the_reader_is_a_reason() -> None:
    text = (
        "Hi Greta,\n\nThe wool scarf I bought at your stall in October has been worn every day since. Will you have "
        "the green ones again before Christmas?\n\nPhil\n"
    )
    assert not {"PR011", "PR015"} & rules(check(text, profile="cold"))


@pytest.mark.parametrize(
    "text",
    [
        # The reader's crate, their guide used by others, their words in a thread, what they did: reasons to write.
        "Hi Oskar,\n\nI'm recruiting for a drone-mapping firm and writing to you because of your geometry crate, "
        "which their planners already use. The role pays €90k. Would you like to hear more?\n\nLena\n",
        "Dear Dr. Abiodun,\n\nSeveral of our librarians have been using your guide to teaching source checking. "
        "Would you give a talk on it at our June meeting? We can pay a £400 fee.\n\nCatherine\n",
        "Hi Ilse,\n\nI saw in the issue thread that you estimated the comment fix at two weeks. We'd like to pay for "
        "that time. Would €4,000 through Open Collective work?\n\nHenrik\n",
        # What the reader did, in their own doing: designed, mentored, explained.
        "Hi Noor,\n\nYou designed the wayfinding signs at the Leeds library, and we are doing the same for a museum "
        "in Hull. Could I ask you two questions about the font sizes?\n\nPete\n",
        "Hi Ade,\n\nYou mentored my sister through her first year of teaching, and she still quotes you. Would you "
        "have ten minutes for a question about mentoring new staff?\n\nRuth\n",
    ],
)
def test_the_readers_work_used_words_read_or_deeds_are_a_reason(text: str) -> None:
    report = check(text, profile="cold")
    assert not {"PR011", "PR013"} & rules(report) and report.verdict == "pass"


@pytest.mark.parametrize(
    "text",
    [
        # The title of the first mail's offer, "still", a time asked for: all restated, none news.
        "Hi Ken,\n\nBubbling this up in case it got buried. Would you be up for a chat about the Site Reliability "
        "Engineer role?\n\nTara\n",
        "Hi Ken,\n\nDid you get a chance to look at my note? We still have $50,000 set aside for your shop.\n\nTara\n",
        "Hi Ken,\n\nJust bumping this to the top of your inbox. Are you free for 10 minutes tomorrow?\n\nTara\n",
        # A list's numbers are no detail.
        "Hi Ken,\n\nI haven't heard back, so I'll guess:\n\n1. Not interested\n2. Too busy\n\nReply with the number.\n\nTara\n",
        # The chasing itself counted and dated, and the answer asked for: no news.
        "Hi Ken,\n\nI've written to you three times since March and still have not heard anything. Just reply with "
        "a yes or a no.\n\nTara\n",
        "Hi Ken,\n\nThis is my final reminder: we have not yet received a response. If I don't hear back by 9 May, "
        "I'll close your file.\n\nTara\n",
        # The chasing counted in mails sent and answers not had.
        "Hi Ken,\n\nI've sent you the kiln quote twice and heard nothing back. Any thoughts?\n\nTara\n",
        # The product the "Re:" subject already names is no news either.
        "Subject: Re: Try Loomfold for your studio\n\nHi Ken,\n\nCircling back, as I haven't heard back. I really "
        "think Loomfold would change how your studio works.\n\nTara\n",
    ],
)
def test_a_chaser_that_restates_or_only_asks_brings_no_news(text: str) -> None:
    assert "BL019" in rules(check(text))


@pytest.mark.parametrize(
    "text",
    [
        # News after the chasing, in the same sentence or the next.
        "Hi Ken,\n\nCircling back on the quote I sent in March: the kiln in Leeds is free from 2 June.\n\nTara\n",
        "Hi Ken,\n\nI haven't heard back, and that's fine. The kiln in Leeds is free from 2 June if you still "
        "want it.\n\nTara\n",
        # A deadline on the offer is news the reader can act on.
        "Hi Ken,\n\nFollowing up on my last note: the spring rate for the kiln ends on Friday 9 May.\n\nTara\n",
    ],
)
def test_a_chaser_with_news_past_the_chasing_passes(text: str) -> None:
    assert "BL019" not in rules(check(text))


def test_hearing_nothing_but_praise_is_no_chaser() -> None:
    report = check("Hi Ken,\n\nI've heard nothing but praise for your glazing class. Is there room in the May one?\n\nTara\n")
    assert report.profile == "cold" and "BL019" not in rules(report)


def test_a_chaser_template_with_a_field_for_the_news_is_no_empty_chaser() -> None:
    template = "Hi [First Name],\n\nJust bubbling this up in case it got buried.\n\n[One new thing of use to them]\n\nTara\n"
    assert "BL019" not in rules(linter().check(message.from_template(template, "t.txt")))


def test_an_offer_to_answer_questions_is_no_ask() -> None:
    text = (
        "Dear Lina,\n\nYour subscription to the seed library ends on 1 May. Please let us know if you have any "
        "questions.\n\nThe library\n"
    )
    assert "PR013" not in rules(check(text, profile="cold"))


@pytest.mark.parametrize(
    "text",
    [
        # Old acquaintance, a job under way, the reader's newspaper piece: no stranger is written to.
        "Hi Tom,\n\nLong time! I've just bought an old sewing machine and the treadle is stuck. Do you know anyone who "
        "mends them? I remember you mentioning an aunt in York who did.\n\nBea\n",
        "Hi Mr. Osei,\n\nThe tiles for the bathroom came on Monday. The grouting adds £90 to the agreed £2,400; "
        "could you let me know by Friday if that is fine?\n\nKarl\n",
        "Dear Fiona,\n\nYour piece in the Courier about getting a bus back to the village is the story our audience "
        "needs. Would you join our panel on 3 June? We can cover your travel.\n\nAli\n",
    ],
)
def test_an_acquaintance_a_job_under_way_or_the_readers_piece_is_no_stranger(text: str) -> None:
    assert not {"PR011", "PR013", "PR015"} & rules(check(text))


LIST_HEADERS = "From: Ben <ben@example.org>\nTo: ana@example.org\nSubject: More customers\nList-Unsubscribe: <mailto:leave@example.org>\nPrecedence: list\n\n"


def test_a_short_pitch_whose_only_newsletter_signs_are_list_headers_is_judged_cold() -> None:
    pitch = "Hello,\n\nWe help bakeries rank first on Google for the searches that bring buyers. Reply YES and I'll send a plan and our prices.\n\nBen\n"
    report = check((LIST_HEADERS + pitch).encode())
    assert report.profile == "cold" and report.verdict == "fail" and "PR013" in rules(report)
    assert report.extra["profile_reason"].endswith("only its list headers look like a newsletter")


@pytest.mark.parametrize(
    "body",
    [
        "Hello readers,\n\nThis month: three tips for planting leeks and a recipe for leek soup.\n",
        "Hi Ana,\n\n" + "The allotment society met on Sunday and chose the new beds by lot. " * 12,
    ],
)
def test_list_mail_that_reads_as_an_issue_or_runs_long_stays_a_newsletter(body: str) -> None:
    assert check((LIST_HEADERS + body).encode()).profile == "newsletter"


def test_a_sequence_step_that_quotes_only_its_own_last_mail_is_still_unprompted() -> None:
    own = (
        "Subject: Re: New menus for Harbour Kitchen?\n\nHi Dev,\n\nFollowing up on my note from last week. We're a design "
        "studio that helps restaurants sell more with better menus. Do you have 15 minutes on Tuesday?\n\nCheers,\n"
        "Olga Berg\n\nOn Mon, Olga Berg wrote:\n> Hi Dev, I came across Harbour Kitchen and loved the terrace.\n"
    )
    answered = own.replace("On Mon, Olga Berg wrote:", "On Mon, Dev Patel wrote:")
    assert "PR013" in rules(check(own)) and check(own).verdict == "fail"
    assert "PR013" not in rules(check(answered))


def test_a_plain_draft_whose_re_subject_heads_a_chaser_answers_nothing() -> None:
    # A plain draft has no reply headers: its "Re:" over "my previous email" is the sender's own thread.
    chaser = (
        "Subject: Re: Bookkeeping for Fernleaf Pottery\n\nChecking in on my previous email about our bookkeeping "
        "service. We can take the monthly accounts off your hands from next week, for a flat fee. Let me know if "
        "this is of interest.\n\nGus Adler\nTallyfold Accounts\n"
    )
    assert "PR013" in rules(check(chaser)) and check(chaser).verdict == "fail"
    # The same "Re:" over a body that chases nothing is a reply, as before.
    reply = chaser.replace("Checking in on my previous email about our bookkeeping service.", "Thanks, Ines.")
    assert "PR013" not in rules(check(reply))


@pytest.mark.parametrize("calendar", ["", " Here's my calendar: https://cal.example.org/jo"])
def test_a_meeting_of_a_given_length_asked_midway_is_an_ask_and_the_senders_calendar_gives_nothing(
    calendar: str,
) -> None:
    text = (
        "Hi Tom,\n\nI run a small studio that makes invoicing software for plumbers. It's a bit out of the blue, "
        f"but would you be up for a 20-minute call?{calendar}\n\nJo\n"
    )
    assert_fails_as_cold_pitch(text)
    assert "PR015" in rules(check(text))  # the calendar is no offer
    # A call already had is asked about, not asked for.
    assert "PR005" not in rules(check("Hi Tom,\n\nHow was the call with Ana on Friday? Did the plumbers like it?\n"))


def test_results_claimed_for_a_firm_like_the_readers_are_a_pitch() -> None:
    text = (
        "Hi Lena,\n\nThat's exactly what we do for accounting firms. We recently helped a firm similar to yours double "
        "its leads. Worth a chat next week?\n\nRyan\n"
    )
    assert_fails_as_cold_pitch(text)


def test_how_long_the_reader_has_done_their_job_is_no_reason_to_ask_a_favour() -> None:
    text = (
        "Hey!\n\nI want to move into data journalism. I saw that you've been doing it for years. Could I pick your "
        "brain over a call sometime?\n\nTia\n"
    )
    assert "PR014" in rules(check(text))


def test_a_two_line_recruiter_ping_on_the_greeting_line_fails_cold() -> None:
    assert_fails_as_cold_pitch("Hi, you looking? Have two strong Go contracts, 80-95k, hybrid in Leeds. Shout if so.\n\nMo\n")


@pytest.mark.parametrize(
    "text",
    [
        # Asks inside a longer question, with the typo they are often written with.
        "Hi Ola,\n\nI'm recruiting for a few platform roles at the moment with some great firms and wanted to see if "
        "your open to hearing about them? If not, would you know anyone who might be?\n\nDan\n",
        # The last step of a sequence, its product helping the reader's team.
        "Hi Greg,\n\nI've written a few times about how Ledgerline could help your finance team and haven't heard "
        "back. Should I close your file? Just reply with yes or no.\n\nJo\n",
    ],
)
def test_asks_inside_questions_and_a_products_help_fail_cold(text: str) -> None:
    report = check(text)
    assert "PR013" in rules(report) and report.verdict == "fail"
