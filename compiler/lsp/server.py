"""The pygls server: `spec2db lsp` speaks the Language Server Protocol on stdio.

Every open, change, save or close of a spec re-analyses its project (all of
its specs: a change in feature 001 re-checks 003, which extends it) in a
worker thread; edits that arrive meanwhile are folded into one more run, so
a fast typist waits for at most one analysis. Requests (hover, completion,
definition, code actions) wait for the pending analysis, so they answer on
the text the editor shows.
"""

from __future__ import annotations

import asyncio
import gc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from compiler import __version__
from compiler.diagnostics import Diagnostic, Severity, Span
from compiler.lsp.analysis import Analysis, Completion, Project, project_root

_KINDS = {
    "type": types.CompletionItemKind.TypeParameter,
    "modifier": types.CompletionItemKind.Keyword,
    "keyword": types.CompletionItemKind.Keyword,
    "entity": types.CompletionItemKind.Class,
    "value": types.CompletionItemKind.EnumMember,
}


# -- positions: spans are 1-based code points, the protocol 0-based UTF-16 ----
def _utf16(line: str, col0: int) -> int:
    return len(line[:col0].encode("utf-16-le")) // 2


def _code_points(line: str, character: int) -> int:
    units = 0
    for index, char in enumerate(line):
        if units >= character:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line)


def to_range(span: Span, lines: list[str]) -> types.Range:
    def position(line: int, col: int) -> types.Position:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line=max(line - 1, 0), character=_utf16(text, max(col - 1, 0)))

    return types.Range(start=position(span.line, span.col), end=position(span.end_line, span.end_col))


def from_position(position: types.Position, lines: list[str]) -> tuple[int, int]:
    text = lines[position.line] if position.line < len(lines) else ""
    return position.line + 1, _code_points(text, position.character) + 1


def to_diagnostic(diagnostic: Diagnostic, lines: list[str]) -> types.Diagnostic:
    span = diagnostic.span or Span("", 1, 1, 1, 1)
    return types.Diagnostic(
        range=to_range(span, lines),
        message=diagnostic.message,
        severity=types.DiagnosticSeverity.Error if diagnostic.severity is Severity.ERROR else types.DiagnosticSeverity.Warning,
        code=diagnostic.code,
        source="spec2db",
    )


class Spec2dbServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("spec2db", __version__)
        self.projects: dict[Path, Project] = {}
        self.analyses: dict[Path, Analysis] = {}
        self.published: dict[str, list[types.Diagnostic]] = {}
        self._dirty: set[Path] = set()
        self._running: asyncio.Task | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spec2db-analysis")

    def disabled_support(self) -> bool:
        """The client shows a code action it cannot apply, with the reason (LSP 3.16)."""
        capabilities = self.client_capabilities.text_document
        action = capabilities.code_action if capabilities else None
        return bool(action and action.disabled_support)

    # -- documents to projects ---------------------------------------------------
    def locate(self, uri: str) -> tuple[Project, str] | None:
        path = to_fs_path(uri)
        root = project_root(Path(path)) if path else None
        if root is None:
            return None
        root = root.resolve()
        project = self.projects.get(root)
        if project is None:
            project = self.projects[root] = Project(root)
        return project, project.display(Path(path))

    def unsaved(self, project: Project) -> dict[str, tuple[str, int | None]]:
        """The open documents of `project`: text and version by display path."""
        found = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = to_fs_path(uri)
            root = project_root(Path(path)) if path else None
            if root is not None and root.resolve() == project.root:
                found[project.display(Path(path))] = (document.source, document.version)
        return found

    # -- analysis ------------------------------------------------------------------
    def schedule(self, uri: str) -> None:
        located = self.locate(uri)
        if located is None:
            return
        self._dirty.add(located[0].root)
        if self._running is None or self._running.done():
            self._running = asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self._dirty:
            root = self._dirty.pop()
            project = self.projects[root]
            try:
                analysis = await loop.run_in_executor(self._worker, project.analyze, self.unsaved(project))
            except Exception as exc:  # noqa: BLE001 - never leave the editor waiting: say so, and keep serving edits
                self.window_show_message(
                    types.ShowMessageParams(type=types.MessageType.Error, message=f"spec2db: internal error: {type(exc).__name__}: {exc}")
                )
                continue
            self.analyses[root] = analysis
            # The kept parses, caches and this analysis are hundreds of thousands of long-lived objects without
            # garbage cycles (the analysis runs with the collector off): out of the collector's sight, its full
            # collections no longer rescan them all between two edits. Refcounting still frees them.
            gc.freeze()
            self.publish(analysis)

    async def settled(self, uri: str) -> tuple[Analysis, str] | None:
        """The analysis of the text the editor has now."""
        while self._running is not None and not self._running.done():
            await asyncio.shield(self._running)
        located = self.locate(uri)
        if located is None:
            return None
        analysis = self.analyses.get(located[0].root)
        return (analysis, located[1]) if analysis is not None else None

    def publish(self, analysis: Analysis) -> None:
        if analysis.error is not None:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"spec2db: {analysis.error}"))
            return
        open_uris = set(self.workspace.text_documents)
        current = set()
        by_uri = {from_fs_path(str(analysis.root / display)): (display, found) for display, found in analysis.by_file().items()}
        # Open documents last: once the editor has them, it has this analysis's whole picture.
        for uri in sorted(by_uri, key=lambda u: (u in open_uris, u)):
            display, found = by_uri[uri]
            lines = analysis.lines.get(display, [])
            diagnostics = [to_diagnostic(d, lines) for d in found]
            current.add(uri)
            # An open document always hears back (its version moved on); others only on a change.
            if uri in open_uris or self.published.get(uri) != diagnostics:
                self.published[uri] = diagnostics
                version = analysis.versions.get(display)
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))
        root = from_fs_path(str(analysis.root)) or ""
        for uri in [u for u in self.published if u.startswith(root + "/") and u not in current]:  # a spec that is gone
            del self.published[uri]
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


