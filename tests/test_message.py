"""Reading real inputs: text, Markdown, .eml (MIME), HTML, mbox, folders and
standard input; header facts; positions; bad input. All mail here is written
for these tests."""

from __future__ import annotations

import email
import hashlib
import os
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmcheck import Config, Linter, message
from warmcheck.cli import cli
from warmcheck.mail import Link
from warmcheck.message import Draft, InputError

ONLY_BL004 = Config(select=("BL004",), model="light")  # mass-mail phrasing: "touching base"


def finding_at(draft: Draft | Path | bytes, rule: str = "BL004") -> tuple[int, int, str]:
    report = Linter(ONLY_BL004).check(draft)
    found = [f for f in report.findings if f.rule == rule]
    assert found, report.findings
    return found[0].line, found[0].column, found[0].text


def eml(body: str, *, headers: str = "", ctype: str = "text/plain; charset=utf-8", cte: str = "7bit") -> bytes:
    head = (
        "From: Bo Berg <bo@sender.example>\nTo: Ana Lopez <ana@reader.example>\nSubject: The launch\n"
        "Date: Mon, 3 Mar 2025 10:00:00 +0000\nMessage-ID: <1@sender.example>\nMIME-Version: 1.0\n"
        f"{headers}Content-Type: {ctype}\nContent-Transfer-Encoding: {cte}\n\n"
    )
    return (head + body).encode("utf-8")


# Plain text and Markdown: positions are the file's own ------------------------------


def test_a_plain_text_finding_points_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Subject: The launch\n\nHi Ana,\n\nI am touching base about the launch.\n")
    assert finding_at(path) == (5, 6, "touching base")
    draft = message.read(path)
    assert draft.kind == "text" and draft.headers.subject == "The launch"
    assert draft.text == path.read_text()


def test_markdown_markup_is_blanked_and_positions_stay(tmp_path: Path) -> None:
    source = (
        "# Notes for Ana\n\nHi **Ana**,\n\n- I am *touching base* about [the deck](https://deck.example/x).\n"
        "- `pip install x` works\n\n> an old line\n\n![logo](logo.png)\n"
    )
    path = tmp_path / "draft.md"
    path.write_text(source)
    draft = message.read(path)
    assert draft.kind == "markdown"
    assert len(draft.text) == len(source)
    assert [i for i, c in enumerate(draft.text) if c == "\n"] == [i for i, c in enumerate(source) if c == "\n"]
    assert "**" not in draft.text and "https://" not in draft.text and "logo" not in draft.text
    assert "Hi   Ana  ," in draft.text and "the deck" in draft.text
    assert "an old line" in draft.scope_text("quoted")
    assert draft.facts.links == (Link("https://deck.example/x", "the deck"),)
    line, column, text = finding_at(path)
    assert (line, column, text) == (5, source.splitlines()[4].index("touching") + 1, "touching base")


def test_markdown_front_matter_is_not_read_as_the_message(tmp_path: Path) -> None:
    source = "---\ntitle: Notes for Ana\ndate: 2025-03-03\n---\nHi Ana,\n\nI am touching base about the launch.\n"
    path = tmp_path / "draft.md"
    path.write_text(source)
    draft = message.read(path)
    assert len(draft.text) == len(source) and "title" not in draft.text and "2025" not in draft.text
    assert draft.scope_text("greeting").strip() == "Hi Ana,"
    assert finding_at(path) == (7, len("I am ") + 1, "touching base")
    path.write_text("---\ntitle: only metadata\n---\n")
    assert not message.read(path).text.strip()


