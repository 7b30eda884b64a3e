"""``warmcheck lsp``: the language server, on pygls, over standard input and output.

What it answers:

- diagnostics for every open draft (``textDocument/publishDiagnostics``),
  after a pause in typing (``debounce``, 200 ms by default; at once on open);
- ``textDocument/hover`` on a finding: the rule's why and what to do instead;
- ``textDocument/codeAction``: the fix where a rule has an obvious one, and a
  suppression (a directive on the line, or an ``X-Warmcheck-Disable`` header
  in a mail buffer with a header block);
- ``textDocument/codeLens`` on the first line: the scores and verdict, also
  sent as a ``warmcheck/report`` notification after each check;
- ``workspace/executeCommand`` ``warmcheck.report``: the last report as JSON;
- ``warmcheck/status``: the process's memory and spaCy's string count.

Checks run one at a time in a worker thread, so the server keeps answering
while one runs; a check that has started is finished and published (with
its document version) even if the text changed meanwhile.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from . import actions, drafts
from .checker import Checked, Checker, rss_kib
from .text import UTF16, Buffer, from_units, line_starts, to_units

logger = logging.getLogger(__name__)

DEBOUNCE = 0.2
REPORT_NOTIFICATION = "warmcheck/report"
STATUS_REQUEST = "warmcheck/status"
REPORT_COMMAND = "warmcheck.report"
_CONFIG_NAMES = ("warmcheck.toml", "pyproject.toml")
_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Shown:
    """The last check of a document, as the editor was shown it."""

    checked: Checked
    version: int
    starts: list[int]


class WarmcheckServer(LanguageServer):
    def __init__(self, *, debounce: float = DEBOUNCE, model: str | None = None) -> None:
        super().__init__("warmcheck", version("warmcheck"), text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.checker = Checker(model=model)
        self.buffers: dict[str, Buffer] = {}
        self.shown: dict[str, Shown] = {}
        self.waiting: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warmcheck-check")

    @property
    def encoding(self) -> str:
        value = self.workspace.position_encoding if self.protocol.workspace is not None else None
        return str(getattr(value, "value", value) or UTF16)

    # Positions ----------------------------------------------------------------
    def position(self, shown: Shown, offset: int) -> lsp.Position:
        text, starts = shown.checked.text, shown.starts
        index = bisect.bisect_right(starts, offset) - 1
        line = text[starts[index] : offset]
        return lsp.Position(line=index, character=to_units(line, len(line), self.encoding))

    def range(self, shown: Shown, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(shown, start), end=self.position(shown, max(start, end)))

    def offset(self, shown: Shown, position: lsp.Position) -> int:
        text, starts = shown.checked.text, shown.starts
        if position.line >= len(starts):
            return len(text)
        start = starts[position.line]
        end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
        return start + from_units(text[start:end].rstrip("\r\n"), position.character, self.encoding)

    # Checking -----------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, unless it changes again first."""
        self._drop_finished_handlers()
        waiting = self.waiting.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.waiting[uri] = asyncio.get_running_loop().create_task(self._check(uri, delay))

    def _drop_finished_handlers(self) -> None:
        """pygls 2.1 files the future of every notification's handler among
        its pending requests and never takes it out: a kilobyte or two for
        each edit, for the life of the server. Finished ones are dropped here
        (a request's own is taken out when its answer is sent)."""
        pending = getattr(self.protocol, "_request_futures", None)
        if isinstance(pending, dict):
            for key in [key for key, future in pending.items() if future.done()]:
                del pending[key]

    async def _check(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        if self.waiting.get(uri) is asyncio.current_task():
            del self.waiting[uri]  # from here on, a new edit waits for this check
        buffer = self.buffers.get(uri)
        kind = drafts.kind_of(uri, buffer.language_id) if buffer is not None else None
        if buffer is None or kind is None:
            return
        text, version = buffer.text, buffer.version
        path = drafts.path_of(uri)
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(self.worker, self._check_now, text, kind, path, uri)
        if uri not in self.buffers:
            return  # closed meanwhile
        shown = Shown(checked, version, line_starts(text))
        self.shown[uri] = shown
        self.publish(uri, shown)

    def _check_now(self, text: str, kind: str, path: str | None, uri: str) -> Checked:
        try:
            return self.checker.check(text, kind, path=Path(path) if path else None, source=path or uri)
        except Exception as exc:  # a defect in warmcheck: said in the editor, and the server goes on
            logger.exception("checking %s", uri)
            return Checked(text, kind, problem=f"internal error: {type(exc).__name__}: {exc}")

    def publish(self, uri: str, shown: Shown) -> None:
        checked = shown.checked
        diagnostics = [self.diagnostic(shown, loc) for loc in checked.located]
        if checked.problem is not None:
            first_line = checked.text.split("\n", 1)[0].rstrip("\r")
            diagnostics.append(
                lsp.Diagnostic(
                    range=self.range(shown, 0, len(first_line)),
                    message=f"warmcheck cannot check this draft: {checked.problem}",
                    severity=lsp.DiagnosticSeverity.Error,
                    source="warmcheck",
                )
            )
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=shown.version, diagnostics=diagnostics)
        )
        report = checked.report
        self.protocol.notify(
            REPORT_NOTIFICATION,
            {
                "uri": uri,
                "version": shown.version,
                "verdict": report.verdict if report else None,
                "scores": dict(report.scores) if report else None,
                "profile": report.profile if report else None,
                "engine": report.engine if report else None,
                "findings": len(checked.located),
                "summary": actions.summary(report) if report else f"warmcheck: {checked.problem}",
            },
        )
        refresh = self.client_capabilities.workspace and self.client_capabilities.workspace.code_lens
        if refresh and refresh.refresh_support:
            self.workspace_code_lens_refresh(None)

    def diagnostic(self, shown: Shown, loc: Any) -> lsp.Diagnostic:
        f = loc.finding
        points = f", -{f.points}" if f.points else ""
        return lsp.Diagnostic(
            range=self.range(shown, loc.start, loc.end),
            message=f"{f.message} ({f.name}{points})\nInstead: {f.suggestion}",
            severity=_SEVERITY[f.severity],
            code=f.rule,
            source="warmcheck",
            data={"rule": f.rule, "name": f.name, "points": f.points, "suggestion": f.suggestion},
        )

    def recheck_all(self) -> None:
        for uri in list(self.buffers):
            self.schedule(uri, 0)


