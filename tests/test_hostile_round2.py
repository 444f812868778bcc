"""Issue 13, hostile input round two: every example of the issue, and the
systematic test of each class (the injection property, the namespace pass,
the Python-name table, the differential fuzzer on real PostgreSQL)."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compiler.cli import main
from compiler.config import Settings
from compiler.emit import emit_all
from compiler.passes import compile_paths

ROOT = Path(__file__).resolve().parent.parent
HEAD = "# Feature: hostile\n\n## Key Entities\n\n"
ALL = Settings.model_validate({"emit": ["postgres", "data-model", "alembic", "sqlalchemy", "sqlmodel"], "schema-sql": "every-feature"})


def build(tmp_path: Path, text: str, feature: str = "001-hostile", settings: Settings = ALL):
    folder = tmp_path / "specs" / feature
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "spec.md").write_text(text, encoding="utf-8")
    compilation = compile_paths([(folder / "spec.md", f"specs/{feature}/spec.md")], settings)
    outputs = [] if compilation.diagnostics.has_errors else emit_all(compilation.project, settings)
    return compilation, {o.path: o.content for o in outputs}


def codes(compilation) -> list[str]:
    return [d.code for d in compilation.diagnostics.sorted() if d.severity.value == "error"]


def run(args, cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


SIMPLE = HEAD + "- **Note**: A note\n  - `body`: text, required\n"


# -- 1. injection ------------------------------------------------------------------


def test_newline_in_folder_name_is_refused(tmp_path):
    feature = "001-x\nDROP TABLE users; --\nimport os; os.system('false') #"
    compilation, outputs = build(tmp_path, SIMPLE, feature=feature)
    assert codes(compilation) == ["E219"] and not outputs


@pytest.mark.parametrize("source", ["specs/001-x\nDROP TABLE users; --/spec.md", "specs/a-->b\x1b[2J\u202e/spec.md"])
def test_header_is_one_visible_line_in_every_comment_syntax(source):
    from compiler.emit.output import header

    for comment in ("--", "#", "##", "<!--"):
        line = header(comment, source)
        assert "\n" not in line and "\x1b" not in line and "\u202e" not in line
        if comment == "<!--":
            assert line.count("-->") == 1 and line.endswith("-->")


def test_quotes_and_comment_tokens_in_folder_name_stay_inert(tmp_path):
    feature = '001-x"""; import os; --*/ #'
    compilation, outputs = build(tmp_path, SIMPLE, feature=feature)
    assert not codes(compilation)
    for path, text in outputs.items():
        assert not [line for line in text.splitlines() if line.lstrip().startswith(("DROP TABLE", "import os;"))], path
        if path.endswith(".py"):
            ast.parse(text)
    sql = next(t for p, t in outputs.items() if p.endswith("schema.sql"))
    assert "\nDROP TABLE" not in sql


def test_external_name_cannot_close_a_docstring(tmp_path):
    text = HEAD + '- **Acct** *(external: x""";import os;exit;""")*: kept elsewhere.\n'
    text += "- **Note**: n\n  - `acct`: uuid, references Acct\n"
    compilation, outputs = build(tmp_path / "a", text)
    assert not codes(compilation)
    _, clean = build(tmp_path / "b", text.replace('x""";import os;exit;"""', "accounts"))
    for path, content in outputs.items():
        if path.endswith(".py"):
            assert _shape(content) == _shape(clean[path]), path


def _shape(python: str) -> list[str]:
    return [type(node).__name__ for node in ast.parse(python).body]


def test_external_marker_does_not_span_a_continuation_line(tmp_path):
    text = HEAD + "- **User** *(external: users\n  DROP TABLE x; --)*: An account.\n- **Note**: n\n  - `body`: text\n"
    _compilation, outputs = build(tmp_path, text)
    assert all("DROP TABLE x" not in content for content in outputs.values())


def test_external_name_goes_through_the_name_check(tmp_path):
    text = HEAD + "- **Acct** *(external: acc\u202eounts)*: x\n- **Note**: n\n  - `acct`: uuid, references Acct\n"
    compilation, _ = build(tmp_path, text)
    assert "E210" in codes(compilation)


def test_bidi_override_in_description_never_reaches_python_raw(tmp_path):
    text = HEAD + "- **Note**: admin \u202e )eurt(fi\n  - `body`: text — say \u2066hi\u2069 \x1b[31m\n"
    compilation, outputs = build(tmp_path, text)
    assert not codes(compilation)
    for path, content in outputs.items():
        if path.endswith(".py"):
            assert not any(c in content for c in "\u202e\u2066\u2069\x1b"), path
            ast.parse(content)