def test_markdown_keeps_suppression_comments(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("Hi Ana,\n\nJust touching base. <!-- warmcheck: disable=BL004 -->\n")
    assert "<!-- warmcheck: disable=BL004 -->" in message.read(path).text
    assert not [f for f in Linter(ONLY_BL004).check(path).findings if f.rule == "BL004"]


def test_directives_are_read_once_with_the_draft_and_the_text_keeps_them() -> None:
    text = "Hi Ana,\n\nJust touching base.  warmcheck: disable=BL004\n<!-- warmcheck: disable=SH001, hype -->\n\nBo\n"
    draft = message.read(text)
    assert [(s.refs, s.line) for s in draft.suppressions] == [(("BL004",), 3), (("SH001", "hype"), 6)]
    first = draft.suppressions[0]
    assert text[first.start : first.end] == "warmcheck: disable=BL004"
    assert draft.text == text  # blanked only for the rules, by the engine
    with pytest.raises(AttributeError):
        first.line = 1  # type: ignore[misc]


def test_what_one_check_learns_about_a_directive_stays_with_that_check() -> None:
    draft = message.read("Hi Ana,\n\nJust touching base.  warmcheck: disable=BL004\n")

    def unused(config: Config) -> list[str]:
        return [f.message for f in Linter(config).check(draft).findings if f.rule == "WC001"]

    assert unused(ONLY_BL004) == []  # it silenced "touching base"
    # Checked again without that rule: now the directive silences nothing, and says so.
    [only] = unused(Config(select=("BL001", "WC001"), model="light"))
    assert only.startswith("suppression of 'BL004' suppresses nothing")
    assert unused(ONLY_BL004) == []


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_crlf_and_old_mac_line_endings_keep_lines_and_columns(tmp_path: Path, eol: str, suffix: str) -> None:
    """A bare CR ends a line as editors show it; the text keeps the file's length."""
    source = "Hi Ana,\n\nQuick note: I am touching base about the launch.\n".replace("\n", eol)
    path = tmp_path / f"draft{suffix}"
    path.write_bytes(source.encode())
    assert finding_at(path) == (3, len("Quick note: I am ") + 1, "touching base")
    draft = message.read(path)
    assert len(draft.text) == len(source)
    assert draft.scope_text("greeting").strip() == "Hi Ana,"


def test_an_html_finding_points_into_the_extracted_text(tmp_path: Path) -> None:
    path = tmp_path / "draft.html"
    path.write_text("<html><body><p>Hi Ana,</p>\n<p>Quick <b>note</b>: I am <i>touching</i> base.</p>"
                    "<pre>  old\n  still touching base</pre></body></html>")  # fmt: skip
    report = Linter(ONLY_BL004).check(path)
    text = message.read(path).text.splitlines()
    positions = [(f.line, f.column) for f in report.findings if f.rule == "BL004"]
    assert positions[0] == (3, len("Quick note: I am ") + 1)
    for line, column in positions:
        assert text[line - 1][column - 1 :].startswith("touching base")


def test_a_draft_longer_than_the_engine_takes_is_an_input_error() -> None:
    with pytest.raises(InputError, match="too long"):
        message.read(b"Hi Ana,\n\n" + b"word " * 300_000)
    with pytest.raises(InputError, match="too long"):
        warmcheck_check("Hi Ana,\n\n" + "x" * 1_000_001)


def warmcheck_check(text: str) -> object:
    return Linter(ONLY_BL004).check(text)


# RFC 822 / MIME ---------------------------------------------------------------------

QP_BODY = (
    "Hi Ana,\n\nQuick note: I=E2=80=99m touching base about the launch you ran in Porto, sin=\n"
    "ce the slides looked great.\n\nBest,\nBo\n"
)


def test_an_eml_with_a_quoted_printable_body_is_decoded_and_positions_follow_it(tmp_path: Path) -> None:
    path = tmp_path / "draft.eml"
    path.write_bytes(eml(QP_BODY, cte="quoted-printable"))
    draft = message.read(path)
    assert draft.kind == "email"
    assert "I\u2019m touching base" in draft.text and "since the slides" in draft.text
    line, column, text = finding_at(path)
    assert text == "touching base"
    assert draft.text.splitlines()[line - 1][column - 1 :].startswith("touching base")
    assert (line, column) == (3, len("Quick note: I\u2019m ") + 1)


@pytest.mark.parametrize("outer", ["message/rfc822", "multipart/mixed; boundary=XX"])
def test_a_forward_with_no_note_of_its_own_says_what_it_holds(outer: str) -> None:
    inner = "From: x@example.org\nSubject: inner\n\nHi Ana, how was the trip to Lisbon?\n"
    body = inner if outer == "message/rfc822" else f"--XX\nContent-Type: message/rfc822\n\n{inner}--XX--\n"
    data = f"From: a@example.org\nTo: c@example.org\nSubject: Fwd: inner\nMIME-Version: 1.0\nContent-Type: {outer}\n\n{body}"
    with pytest.raises(InputError, match=r"no text part to check \(the message holds message/rfc822\)"):
        message.read(data.encode())


def test_header_facts() -> None:
    data = eml(
        "Hi Ana,\n\nHow did it go?\n",
        headers="Cc: c1@x.example, c2@x.example\nBcc: b@x.example\nIn-Reply-To: <0@reader.example>\n",
    ).replace(b"To: Ana Lopez <ana@reader.example>", b'To: "Lopez, Ana" <ana@reader.example>, z@x.example')
    h = message.read(data).headers
    assert (h.to, h.cc, h.bcc, h.recipients) == (2, 2, 1, 5)
    assert h.reader_name == "Ana Lopez" and h.reader_address == "ana@reader.example"
    assert h.sender_name == "Bo Berg" and h.sender_domain == "sender.example"
    assert h.is_reply and not h.undisclosed and h.subject == "The launch"


def test_undisclosed_recipients_re_subject_and_encoded_subject() -> None:
    data = eml("Hello,\n\nNews.\n").replace(b"To: Ana Lopez <ana@reader.example>", b"To: undisclosed-recipients:;")
    data = data.replace(b"Subject: The launch", b"Subject: =?utf-8?q?Re=3A_Caf=C3=A9_plans?=")
    h = message.read(data).headers
    assert h.undisclosed and h.to == 0 and h.reader_name is None
    assert h.subject == "Re: Caf\u00e9 plans" and h.is_reply


def test_raw_eight_bit_headers_are_read_as_utf8_else_latin1() -> None:
    utf8 = "From: Jos\u00e9 D\u00edaz <jose@sender.example>\nTo: Zo\u00eb <zoe@reader.example>\nSubject: R\u00e9f : Atelier\n\nHi\n"
    h = message.read(utf8.encode("utf-8")).headers
    assert (h.sender_name, h.reader_name, h.subject, h.is_reply) == ("Jos\u00e9 D\u00edaz", "Zo\u00eb", "R\u00e9f : Atelier", True)
    assert message.read(utf8.encode("latin-1")).headers.subject == "R\u00e9f : Atelier"


@pytest.mark.parametrize(
    ("to", "hidden"),
    [
        ("undisclosed-recipients:;", True),
        ("Undisclosed.Recipients@mail.sender.example", True),
        ("<Undisclosed.Recipients@sender.example>", True),
        ('"Undisclosed Recipients" <list@sender.example>', True),
        ("undisclosed_recipients@sender.example", True),
        ("UndisclosedRecipients:;", True),
        ("unlisted-recipients:; (no To-header on input)", True),
        ("Recipient list not shown:;", True),
        ("Ana Lopez <ana@reader.example>", False),
        ("Disclosed Recipients Club <club@reader.example>", False),
        ("recipients@undisclosed-location.example", False),
    ],
)
def test_every_spelling_of_hidden_recipients_is_read_and_ordinary_names_are_not(to: str, hidden: bool) -> None:
    data = eml("Hello,\n\nNews.\n").replace(b"To: Ana Lopez <ana@reader.example>", f"To: {to}".encode())
    assert message.read(data).headers.undisclosed is hidden


@pytest.mark.parametrize(
    ("subject", "reply", "forward"),
    [
        ("The launch", False, False),
        ("Re: The launch", True, False),
        ("RE[2]: The launch", True, False),
        ("AW: Messe", True, False),
        ("Réf : Atelier", True, False),
        ("RES: Feira", True, False),
        ("Antw: Beurs", True, False),
        ("Fwd: The launch", False, True),
        ("Re: Fw: The launch", True, True),
        ("WG: Messe", False, True),
        ("TR : Atelier", False, True),
        ("RV: Comida", False, True),
        ("ENC: Feira", False, True),
        ("Doorst: Beurs", False, True),
        ("Reunion of the class", False, False),
        ("Trip notes", False, False),
    ],
)
def test_reply_and_forward_subjects_in_each_language(subject: str, reply: bool, forward: bool) -> None:
    h = message.read(eml("Hi Ana,\n\nNotes below.\n").replace(b"Subject: The launch", f"Subject: {subject}".encode())).headers
    assert (h.is_reply, h.is_forward) == (reply, forward)


def test_list_mail_is_judged_as_a_newsletter_and_the_report_says_so() -> None:
    data = eml("Hello reader,\n\nThis month in the garden club.\n", headers="List-Unsubscribe: <mailto:u@club.example>\nPrecedence: bulk\n")
    draft = message.read(data)
    assert draft.headers.list_unsubscribe and draft.headers.precedence == "bulk"
    assert draft.suggested_profile == "newsletter"
    assert "a List-Unsubscribe header" in draft.facts.newsletter_signals
    report = Linter(Config(model="light")).check(draft)
    assert report.profile == "newsletter" and "newsletter" in report.extra["profile_reason"]


def multipart() -> bytes:
    msg = email.message.EmailMessage()
    msg["From"] = "Bo <bo@sender.example>"
    msg["To"] = "Ana <ana@reader.example>"
    msg["Subject"] = "Slides"
    msg.set_content("Hi Ana,\n\nThe slides from Porto are attached.\n")
    msg.add_alternative(
        '<p>Hi Ana,</p><p>The slides from <a href="https://porto.example/talk">Porto</a> are attached.</p>'
        '<img src="https://t.example/open.gif" width="1" height="1">',
        subtype="html",
    )
    msg.add_attachment(b"%PDF-1.4 not really" * 10, maintype="application", subtype="pdf", filename="slides.pdf")
    return msg.as_bytes()


def test_multipart_prefers_plain_keeps_html_facts_and_lists_attachments() -> None:
    draft = message.read(multipart())
    assert draft.text.startswith("Hi Ana,\n\nThe slides from Porto are attached.")
    assert "<p>" not in draft.text and draft.facts.body_format == "plain"
    assert draft.facts.links == (Link("https://porto.example/talk", "Porto"),)
    assert draft.facts.tracking_pixels == ("https://t.example/open.gif",)
    assert draft.attachments == (message.Attachment("slides.pdf", "application/pdf", 190, inline=False),)
    # Attachments are kept once, typed, on the draft: not again among the facts.
    assert not hasattr(draft.facts, "attachments")


def test_html_only_mail_is_converted_and_its_blockquote_is_quoted() -> None:
    html = (
        "<div>Hi Ana,</div><div><br></div><div>Yes, Friday works.</div>"
        '<div class="gmail_quote"><div>On Mon, Ana wrote:</div><blockquote><div>Does Friday work?</div></blockquote></div>'
    )
    draft = message.read(eml(html, ctype="text/html; charset=utf-8"))
    assert draft.facts.body_format == "html"
    assert draft.scope_text("greeting") == "Hi Ana,\n"
    assert "Yes, Friday works." in draft.scope_text("body")
    assert "Does Friday work?" in draft.scope_text("quoted") and "Does Friday" not in draft.scope_text("body")


def test_charsets_decode_and_bad_ones_warn() -> None:
    latin = eml("", ctype="text/plain; charset=iso-8859-1") + "Hi Ana,\n\nCaf\u00e9 at noon?\n".encode("latin-1")
    assert "Caf\u00e9 at noon?" in message.read(latin).text
    unknown = eml("Hi Ana,\n\nNoon?\n", ctype="text/plain; charset=x-made-up")
    draft = message.read(unknown)
    assert "Noon?" in draft.text and any("unknown charset 'x-made-up'" in w for w in draft.warnings)
    broken = eml("", ctype="text/plain; charset=utf-8") + b"Hi Ana,\n\nCaf\xe9 \xff at noon?\n"
    draft = message.read(broken)
    assert "at noon?" in draft.text and any("could not be decoded as utf-8" in w for w in draft.warnings)
    mislabelled = eml("", ctype="text/plain; charset=us-ascii") + "Caf\u00e9?\n".encode("utf-8")
    assert "Caf\u00e9?" in message.read(mislabelled).text


def test_an_old_style_message_object_is_read() -> None:
    msg = email.message_from_bytes(eml("Hi Ana,\n\nHow was Porto?\n"))  # compat32 policy
    draft = message.read(msg, name="m")
    assert draft.kind == "email" and "How was Porto?" in draft.scope_text("body")
    assert message.read(email.message_from_bytes(eml("x\n"), policy=policy.default)).headers.subject == "The launch"


# HTML files -------------------------------------------------------------------------


NEWSLETTER = """<!doctype html><html><head><title>Garden news</title><style>p {color: red}</style></head><body>
<p><a href="https://club.example/web/1">View this email in your browser</a></p>
<h1>Garden news</h1>
<p>Hello gardener,</p>
<p>This spring we are <b>touching base</b> with every member.<br>Seeds are in.</p>
<ul><li><a href="https://club.example/a">Seeds</a></li><li><a href="https://club.example/b">Tools</a></li>
<li><a href="https://club.example/c">Events</a></li></ul>
<p><a href="https://club.example/unsubscribe?u=1">Unsubscribe</a> | <a href="https://club.example/prefs">Preferences</a></p>
<img src="https://track.example/o.gif?u=1" width="1" height="1" alt="">
<script>document.write("no")</script>
</body></html>
"""


def test_an_html_file_keeps_blocks_as_lines_and_its_facts(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(NEWSLETTER)
    draft = message.read(path)
    assert draft.kind == "html"
    assert draft.text.splitlines()[:7] == [
        "View this email in your browser", "", "Garden news", "", "Hello gardener,", "",
        "This spring we are touching base with every member.",
    ]  # fmt: skip
    assert "document.write" not in draft.text and "color: red" not in draft.text
    facts = draft.facts
    assert facts.link_count == 6
    assert facts.unsubscribe_links == ("https://club.example/unsubscribe?u=1",)
    assert facts.view_in_browser_links == ("https://club.example/web/1",)
    assert facts.tracking_pixels == ("https://track.example/o.gif?u=1",)
    assert draft.suggested_profile == "newsletter"
    assert "View this email" in draft.scope_text("footer") and "Unsubscribe" in draft.scope_text("footer")
    assert finding_at(path) == (7, 20, "touching base")


def test_html_with_a_meta_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9?</p></body></html>'.encode("cp1252"))
    assert message.read(path).text == "Caf\u00e9?\n"


# Many drafts: mbox, folders, standard input ---------------------------------------------


def mbox(n: int) -> bytes:
    parts = []
    for i in range(1, n + 1):
        parts.append(
            f"From bo@sender.example Mon Mar  3 10:00:0{i} 2025\nFrom: bo@sender.example\nTo: ana{i}@reader.example\n"
            f"Subject: Note {i}\n\nHi Ana,\n\n>From the talk: question {i}?\n\n"
        )
    return "".join(parts).encode()


def test_an_mbox_is_read_message_by_message(tmp_path: Path) -> None:
    path = tmp_path / "sent.mbox"
    path.write_bytes(mbox(3))
    drafts = message.read_all(path)
    assert not isinstance(drafts, list)  # a generator: streamed
    drafts = list(drafts)
    assert [d.source for d in drafts] == [f"{path}#{i}" for i in (1, 2, 3)]
    assert [d.headers.subject for d in drafts] == ["Note 1", "Note 2", "Note 3"]
    assert "From the talk: question 2?" in drafts[1].text  # ">From" unescaped
    with pytest.raises(InputError, match="more than one draft"):
        message.read(path)


def test_a_folder_is_read_recursively_by_extension(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("Hi Ana,\n\nHow was Porto?\n")
    (tmp_path / "b" / "c.eml").write_bytes(eml("Hi Ana,\n\nHow was Lisbon?\n"))
    (tmp_path / "b" / "d.md").write_text("Hi **Ana**,\n\nHow was Faro?\n")
    (tmp_path / "b" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden" / "e.txt").write_text("secret\n")
    (tmp_path / "b" / "bad.txt").write_bytes(b"\xe9t\xe9 not utf-8 at all \x81")
    errors: list[str] = []
    drafts = list(message.read_all(tmp_path, on_error=lambda name, exc: errors.append(f"{name}: {exc}")))
    assert [Path(d.source).name for d in drafts] == ["a.txt", "c.eml", "d.md"]
    assert len(errors) == 1 and "bad.txt: not valid UTF-8" in errors[0]
    with pytest.raises(InputError, match=r"bad\.txt"):
        list(message.read_all(tmp_path))


def test_a_maildir_message_needs_no_extension(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "cur" / "1700000000.M1P1.host:2,S").write_bytes(eml("Hi Ana,\n\nHi.\n"))
    assert [d.kind for d in message.read_all(tmp_path)] == ["email"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (eml("Hi Ana,\n\nHow was Porto?\n"), "email"),
        (b"<!DOCTYPE html><html><body><p>Hi Ana,</p></body></html>", "html"),
        (b"Hi Ana,\n\nHow was Porto?\n", "text"),
        (b"Subject: Porto\n\nHi Ana,\n", "text"),  # one pseudo-header is a plain draft
    ],
)
def test_standard_input_is_told_by_content(data: bytes, kind: str) -> None:
    [draft] = message.read_all(data, name="<stdin>")
    assert draft.kind == kind and draft.source == "<stdin>"


def test_standard_input_may_be_an_mbox() -> None:
    assert len(list(message.read_all(mbox(2), name="<stdin>"))) == 2


def test_templates_go_to_the_template_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def from_template(text: str, source: str = "<string>") -> Draft:
        seen.append((text, source))
        return message.from_text(text, source)

    monkeypatch.setattr(message, "from_template", from_template)
    path = tmp_path / "invite.txt.j2"
    path.write_text("Hi {{ name }},\n")
    message.read(path)
    assert seen == [("Hi {{ name }},\n", str(path))]


# Bad input: one clear line, exit 2, never a traceback --------------------------------


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    cases = {
        "empty": ("empty.txt", b"  \n\n", "empty: no text to check"),
        "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
        "undecodable": ("latin.txt", "Caf\u00e9 at noon?\n".encode("latin-1"), "not valid UTF-8 (byte 3)"),
        "malformed MIME": (
            "broken.eml",
            b"From: a@x.example\nTo: b@x.example\nSubject: x\nMIME-Version: 1.0\n"
            b'Content-Type: multipart/mixed; boundary="nowhere"\n\nno parts here at all\n',
            "malformed MIME",
        ),
        "not mail": ("notes.eml", b"just some words\n", "not an RFC 822 message"),
        "only attachments": (
            "att.eml",
            b"From: a@x.example\nTo: b@x.example\nSubject: x\nContent-Type: application/pdf\n\n%PDF\n",
            "no text part to check (the message holds application/pdf)",
        ),
        "empty mbox": ("empty.mbox", b"", "empty"),
    }
    out = {}
    for key, (name, data, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[key] = (path, expected)
    out["missing file"] = (tmp_path / "nowhere.txt", "no such file")
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "empty-folder" / "readme.pdf").write_bytes(b"%PDF")
    out["folder with no drafts"] = (tmp_path / "empty-folder", "no drafts in this folder")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # 50 MB, sparse: nothing is written to disk
        fh.truncate(50 * 1024 * 1024)
    out["50 MB file"] = (huge, "larger than the size limit (52,428,800 bytes; max_bytes is 10,000,000)")
    return out


BAD = ["empty", "binary", "undecodable", "malformed MIME", "not mail", "only attachments", "empty mbox",
       "missing file", "folder with no drafts", "50 MB file"]  # fmt: skip


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_one_clear_error(tmp_path: Path, case: str) -> None:
    path, expected = bad_inputs(tmp_path)[case]
    with pytest.raises(InputError) as caught:
        list(message.read_all(path))
    assert expected in str(caught.value)
    result = CliRunner().invoke(cli, [str(path)])
    assert result.exit_code == 2
    assert result.output == f"warmcheck: {path}: {caught.value}\n"
    assert "Traceback" not in result.output


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Hi Ana,\n\n" + "How was Porto? " * 20 + "\n")
    with pytest.raises(InputError, match="max_bytes is 100"):
        message.read(path, max_bytes=100)
    with pytest.raises(InputError, match="max_bytes is 100"):
        message.read(path.read_bytes(), max_bytes=100)
    (tmp_path / "warmcheck.toml").write_text("max_bytes = 100\n")
    result = CliRunner().invoke(cli, [str(path)])
    assert result.exit_code == 2 and "max_bytes is 100" in result.output


def test_a_bad_draft_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hi Ana,\n\nHow was Porto?\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.txt").write_text("Hi Bo,\n\nHow was Faro?\n")
    result = CliRunner().invoke(cli, [str(tmp_path), "--select", "BL001"])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert sum(1 for line in lines if "warmth" in line) == 2
    assert f"warmcheck: {tmp_path / 'b.txt'}: binary data, not a mail draft" in lines


def test_a_readable_draft_with_problems_warns_in_the_report() -> None:
    data = eml("Hi Ana,\n\nNoon?\n", ctype="text/plain; charset=x-made-up")
    report = Linter(Config(model="light")).check(message.read(data))
    assert any("unknown charset" in w for w in report.warnings)


def test_reading_never_changes_a_file(tmp_path: Path) -> None:
    paths = []
    for name, data in (("a.eml", eml(QP_BODY, cte="quoted-printable")), ("b.html", NEWSLETTER.encode()),
                       ("c.md", b"Hi **Ana**,\r\n\r\nHow was Porto?\r\n"), ("d.mbox", mbox(2))):  # fmt: skip
        path = tmp_path / name
        path.write_bytes(data)
        os.utime(path, (1_000_000_000, 1_000_000_000))
        paths.append((path, hashlib.sha256(data).hexdigest()))
    CliRunner().invoke(cli, [str(tmp_path)])
    list(message.read_all(tmp_path))
    for path, digest in paths:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        assert path.stat().st_mtime == 1_000_000_000


# --show-text ----------------------------------------------------------------------------


def test_show_text_prints_each_line_with_its_scope(tmp_path: Path) -> None:
    path = tmp_path / "reply.eml"
    path.write_bytes(eml("Hi Ana,\n\nFriday works.\n\nBest,\nBo\n\nOn Mon, Ana wrote:\n> Does Friday work?\n"))
    result = CliRunner().invoke(cli, ["check", "--show-text", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert out[0] == f"== {path} (email) =="
    assert "subject: The launch" in out
    assert any(line.startswith("to 1, cc 0, bcc 0; reader: Ana Lopez <ana@reader.example>") for line in out)
    body = [line for line in out if "|" in line]
    assert body == [
        "1 greeting     | Hi Ana,",
        "2 body         | ",
        "3 body         | Friday works.",
        "4 body         | ",
        "5 signoff      | Best,",
        "6 signature    | Bo",
        "7 signature    | ",
        "8 quoted       | On Mon, Ana wrote:",
        "9 quoted       | > Does Friday work?",
    ]
    assert "warmth" not in result.output


def test_a_markdown_draft_that_opens_with_a_rule_is_not_front_matter() -> None:
    source = "---\nHi Ana,\n\nHow was the launch?\n---\nBo\n"
    assert "How was the launch?" in message.from_markdown(source).text


def test_a_plain_drafts_own_to_line_names_the_reader() -> None:
    draft = message.read("To: \"Lima, Ana\" <ana@example.org>\nSubject: The plan\n\nHi,\n\nThe plan is ready.\n")
    assert (draft.headers.reader_name, draft.headers.reader_address) == ("Ana Lima", "ana@example.org")
    assert message.read("Hi Ana,\n\nThe plan is ready.\n").headers.reader_name is None