server = Spec2dbServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: Spec2dbServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: Spec2dbServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: Spec2dbServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: Spec2dbServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)  # the file on disk counts again


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: Spec2dbServer, params: types.HoverParams) -> types.Hover | None:
    settled = await ls.settled(params.text_document.uri)
    if settled is None:
        return None
    analysis, display = settled
    lines = analysis.lines.get(display, [])
    found = analysis.hover(display, *from_position(params.position, lines))
    if found is None:
        return None
    text, span = found
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=to_range(span, lines) if span is not None else None,
    )


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", ","]))
async def completion(ls: Spec2dbServer, params: types.CompletionParams) -> types.CompletionList:
    settled = await ls.settled(params.text_document.uri)
    if settled is None:
        return types.CompletionList(is_incomplete=False, items=[])
    analysis, display = settled
    lines = analysis.lines.get(display, [])
    items = analysis.complete(display, *from_position(params.position, lines))
    return types.CompletionList(is_incomplete=False, items=[_item(c, n) for n, c in enumerate(items)])


def _item(completion: Completion, order: int) -> types.CompletionItem:
    return types.CompletionItem(
        label=completion.label,
        kind=_KINDS[completion.kind],
        detail=completion.detail or None,
        insert_text=completion.insert,
        sort_text=f"{order:04d}",  # the analysis's order: canonical spellings first
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: Spec2dbServer, params: types.DefinitionParams) -> types.Location | None:
    settled = await ls.settled(params.text_document.uri)
    if settled is None:
        return None
    analysis, display = settled
    found = analysis.definition(display, *from_position(params.position, analysis.lines.get(display, [])))
    if found is None:
        return None
    target, span = found
    return types.Location(uri=from_fs_path(str(analysis.root / target)), range=to_range(span, analysis.lines.get(target, [])))


_CODE_ACTION_KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=_CODE_ACTION_KINDS))
async def code_action(ls: Spec2dbServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    settled = await ls.settled(params.text_document.uri)
    if settled is None:
        return []
    analysis, display = settled
    lines = analysis.lines.get(display, [])
    only = params.context.only if params.context else None

    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    actions = []
    first, last = params.range.start.line + 1, params.range.end.line + 1
    for fix in analysis.fixes(display, first, last) if wanted(types.CodeActionKind.QuickFix) else ():
        edit = types.TextEdit(range=to_range(fix.span, lines), new_text=fix.text)
        actions.append(
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[to_diagnostic(fix.diagnostic, lines)],
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
                is_preferred=True,
            )
        )
    if wanted(types.CodeActionKind.RefactorRewrite):
        # infer reads the files beside the spec (data-model.md): an open one counts as the editor shows it
        texts = {
            Path(path).resolve(): document.source
            for uri, document in list(ls.workspace.text_documents.items())
            if (path := to_fs_path(uri)) and Path(path).resolve().is_relative_to(analysis.root)
        }
        loop = asyncio.get_running_loop()
        inferred = await loop.run_in_executor(ls._worker, analysis.infer, display, first, last, texts)
        if inferred is not None and (inferred.disabled is None or ls.disabled_support()):
            action = types.CodeAction(title=inferred.title, kind=types.CodeActionKind.RefactorRewrite)
            if inferred.disabled is not None:
                action.disabled = types.CodeActionDisabled(reason=inferred.disabled)
            else:
                action.edit = types.WorkspaceEdit(
                    changes={params.text_document.uri: [types.TextEdit(range=to_range(inferred.span, lines), new_text=inferred.text)]}
                )
                action.diagnostics = [to_diagnostic(d, lines) for d in inferred.diagnostics] or None
            actions.append(action)
    return actions


def main() -> None:
    server.start_io()