def test_escape_sequences_are_not_echoed_to_the_terminal(tmp_path):
    (tmp_path / "specs" / "001-x").mkdir(parents=True)
    (tmp_path / "specs" / "001-x" / "spec.md").write_text(
        HEAD + "- **Note**: n\n  - `body`: \x1b]8;;http://evil\x1b\\\\click\x1b]8;;\x1b\\\\ \x1b[2J\n", encoding="utf-8"
    )
    for command in (["build"], ["lint"], ["lint", "--format", "github"]):
        result = run(command, tmp_path)
        assert "\x1b" not in result.output, command


def test_a_planted_cache_entry_never_runs_code(tmp_path, monkeypatch):
    """A cache folder in the working tree holding a pickle that would run
    code: entries are JSON data, so the pickle is a damaged entry."""
    import pickle

    from compiler.cache import SpecCache

    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache_dir = tmp_path / ".spec2db-cache"
    monkeypatch.setenv("SPEC2DB_CACHE_DIR", str(cache_dir))
    (tmp_path / "specs" / "001-x").mkdir(parents=True)
    spec = tmp_path / "specs" / "001-x" / "spec.md"
    spec.write_text(SIMPLE, encoding="utf-8")
    cache = SpecCache(cache_dir)
    key = cache.key("specs/001-x/spec.md", spec.read_bytes())
    (cache_dir / key[:2]).mkdir(parents=True)
    (cache_dir / key[:2] / key).write_bytes(pickle.dumps(Payload()))
    result = run(["lint"], tmp_path)
    assert result.exit_code == 0, result.output
    assert not marker.exists()


def test_cache_round_trips_every_example_spec():
    from compiler.cache import dumps, loads
    from compiler.diagnostics import Diagnostics
    from compiler.passes import parse_bytes

    for path in sorted(ROOT.glob("specs/*/spec.md")):
        diags = Diagnostics()
        spec = parse_bytes(path.read_bytes(), str(path), diags)
        assert loads(dumps((spec, diags.items))) == (spec, diags.items)


# The property: arbitrary text (controls, bidi, quotes, newlines) in every
# input position that reaches an output keeps each output's shape.
hostile_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
safe_name = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(folder=hostile_text, title=hostile_text, entity_doc=hostile_text, column_doc=hostile_text, column=safe_name)
def test_injection_property(tmp_path_factory, folder, title, entity_doc, column_doc, column):
    import pglast

    folder = folder.replace("/", "_").replace("\x00", "_").strip() or "x"
    title = title.replace("\n", " ").replace("\r", " ")
    entity_doc = " ".join(entity_doc.split())
    column_doc = " ".join(column_doc.split())
    text = f"# Feature: {title}\n\n## Key Entities\n\n- **Note**: {entity_doc or 'n'}\n  - `{column}`: text — {column_doc or 'd'}\n"
    tmp = tmp_path_factory.mktemp("inj")
    feature = f"001-{folder}"
    compilation, outputs = build(tmp, text, feature=feature)
    if codes(compilation):
        assert set(codes(compilation)) <= {"E001", "E101", "E210", "E219"}, (
            compilation.diagnostics.sorted()
        )  # hidden characters: refused, never written
        return
    clean_text = f"# Feature: t\n\n## Key Entities\n\n- **Note**: n\n  - `{column}`: text — d\n"
    clean_compilation, clean = build(tmp_path_factory.mktemp("clean"), clean_text, feature="001-clean")
    assert not codes(clean_compilation)

    def kind(path: str, name: str) -> str:
        return "migration" if "/versions/" in path else path.replace(name, "{feature}")

    reference = {kind(p, "001-clean"): c for p, c in clean.items()}
    for path, content in outputs.items():
        expected = reference[kind(path, feature)]
        if path.endswith(".sql"):
            assert len(pglast.parse_sql(content)) == len(pglast.parse_sql(expected)), path
        elif path.endswith(".py"):
            assert _shape(content) == _shape(expected), path
        elif path.endswith(".md"):
            assert _blocks(content) == _blocks(expected), path


def _names_spec(column: str, value: str, default: str, external: str) -> str:
    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    return (
        f"# Feature: t\n\n## Key Entities\n\n- **Acct** *(external: {external})*: kept elsewhere.\n"
        f"- **Note**: n\n  - `{column}`: text, default {quoted(default)}, indexed\n"
        f"  - `kind`: enum({quoted(value)}, other), default {quoted(value)}\n  - `acct`: uuid, references Acct\n"
    )


