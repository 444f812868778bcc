"""Hostile specs: each either compiles to correctly quoted SQL that creates
exactly the declared objects on a fresh database (a canary table created
before keeps its row), or is rejected with a positioned diagnostic. Output
paths never leave the output root."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.config import Settings
from compiler.emit import emit_all
from compiler.passes import compile_paths
from tests.conftest import apply_sql

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "hostile").glob("*.md"))

HEAD = "# Feature: hostile\n\n## Key Entities\n\n"


def entity(name: str = "Thing", description: str = "A thing", *lines: str) -> str:
    body = "".join(f"  - {line}\n" for line in lines)
    return f"- **{name}**: {description}\n{body}"


LONG = "n" * 10_000
WEIRD = {
    "quote_in_name": entity("Thing", "d", "`it's`: text", '`say "hi"`: text'),
    "backslash_name": entity("Thing", "d", "`back\\slash`: text"),
    "dollar_names": entity("Thing", "d", "`a$$b`: text", "`x$tag$y`: text"),
    "semicolon_name": entity("Thing", "d", "`x; DROP TABLE canary; --`: text"),
    "comment_tokens": entity("Thing", "d", "`a--b`: text", "`c/*d`: text", "`e*/f`: text"),
    "rtl_and_zero_width": entity("Thing", "d", "`ab\u200fcd`: text", "`zero\u200bwidth`: text", "`bom\ufeff`: text"),
    "nul_in_name": entity("Thing", "d", "`nul\x00name`: text"),
    "nul_in_description": entity("Thing", "desc \x00 with nul", "`title`: text — has a \x00 nul"),
    "long_attribute": entity("Thing", "d", f"`{LONG}`: text"),
    "long_entity": entity(LONG, "d", "`title`: text"),
    "long_type": entity("Thing", "d", f"`title`: {LONG}"),
    "long_description": entity("Thing", "x" * 10_000, "`title`: text — " + "y" * 10_000),
    "entity_name_quotes": entity('Bob\'s "Thing"', "d", "`title`: text"),
    "entity_name_sql": entity("Thing; DROP TABLE canary", "d", "`title`: text"),
    "entity_name_path": entity("../../etc/passwd", "d", "`title`: text"),
    "empty_enum_value": entity("Thing", "d", "`kind`: enum('', a)"),
    "empty_enum": entity("Thing", "d", "`kind`: enum()"),
    "keyword_enum": entity("Thing", "d", "`kind`: enum(select, from, where, null, true), default null"),
    "description_closes_comment": entity(
        "Thing", "x'); DROP TABLE canary; --", "`title`: text — '); DROP TABLE canary; COMMENT ON TABLE canary IS '"
    ),
    "description_dollar": entity("Thing", "$$; DROP TABLE canary; $$", "`title`: text — $x$; DROP TABLE canary; $x$"),
    "python_text": entity(
        "Thing", '""" \\N{BULLET} __import__("os") {0} %s', '`title`: text — """ __import__("os").system("false") {x} \\N{SNOWMAN}'
    ),
    "newline_in_description": "- **Thing**: line one\n  line two'); DROP TABLE canary; --\n  - `title`: text — a\n    b'); DROP TABLE canary; --\n",
    "check_semicolon": entity("Thing", "d", "`qty`: integer, check(qty > 0); DROP TABLE canary"),
    "check_inner_semicolon": entity("Thing", "d", "`qty`: integer, check(qty > 0; DROP TABLE canary)"),
    "check_comment": entity("Thing", "d", "`qty`: integer, check(qty > 0 /* ); DROP TABLE canary; -- */)"),
    "check_dollar": entity("Thing", "d", "`qty`: integer, check(qty > 0 AND $$x$$ = 'x')"),
    "check_function_call": entity("Thing", "d", "`qty`: integer, check(pg_terminate_backend(qty) IS NULL)"),
    "default_string_quote": entity("Thing", "d", "`title`: string(50), default 'a''b\\'; DROP TABLE canary; --'"),
    "default_expression": entity("Thing", "d", "`qty`: integer, default (1); DROP TABLE canary"),
    "pattern_quote": entity("Thing", "d", '`code`: string(20), pattern("^a\'b$")'),
    "table_override_sql": entity("Thing", "d", "`title`: text", "table: x;DROP_TABLE_canary"),
    "reference_sql": entity("Thing", "d", "`owner`: uuid, references canary; DROP"),
    "deep_parens": entity("Thing", "d", "`qty`: integer, check(" + "(" * 300 + "qty > 0" + ")" * 300 + ")"),
    "unbalanced": entity("Thing", "d", "`qty`: integer, check(" + "(" * 50 + "qty > 0"),
    "index_injection": entity("Thing", "d", "`qty`: integer", "indexes: (qty) where qty > 0; DROP TABLE canary"),
    "control_chars": entity("Thing", "d", "`a\x07b`: text", "`c\x1bd`: text"),
}

CASES = {**{k: HEAD + v for k, v in WEIRD.items()}, **{p.stem: p.read_text(encoding="utf-8") for p in FIXTURES}}


def compile_text(tmp_path: Path, text: str, feature: str = "001-hostile"):
    folder = tmp_path / "specs" / feature
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "spec.md"
    path.write_text(text, encoding="utf-8")
    return compile_paths([(path, f"specs/{feature}/spec.md")], Settings())


def catalog(conn) -> dict[str, set]:
    q = lambda sql: {tuple(r) if len(r) > 1 else r[0] for r in conn.execute(sql).fetchall()}
    return {
        "tables": q(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        ),
        "indexes": q(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'i'"
        ),
        "types": q(
            "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'"
        ),
        "functions": q("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"),
        "triggers": q("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"),
        "constraints": q(
            "SELECT con.conname FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = 'public'"
        ),
        "columns": q(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped"
        ),
        "comments": q(
            "SELECT c.relname, coalesce(a.attname, ''), d.description FROM pg_description d JOIN pg_class c ON c.oid = d.objoid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0 "
            "WHERE n.nspname = 'public' AND d.classoid = 'pg_class'::regclass"
        ),
    }


def declared(schema) -> dict[str, set]:
    tables = {t.name for t in schema.tables} | {"canary"}
    indexes = {"canary_pkey"}
    constraints = {"canary_pkey"}
    columns = {("canary", "id"), ("canary", "note")}
    comments = set()
    for t in schema.tables:
        indexes |= {i.name for i in t.indexes} | {u.name for u in t.uniques}
        constraints |= {u.name for u in t.uniques} | {c.name for c in t.checks} | {f.name for f in t.foreign_keys}
        if t.primary_key:
            indexes.add(t.primary_key.name)
            constraints.add(t.primary_key.name)
        columns |= {(t.name, c.name) for c in t.columns}
        if t.comment:
            comments.add((t.name, "", t.comment))
        comments |= {(t.name, c.name, c.comment) for c in t.columns if c.comment}
    return {
        "tables": tables,
        "indexes": indexes,
        "types": {e.name for e in schema.enums},
        "functions": {f.name for f in schema.functions},
        "triggers": {tr.name for t in schema.tables for tr in t.triggers},
        "constraints": constraints,
        "columns": columns,
        "comments": comments,
    }


def assert_rejected_cleanly(compilation):
    errors = [d for d in compilation.diagnostics.items if d.severity.value == "error"]
    assert errors
    for d in errors:
        assert re.fullmatch(r"E\d{3}", d.code)
        assert d.span is not None and d.span.line >= 1 and d.span.col >= 1


@pytest.mark.postgres
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_spec(name, tmp_path, pg, fresh_db):
    import psycopg

    compilation = compile_text(tmp_path, CASES[name])
    if compilation.diagnostics.has_errors:
        assert_rejected_cleanly(compilation)
        return
    outputs = emit_all(compilation.project, Settings(), ["postgres", "data-model"])
    for output in outputs:
        assert "\x00" not in output.content
    (sql,) = [o.content for o in outputs if o.path.endswith("schema.sql")]
    apply_sql(pg, fresh_db, "CREATE TABLE canary (id integer PRIMARY KEY, note text); INSERT INTO canary VALUES (1, 'alive');")
    apply_sql(pg, fresh_db, sql)
    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        assert conn.execute("SELECT note FROM canary").fetchall() == [("alive",)]
        assert catalog(conn) == declared(compilation.project.features[-1])
    assert not Path("/tmp/spec2db-pwned").exists()


@pytest.mark.parametrize(
    "name",
    [
        "check_semicolon",
        "check_inner_semicolon",
        "default_expression",
        "index_injection",
        "reference_sql",
        "nul_in_name",
        "nul_in_description",
        "deep_parens",
        "rtl_and_zero_width",
        "control_chars",
        "long_attribute",
        "long_entity",
        "empty_enum",
        "unbalanced",
        "injected_check",
        "injected_entity_check",
        "injected_where",
        "injected_default",
        "subquery_check",
    ],
)
def test_hostile_spec_is_rejected(name, tmp_path):
    """These must not compile: a statement or subquery smuggled into SQL
    text, a NUL or an over-long identifier."""
    assert_rejected_cleanly(compile_text(tmp_path, CASES[name]))


def test_compiling_is_deterministic_for_hostile_specs(tmp_path):
    for name, text in CASES.items():
        first = compile_text(tmp_path / "a", text)
        second = compile_text(tmp_path / "b", text)
        assert [str(d) for d in first.diagnostics.sorted()] == [str(d) for d in second.diagnostics.sorted()], name
        if not first.diagnostics.has_errors:
            assert emit_all(first.project, Settings()) == emit_all(second.project, Settings()), name


# ---------------------------------------------------------------- output paths

SPEC = HEAD + entity("Thing", "d", "`title`: text")


def _snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _run(args, cwd: Path):
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def _project(tmp_path: Path, outputs: str | None = None, feature: str = "001-thing") -> Path:
    project = tmp_path / "project"
    (project / "specs" / feature).mkdir(parents=True)
    (project / "specs" / feature / "spec.md").write_text(SPEC, encoding="utf-8")
    toml = '[tool.spec2db]\nemit = ["postgres", "data-model"]\n'
    if outputs:
        toml += f"\n[tool.spec2db.outputs]\n{outputs}\n"
    (project / "pyproject.toml").write_text(toml, encoding="utf-8")
    return project


@pytest.mark.parametrize(
    "template", ["../x/{feature}.sql", "/tmp/spec2db-escape/{feature}.sql", "specs/../../{feature}.sql", "C:/x/{feature}.sql"]
)
def test_configured_output_outside_root_is_refused(tmp_path, template):
    project = _project(tmp_path, f'schema_sql = "{template}"')
    before = _snapshot(tmp_path)
    result = _run(["build"], project)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert _snapshot(tmp_path) == before
    assert not Path("/tmp/spec2db-escape").exists()


def test_symlinked_output_folder_is_refused(tmp_path):
    project = _project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "specs").symlink_to(elsewhere, target_is_directory=True)
    result = _run(["build", "--out", str(out)], project)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert list(elsewhere.iterdir()) == []


def test_feature_folder_named_like_a_path_stays_inside(tmp_path):
    """A feature folder or entity with `..` in its name only names files
    under the output root."""
    project = _project(tmp_path, feature="001-..")
    (project / "specs" / "002-x").mkdir()
    (project / "specs" / "002-x" / "spec.md").write_text(HEAD + entity("../../etc", "d", "`title`: text"), encoding="utf-8")
    out = tmp_path / "out"
    before = _snapshot(tmp_path)
    result = _run(["build", "--out", str(out)], project)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    after = _snapshot(tmp_path)
    for new in after - before:
        assert new.startswith("out"), new


# ---------------------------------------------------------------- regressions


def test_regression_mixed_case_column_in_query_patterns(tmp_path):
    """A column that needs quoting (`AccountStatus`, from a corpus file) made
    the data-model emitter's query check fail: internal error, exit 2."""
    text = HEAD + entity("UserAccount", "d", "`AccountStatus`: enum {Active, Locked} (required)", "`Email`: string(200), indexed")
    compilation = compile_text(tmp_path, text)
    assert not compilation.diagnostics.has_errors, [str(d) for d in compilation.diagnostics.items]
    outputs = emit_all(compilation.project, Settings(), ["postgres", "data-model"])
    assert any('"AccountStatus"' in o.content for o in outputs)


