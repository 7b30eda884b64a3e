"""``warmcheck lsp`` driven as an editor drives it: the real server in its
own process, over standard input and output, with a real LSP client
(pytest-lsp, on pygls). Waits are for the server's own report of each
document version, with generous timeouts; nothing here times anything."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import make_test_lsp_client

pytestmark = pytest.mark.asyncio(loop_scope="module")

SERVER = [sys.executable, "-c", "from warmcheck.cli import main; main()", "lsp", "--model", "light", "--debounce", "50"]
TIMEOUT = 90.0

BLAST = (
    "Subject: AMAZING OPPORTUNITY\n"
    "\n"
    "Dear Sir or Madam,\n"
    "\n"
    "We are the leading provider of cloud solutions!!! Our team is the best.\n"
    "\n"
    "Best regards,\n"
    "The {{ company }} Team\n"
)
WARM = "Hi Ana,\n\nYour talk on river maps in Porto stayed with me. How did the 1909 sheets turn out?\n\nBest,\nBo\n"


def _client() -> LanguageClient:
    client = make_test_lsp_client()
    reports: dict[str, list[Any]] = {}
    client.reports = reports  # type: ignore[attr-defined]

    @client.feature("warmcheck/report")
    def on_report(params: Any) -> None:
        reports.setdefault(params.uri, []).append(params)

    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=_client), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    capabilities = lsp.ClientCapabilities(
        text_document=lsp.TextDocumentClientCapabilities(
            hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown]),
        ),
    )
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


async def settled(client: LanguageClient, uri: str, version: int) -> Any:
    """The server's report on ``uri`` once it has checked ``version``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while True:
        seen = client.reports.get(uri, [])  # type: ignore[attr-defined]
        if seen and seen[-1].version >= version:
            return seen[-1]
        if loop.time() > deadline:
            raise AssertionError(f"no report on {uri} version {version} within {TIMEOUT} s (seen {len(seen)})")
        await asyncio.sleep(0.02)


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text))
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, *changes: lsp.TextDocumentContentChangeEvent) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=list(changes)
        )
    )


def edit(start: tuple[int, int], end: tuple[int, int], text: str) -> lsp.TextDocumentContentChangePartial:
    return lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=lsp.Position(*start), end=lsp.Position(*end)), text=text
    )


def by_code(client: LanguageClient, uri: str, code: str) -> list[lsp.Diagnostic]:
    return [d for d in client.diagnostics.get(uri, []) if d.code == code]


def spans(client: LanguageClient, uri: str, code: str) -> list[tuple[int, int, int, int]]:
    return [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in by_code(client, uri, code)]


async def test_diagnostics_on_open_carry_code_name_severity_range_and_suggestion(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "blast.txt", BLAST)
    report = await settled(client, uri, 1)
    assert report.verdict == "fail" and report.scores.warmth < 50 and report.engine == "light"
    [greeting] = by_code(client, uri, "BL001")
    assert greeting.source == "warmcheck"
    assert greeting.severity == lsp.DiagnosticSeverity.Warning
    assert (greeting.range.start.line, greeting.range.start.character) == (2, 0)
    assert (greeting.range.end.line, greeting.range.end.character) == (2, len("Dear Sir or Madam"))
    assert "generic-greeting" in greeting.message
    assert "Greet the reader by name" in greeting.message
    [tag] = by_code(client, uri, "BL002")
    assert tag.severity == lsp.DiagnosticSeverity.Error
    assert spans(client, uri, "BL002") == [(7, 4, 7, 4 + len("{{ company }}"))]
    assert all(d.severity == lsp.DiagnosticSeverity.Information for d in by_code(client, uri, "BL006"))
    # The subject finding sits on the Subject line, over the subject's words.
    assert spans(client, uri, "SH007") == [(0, 9, 0, 9 + len("AMAZING OPPORTUNITY"))]