def _is_config(uri: str) -> bool:
    return PurePosixPath(uri).name in _CONFIG_NAMES


def make_server(*, debounce: float = DEBOUNCE, model: str | None = None) -> WarmcheckServer:
    server = WarmcheckServer(debounce=debounce, model=model)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: WarmcheckServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if isinstance(options.get("debounce"), (int, float)) and options["debounce"] >= 0:
            ls.debounce = options["debounce"] / 1000
        root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
        folder = drafts.path_of(root) if root else None
        ls.checker.root = Path(folder) if folder else None

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: WarmcheckServer, params: lsp.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched and watched.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in _CONFIG_NAMES]
            ls.client_register_capability(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="warmcheck-configuration",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WarmcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        ls.buffers[doc.uri] = Buffer(doc.uri, doc.language_id, doc.version, doc.text)
        ls.schedule(doc.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WarmcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
        buffer = ls.buffers.get(params.text_document.uri)
        if buffer is None:
            return
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                r = change.range
                buffer.apply((r.start.line, r.start.character), (r.end.line, r.end.character), change.text, ls.encoding)
            else:
                buffer.apply(None, None, change.text)
        buffer.version = params.text_document.version
        ls.schedule(buffer.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: WarmcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if _is_config(params.text_document.uri):
            ls.checker.forget()
            ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WarmcheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.waiting.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.buffers.pop(uri, None)
        if ls.shown.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: WarmcheckServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(change.uri) for change in params.changes):
            ls.checker.forget()
            ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: WarmcheckServer, params: lsp.HoverParams) -> lsp.Hover | None:
        shown = ls.shown.get(params.text_document.uri)
        if shown is None:
            return None
        under = actions.at(shown.checked, ls.offset(shown, params.position))
        if not under:
            return None
        start = min(loc.start for loc in under)
        end = max(loc.end for loc in under)
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=actions.hover(shown.checked, under)),
            range=ls.range(shown, start, end),
        )

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
    )
    def code_action(ls: WarmcheckServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        shown = ls.shown.get(uri)
        buffer = ls.buffers.get(uri)
        if shown is None or buffer is None or buffer.text != shown.checked.text:
            return None  # edits made on an older text would land in the wrong place
        start, end = ls.offset(shown, params.range.start), ls.offset(shown, params.range.end)
        out = []
        for loc in shown.checked.located:
            if loc.start > end or max(loc.end, loc.start) < start:
                continue
            for action in actions.actions(shown.checked, loc):
                edits = [lsp.TextEdit(range=ls.range(shown, e.start, e.end), new_text=e.new_text) for e in action.edits]
                out.append(
                    lsp.CodeAction(
                        title=f"warmcheck: {action.title}",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[ls.diagnostic(shown, loc)],
                        is_preferred=action.preferred or None,
                        edit=lsp.WorkspaceEdit(changes={uri: edits}),
                    )
                )
        return out

    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)
    def code_lens(ls: WarmcheckServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens] | None:
        uri = params.text_document.uri
        shown = ls.shown.get(uri)
        if shown is None or shown.checked.report is None:
            return None
        title = actions.summary(shown.checked.report)
        return [
            lsp.CodeLens(
                range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
                command=lsp.Command(title=title, command=REPORT_COMMAND, arguments=[uri]),
            )
        ]

    @server.command(REPORT_COMMAND)
    def report_command(ls: WarmcheckServer, *args: Any) -> dict[str, Any] | None:
        uri = args[0] if args and isinstance(args[0], str) else next(iter(ls.shown), None)
        shown = ls.shown.get(uri) if uri else None
        if shown is None or shown.checked.report is None:
            return None
        report = shown.checked.report
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=actions.summary(report)))
        return report.to_dict()

    @server.feature(STATUS_REQUEST)
    def status(ls: WarmcheckServer, params: Any) -> dict[str, Any]:
        return {"rss_kib": rss_kib(), "strings": ls.checker.strings(), "open": len(ls.buffers)}

    return server


def serve(*, debounce: float = DEBOUNCE, model: str | None = None) -> None:
    """Run the server over standard input and output until the editor stops it."""
    make_server(debounce=debounce, model=model).start_io()