one_line_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r`()"), min_size=1, max_size=16)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(column=one_line_text, value=one_line_text, default=one_line_text, external=one_line_text)
@example(column="created_at", value="0", default="0", external="0")
@example(column="id", value="0", default="0", external="0")
def test_injection_property_names_and_values(tmp_path_factory, column, value, default, external):
    """Column names, enum values, string defaults and external table names:
    refused with a positioned diagnostic, or every output keeps its shape."""
    import pglast

    compilation, outputs = build(tmp_path_factory.mktemp("inj"), _names_spec(column, value, default, external))
    if codes(compilation):
        return
    # A column the spec names like a conventional one (`created_at`) replaces that column: one column
    # fewer, by design, so the clean build to compare with names it the same way.
    (note,) = (t for t in compilation.project.features[0].tables if t.name == "notes")
    replaces_conventional = len(note.columns) < len(("id", column, "kind", "acct", "created_at", "updated_at"))
    clean_column = column if replaces_conventional else "body"
    _, clean = build(tmp_path_factory.mktemp("clean"), _names_spec(clean_column, "draft", "x", "accounts"))
    for path, content in outputs.items():
        expected = clean[path]
        if path.endswith(".sql"):
            assert len(pglast.parse_sql(content)) == len(pglast.parse_sql(expected)), path
        elif path.endswith(".py"):
            assert _shape(content) == _shape(expected), path
        elif path.endswith(".md"):
            assert _blocks(content) == _blocks(expected), path
    assert set(outputs) == set(clean)


def _blocks(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    """Every block token (headings, paragraphs, tables down to their cells, fences), in order."""
    return [t.type for t in MarkdownIt("commonmark").enable("table").parse(text) if t.type != "inline"]


# -- 2. files ----------------------------------------------------------------------


def _project(tmp_path: Path, *features: str) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.spec2db]\nschema-sql = "every-feature"\n', encoding="utf-8")
    for i, feature in enumerate(features):
        folder = tmp_path / "specs" / feature
        folder.mkdir(parents=True)
        body = f"- **E{i}**: e\n  - `title`: text\n" + ("  - `prev_id`: uuid, references E0\n" if i else "")
        (folder / "spec.md").write_text(HEAD + body, encoding="utf-8")
    return tmp_path


def test_stale_removal_spares_files_that_only_mention_spec2db(tmp_path):
    project = _project(tmp_path, "001-a")
    assert run(["build"], project).exit_code == 0
    notes = project / "specs" / "001-a" / "NOTES.md"
    notes.write_text("# Notes\n\nGenerated by spec2db, then edited by hand.\n", encoding="utf-8")
    spec = project / "specs" / "001-a" / "spec.md"
    spec.write_text("<!-- Generated by spec2db from specs/001-a/spec.md. Do not edit -->\n" + spec.read_text(), encoding="utf-8")
    models = project / "backend" / "src" / "db" / "models"
    (models / "mine.py").write_text("# Generated by spec2db (not really)\nX = 1\n", encoding="utf-8")
    assert run(["build"], project).exit_code == 0
    assert notes.exists() and spec.exists() and (models / "mine.py").exists()


def test_a_subset_build_computes_project_wide_outputs_from_the_whole_project(tmp_path):
    project = _project(tmp_path, "001-a", "002-b")
    assert run(["build"], project).exit_code == 0
    before = {p: p.read_text() for p in project.rglob("*") if p.is_file() and p.name != "spec.md"}
    result = run(["build", "specs/002-b"], project)
    assert result.exit_code == 0, result.output
    after = {p: p.read_text() for p in project.rglob("*") if p.is_file() and p.name != "spec.md"}
    assert after == before  # the same migration chain, cumulative schema.sql and models __init__
    migration = next((project / "backend" / "migrations" / "versions").glob("002_*.py")).read_text()
    assert "down_revision = None" not in migration


def test_diff_out_refuses_a_hand_written_file_and_honours_the_umask(tmp_path):
    project = _project(tmp_path, "001-a")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "x", "--allow-empty"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "specs"], cwd=project, check=True)
    mine = project / "mine.py"
    mine.write_text("my own work\n", encoding="utf-8")
    result = run(["diff", "--base", "HEAD~1", "--out", "mine.py"], project)
    assert result.exit_code == 1 and mine.read_text() == "my own work\n"
    result = run(["diff", "--base", "HEAD~1", "--out", "new.py"], project)
    assert result.exit_code == 0, result.output
    mode = stat.S_IMODE((project / "new.py").stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    assert mode == 0o666 & ~mask
    assert run(["diff", "--base", "HEAD~1", "--out", "new.py"], project).exit_code == 0  # its own file: overwritten
    assert run(["diff", "--base", "HEAD~1", "--out", "mine.py", "--force"], project).exit_code == 0


# -- 3. exit 0 only when the engines accept ------------------------------------------

BAD_DEFAULTS = [
    "integer, default(1_000)",
    "double, default(nan)",
    "double, default inf",
    "integer, default ١٢",
    "integer, default １",
    "string(3), default 'toolong'",
    "smallint, default 99999",
    "jsonb, default '{bad'",
    "uuid, default 'not-a-uuid'",
    "date, default '2020-13-45'",
    "interval, default 'forever'",
    "real, default " + "9" * 50,
]


@pytest.mark.parametrize("attribute", BAD_DEFAULTS)
def test_defaults_are_checked_against_their_type(tmp_path, attribute):
    compilation, _ = build(tmp_path, HEAD + f"- **Note**: n\n  - `v`: {attribute}\n")
    assert codes(compilation) == ["E208"], compilation.diagnostics.sorted()


@pytest.mark.parametrize(
    "text, code",
    [
        ("- **Task**: t\n  - `status_kind`: enum(a)\n- **TaskStatus**: s\n  - `kind`: enum(b)\n", "E214"),
        ("- **Taskx**: t\n  - `status`: enum(a)\n- **Other**: o\n  - `n`: text\n  - table: taskx_status\n", "E214"),
        ("- **Task**: t\n  - `title`: text, indexed\n- **Other**: o\n  - `n`: text\n  - table: idx_tasks_title\n", "E213"),
        ("- **Task**: t\n  - `a`: text, unique\n- **Other**: o\n  - `n`: text\n  - table: tasks_a_key\n", "E213"),
        ("- **A**: a\n  - `b_c`: text, indexed\n  - table: a\n- **AB**: x\n  - `c`: text, indexed\n  - table: a_b\n", "E213"),
        ("- **A**: a\n  - `b_c`: text, unique\n  - table: a\n- **AB**: x\n  - `c`: text, unique\n  - table: a_b\n", "E213"),
        ("- **Task**: t\n  - `n`: integer, check(n > 0) as tasks_pkey\n", "E215"),
        ("- **Task**: t\n  - `n`: text\n  - table: app.projects\n", "E216"),
        ("- **pg_class**: a system catalog's name\n  - `n`: text\n  - table: pg_class\n", "E224"),
        ("- **Task**: t\n  - `n`: text\n  - table: pg_tasks\n", "E224"),
        ("- **Task**: t\n  - `settings`: json, unique\n", "E217"),
        ("- **Task**: t\n  - `settings`: json, indexed\n", "E217"),
        ("- **Tag**: t\n  - `n`: text\n- **Task**: t\n  - `tag_ids`: Tag[]\n", "E218"),
        ("- **Tag**: t\n  - `n`: text\n- **Task**: t\n  - `tag_ids`: uuid[], references Tag\n", "E218"),
    ],
)
def test_namespaces_and_types_refused_at_build(tmp_path, text, code):
    compilation, _ = build(tmp_path, HEAD + text)
    assert code in codes(compilation), compilation.diagnostics.sorted()


def test_generated_checks_quote_reserved_column_names(tmp_path):
    compilation, outputs = build(
        tmp_path, HEAD + "- **Acct**: a\n  - `user`: email\n  - `order`: integer, min(0)\n  - `end`: text, length(1..)\n"
    )
    assert not codes(compilation)
    sql = next(t for p, t in outputs.items() if p.endswith("schema.sql"))
    assert 'CHECK ("user" ~' in sql and 'CHECK ("order" >= 0)' in sql and 'LENGTH("end")' in sql


@pytest.mark.parametrize(
    "attribute",
    [
        "text, default 'hello :name'",
        "jsonb, default '{\"a\":true}'",
        "text, check(v <> ':bad')",
        "text, indexes",
    ],
)
def test_colon_words_are_never_bind_parameters(tmp_path, attribute):
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql

    from compiler.emit.sqlalchemy.types import sql_str, sql_text

    for sql in ("'hello :name'", "'{\"a\":true}'", "v <> ':bad'"):
        clause = eval(sql_text(sql), {"sa": sa})
        assert str(clause.compile(dialect=postgresql.dialect())) == sql
        check = eval(f"sa.CheckConstraint({sql_str(sql)})", {"sa": sa})
        assert str(check.sqltext.compile(dialect=postgresql.dialect())) == sql


def _python_names() -> list[str]:
    """Every Python keyword and builtin, every name the model modules import,
    every SQLAlchemy/pydantic/SQLModel reserved attribute, and names that are
    no identifier at all."""
    import builtins
    import keyword

    from compiler.emit.sqlalchemy.types import RESERVED_ATTRIBUTES

    names = set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins)) | set(RESERVED_ATTRIBUTES)
    names |= {"2fa_secret", "_rev", "__x", "a b", "ÄÖü", "id_", "type_"}
    return sorted(names - {"id"})


PYTHON_NAMES = _python_names()


def test_python_names_are_aliased_and_models_import(tmp_path, pg, fresh_db):
    """Each name as a column (attribute names compare case-insensitively,
    so `Relationship` and `relationship` go to two entities); the models
    must import and create what schema.sql creates."""
    from tests.engines import Engines

    entities: list[list[str]] = [[], []]
    seen: set[str] = set()
    for name in PYTHON_NAMES:
        entities[name.lower() in seen].append(name)
        seen.add(name.lower())
    types = ["date", "uuid", "decimal(5, 2)", "text", "jsonb"]
    text = HEAD
    for n, names in enumerate(entities):
        text += f"- **Thing{n}**: t\n" + "".join(f"  - `{name}`: {types[i % len(types)]}\n" for i, name in enumerate(names))
    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([text])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


def test_enum_type_name_of_63_bytes_rebuilt_is_not_renamed_to_itself(tmp_path, pg):
    from tests.engines import Engines

    entity = "E" * 30
    column = "c" * 32  # e..e_c..c: 63 bytes
    first = HEAD + f"- **{entity}**: t\n  - `{column}`: enum(a, b)\n"
    second = HEAD + f"- **{entity}** *(extends)*: t\n  - `{column}`: enum(a)\n"
    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([first, second])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


def test_generated_names_past_63_bytes_are_fitted_and_every_engine_takes_them(tmp_path, pg):
    from compiler.naming import MAX_IDENTIFIER_BYTES, byte_length, index_name
    from tests.engines import Engines

    owner = "- **Customer**: o\n  - `name`: text\n"
    entity = "- **Sales Transaction Return Exchange Service Order**: t\n"
    columns = (
        "  - `customer_id`: uuid, references Customer\n"
        "  - `publication_status`: enum(draft, live), indexed\n"
        "  - `available_from`: timestamp\n"
        "  - indexes: (`customer_id`, `publication_status`, `available_from`)\n"
    )
    long_names = [
        index_name("sales_transaction_return_exchange_service_orders", ["publication_status_of_the_order", "x"]),
        index_name("t" * 60, ["c"]),
    ]
    assert all(byte_length(n) == MAX_IDENTIFIER_BYTES for n in long_names) and long_names[0] != long_names[1]
    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([HEAD + owner + entity + columns])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
@given(data=st.data())
def test_differential_engines_modest(pg, data):
    """The default suite's share of bench/fuzz_engines.py (the same cases
    every run; the long run explores)."""
    from tests.engines import spec_texts

    engines = _shared_engines(pg)
    texts = data.draw(spec_texts())
    outcome = engines.check(texts)
    assert outcome.problem is None, f"{outcome.problem}\n" + "\n---\n".join(texts)


_ENGINES = {}


def _shared_engines(pg):
    if "e" not in _ENGINES:
        from tests.engines import Engines

        _ENGINES["e"] = Engines(pg.dsn("postgres"))
    return _ENGINES["e"]


@pytest.fixture(scope="module", autouse=True)
def _close_engines():
    yield
    if "e" in _ENGINES:
        _ENGINES.pop("e").close()


@pytest.mark.slow
def test_differential_engines_long():
    result = subprocess.run([sys.executable, "bench/fuzz_engines.py", "12000"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:]


# -- 5. many features ----------------------------------------------------------------


def test_many_features_write_one_schema_sql_by_default(tmp_path):
    paths = []
    for i in range(1, 41):
        folder = tmp_path / "specs" / f"{i:03d}-f{i}"
        folder.mkdir(parents=True)
        (folder / "spec.md").write_text(HEAD + f"- **E{i}**: e\n  - `title`: text\n", encoding="utf-8")
        paths.append((folder / "spec.md", f"specs/{i:03d}-f{i}/spec.md"))
    settings = Settings()
    compilation = compile_paths(paths, settings)
    outputs = emit_all(compilation.project, settings, ["postgres"])
    assert [o.path for o in outputs] == ["specs/040-f40/schema.sql"]
    assert outputs[0].content.count("CREATE TABLE") == 40


# -- 4. nothing dropped or misread -----------------------------------------------------

TABLE = """### Task

A task.

| Field | Type | Required | Nullable | Default | Description |
|-------|------|----------|----------|---------|-------------|
| `a` | text | ✅ | | | A |
| `b` | text | Yes (always) | | | B |
| `c` | text | NOT NULL | | 'x' | C |
| `d` | integer | | no | 5 | D |
| `e` | timestamp | | yes | now() | E |
| `f` | text | maybe | | — | F |
| `g` | boolean | No | | `true` | G |
"""


def test_attribute_table_required_nullable_and_default_cells_are_applied(tmp_path):
    compilation, _ = build(tmp_path, HEAD + TABLE)
    assert not codes(compilation)
    assert [d.code for d in compilation.diagnostics.sorted()] == ["W120"]  # `maybe`: reported, not dropped
    table = compilation.project.features[0].table("tasks")
    nullable = {c.name: c.nullable for c in table.columns}
    assert nullable["a"] is nullable["b"] is nullable["c"] is nullable["d"] is False
    assert nullable["e"] is nullable["f"] is nullable["g"] is True
    defaults = {c.name: (c.default.kind, c.default.value) if c.default else None for c in table.columns}
    assert defaults["c"] == ("string", "x") and defaults["d"] == ("number", "5") and defaults["e"][0] == "now"
    assert defaults["g"] == ("boolean", "true") and defaults["f"] is None


def test_nfc_and_nfd_spellings_are_one_name(tmp_path):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "café")
    text = HEAD + f"- **Note**: n\n  - `café`: text\n  - `{nfd}`: text\n"
    compilation, _ = build(tmp_path, text)
    assert codes(compilation) == ["E203"]


def test_look_alike_entities_are_reported(tmp_path):
    text = HEAD + "- **Task**: t\n  - `title`: text\n  - `t\u0456tle`: text\n- **T\u0430sk**: t\n  - `n`: text\n"
    text += "- **Note**: n\n  - `task_id`: uuid, references T\u0430sk\n"
    compilation, _ = build(tmp_path, text)
    messages = [d.message for d in compilation.diagnostics.sorted() if d.code == "W121"]
    assert any("'t\u0430sks' looks like 'tasks'" in m for m in messages)
    assert any("'t\u0456tle' of 'tasks' looks like 'title'" in m for m in messages)
    assert any("CYRILLIC SMALL LETTER A" in m for m in messages)


def test_many_to_many_on_both_entities_is_one_join_table(tmp_path):
    text = HEAD + "- **Task**: t\n  - `title`: text\n  - relationships: many to many Tag\n"
    text += "- **Tag**: g\n  - `name`: text\n  - relationships: many to many Task\n"
    compilation, _ = build(tmp_path, text)
    assert not codes(compilation)
    assert sorted(t.name for t in compilation.project.features[0].tables) == ["tags", "task_tags", "tasks"]


def test_declared_updated_at_of_another_type_is_the_authors(tmp_path):
    compilation, _ = build(tmp_path, HEAD + "- **Note**: n\n  - `updated_at`: string(40), optional\n")
    assert not codes(compilation)
    table = compilation.project.features[0].table("notes")
    column = table.column("updated_at")
    assert column.nullable and column.default is None and not table.triggers


def test_belongs_to_uses_the_declared_column(tmp_path):
    text = HEAD + "- **User** *(external: users)*: u\n- **Task**: t\n  - `user_id`: uuid, required\n  - relationships: belongs to User\n"
    compilation, _ = build(tmp_path, text)
    assert not codes(compilation)
    table = compilation.project.features[0].table("tasks")
    assert [c.name for c in table.columns].count("user_id") == 1
    assert [fk.columns for fk in table.foreign_keys] == [["user_id"]]


@pytest.mark.parametrize(
    "old, new", [("interval", "timestamptz"), ("boolean", "bigint"), ("integer", "jsonb"), ("uuid", "integer"), ("date", "time")]
)
def test_regression_a_type_change_postgres_cannot_cast_is_refused(tmp_path, old, new):
    """Found by the engine fuzzer: `ALTER COLUMN ... USING span::TIMESTAMPTZ` from interval failed."""
    build(tmp_path, HEAD + f"- **Thing**: t\n  - `span`: {old}\n", feature="001-a")
    compilation = compile_paths(
        [(tmp_path / "specs" / "001-a" / "spec.md", "specs/001-a/spec.md"), (_second(tmp_path, new), "specs/002-b/spec.md")], ALL
    )
    assert codes(compilation) == ["E220"]


def _second(tmp_path: Path, new: str) -> Path:
    folder = tmp_path / "specs" / "002-b"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "spec.md").write_text(HEAD + f"- **Thing** *(extends)*: t\n  - `span`: {new}\n", encoding="utf-8")
    return folder / "spec.md"


@pytest.mark.parametrize(
    "old, new", [("integer", "bigint"), ("text", "integer"), ("date", "timestamp"), ("jsonb", "json"), ("time", "interval")]
)
def test_type_changes_postgres_converts_migrate_both_ways(pg, old, new):
    from tests.engines import Engines

    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([HEAD + f"- **Thing**: t\n  - `span`: {old}\n", HEAD + f"- **Thing** *(extends)*: t\n  - `span`: {new}\n"])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


VALUE_TYPES = {
    "date": "date",
    "time": "time",
    "timestamp": "timestamp",
    "timestamptz": "timestamptz",
    "uuid": "uuid",
    "json": "json",
    "jsonb": "jsonb",
    "interval": "interval",
    "bytes": "bytea",
    "string(3)": "varchar(3)",
    "char(2)": "char(2)",
}
value_text = st.one_of(
    st.text(st.sampled_from('0123456789-:T .+Z{}"[],abcdefPDHMSWYhoursdayx\\\\'), max_size=24),
    st.sampled_from(["2020-02-30", "2020-01-01 24:00:00", "00000000-0000-0000-0000-00000000000g", '{"a":NaN}', "\\\\x0", "1 msec"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(kind=st.sampled_from(sorted(VALUE_TYPES)), text=value_text)
def test_default_checks_agree_with_postgres(pg, kind, text):
    """A string default spec2db accepts is one PostgreSQL reads as its type."""
    import psycopg

    from compiler.ir import ColumnType
    from compiler.types import Scalar
    from compiler.values import string

    scalar, _, length = kind.partition("(")
    ctype = ColumnType(scalar=Scalar({"bytes": "bytes"}.get(scalar, scalar)), length=int(length[:-1]) if length else None)
    if string(text, ctype) is not None:
        return
    with psycopg.connect(pg.dsn("postgres")) as conn:
        conn.execute(f"SELECT %s::{VALUE_TYPES[kind]}", (text,))


def test_min_max_bounds_are_ascii_numbers(tmp_path):
    compilation, _ = build(tmp_path, HEAD + "- **Note**: n\n  - `b`: integer, min(\u0661)\n")
    assert codes(compilation) == ["E211"]


def test_index_named_like_an_identity_sequence_is_refused(tmp_path):
    text = HEAD + "- **Seq**: s\n  - `id`: bigint, primary key\n  - table: idx_a\n- **A**: a\n  - `id_seq`: text, indexed\n  - table: a\n"
    compilation, _ = build(tmp_path, text)
    assert "E213" in codes(compilation), compilation.diagnostics.sorted()


def test_percent_and_colon_survive_every_sql_text_path(pg):
    """Descriptions, defaults, checks, enum values and JSON with `%` and
    `:word`, through schema.sql, the migration chain and both create_alls."""
    from tests.engines import Engines

    first = HEAD + (
        "- **Note**: 100% sure :x %s %(a)s\n"
        "  - `a`: text, default '100%', check(a <> '%(x)s :y') — 50% :off\n"
        "  - `kind`: enum(a, x_y, '50%', 'q%(z)s'), default x_y\n"
        '  - `j`: jsonb, default \'{"a":true, "b":":c"}\'\n'
        "  - indexes: (a) where a <> ':z%'\n"
    )
    second = HEAD + (
        "- **Note** *(extends)*: more\n"
        "  - `kind`: enum(a, xw (was x_y), '50%', 'q%(z)s', 'new:v'), default xw\n"
        "  - `b`: text, default ':q', check(b <> ':r')\n"
    )
    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([first, second])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


def test_a_planted_json_entry_is_ignored_without_the_users_key(tmp_path, monkeypatch):
    """An entry for the spec's exact bytes, well-formed JSON of a different
    AST, committed in the tree: not signed with this user's key, so the spec
    is parsed again and the planted table never appears."""
    from compiler.cache import SpecCache, dumps
    from compiler.diagnostics import Diagnostics
    from compiler.passes import parse_bytes

    cache_dir = tmp_path / "tree" / ".cache"
    monkeypatch.setenv("SPEC2DB_CACHE_DIR", str(cache_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    (tmp_path / "tree" / "specs" / "001-x").mkdir(parents=True)
    spec = tmp_path / "tree" / "specs" / "001-x" / "spec.md"
    spec.write_text(SIMPLE, encoding="utf-8")
    forged = parse_bytes((HEAD + "- **Planted**: p\n  - `x`: text\n").encode(), "specs/001-x/spec.md", Diagnostics())
    cache = SpecCache(cache_dir)
    key = cache.key("specs/001-x/spec.md", spec.read_bytes())
    (cache_dir / key[:2]).mkdir(parents=True)
    (cache_dir / key[:2] / key).write_bytes(b"0" * 64 + b"\n" + dumps((forged, [])))
    result = run(["build", "--emit", "postgres"], tmp_path / "tree")
    assert result.exit_code == 0, result.output
    schema = next((tmp_path / "tree" / "specs" / "001-x").glob("schema.sql")).read_text()
    assert "CREATE TABLE notes" in schema and "planted" not in schema
    key_file = tmp_path / "home-cache" / "spec2db" / "cache-key"
    assert key_file.is_file() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert run(["build", "--emit", "postgres"], tmp_path / "tree").exit_code == 0  # its own signed entries are read back


def test_config_paths_reach_alembic_ini_safely(tmp_path):
    project = _project(tmp_path, "001-a")
    (project / "pyproject.toml").write_text(
        '[tool.spec2db.outputs]\nalembic_env = "db/100%/migrations/env.py"\n'
        'alembic_versions = "db/100%/migrations/versions/{number}_{slug}.py"\n',
        encoding="utf-8",
    )
    assert run(["build"], project).exit_code == 0
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", "backend/alembic.ini", "heads"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "001 (head)" in result.stdout, result.stderr
    (project / "pyproject.toml").write_text('[tool.spec2db.outputs]\nalembic_env = "db/m\\nsqlalchemy.url = x/env.py"\n', encoding="utf-8")
    result = run(["build"], project)
    assert result.exit_code == 2 and "control or invisible character" in result.output


def test_names_outside_the_basic_plane_reach_python_intact(pg):
    """Found by probing: `tojson` wrote `things😀` as a surrogate pair, which
    Python reads as two lone surrogates; the models then failed to create."""
    from tests.engines import Engines

    text = HEAD + "- **Thing**: t 😀\n  - `n😀`: text — 😀 desc\n  - `kind`: enum('😀', b)\n  - soft delete\n  - table: things😀\n"
    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([text])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


def test_the_other_side_of_a_many_to_many_written_later_keeps_the_join_table(tmp_path):
    first = HEAD + "- **Task**: t\n  - `title`: text\n- **Tag**: g\n  - `name`: text\n  - relationships: many to many Task\n"
    second = HEAD + "- **Task** *(extends)*: t\n  - relationships: many to many Tag\n"
    build(tmp_path, first, feature="001-a")
    folder = tmp_path / "specs" / "002-b"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(second, encoding="utf-8")
    compilation = compile_paths(
        [(tmp_path / "specs" / "001-a" / "spec.md", "specs/001-a/spec.md"), (folder / "spec.md", "specs/002-b/spec.md")], ALL
    )
    assert not codes(compilation), compilation.diagnostics.sorted()
    assert [sorted(t.name for t in s.tables) for s in compilation.project.features] == [["tag_tasks", "tags", "tasks"]] * 2


def test_regression_spec_text_in_a_literal_adds_no_import(tmp_path_factory):
    """Found by the names property: an external table named `Optional[`
    made the SQLModel module import `Optional` (the code was searched as text)."""
    outputs = build(tmp_path_factory.mktemp("a"), _names_spec("0", "0", "0", "Optional["))[1]
    clean = build(tmp_path_factory.mktemp("b"), _names_spec("body", "draft", "x", "accounts"))[1]
    for path, content in outputs.items():
        if path.endswith(".py"):
            assert _shape(content) == _shape(clean[path]), path


def test_dotted_external_table_name_is_refused(tmp_path):
    compilation, _ = build(tmp_path, HEAD + "- **User** *(external: auth.users)*: u\n- **Note**: n\n  - `user_id`: uuid, references User\n")
    assert codes(compilation) == ["E216"]


def test_regression_a_reference_to_an_array_key_has_the_keys_type(pg):
    """Found by the engine fuzzer: `id: decimal[]` became the key, and the
    `belongs to` and many-to-many columns that reference it were numeric."""
    from tests.engines import Engines

    text = HEAD + (
        "- **Class**: c\n  - `id`: decimal[], unique, indexed\n"
        "- **Order**: o\n  - `n`: text\n  - relationships: belongs to Class; many to many Class\n"
    )
    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([text])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


@pytest.mark.parametrize("key", ["bigint[]", "uuid[]"])
def test_regression_an_array_key_gets_no_identity_or_uuid_default(pg, key):
    """Found by the engine fuzzer (12,000 cases): `id: bigint[]` became the
    key and an identity column, which PostgreSQL refuses on an array."""
    from tests.engines import Engines

    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([HEAD + f"- **TaskTag**: t\n  - `id`: {key}\n  - `n`: text\n"])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


@pytest.mark.parametrize("retyped", ["key", "both"])
def test_regression_retyped_key_column_refits_its_foreign_keys(tmp_path, pg, retyped):
    """Found by the 20,000-case engine fuzz: a key whose type changes while a
    foreign key (here a many-to-many join table's) points at it; the
    migration altered the key under the constraint and PostgreSQL refused."""
    from tests.engines import Engines

    first = HEAD + (
        "- **Account** *(external: accounts)*: kept elsewhere.\n"
        "- **TaskTag**: t\n  - `id`: text, default 'a:b :c'\n  - `label`: text\n  - relationships: many to many Account\n"
        + ("- **Note**: n\n  - `tag_id`: TaskTag\n" if retyped == "key" else "- **Note**: n\n  - `tag_id`: text, references TaskTag\n")
    )
    second = HEAD + "- **TaskTag** *(extends)*: more\n  - `id`: timestamp, unique, required\n"
    if retyped == "both":
        second += "- **Note** *(extends)*: more\n  - `tag_id`: timestamp, references TaskTag\n"
    engines = Engines(pg.dsn("postgres"))
    try:
        outcome = engines.check([first, second])
    finally:
        engines.close()
    assert outcome.built and outcome.problem is None, outcome.problem


def test_two_entities_on_one_table_stay_an_error_when_a_reference_reorders_tables(tmp_path):
    """Found by the engine fuzz (session 5): with a reference that makes the tables be reordered, the
    ordering went by table name and silently kept one of two entities declared on `my_table`; the build
    exited 0 and the models' create_all lost the other's enum."""
    compilation, _ = build(
        tmp_path,
        HEAD + "- **TaskTag**: x\n  - `name`: text\n  - table: my_table\n"
        "- **Class**: a thing\n  - `note`: real\n  - relationships: belongs to TaskTag\n"
        "- **Tag**: a thing\n  - `user`: string(3)\n  - table: my_table\n",
    )
    assert "E202" in codes(compilation)
