"""`spec2db lsp` over real stdio, driven by pytest-lsp as an editor would.

The workspace is a copy of the example specs with a lint setting in its
pyproject.toml; the server's diagnostics are compared with what
`spec2db lint` prints for the same text.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parent.parent
F001 = "specs/001-task-management/spec.md"
F003 = "specs/003-projects-and-membership/spec.md"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lsp") / "project"
    for spec in sorted(ROOT.glob("specs/*/spec.md")):
        target = root / spec.relative_to(ROOT)
        target.parent.mkdir(parents=True)
        shutil.copyfile(spec, target)
    # The project's lint configuration applies: D008 is off here.
    (root / "pyproject.toml").write_text('[tool.spec2db]\nprimary-key = "uuid"\n\n[tool.spec2db.lint]\nignore = ["D008"]\n')
    return root


def cli_lint(root: Path, replace: dict[str, str] | None = None) -> set[tuple]:
    """`spec2db lint --format json` on the workspace, optionally with some files' text replaced."""
    if replace:
        copy = root.parent / "cli-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(root, copy)
        for display, text in replace.items():
            (copy / display).parent.mkdir(parents=True, exist_ok=True)
            (copy / display).write_text(text)
        root = copy
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "compiler", "lint", "--format", "json"], check=False, cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode in (0, 1), result.stderr
    return {(f["path"], f["line"] - 1, f["column"] - 1, f["code"], f["message"]) for f in json.loads(result.stdout)}


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "compiler", "lsp"], server_env={**os.environ, "PYTHONPATH": str(ROOT)})
)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=workspace.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


def uri(workspace: Path, display: str) -> str:
    return (workspace / display).as_uri()


async def open_doc(client: LanguageClient, workspace: Path, display: str, text: str | None = None) -> str:
    text = (workspace / display).read_text() if text is None else text
    client.diagnostics.pop(uri(workspace, display), None)  # (before sending: the answer may come before we wait)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(workspace, display), language_id="markdown", version=1, text=text)
        )
    )
    await settle(client, workspace, uri(workspace, display))
    return text


async def change_doc(client: LanguageClient, workspace: Path, display: str, text: str, version: int = 2) -> None:
    client.diagnostics.pop(uri(workspace, display), None)  # (before sending: the answer may come before we wait)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(workspace, display), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await settle(client, workspace, uri(workspace, display))


async def settle(client: LanguageClient, workspace: Path, opened: str) -> None:
    """Wait for one analysis, whose diagnostics for `opened` the caller cleared before
    sending its change. It publishes for the open documents last (and for the other
    specs before them, when theirs changed), so the rest has arrived."""
    while opened not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), timeout=60)


def published(client: LanguageClient, workspace: Path) -> set[tuple]:
    found = set()
    for key, diagnostics in client.diagnostics.items():
        display = Path(key.removeprefix("file://")).relative_to(workspace).as_posix()
        for d in diagnostics:
            found.add((display, d.range.start.line, d.range.start.character, d.code, d.message))
    return found


@pytest.mark.asyncio
async def test_open_publishes_what_lint_prints(client: LanguageClient, workspace: Path):
    await open_doc(client, workspace, F001)
    assert published(client, workspace) == cli_lint(workspace)
    assert not any(code == "D008" for *_, code, _ in published(client, workspace))  # ignored by the project's pyproject
    assert any(code == "D002" for *_, code, _ in published(client, workspace))  # 003 checked too, though not open


@pytest.mark.asyncio
async def test_change_in_001_rechecks_003_which_extends_it(client: LanguageClient, workspace: Path):
    text = await open_doc(client, workspace, F001)
    renamed = text.replace("- **User** *(external: users)*", "- **Person** *(external: users)*")
    assert renamed != text
    await change_doc(client, workspace, F001, renamed)
    in_003 = [d.message for d in client.diagnostics[uri(workspace, F003)] if d.code == "E201"]
    assert any("unknown entity 'User'" in m for m in in_003), in_003
    assert published(client, workspace) == cli_lint(workspace, {F001: renamed})
    await change_doc(client, workspace, F001, text, version=3)
    assert not [d for d in client.diagnostics[uri(workspace, F003)] if d.code == "E201"]
    assert published(client, workspace) == cli_lint(workspace)