@pytest.mark.parametrize("depth", [65, 300, 5_000])
def test_regression_deep_parentheses_are_diagnosed(tmp_path, depth):
    """sqlglot (check expressions) and the Lark transformer recursed once per
    level and raised RecursionError."""
    for line in (
        "`x`: integer, check(" + "(" * depth + "x > 0" + ")" * depth + ")",
        "`x`: integer, default (" + "(" * depth + "1" + ")" * depth + ")",
    ):
        assert_rejected_cleanly(compile_text(tmp_path, HEAD + entity("Thing", "d", line)))
    # Not written as a type at all: prose (W106) with its position, no column, no crash.
    compilation = compile_text(tmp_path, HEAD + entity("Thing", "d", "`x`: " + "(" * depth + ")" * depth))
    (w106,) = [d for d in compilation.diagnostics.items if d.code == "W106"]
    assert w106.span is not None and w106.span.line >= 1 and not compilation.project.features[0].tables


def test_regression_nul_is_reported_not_replaced(tmp_path):
    """markdown-it turns NUL into U+FFFD; the name used to compile as 'a\ufffdb'."""
    compilation = compile_text(tmp_path, HEAD + entity("Thing", "d", "`a\x00b`: text"))
    codes = {d.code for d in compilation.diagnostics.items}
    assert "E001" in codes