async def test_incremental_edits_are_followed(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "warm.txt", WARM)
    await settled(client, uri, 1)
    assert not by_code(client, uri, "BL001")
    # "Hi Ana," becomes "Dear Sir or Madam," in two keystrokes' worth of edits.
    change(client, uri, 2, edit((0, 0), (0, 6), "Dear Sir"))
    change(client, uri, 3, edit((0, 8), (0, 8), " or Madam"))
    await settled(client, uri, 3)
    assert spans(client, uri, "BL001") == [(0, 0, 0, len("Dear Sir or Madam"))]
    # A burst of edits: the diagnostics follow the last text.
    end = len(WARM.splitlines()[2])
    for version, ch in enumerate(" Wow!!!", start=4):
        change(client, uri, version, edit((2, end), (2, end), ch))
        end += 1
    change(client, uri, 11, edit((0, 0), (0, len("Dear Sir or Madam")), "Hi Ana"))
    await settled(client, uri, 11)
    assert not by_code(client, uri, "BL001")
    assert spans(client, uri, "BL006") == [(2, end - 3, 2, end)]
    # A full-text change is followed too.
    change(client, uri, 12, lsp.TextDocumentContentChangeWholeDocument(text="Dear Sir or Madam,\n\n" + WARM[9:]))
    await settled(client, uri, 12)
    assert spans(client, uri, "BL001") == [(0, 0, 0, 17)]


async def test_ranges_are_in_utf16_code_units(client: LanguageClient, tmp_path: Path) -> None:
    # "é" is one UTF-16 unit, "😀" two: the finding after them starts at 13, not 12.
    text = "Hi Ana,\n\nCafé 😀 talk!!! How did the 1909 sheets turn out?\n\nBest,\nBo\n"
    uri = open_doc(client, tmp_path / "utf16.txt", text)
    await settled(client, uri, 1)
    line = "Café 😀 talk!!!"
    start = len(line.encode("utf-16-le")) // 2 - 3
    assert spans(client, uri, "BL006") == [(2, start, 2, start + 3)]
    # An incremental edit addressed in UTF-16 units, just after the emoji.
    change(client, uri, 2, edit((2, 8), (2, 8), "great "))
    await settled(client, uri, 2)
    assert spans(client, uri, "BL006") == [(2, start + 6, 2, start + 9)]


async def test_hover_explains_the_rule(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "hover.txt", BLAST)
    await settled(client, uri, 1)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=2, character=5))
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    value = hover.contents.value
    assert "BL001 generic-greeting" in value
    assert "**Why:**" in value and "**Instead:**" in value
    assert "warmcheck explain BL001" in value
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=1, character=0))
    )
    assert nothing is None


async def code_actions(client: LanguageClient, uri: str, line: int, character: int) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(line, character), end=lsp.Position(line, character)),
            context=lsp.CodeActionContext(diagnostics=[]),
        )
    )
    return [a for a in found or [] if isinstance(a, lsp.CodeAction)]


def apply(text: str, action: lsp.CodeAction, uri: str) -> str:
    """Apply a code action's edits as an editor would (last first)."""
    assert action.edit is not None and action.edit.changes is not None
    lines = [*text.splitlines(keepends=True), ""]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(pos: lsp.Position) -> int:
        prefix = lines[pos.line]
        chars = len(prefix.encode("utf-16-le")[: pos.character * 2].decode("utf-16-le"))
        return offsets[pos.line] + chars

    for e in sorted(action.edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: at(e.range.start)] + e.new_text + text[at(e.range.end) :]
    return text


async def test_code_actions_fix_the_greeting_or_suppress_it(client: LanguageClient, tmp_path: Path) -> None:
    text = "To: Ana Lopez <ana@rivermaps.example>\n\nDear Sir or Madam,\n\nHow did the 1909 sheets turn out!!!\n"
    uri = open_doc(client, tmp_path / "fixes.txt", text)
    await settled(client, uri, 1)
    found = await code_actions(client, uri, 2, 3)
    titles = [a.title for a in found]
    assert "warmcheck: Greet Ana by name: 'Hi Ana,'" in titles
    assert "warmcheck: Disable BL001 (generic-greeting) on this line" in titles
    fix = next(a for a in found if "Greet" in a.title)
    assert fix.is_preferred and fix.diagnostics and fix.diagnostics[0].code == "BL001"
    assert apply(text, fix, uri).splitlines()[2] == "Hi Ana,"
    suppress = next(a for a in found if "Disable BL001" in a.title)
    suppressed = apply(text, suppress, uri)
    assert suppressed.splitlines()[2] == "Dear Sir or Madam,  warmcheck: disable=BL001"
    change(client, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text=suppressed))
    await settled(client, uri, 2)
    assert not by_code(client, uri, "BL001")
    assert not by_code(client, uri, "WC001")  # the directive is used
    bang = await code_actions(client, uri, 4, 33)
    one = next(a for a in bang if a.title == "warmcheck: Use one '!'")
    assert apply(suppressed, one, uri).splitlines()[4] == "How did the 1909 sheets turn out!"