@pytest.mark.asyncio
async def test_hover(client: LanguageClient, workspace: Path):
    text = await open_doc(client, workspace, F001)
    lines = text.split("\n")
    user_id = next(i for i, line in enumerate(lines) if line.startswith("  - `user_id`"))
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(workspace, F001)), position=types.Position(line=user_id, character=6)
        )
    )
    value = hover.contents.value
    assert "tasks.user_id" in value and "user_id UUID NOT NULL" in value
    assert "tasks_user_id_fkey" in value and "REFERENCES users (id) ON DELETE CASCADE" in value
    assert "idx_tasks_user_id" in value and "idx_tasks_user_status" in value
    task = next(i for i, line in enumerate(lines) if line.startswith("- **Task**"))
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(workspace, F001)), position=types.Position(line=task, character=5)
        )
    )
    assert "table `tasks`" in hover.contents.value
    # A code (here in a suppression comment) shows `spec2db rule CODE`.
    edited = text.replace(lines[user_id], "  <!-- spec2db: ignore D004 -->\n" + lines[user_id])
    await change_doc(client, workspace, F001, edited)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(workspace, F001)), position=types.Position(line=user_id, character=24)
        )
    )
    rule = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "compiler", "rule", "D004"],
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert rule.stdout.strip() in hover.contents.value


async def complete(client: LanguageClient, workspace: Path, display: str, line: int, character: int) -> list[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(workspace, display)), position=types.Position(line=line, character=character)
        )
    )
    return [item.label for item in result.items]


@pytest.mark.asyncio
async def test_completion(client: LanguageClient, workspace: Path):
    text = await open_doc(client, workspace, F001)
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  - indexes:"))
    typing = [
        "  - `estimate`: ",  # type names
        "  - `estimate`: integer, ",  # modifiers
        "  - `owner_id`: uuid, references ",  # entity names
        "  - `mood`: enum(calm, busy), default ",  # enum values
    ]
    edited = "\n".join(lines[:at] + typing + lines[at:])
    await change_doc(client, workspace, F001, edited)
    types_ = await complete(client, workspace, F001, at, len(typing[0]))
    assert {"uuid", "string", "decimal", "timestamptz", "jsonb", "enum"} <= set(types_)
    assert "Task" in types_  # a reference type
    modifiers = await complete(client, workspace, F001, at + 1, len(typing[1]))
    assert {"required", "unique", "indexed", "default", "references", "on delete cascade"} <= set(modifiers)
    entities = await complete(client, workspace, F001, at + 2, len(typing[2]))
    assert {"User", "Task", "Comment", "Project"} <= set(entities)  # 001's and later features' entities
    values = await complete(client, workspace, F001, at + 3, len(typing[3]))
    assert values == ["calm", "busy"]


@pytest.mark.asyncio
async def test_definition(client: LanguageClient, workspace: Path):
    text = await open_doc(client, workspace, F003)
    lines = text.split("\n")
    extends = next(i for i, line in enumerate(lines) if line.startswith("- **Task** *(extends)*"))
    location = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(workspace, F003)), position=types.Position(line=extends, character=6)
        )
    )
    declared = (
        (workspace / F001)
        .read_text()
        .split("\n")
        .index(next(x for x in (workspace / F001).read_text().split("\n") if x.startswith("- **Task**")))
    )
    assert location.uri == uri(workspace, F001)
    assert (location.range.start.line, location.range.start.character) == (declared, 4)
    reference = next(i for i, line in enumerate(lines) if "references User" in line)
    column = lines[reference].index("references User") + len("references U")
    location = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(workspace, F003)), position=types.Position(line=reference, character=column)
        )
    )
    assert location.uri == uri(workspace, F001)
    assert (workspace / F001).read_text().split("\n")[location.range.start.line].startswith("- **User**")


async def actions(client: LanguageClient, workspace: Path, display: str, line: int) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(workspace, display)),
            range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )


