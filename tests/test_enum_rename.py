"""Enum value renames, `finished (was done)`, from the notation to the
migration operations (the PostgreSQL run is in tests/test_evolution.py)."""

from __future__ import annotations

from pathlib import Path

from compiler.config import Settings
from compiler.diagnostics import Diagnostics
from compiler.frontend import parse_spec
from compiler.frontend.notation import parser
from compiler.ir import EnumType, Schema
from compiler.migrate import diff
from compiler.passes import compile_paths

HEAD = "# Feature Specification: Probe\n\n## Key Entities\n\n"

FIRST = "- **Task**: t\n  - `id`: uuid, primary key\n  - `status`: enum(todo, in_progress, done), required, default todo\n"
SECOND = (
    "- **Task** *(extends)*: renamed\n"
    "  - `status`: enum(todo, 'in progress' (was in_progress), finished (was done)) (was state), required, default todo\n"
)


def test_the_grammar_builds_without_conflicts():
    assert parser().parser is not None  # LALR: a conflict raises while building


def test_a_value_carries_its_old_name_on_the_ast():
    diags = Diagnostics()
    spec = parse_spec("specs/002-probe/spec.md", HEAD + SECOND, diags)
    assert not diags.has_errors
    attribute = spec.entities[0].attributes[0]
    assert [(a.kind, a.value, a.renamed_from) for a in attribute.type.args] == [
        ("name", "todo", None),
        ("string", "in progress", "in_progress"),
        ("name", "finished", "done"),
    ]
    assert attribute.renamed_from == "state"  # `(was ...)` after the type still renames the column
    finished = attribute.type.args[2].span
    assert (finished.line, finished.col) == (6, SECOND.splitlines()[1].index("finished") + 1)


def test_a_value_named_was_is_still_a_value():
    diags = Diagnostics()
    spec = parse_spec("specs/001-probe/spec.md", HEAD + "- **Task**: t\n  - `a`: enum(was, is)\n", diags)
    assert not diags.has_errors
    assert [a.value for a in spec.entities[0].attributes[0].type.args] == ["was", "is"]


def _compile(tmp_path: Path, *bodies: str):
    paths = []
    for i, body in enumerate(bodies, start=1):
        spec = tmp_path / f"00{i}-probe" / "spec.md"
        spec.parent.mkdir()
        spec.write_text(HEAD + body, encoding="utf-8")
        paths.append((spec, spec.relative_to(tmp_path).as_posix()))
    compiled = compile_paths(paths, Settings())
    assert not compiled.diagnostics.has_errors, [str(d) for d in compiled.diagnostics.items]
    return compiled.project.features


def test_the_ir_enum_type_keeps_the_renames_in_declaration_order(tmp_path):
    second = SECOND.replace(" (was state)", "")
    _, after = _compile(tmp_path, FIRST, second)
    (enum,) = after.enums
    assert enum.values == ["todo", "in progress", "finished"]
    assert list(enum.renamed_values.items()) == [("in progress", "in_progress"), ("finished", "done")]


def test_renames_only_rename_values_in_place(tmp_path):
    before, after = _compile(tmp_path, FIRST, SECOND.replace(" (was state)", ""))
    change = diff(before, after)
    (enum,) = change.enum_changes
    assert (enum.renamed, enum.removed, enum.added, enum.swap) == ({"in_progress": "in progress", "done": "finished"}, [], [], False)
    assert change.value_renames == {"task_status": {"in_progress": "in progress", "done": "finished"}}
    back = diff(after, before, values=change.inverse_value_renames())
    assert [e.renamed for e in back.enum_changes] == [{"in progress": "in_progress", "finished": "done"}]
    assert not diff(after, before).enum_changes[0].renamed  # without the inverse the way back would drop and add


def test_a_rename_needs_the_old_value_before_and_the_new_one_only_now():
    def enum(values, renamed=None):
        return EnumType(name="t", values=values, table="x", column="c", renamed_values=renamed or {})

    def renamed(old, new):
        change = diff(Schema(feature="1", enums=[old]), Schema(feature="2", enums=[new]))
        return [e.renamed for e in change.enum_changes]

    assert renamed(enum(["a", "b"]), enum(["a", "c"], {"c": "b"})) == [{"b": "c"}]
    assert renamed(enum(["a", "c"]), enum(["a", "c"], {"c": "b"})) == []  # a later feature: already renamed
    assert renamed(enum(["a", "c"]), enum(["a", "c", "b"], {"c": "b"})) == [{}]  # `b` came back: an addition
    assert renamed(enum(["a", "x"]), enum(["a", "c"], {"c": "b"})) == [{}]  # no `b` before: a replacement


def test_a_rename_is_not_a_removed_value_for_the_linter(tmp_path):
    from compiler.lint import lint_paths
    from compiler.lint.config import parse_lint_config

    files = []
    for i, body in enumerate((FIRST, SECOND), start=1):
        spec = tmp_path / f"00{i}-probe" / "spec.md"
        spec.parent.mkdir()
        spec.write_text(HEAD + body, encoding="utf-8")
        files.append((spec, spec.relative_to(tmp_path).as_posix()))
    result = lint_paths(files, Settings(), parse_lint_config({"select": ["B005"]}))
    assert not [d for d in result.diagnostics if d.code == "B005"]
    files[1][0].write_text(HEAD + SECOND.replace(" (was done)", ""), encoding="utf-8")
    result = lint_paths(files, Settings(), parse_lint_config({"select": ["B005"]}))
    assert [d.code for d in result.diagnostics if d.code == "B005"] == ["B005"]