async def test_a_merge_tag_is_filled_with_the_readers_name(client: LanguageClient, tmp_path: Path) -> None:
    text = "To: Ana Lopez <ana@rivermaps.example>\n\nHi {{ first_name }},\n\nHow did the 1909 sheets turn out?\n"
    uri = open_doc(client, tmp_path / "tag.txt", text)
    await settled(client, uri, 1)
    found = await code_actions(client, uri, 2, 6)
    fill = next(a for a in found if a.title.startswith("warmcheck: Fill in the merge tag"))
    assert apply(text, fill, uri).splitlines()[2] == "Hi Ana,"


MUTT = (
    "From: Bo Berg <bo@berg-tea.example>\n"
    "To: Ana Lopez <ana@rivermaps.example>\n"
    "Cc: \n"
    "Subject: OUR AMAZING NEWS\n"
    "\n"
    "Dear Sir or Madam,\n"
    "\n"
    "We are the leading provider of tea!!! How did the 1909 sheets turn out?\n"
    "\n"
    "Best,\n"
    "Bo\n"
)


async def test_a_mutt_buffer_is_read_as_mail_and_suppressed_in_a_header(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "mutt-host-1000-4242-1234567890"
    uri = open_doc(client, path, MUTT, language="mail")
    await settled(client, uri, 1)
    # Body findings land on the buffer's lines, below the header block.
    assert spans(client, uri, "BL001") == [(5, 0, 5, 17)]
    start = MUTT.splitlines()[7].index("!!!")
    assert spans(client, uri, "BL006") == [(7, start, 7, start + 3)]
    assert spans(client, uri, "SH007") == [(3, 9, 3, 9 + len("OUR AMAZING NEWS"))]
    found = await code_actions(client, uri, 5, 0)
    titles = [a.title for a in found]
    assert "warmcheck: Greet Ana by name: 'Hi Ana,'" in titles
    header = next(a for a in found if "X-Warmcheck-Disable" in a.title)
    suppressed = apply(MUTT, header, uri)
    assert suppressed.splitlines()[4] == "X-Warmcheck-Disable: BL001"
    change(client, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text=suppressed))
    await settled(client, uri, 2)
    assert not by_code(client, uri, "BL001")
    # A second rule joins the same header.
    found = await code_actions(client, uri, 8, start)
    more = next(a for a in found if "Disable BL006" in a.title)
    assert apply(suppressed, more, uri).splitlines()[4] == "X-Warmcheck-Disable: BL001, BL006"


async def test_a_mail_buffer_without_headers_is_plain_text(client: LanguageClient, tmp_path: Path) -> None:
    body = MUTT.split("\n\n", 1)[1]
    uri = open_doc(client, tmp_path / "neomutt-host-1000-1-2", body, language="mail")
    await settled(client, uri, 1)
    assert spans(client, uri, "BL001") == [(0, 0, 0, 17)]
    found = await code_actions(client, uri, 0, 0)
    assert any(a.title == "warmcheck: Disable BL001 (generic-greeting) on this line" for a in found)