def test_a_stray_windows_1252_byte_is_read_with_a_warning_and_lint_strict_blocks_it(tmp_path, monkeypatch):
    """Real specs carry an editor's Windows-1252 byte now and then (`it\\x92s`): build reads it as that
    character, with W107 at the byte, and exits 0; `lint --strict` fails on it. A byte Windows-1252 has no
    character for, inside an attribute's name, is U+FFFD there: refused (E210), nothing written."""
    folder = tmp_path / "specs" / "001-notes"
    folder.mkdir(parents=True)
    spec = folder / "spec.md"
    spec.write_bytes(HEAD.encode() + b"- **Note**: it\x92s a note\n  - `title`: text\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "specs/001-notes/spec.md:5:15: W107" in result.output and "0x92" in result.output
    assert "it’s a note" in (folder / "data-model.md").read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["lint", "--strict"]).exit_code == 1
    spec.write_bytes((HEAD + "- **Note**: a note\n  - `title`: text\n").encode("utf-16"))  # PowerShell's `>`
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0 and "spec.md:1:1: W107 spec is UTF-16" in result.output, result.output
    assert "CREATE TABLE notes" in (folder / "schema.sql").read_text(encoding="utf-8")
    spec.write_bytes(HEAD.encode() + b"- **Note**: a note\n  - `ti\x81tle`: text\n")
    compilation = compile_paths([(spec, "specs/001-notes/spec.md")], Settings())
    assert {d.code for d in compilation.diagnostics.items} == {"W107", "E210"}


@pytest.mark.postgres
def test_every_postgres_keyword_as_a_column_name_builds_and_applies(tmp_path, pg, fresh_db, monkeypatch):
    """Each of the server's own keywords (pg_get_keywords(), reserved or not) as a column name, indexed:
    `build` exits 0 (every statement passes sqlglot's check) and schema.sql applies. `exclude TEXT[]` used to
    stop the build with an internal error: PostgreSQL reads it bare, sqlglot does not."""
    import psycopg

    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        words = sorted(w for (w,) in conn.execute("SELECT word FROM pg_get_keywords()").fetchall())
    assert "exclude" in words and len(words) > 400
    folder = tmp_path / "specs" / "001-keywords"
    folder.mkdir(parents=True)
    lines = "".join(f"  - `{w}`: text[]{', indexed' if n % 7 == 0 else ''}\n" for n, w in enumerate(words) if w != "id")
    (folder / "spec.md").write_text(HEAD + "- **Word**: every keyword\n" + lines, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    apply_sql(pg, fresh_db, (folder / "schema.sql").read_text(encoding="utf-8"))
    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        columns = {c for (c,) in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'words'")}
    assert columns >= set(words) - {"id"}
