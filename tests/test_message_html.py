"""HTML mail: what is quoted history and what the sender wrote. Each client's
reply is written here in the markup that client produces (small mails of our
own); a blockquote that only lays a message out is the sender's text."""

from __future__ import annotations

import pytest

from warmcheck import Config, Linter, message
from warmcheck.mail import html

OWN = "Yes, Friday works for me."
EARLIER = "Does Friday suit you for the tasting?"


def eml(body: str) -> bytes:
    head = (
        "From: Bo Berg <bo@sender.example>\nTo: Ana Lopez <ana@reader.example>\nSubject: Friday\n"
        "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
    )
    return (head + body).encode("utf-8")


REPLIES = {
    "thunderbird": (
        f"<p>{OWN}</p><div class=\"moz-cite-prefix\">On 3/3/25 10:00, Ana Lopez wrote:<br></div>"
        f'<blockquote type="cite" cite="mid:1@reader.example">{EARLIER}</blockquote>'
    ),
    "apple-mail": (
        f'<div>{OWN}</div><div><br><blockquote type="cite"><div>On 3 Mar 2025, at 10:00, Ana Lopez '
        f'&lt;ana@reader.example&gt; wrote:</div><br class="Apple-interchange-newline"><div>{EARLIER}</div>'
        "</blockquote></div>"
    ),
    "gmail": (
        f'<div dir="ltr">{OWN}</div><br><div class="gmail_quote gmail_quote_container">'
        '<div dir="ltr" class="gmail_attr">On Mon, 3 Mar 2025 at 10:00, Ana Lopez &lt;<a '
        'href="mailto:ana@reader.example">ana@reader.example</a>&gt; wrote:<br></div>'
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
        f'rgb(204,204,204);padding-left:1ex"><div>{EARLIER}</div></blockquote></div>'
    ),
    "outlook-web": (
        f'<div>{OWN}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%">'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>From:</b> Ana Lopez '
        "&lt;ana@reader.example&gt;<br><b>Sent:</b> Monday, March 3, 2025 10:00 AM<br><b>To:</b> Bo Berg<br>"
        f"<b>Subject:</b> Friday</font><div>&nbsp;</div></div><div>{EARLIER}</div>"
    ),
    "outlook-desktop": (
        f'<div class="WordSection1"><p class="MsoNormal">{OWN}</p><p class="MsoNormal">&nbsp;</p><div>'
        "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=\"MsoNormal\">"
        "<b>From:</b> Ana Lopez &lt;ana@reader.example&gt;<br><b>Sent:</b> Monday, 3 March 2025 10:00<br>"
        f'<b>To:</b> Bo Berg<br><b>Subject:</b> Friday</p></div></div><p class="MsoNormal">{EARLIER}</p></div>'
    ),
    "outlook-express": (
        f'<DIV>{OWN}</DIV><BLOCKQUOTE dir=ltr style="PADDING-LEFT: 5px; MARGIN-LEFT: 5px; BORDER-LEFT: #000000 2px '
        'solid"><DIV style="FONT: 10pt arial">----- Original Message ----- </DIV><DIV style="FONT: 10pt arial">'
        f"<B>From:</B> Ana Lopez</DIV><DIV><BR></DIV><DIV>{EARLIER}</DIV></BLOCKQUOTE>"
    ),
    "attribution-before-a-bare-blockquote": f"<p>{OWN}</p><p>Ana Lopez wrote:</p><blockquote>{EARLIER}</blockquote>",
    "german-attribution": f"<p>{OWN}</p><p>Am 3. März 2025 um 10:00 schrieb Ana Lopez:</p><blockquote>{EARLIER}</blockquote>",
}


@pytest.mark.parametrize("client", sorted(REPLIES))
def test_the_quoted_history_of_each_clients_reply_is_not_the_senders_text(client: str) -> None:
    draft = message.read(eml(REPLIES[client]))
    assert OWN in draft.scope_text("body")
    assert EARLIER in draft.scope_text("quoted") and EARLIER not in draft.scope_text("body")


LAYOUTS = {
    # A whole offer indented with blockquotes, one inside another, as old
    # spam and newsletters are laid out.
    "nested-layout": (
        '<table><tr><td><font color="#ffffff">x</font><blockquote><b>Lower your rate today!</b><br><br>'
        "We are touching base with every owner.<blockquote><ul><li>Second loan<li>Debt help</ul></blockquote>"
        "<p>Click here</p></blockquote></td></tr></table>"
    ),
    # Gmail's "indent more" button: a blockquote with no border and no mark.
    "gmail-indent": (
        '<div>Hi Ana,</div><blockquote style="margin:0 0 0 40px;border:none;padding:0px"><div>We are touching base '
        "about the three points.</div></blockquote><div>See you,</div>"
    ),
    # A quotation the sender chose, with no one's "wrote:" above it.
    "chosen-quotation": "<p>The line I keep thinking of:</p><blockquote>We are touching base, as ever.</blockquote>",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_blockquote_that_only_lays_the_mail_out_is_the_senders_text_and_is_judged(layout: str) -> None:
    draft = message.read(eml(LAYOUTS[layout]))
    assert "touching base" in draft.scope_text("body") and draft.scope_text("quoted") == ""
    report = Linter(Config(select=("BL004",), model="light")).check(draft)
    assert [f.text for f in report.findings] == ["touching base"]


def test_a_layout_blockquote_inside_a_reply_stays_quoted_with_the_history() -> None:
    markup = (
        f'<p>{OWN}</p><div class="moz-cite-prefix">Ana Lopez wrote:</div><blockquote type="cite">'
        f"<blockquote>{EARLIER}</blockquote><p>Thanks!</p></blockquote>"
    )
    text = html.to_text(markup)
    lines = text.text.split("\n")
    assert {lines[i] for i in text.quoted_lines} == {"Ana Lopez wrote:", EARLIER, "Thanks!"}


def test_an_attribution_far_from_the_blockquote_does_not_make_it_quoted() -> None:
    markup = "<p>Ana wrote: the best notes.</p><p>Here they are.</p><blockquote>Plant in March.</blockquote>"
    assert html.to_text(markup).quoted_lines == set()
