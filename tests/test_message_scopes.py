"""Scope detection: which lines the sender writes now, and which not.

Each case is a small draft written for this test, and the words that must
land in each scope. ``not_body`` lists words that must stay out of the body.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmcheck import core, message
from warmcheck.mail import markdown, scopes, suppress

CASES = {
    "greeting, sign-off, signature": (
        "Hi Ana,\n\nHow did the launch go?\n\nBest,\nBo Berg\nHead of Tea | +44 20 7946 0000\n",
        {"greeting": ["Hi Ana,"], "body": ["launch"], "signoff": ["Best,"], "signature": ["Bo Berg", "+44"]},
        [],
    ),
    "greeting with text after it": (
        "Hi Ana, great to meet you at the fair.\n",
        {"greeting": ["Hi Ana,"], "body": ["great to meet you"]},
        ["Hi Ana"],
    ),
    "sig delimiter": (
        "Ana,\n\nFriday works.\n\n-- \nBo\nwww.bo.example\n",
        {"greeting": ["Ana,"], "body": ["Friday works."], "signature": ["-- ", "www.bo.example"]},
        [],
    ),
    "sent from my phone": (
        "Yes, Friday.\n\nSent from my iPhone\n",
        {"body": ["Yes, Friday."], "signature": ["Sent from my iPhone"]},
        ["iPhone"],
    ),
    "name alone at the end": (
        "Can we move it to Friday?\n\nVince\n",
        {"body": ["Friday"], "signature": ["Vince"]},
        [],
    ),
    "a thanks that is not a sign-off": (
        "Thanks!\n\nAlso, could you send the notes from the panel about river maps, and the list of speakers "
        "you liked best, when you have a moment to look for them?\n\nBo\n",
        {"body": ["Thanks!", "river maps"]},
        [],
    ),
    "> quoted reply with intro, answer below": (
        "On Tue, 4 Mar 2025 at 09:12, Ana Lopez <ana@reader.example> wrote:\n> Does Friday work?\n> Or Monday?\n\n"
        "Friday works.\n",
        {"quoted": ["On Tue", "Does Friday work?", "Or Monday?"], "body": ["Friday works."]},
        ["Does Friday", "wrote"],
    ),
    "wrapped intro, top-posted": (
        "Friday works.\n\nOn Tue, 4 Mar 2025 at 09:12, Ana Lopez <ana@reader.example>\nwrote:\n\nDoes Friday work?\n",
        {"body": ["Friday works."], "quoted": ["wrote:", "Does Friday work?"]},
        ["Does Friday"],
    ),
    "other languages": (
        "Gerne.\n\nAm 4. März 2025 um 09:12 schrieb Ana Lopez <ana@reader.example>:\nPasst Freitag?\n",
        {"body": ["Gerne."], "quoted": ["schrieb", "Passt Freitag?"]},
        ["Passt"],
    ),
    "Outlook original message": (
        "See you there.\n\n-----Original Message-----\nFrom: Ana Lopez\nSent: Tuesday, March 4, 2025 9:12 AM\n"
        "To: Bo Berg\nSubject: Fair\n\nAre you coming?\n",
        {"body": ["See you there."], "quoted": ["Original Message", "Sent:", "Are you coming?"]},
        ["coming"],
    ),
    "Outlook header block after a rule": (
        "See you there.\n\n________________________________\nFrom: Ana Lopez <ana@reader.example>\n"
        "Sent: Tuesday, March 4, 2025 9:12 AM\nSubject: Fair\n\nAre you coming?\n",
        {"body": ["See you there."], "quoted": ["From: Ana", "Are you coming?"]},
        ["coming"],
    ),
    "Lotus Notes header block": (
        "Agreed, go ahead.\n\n\n\n\tAna Lopez@NORTH\n\t03/04/2001 09:12 AM\n\t\t \n\t\t To: Bo Berg/SOUTH@SOUTH\n"
        "\t\t cc: \n\t\t Subject: Fair budget\n\nShall I book the stand?\n",
        {"body": ["Agreed, go ahead."], "quoted": ["Ana Lopez@NORTH", "Subject: Fair budget", "book the stand"]},
        ["Ana Lopez", "book"],
    ),
    "Lotus Notes forward": (
        "FYI, the fair plan.\n---------------------- Forwarded by Bo Berg/SOUTH on 03/04/2001 09:12 AM "
        "---------------------------\n\nThe stand is booked.\n",
        {"body": ["FYI, the fair plan."], "quoted": ["Forwarded by", "The stand is booked."]},
        ["stand"],
    ),
    "forwarded message": (
        "Thought you would like this.\n\n---------- Forwarded message ---------\nFrom: Cy <cy@x.example>\n"
        "Date: Tue, 4 Mar 2025\nSubject: Maps\n\nNew river maps are out.\n",
        {"body": ["Thought you would like this."], "quoted": ["Forwarded message", "river maps"]},
        ["river"],
    ),
    "begin forwarded message": (
        "For you.\n\nBegin forwarded message:\n\nFrom: Cy <cy@x.example>\nSubject: Maps\n\nMaps are out.\n",
        {"body": ["For you."], "quoted": ["Begin forwarded", "Maps are out."]},
        ["Maps are out"],
    ),
    "legal footer": (
        "Hi Ana,\n\nThe contract is attached.\n\nBest,\nBo\n\nThis email and any attachments are confidential and "
        "intended solely for the addressee. If you are not the intended recipient, delete it.\n",
        {"body": ["contract"], "footer": ["intended recipient"]},
        ["confidential"],
    ),
    "unsubscribe footer and view in browser": (
        "View this email in your browser\n\nHello reader,\n\nThe garden opens in May.\n\nYou are receiving this "
        "because you joined the club.\nTo unsubscribe, click on:\n\nhttps://club.example/u\n",
        {"footer": ["View this email", "You are receiving this", "https://club.example/u"], "greeting": ["Hello reader,"]},
        ["unsubscribe", "browser"],
    ),
    "event details are not a forwarded header": (
        "Hi Ana,\n\nThe workshop:\nDate: 4 March\nFrom: 6pm\nTo: 8pm\n\nWill you come?\n",
        {"body": ["Date: 4 March", "From: 6pm", "Will you come?"]},
        [],
    ),
    "a memo header that opens the draft is the memo's own": (
        "Date: 4/3/25\nTo: Board\nFrom: Bo\nRE: Budget\n\nThe budget is approved.\n",
        {"body": ["The budget is approved."]},
        [],
    ),
    "a plain draft's subject line": (
        "Subject: Lunch?\n\nHi Ana,\n\nLunch on Friday?\n",
        {"greeting": ["Hi Ana,"], "body": ["Lunch on Friday?"]},
        ["Subject"],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_scope_detection(name: str) -> None:
    text, expected, not_body = CASES[name]
    draft = message.from_text(text, name)
    for scope, pieces in expected.items():
        got = draft.scope_text(scope)
        for piece in pieces:
            assert piece in got, f"{name}: {piece!r} not in {scope}: {got!r}\n{draft.segments}"
    body = draft.scope_text("body")
    for piece in not_body:
        assert piece not in body, f"{name}: {piece!r} is in the body: {body!r}"


#: French, Spanish, German, Portuguese and Dutch mail, read as English mail is.
OTHER_LANGUAGES = {
    "French greeting, sign-off and name": (
        "Bonjour Marie,\n\nMerci pour la visite de l'atelier jeudi.\n\nBien à toi,\nMarie\n",
        {"greeting": ["Bonjour Marie,"], "body": ["atelier"], "signoff": ["Bien à toi,"], "signature": ["Marie"]},
        ["Bien à toi", "Bonjour"],
    ),
    "Spanish greeting and sign-off": (
        "Hola Pedro,\n\n¿Te viene bien el martes para ver los planos?\n\nUn abrazo,\nLucía Gómez\n",
        {"greeting": ["Hola Pedro,"], "signoff": ["Un abrazo,"], "signature": ["Lucía Gómez"]},
        ["abrazo", "Lucía"],
    ),
    "German greeting and sign-off": (
        "Hallo Jan,\n\nder Stand ist für Freitag gebucht.\n\nViele Grüße,\nAnke\n",
        {"greeting": ["Hallo Jan,"], "body": ["Freitag"], "signoff": ["Viele Grüße,"], "signature": ["Anke"]},
        ["Grüße", "Anke"],
    ),
    "German formal sign-off spelled without umlaut": (
        "Sehr geehrte Frau Weber,\n\nanbei das Angebot.\n\nMit freundlichen Gruessen\nKarl Brandt\n",
        {"greeting": ["Sehr geehrte Frau Weber,"], "signoff": ["Gruessen"], "signature": ["Karl Brandt"]},
        ["Gruessen"],
    ),
    "Portuguese greeting and sign-off": (
        "Olá Rita,\n\nGostei muito da conversa sobre o projeto do rio.\n\nAbraços,\nJoão\n",
        {"greeting": ["Olá Rita,"], "body": ["projeto"], "signoff": ["Abraços,"], "signature": ["João"]},
        ["Abraços"],
    ),
    "Dutch greeting and sign-off": (
        "Beste Sanne,\n\nKun je donderdag langskomen?\n\nMet vriendelijke groet,\nPieter\n",
        {"greeting": ["Beste Sanne,"], "signoff": ["Met vriendelijke groet,"], "signature": ["Pieter"]},
        ["groet", "Pieter"],
    ),
    "a family name that starts like a sign-off is a signature": (
        "Can we meet on Friday?\n\nMercier\n",
        {"body": ["Friday"], "signature": ["Mercier"]},
        ["Mercier"],
    ),
    "French Gmail reply intro": (
        "Parfait, à jeudi.\n\nLe mar. 4 mars 2025 à 09:12, Marie Dubois <marie@reader.example> a écrit :\n"
        "> On se voit jeudi ?\n",
        {"body": ["Parfait"], "quoted": ["a écrit", "On se voit"]},
        ["écrit", "On se voit"],
    ),
    "Portuguese reply intro, wrapped": (
        "Combinado.\n\nEm ter., 4 de mar. de 2025 às 09:12, Rita Lima <rita@reader.example>\nescreveu:\n\n"
        "Podemos falar amanhã?\n",
        {"body": ["Combinado."], "quoted": ["escreveu", "Podemos falar"]},
        ["Podemos"],
    ),
    "Dutch Outlook header block": (
        "Zie hieronder.\n\n________________________________\nVan: Sanne de Vries <sanne@reader.example>\n"
        "Verzonden: dinsdag 4 maart 2025 09:12\nAan: Pieter\nOnderwerp: Beurs\n\nKom je ook?\n",
        {"body": ["Zie hieronder."], "quoted": ["Van: Sanne", "Onderwerp", "Kom je ook?"]},
        ["Kom je"],
    ),
    "Portuguese Outlook header block without a rule": (
        "Segue abaixo.\n\nDe: Rita Lima\nEnviado: terça-feira, 4 de março de 2025 09:12\nPara: João\n"
        "Assunto: Feira\n\nVais à feira?\n",
        {"body": ["Segue abaixo."], "quoted": ["Assunto: Feira", "Vais à feira?"]},
        ["feira?"],
    ),
    "Spanish forwarded message": (
        "Mira esto.\n\n---------- Mensaje reenviado ---------\nDe: Cy <cy@x.example>\nAsunto: Mapas\n\n"
        "Ya salieron los mapas.\n",
        {"body": ["Mira esto."], "quoted": ["Mensaje reenviado", "los mapas"]},
        ["mapas"],
    ),
    "Dutch Apple Mail forward": (
        "Voor jou.\n\nBegin doorgestuurd bericht:\n\nVan: Cy <cy@x.example>\nOnderwerp: Kaarten\n\nDe kaarten zijn er.\n",
        {"body": ["Voor jou."], "quoted": ["doorgestuurd", "De kaarten zijn er."]},
        ["kaarten"],
    ),
    "German phone signature": (
        "Passt, bis Freitag.\n\nVon meinem iPhone gesendet\n",
        {"body": ["Passt"], "signature": ["Von meinem iPhone gesendet"]},
        ["iPhone"],
    ),
    "French unsubscribe footer": (
        "Bonjour à tous,\n\nLe jardin ouvre en mai.\n\nPour vous désabonner, cliquez ici.\n",
        {"greeting": ["Bonjour à tous,"], "body": ["jardin"], "footer": ["désabonner"]},
        ["désabonner"],
    ),
    "Spanish unsubscribe footer": (
        "Hola a todos,\n\nEl huerto abre en mayo.\n\nSi quieres darte de baja, responde BAJA.\n",
        {"body": ["huerto"], "footer": ["darte de baja"]},
        ["baja"],
    ),
    "a French plain draft's subject line": (
        "Objet : Déjeuner ?\n\nBonjour Marie,\n\nOn déjeune vendredi ?\n",
        {"greeting": ["Bonjour Marie,"], "body": ["vendredi"]},
        ["Objet", "Déjeuner"],
    ),
    "a Spanish plain draft's subject line": (
        "Asunto: Comida\n\nHola Ana,\n\n¿Comemos el viernes?\n",
        {"greeting": ["Hola Ana,"], "body": ["viernes"]},
        ["Asunto", "Comida"],
    ),
}


@pytest.mark.parametrize("name", list(OTHER_LANGUAGES))
def test_scope_detection_in_other_languages(name: str) -> None:
    text, expected, not_body = OTHER_LANGUAGES[name]
    draft = message.from_text(text, name)
    for scope, pieces in expected.items():
        got = draft.scope_text(scope)
        for piece in pieces:
            assert piece in got, f"{name}: {piece!r} not in {scope}: {got!r}\n{draft.segments}"
    body = draft.scope_text("body")
    for piece in not_body:
        assert piece not in body, f"{name}: {piece!r} is in the body: {body!r}"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Objet : Déjeuner vendredi ?\n\nBonjour Marie,\n", "Déjeuner vendredi ?"),
        ("Asunto: Comida\n\nHola Ana,\n", "Comida"),
        ("Betreff: Messe\n\nHallo Jan,\n", "Messe"),
        ("Assunto: Feira\n\nOlá Rita,\n", "Feira"),
        ("Onderwerp: Beurs\n\nBeste Sanne,\n", "Beurs"),
        ("À : Marie Dubois <marie@reader.example>\nObjet : Atelier\n\nBonjour Marie,\n", "Atelier"),
    ],
)
def test_subject_line_of_a_plain_draft_in_other_languages(text: str, subject: str) -> None:
    assert message.from_text(text).headers.subject == subject


def test_a_french_to_line_names_the_reader() -> None:
    draft = message.from_text("À : Marie Dubois <marie@reader.example>\nObjet : Atelier\n\nBonjour Marie,\n")
    assert (draft.headers.reader_name, draft.headers.reader_address) == ("Marie Dubois", "marie@reader.example")


def test_subject_of_a_plain_draft() -> None:
    assert message.from_text("Subject: Lunch?\n\nHi Ana,\n").headers.subject == "Lunch?"
    assert message.from_text("Hi Ana,\n\nSubject: the maps\n").headers.subject is None


@given(st.lists(st.sampled_from([*list("ab >-_:\n\t\r@/1OnwroteFm,"), "Hi ", "Best,", "-- ", "Subject: "]), max_size=120).map("".join))
def test_segments_cover_the_text_in_order_without_overlap(text: str) -> None:
    ranges, _ = scopes.segment(text, find_subject=True)
    last = 0
    for scope, start, end in ranges:
        assert scope in core.SCOPES
        assert last <= start < end <= len(text)
        last = end


@given(st.lists(st.sampled_from([*list("ab*_`#>[]()!<>-|&;\\\n 1."), "&amp;", "<!-- x -->", "```"]), max_size=100).map("".join))
def test_markdown_text_keeps_length_and_line_breaks(source: str) -> None:
    text = markdown.to_text(source).text
    assert len(text) == len(source)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(source) if c == "\n"]


@given(st.lists(st.sampled_from(["a", " ", "\n", "\r", "warmcheck: disable=BL001", "<!-- warmcheck: disable=x,y -->", "Hi,"]), max_size=40).map("".join))
def test_directives_are_blanked_in_place_and_point_at_a_line(text: str) -> None:
    blanked, found = suppress.extract(text)
    assert len(blanked) == len(text)
    assert [i for i, c in enumerate(blanked) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    assert len(found) == sum(1 for line in text.splitlines() if "warmcheck:" in line)  # one a line
    for sup in found:
        assert "warmcheck:" in text[sup.start : sup.end] and not blanked[sup.start : sup.end].strip()
        assert 1 <= sup.line <= len(text.splitlines())