def apply(text: str, edit: types.TextEdit) -> str:
    lines = text.split("\n")
    start, end = edit.range.start, edit.range.end
    assert start.line == end.line
    line = lines[start.line]
    lines[start.line] = line[: start.character] + edit.new_text + line[end.character :]
    return "\n".join(lines)


@pytest.mark.asyncio
async def test_code_actions_fix_what_the_linter_names(client: LanguageClient, workspace: Path):
    display = "specs/010-labels/spec.md"  # a new spec, not saved yet
    text = (
        "# Labels\n\n### Key Entities\n\n"
        "- **Label**: A label.\n"
        "  - `id`: UUID (PK)\n"
        "  - `name`: strng, required\n"
        "- **Task**: Tasks get a label.\n"
        "  - `label_id`: uuid, references Label\n"
    )
    await open_doc(client, workspace, display, text)
    doc_uri = uri(workspace, display)
    codes = {d.code for d in client.diagnostics[doc_uri]}
    assert {"W105", "E102", "W202"} <= codes, codes
    fixed = text
    for line, expected in ((5, "`UUID, PK`"), (6, "'string'"), (7, "*(extends)*")):
        found = await actions(client, workspace, display, line)
        assert len(found) == 1 and expected in found[0].title, [a.title for a in found]
        assert found[0].kind == types.CodeActionKind.QuickFix
        (edit,) = found[0].edit.changes[doc_uri]
        fixed = apply(fixed, edit)
    assert "  - `id`: UUID, PK\n" in fixed and "  - `name`: string, required\n" in fixed and "- **Task** *(extends)*: Tasks" in fixed
    await change_doc(client, workspace, display, fixed)
    assert not [d for d in client.diagnostics[doc_uri] if d.code in ("W105", "E102", "W202")]
    assert published(client, workspace) == cli_lint(workspace, {display: fixed})


def test_completion_vocabulary_parses():
    """Every modifier and entity line the server offers is notation the compiler reads."""
    from compiler.diagnostics import Diagnostics
    from compiler.lsp.analysis import ENTITY_LINES, MODIFIERS
    from compiler.passes import parse_bytes

    filled = {"default ": "default 1", "references ": "references Thing", "check()": "check(n > 0)", "min()": "min(0)", "max()": "max(9)"}
    filled |= {"length(..)": "length(1..9)", 'pattern("")': 'pattern("^a")'}
    lines = ["- **Thing**: x", "  - `id`: uuid, primary key"]
    for n, (_, insert, _) in enumerate(MODIFIERS):
        column = "other" if insert.startswith(("references", "on ")) else "n"
        extra = ", references Thing" if insert.startswith("on ") else ""
        target = "uuid" if column == "other" else ("string(9)" if insert.startswith(("length", "pattern")) else "integer")
        lines.append(f"  - `{column}{n}`: {target}{extra}, {filled.get(insert, insert)}".replace("n > 0", f"{column}{n} > 0"))
    entity_lines = {
        "indexes: ": "indexes: n0",
        "unique: ": "unique: (n0, n1)",
        "check: ": "check: n0 > 0",
        "primary key: ": None,
        "table: ": "table: things",
        "soft delete": "soft delete",
        "relationships: ": "relationships: has many Thing",
    }
    assert set(entity_lines) == {label for label, _ in ENTITY_LINES}
    lines += [f"  - {line}" for line in entity_lines.values() if line]
    diags = Diagnostics()
    spec = parse_bytes(("### Key Entities\n\n" + "\n".join(lines) + "\n").encode(), "specs/001-x/spec.md", diags)
    assert not diags.items, [str(d) for d in diags.items]
    assert len(spec.entities[0].attributes) == len(MODIFIERS) + 1


# -- "infer types for this entity" ------------------------------------------------
HACKATHON = ROOT / "tests" / "infer" / "golden" / "hackathon-bullets"  # prose entities, a data-model.md beside them
PROSE = "specs/001-hackathon-bullets/spec.md"


@pytest.fixture(scope="module")
def prose_project(tmp_path_factory) -> Path:
    """A second project, opened by the same editor: one feature with prose Key Entities and its data-model.md."""
    root = tmp_path_factory.mktemp("lsp-infer") / "project"
    (root / PROSE).parent.mkdir(parents=True)
    shutil.copyfile(HACKATHON / "spec.md", root / PROSE)
    shutil.copyfile(HACKATHON / "data-model.md", (root / PROSE).parent / "data-model.md")
    return root