async def test_markdown_and_html_drafts(client: LanguageClient, tmp_path: Path) -> None:
    md = "Dear Sir or Madam,\n\nWe are *the* leading provider!!! How was **Porto**?\n"
    uri = open_doc(client, tmp_path / "note.md", md, language="markdown")
    await settled(client, uri, 1)
    assert spans(client, uri, "BL001") == [(0, 0, 0, 17)]
    assert spans(client, uri, "BL006") == [(2, 29, 2, 32)]
    found = await code_actions(client, uri, 0, 0)
    suppress = next(a for a in found if "Disable BL001" in a.title)
    suppressed = apply(md, suppress, uri)
    assert suppressed.splitlines()[0] == "Dear Sir or Madam,  <!-- warmcheck: disable=BL001 -->"
    change(client, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text=suppressed))
    await settled(client, uri, 2)
    assert not by_code(client, uri, "BL001")

    html = "<html><body>\n<p>Dear Sir or Madam,</p>\n<p>We are <b>the leading\nprovider</b>!!! How was Porto?</p>\n</body></html>\n"
    uri = open_doc(client, tmp_path / "note.html", html, language="html")
    await settled(client, uri, 1)
    assert spans(client, uri, "BL001") == [(1, 3, 1, 20)]
    assert spans(client, uri, "BL006") == [(3, 12, 3, 15)]
    found = await code_actions(client, uri, 1, 4)
    suppress = next(a for a in found if "Disable BL001" in a.title)
    change(client, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text=apply(html, suppress, uri)))
    await settled(client, uri, 2)
    assert not by_code(client, uri, "BL001")


async def test_configuration_is_found_walking_up_and_reloaded(client: LanguageClient, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "drafts" / "march").mkdir(parents=True)
    config = project / "warmcheck.toml"
    config.write_text('ignore = ["BL001"]\n')
    uri = open_doc(client, project / "drafts" / "march" / "draft.txt", BLAST)
    await settled(client, uri, 1)
    assert not by_code(client, uri, "BL001") and by_code(client, uri, "BL002")

    # The editor reports the change: every open draft is checked again.
    config.write_text('ignore = ["BL002"]\n')
    seen = len(client.reports[uri])  # type: ignore[attr-defined]
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)])
    )
    await _more_reports(client, uri, seen)
    assert by_code(client, uri, "BL001") and not by_code(client, uri, "BL002")

    # Unreported: the next check sees the file's new modification time.
    config.write_text('ignore = ["BL001", "BL002", "SH"]\nfail_under = 10\n')
    change(client, uri, 2, edit((1, 0), (1, 0), ""))
    await settled(client, uri, 2)
    assert not by_code(client, uri, "BL001") and not by_code(client, uri, "BL002") and not by_code(client, uri, "SH007")

    # A broken configuration is said where the editor shows it.
    config.write_text('ignore = "BL001\n')
    change(client, uri, 3, edit((1, 0), (1, 0), ""))
    await settled(client, uri, 3)
    [problem] = client.diagnostics[uri]
    assert problem.severity == lsp.DiagnosticSeverity.Error
    assert "warmcheck.toml" in problem.message and "not valid TOML" in problem.message


async def _more_reports(client: LanguageClient, uri: str, seen: int) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while len(client.reports[uri]) <= seen:  # type: ignore[attr-defined]
        assert loop.time() < deadline, "no new report after the configuration changed"
        await asyncio.sleep(0.02)


async def test_scores_and_verdict_reach_the_editor(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "lens.txt", BLAST)
    report = await settled(client, uri, 1)
    assert set(report.scores._fields) == {"warmth", "reader_focus", "one_to_one", "personal_reference"}
    lenses = await client.text_document_code_lens_async(lsp.CodeLensParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert lenses and lenses[0].range.start.line == 0 and lenses[0].command is not None
    assert lenses[0].command.title == report.summary
    assert lenses[0].command.title.startswith(f"warmcheck: warmth {report.scores.warmth} (")
    assert lenses[0].command.title.endswith(" fail")
    result = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=lenses[0].command.command, arguments=lenses[0].command.arguments)
    )
    assert result["verdict"] == "fail" and result["findings"]


async def test_other_documents_are_left_alone_and_closing_clears(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "script.py", "print('Dear Sir or Madam')\n", language="python")
    draft = open_doc(client, tmp_path / "closing.txt", BLAST)
    await settled(client, draft, 1)
    assert uri not in client.reports  # type: ignore[attr-defined]
    assert client.diagnostics[draft]
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=draft)))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while client.diagnostics[draft]:
        assert loop.time() < deadline
        await asyncio.sleep(0.02)
