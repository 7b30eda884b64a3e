"""What spaCy reads of a draft: only the judged scopes, long runs cut, long
texts in pieces, inside a memory zone; positions always the draft's own."""

from __future__ import annotations

import importlib.util

import pytest

import warmcheck
from warmcheck import nlp

LIGHT = warmcheck.Config(model="light")
MODEL = next((m for m in nlp.FULL_MODELS if importlib.util.find_spec(m)), None)
needs_model = pytest.mark.skipif(MODEL is None, reason="no spaCy model installed")


def test_judged_text_blanks_all_but_the_ranges_and_keeps_every_offset() -> None:
    text = "Hi Ana,\n\nThe plan holds.\n\n> Old quoted line\n> and another\n"
    judged = nlp.judged_text(text, [(0, 25)])
    assert len(judged) == len(text)
    assert judged[:25] == text[:25]
    assert judged[25:].strip() == "" and judged.count("\n") == text.count("\n")


def test_a_long_run_without_white_space_is_cut_for_the_tokenizer() -> None:
    text = "x" * 200 + " done"
    judged = nlp.judged_text(text, [(0, len(text))])
    assert len(judged) == len(text)
    assert max(len(part) for part in judged.split()) <= nlp.RUN
    assert judged.endswith(" done")


def test_a_long_text_is_parsed_in_pieces_and_joined_whole() -> None:
    # The light pipeline reads texts whole; a model engine cuts them in pieces.
    engine = nlp.Engine("pieces", nlp.load("light").nlp, nlp.PIECE)
    paragraph = "The garden club met on the pier and talked about leeks. " * 12
    text = "\n\n".join([paragraph] * 60)
    assert len(text) > 5 * nlp.PIECE
    [doc] = engine.parse([text])
    assert doc.text == text
    # A paragraph break inside the text still starts a sentence.
    assert any(s.start_char == len(paragraph) + 2 for s in doc.sents)


def test_quoted_history_is_not_parsed_but_findings_keep_the_files_positions() -> None:
    draft = (
        "Hi Ana,\n\nI hope this email finds you well.\n\n"
        "On Tue, Ana wrote:\n> I hope this email finds you well, said the spam.\n"
    )
    report = warmcheck.check(draft, config=LIGHT)
    stock = [f for f in report.findings if f.rule == "BL004"]
    assert [(f.line, f.column, f.text) for f in stock] == [(3, 1, "I hope this email finds you")]


def test_a_run_of_punctuation_is_checked_and_positions_hold() -> None:
    draft = "Hi Ana,\n\nHow was the fair" + "!" * 20_000 + "\n"
    report = warmcheck.check(draft, config=LIGHT)
    assert report.metrics["words"] > 0
    for finding in report.findings:
        if finding.line:
            assert draft.splitlines()[finding.line - 1][finding.column - 1 :].startswith(finding.text.split("\n")[0][:20])


def test_the_string_store_stays_flat_over_many_drafts() -> None:
    linter = warmcheck.Linter(LIGHT)
    strings = linter.engine.nlp.vocab.strings
    list(linter.check_many([f"Hi Ana,\n\nYour parcel Q{i:06x}z ships with Blorb{i}.\n" for i in range(50)]))
    before = len(strings)
    list(linter.check_many([f"Hi Ana,\n\nYour parcel K{i:06x}w ships with Zumb{i}.\n" for i in range(500)]))
    assert len(strings) - before < 10


@needs_model
def test_the_entity_recogniser_runs_only_when_asked_and_keeps_the_drafts_positions() -> None:
    assert MODEL is not None
    engine = nlp.load(MODEL)
    text = "Hi Ana,\n\nThe parcel left on Monday. Maria Lopez signs for it in Lisbon.\n"
    [doc] = engine.parse([text])
    assert not doc.has_annotation("ENT_IOB")
    start = next(s.start for s in doc.sents if s.text.startswith("Maria"))
    found = {(label, text[a:b]) for label, a, b in engine.entities(doc, start, len(doc))}
    assert {("PERSON", "Maria Lopez"), ("GPE", "Lisbon")} <= found
    assert "Monday" not in {text[a:b] for _, a, b in engine.entities(doc, start, len(doc))}
    assert nlp.load("light").entities(doc, 0, len(doc)) == []


@needs_model
def test_a_detail_far_down_a_long_body_is_found_by_the_model() -> None:
    vague = "It was really good to talk with you and hear about the plans your team has for the work ahead. " * 8
    config = warmcheck.Config(model=MODEL or "")

    def no_detail(draft: str) -> bool:
        return any(f.rule == "PR003" for f in warmcheck.check(draft, config=config).findings)

    assert no_detail(f"Hi there,\n\n{vague}\n")
    assert not no_detail(f"Hi there,\n\n{vague}\n\nSee you at the harbour fair in Porto on 3 May.\n")


@needs_model
def test_the_model_tags_and_parses_as_spacy_loads_it() -> None:
    import spacy

    assert MODEL is not None
    engine = nlp.load(MODEL)
    stock = spacy.load(MODEL, disable=["ner"])
    stock.add_pipe("warmcheck_blank_lines", before="parser")
    text = (
        "Hi Ana,\n\nI ain't sure we'd all make it, but y'all should come: the ferry leaves at 9am.\n\n"
        "Nothin' beats the harbour fair. Could you send me those two maps that Leo drew? Let's meet there.\n"
    )
    [ours] = engine.parse([text])
    theirs = stock(text)
    for attr in ("tag_", "pos_", "morph", "lemma_", "dep_", "head.i", "is_sent_start"):
        assert [_attr(t, attr) for t in ours] == [_attr(t, attr) for t in theirs], attr


def _attr(token: object, name: str) -> object:
    for part in name.split("."):
        token = getattr(token, part)
    return str(token)