def cli_infer_write(root: Path, replace: dict[str, str]) -> str:
    """`spec2db infer --write` on a copy of the project with `replace`'s text in place of its files: the spec afterwards."""
    copy = root.parent / "infer-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy)
    for display, text in replace.items():
        (copy / display).write_text(text)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "compiler", "infer", "--write"], check=False, cwd=copy, env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    return (copy / PROSE).read_text()


def apply_lines(text: str, edit: types.TextEdit) -> str:
    """A whole-line edit (infer's), applied as an editor would."""
    lines = text.split("\n")
    assert edit.range.start.character == 0 and edit.range.end.character == 0
    head = "\n".join(lines[: edit.range.start.line]) + "\n"
    tail = "\n".join(lines[edit.range.end.line :])
    return head + edit.new_text + tail


def refactors(found: list[types.CodeAction]) -> list[types.CodeAction]:
    return [a for a in found if a.kind == types.CodeActionKind.RefactorRewrite]


@pytest.mark.asyncio
async def test_infer_types_for_one_entity(client: LanguageClient, prose_project: Path):
    # An unsaved edit adds an entity nothing says anything about: the action is there, disabled, with infer's reason.
    saved = (prose_project / PROSE).read_text()
    text = saved.replace("- **User**:", "- **Widget**: Something nobody has described yet.\n- **User**:")
    await open_doc(client, prose_project, PROSE, text)
    doc_uri = uri(prose_project, PROSE)
    lines = text.split("\n")
    task = next(i for i, line in enumerate(lines) if line.startswith("- **Task**"))
    widget = next(i for i, line in enumerate(lines) if line.startswith("- **Widget**"))

    (action,) = refactors(await actions(client, prose_project, PROSE, task))
    assert action.title == "Infer types for 'Task'" and action.disabled is None
    assert [d.code for d in action.diagnostics] == ["W103"]
    (edit,) = action.edit.changes[doc_uri]
    assert (edit.range.start.line, edit.range.end.line) == (task, task + 1)  # that entity's lines, nothing else
    one = apply_lines(text, edit)
    # Task's block is what `infer --write` writes for it; User (and Widget) are as they were.
    full = cli_infer_write(prose_project, {PROSE: text}).split("\n")
    typed = full[task : next(i for i, line in enumerate(full) if line.startswith("- **Widget**"))]
    assert one.split("\n")[task : task + len(typed)] == typed
    assert "  - `user_id`: text, required, references User — Reference to the owning user" in typed
    assert one.split("\n")[task + len(typed) :] == lines[task + 1 :]

    (action,) = refactors(await actions(client, prose_project, PROSE, widget))
    assert action.edit is None and action.disabled is not None
    assert "no attribute of 'Widget' could be read" in action.disabled.reason

    # Entity by entity, the actions come to what `infer --write` makes of the whole spec.
    await change_doc(client, prose_project, PROSE, one)
    assert not refactors(await actions(client, prose_project, PROSE, task))  # typed now: nothing to infer
    user = next(i for i, line in enumerate(one.split("\n")) if line.startswith("- **User**"))
    (action,) = refactors(await actions(client, prose_project, PROSE, user))
    (edit,) = action.edit.changes[doc_uri]
    both = apply_lines(one, edit)
    assert both == cli_infer_write(prose_project, {PROSE: text})
    await change_doc(client, prose_project, PROSE, both, version=3)
    assert not [d for d in client.diagnostics[doc_uri] if d.code == "W103" and d.range.start.line in (task, user)]
    assert published(client, prose_project) == cli_lint(prose_project, {PROSE: both})
    # A client that asks for quick fixes only gets no refactoring.
    widget = next(i for i, line in enumerate(both.split("\n")) if line.startswith("- **Widget**"))
    assert refactors(await actions(client, prose_project, PROSE, widget))
    only = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc_uri),
            range=types.Range(start=types.Position(line=widget, character=0), end=types.Position(line=widget, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.QuickFix]),
        )
    )
    assert not refactors(only)
