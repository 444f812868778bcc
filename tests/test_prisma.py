"""schema.prisma, proven by Prisma's own engines (WebAssembly, offline).

For every example feature: the schema validates with 0 errors and is a fixed
point of `prisma format`; and the DDL of the schema engine's diff (empty ->
datamodel, as `prisma migrate diff --script` prints it), applied to a fresh
PostgreSQL database, gives schema.sql's catalog: tables, columns, types,
nullability, defaults, keys, foreign keys with their actions, unique
constraints and indexes. Excluded is exactly what the file's header lists
as not expressible (`compiler.emit.prisma.limits`).

Needs Node (20+) and the npm registry once: the session runs `npm ci` in
tests/node/prisma. Without a `node` binary the tests skip; with one, a failed
install fails them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from compiler.config import Settings
from compiler.emit.postgres import schema_sql
from compiler.emit.prisma import limits, schema_prisma
from compiler.ir import Schema
from compiler.passes import compile_paths
from compiler.verify import catalog, external_stubs
from tests.conftest import apply_sql
from tests.test_alembic import FEATURES, project, schema

NODE_DIR = Path(__file__).resolve().parent / "node" / "prisma"

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="session")
def node() -> str:
    """The node binary, with tests/node/prisma installed from its lock file."""
    binary = shutil.which("node")
    if binary is None:
        pytest.skip("node is not installed (the Prisma checks need Node 20+)")
    npm = shutil.which("npm")
    assert npm is not None, "node is installed but npm is not: install npm to run the Prisma checks"
    installed = NODE_DIR / "node_modules" / ".package-lock.json"
    lock = NODE_DIR / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"npm ci in {NODE_DIR} failed:\n{result.stderr}"
    return binary


def run_prisma(node: str, schemas: list[tuple[str, str, list[str]]], database_url: str | None = None) -> dict[str, dict]:
    """Validate, format and (with a database) diff each (name, text, external tables)."""
    request = {
        "schemas": [
            {"name": name, "content": text, "externalTables": [f"public.{t}" for t in external]} for name, text, external in schemas
        ],
        "databaseUrl": database_url,
    }
    result = subprocess.run(
        [node, "--experimental-wasm-modules", "--no-warnings", str(NODE_DIR / "prisma.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=NODE_DIR,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {r["name"]: r for r in json.loads(result.stdout)}


def source(feature: str) -> str:
    return schema(feature).source


@cache
def prisma_of(feature: str) -> str:
    return schema_prisma(schema(feature), source(feature))


def externals(s: Schema) -> list[str]:
    return [t.name for t in s.external_tables]


@pytest.mark.parametrize("feature", FEATURES)
def test_schema_validates_and_is_formatted(diffs, feature):
    result = diffs[feature]
    assert result["errors"] is None, result["errors"]
    assert result["formatted"] == prisma_of(feature), "schema.prisma is not a fixed point of `prisma format`"


def test_an_invalid_schema_is_reported(node):
    """The check can fail: a relation to an unknown model is an error."""
    broken = prisma_of(FEATURES[0]).replace('@@map("tasks")', 'owner Nobody\n  @@map("tasks")', 1)
    result = run_prisma(node, [("broken", broken, [])])["broken"]
    assert result["errors"] and "Nobody" in result["errors"]


# -- the catalog Prisma's DDL builds ---------------------------------------------------


def _fields(line: str) -> tuple[str, list[str]]:
    kind, _, rest = line.partition(" ")
    return kind, rest.split(" | ")


def comparable(lines: list[str], s: Schema) -> list[str]:
    """Catalog lines with what the header lists as not expressible taken out
    (`limits`), for one side or the other alike."""
    found = limits(s)
    kinds = {limit.kind for limit in found}
    identity = {limit.text for limit in found if limit.kind == "identity"}
    list_not_null = {limit.text for limit in found if limit.kind == "list-not-null"}
    checks = {limit.text.split(":", 1)[0] for limit in found if limit.kind == "check"}
    uniques = {limit.text for limit in found if limit.kind == "unique-constraint"}
    kept = []
    for line in lines:
        kind, values = _fields(line)
        if kind in ("trigger", "function") and "trigger" in kinds:
            continue
        if kind == "sequence" and identity:
            continue  # identity columns own a sequence, and so does autoincrement()
        if kind == "table" and "comment" in kinds:
            values[1] = ""
        if kind == "column":
            table, _, column = values[0], values[1], values[2]
            if "comment" in kinds:
                values[7] = ""
            if f"{table}.{column}" in identity:
                values[5], values[6] = "<identity>", ""
            if f"{table}.{column}" in list_not_null:
                values[4] = "<list>"
        if kind == "constraint":
            table, name, definition = values
            if f"{table}.{name}" in checks and definition.startswith("CHECK"):
                continue
            if f"{table}.{name}" in uniques and definition.startswith("UNIQUE"):
                continue
        kept.append(f"{kind} " + " | ".join(values))
    return sorted(kept)


def built(pg, dbname: str, sql: str) -> list[str]:
    import psycopg

    apply_sql(pg, dbname, sql)
    with psycopg.connect(pg.dsn(dbname)) as conn:
        return catalog(conn)


@pytest.fixture(scope="module")
def scratch_url(pg):
    """A database the schema engine connects to for its diffs (it changes nothing there)."""
    import uuid

    name = f"spec2db_prisma_{uuid.uuid4().hex[:12]}"
    pg.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg.dsn(name)
    finally:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def diffs(node, scratch_url) -> dict[str, dict]:
    """The schema engine's DDL for every example feature, in one Node process."""
    return run_prisma(node, [(f, prisma_of(f), externals(schema(f))) for f in FEATURES], scratch_url)


def assert_same_catalog(pg, fresh_db, s: Schema, stubs: str, text: str, result: dict) -> None:
    """schema.sql and the DDL in `result` (from the schema engine) build the
    same catalog in two fresh databases, but for what the header lists."""
    import uuid

    assert result["errors"] is None, result["errors"]
    assert "CREATE TABLE" in result["script"]
    expected = built(pg, fresh_db, stubs + schema_sql(s))
    other = f"spec2db_prisma_{uuid.uuid4().hex[:12]}"
    pg.execute(f'CREATE DATABASE "{other}"')
    try:
        actual = built(pg, other, stubs + result["script"])
    finally:
        pg.execute(f'DROP DATABASE IF EXISTS "{other}" WITH (FORCE)')
    want, have = comparable(expected, s), comparable(actual, s)
    missing = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    assert not missing and not extra, "\n".join([f"- {line}" for line in missing] + [f"+ {line}" for line in extra])
    # What was left out of the comparison is what the header lists.
    for limit in limits(s):
        if limit.kind in ("check", "identity", "list-not-null", "trigger"):
            assert limit.text.split(":")[0] in text


@pytest.mark.parametrize("feature", FEATURES)
def test_prisma_ddl_builds_the_schema_sql_catalog(diffs, pg, fresh_db, feature):
    assert_same_catalog(pg, fresh_db, schema(feature), external_stubs(project()), prisma_of(feature), diffs[feature])


EDGE = Path(__file__).resolve().parent / "fixtures" / "prisma" / "edge.md"


def test_awkward_names_types_and_relations(node, pg, fresh_db, scratch_url):
    """Keywords and Prisma's own words as names, enum values that are not
    identifiers, quotes and backslashes in defaults and descriptions,
    interval and 2-D arrays (Unsupported), a partial unique index, two
    relations to one model, a self-relation and a one-to-one."""
    compilation = compile_paths([(EDGE, "specs/001-edge/spec.md")], Settings())
    assert not compilation.diagnostics.has_errors, [str(d) for d in compilation.diagnostics.sorted()]
    s = compilation.project.features[-1]
    text = schema_prisma(s, "specs/001-edge/spec.md")
    checked = run_prisma(node, [("edge", text, externals(s))], scratch_url)["edge"]
    assert checked["errors"] is None, checked["errors"]
    assert checked["formatted"] == text
    for spelling in (
        'in_progress @map("in-progress")',
        'Unsupported("interval")?',
        "where: raw(\"state <> 'done'\")",
        '@relation("OrderSeller"',
    ):
        assert spelling in text
    assert_same_catalog(pg, fresh_db, s, external_stubs(compilation.project), text, checked)


def test_many_checks_and_a_reference_to_a_nullable_unique_column(node, pg, fresh_db, scratch_url):
    """The seed's fixture: every kind of CHECK (all left out, and listed),
    BETWEEN/IN/regex among them, and a required reference to `Tier.code`."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "seed" / "checks.md"
    compilation = compile_paths([(fixture, "specs/001-checks/spec.md")], Settings())
    s = compilation.project.features[-1]
    text = schema_prisma(s, "specs/001-checks/spec.md")
    checked = run_prisma(node, [("checks", text, externals(s))], scratch_url)["checks"]
    assert checked["formatted"] == text
    assert_same_catalog(pg, fresh_db, s, external_stubs(compilation.project), text, checked)
    assert text.count("\n//   - products.") == len(s.table("products").checks)


def test_lint_reports_what_prisma_cannot_express_only_when_it_is_a_target():
    from compiler.lint import lint_paths
    from compiler.lint.config import parse_lint_config

    fixture = Path(__file__).resolve().parent / "lint" / "fixtures" / "T001.md"
    config = parse_lint_config({"select": ["T001"]})
    with_prisma = lint_paths([(fixture, "T001.md")], Settings(emit=["postgres", "prisma"]), config).diagnostics
    without = lint_paths([(fixture, "T001.md")], Settings(), config).diagnostics
    assert {d.code for d in with_prisma} == {"T001"} and not without
    header = schema_prisma(compile_paths([(fixture, "T001.md")], Settings()).project.features[-1], "T001.md")
    for d in with_prisma:
        if "CHECK" in d.message:
            assert d.message.split("CHECK constraint ")[1] in header  # the finding is the header's line


@pytest.mark.slow
def test_generated_project_of_200_entities(node, pg, fresh_db, scratch_url, tmp_path):
    """bench/generate.py's project: 200 models, each related to the one before."""
    from bench.generate import generate

    generate(tmp_path, 200, 4)
    specs = sorted((tmp_path / "specs").glob("*/spec.md"))
    compilation = compile_paths([(p, p.relative_to(tmp_path).as_posix()) for p in specs], Settings())
    assert not compilation.diagnostics.has_errors
    s = compilation.project.features[-1]
    text = schema_prisma(s, "generated")
    assert text.count("\nmodel ") == 201
    result = run_prisma(node, [("generated", text, externals(s))], scratch_url)["generated"]
    assert result["formatted"] == text
    assert_same_catalog(pg, fresh_db, s, external_stubs(compilation.project), text, result)


# Pieces of valid specs, awkward on purpose: Prisma's own words, keywords,
# names that differ only in case or underscores, odd enum values.
ENTITY_NAMES = ["Order", "String", "Model", "User Account", "Item", "item_log", "Enum", "Select", "Data", "Node"]
COLUMN_NAMES = ["name", "class", "model", "String", "user_id", "userId", "type", "order", "data", "value_2", "x"]
TYPES = [
    "uuid",
    "string(40)",
    "text",
    "char(3)",
    "smallint",
    "int",
    "bigint",
    "decimal(10,2)",
    "numeric",
    "real",
    "double",
    "bool",
    "date",
    "time(3)",
    "timestamp",
    "timestamptz(0)",
    "interval",
    "json",
    "jsonb",
    "bytes",
    "email",
    "url",
    "text[]",
    "int[][]",
    "enum(a, 'b-c', '3d', e_f)",
]
MODIFIERS = ["", ", required", ", unique", ", indexed", ", required, unique", ", default 1", ", check(length(x) > 0)"]


def random_spec(draw) -> str:
    from hypothesis import strategies as st

    count = draw(st.integers(1, 4))
    names = draw(st.lists(st.sampled_from(ENTITY_NAMES), min_size=count, max_size=count, unique=True))
    lines = ["# Feature Specification: random", "", "## Key Entities", "", "- **User** *(external: users)*: Accounts."]
    for n, entity in enumerate(names):
        lines.append(f"- **{entity}**: Entity {n}.")
        columns = draw(st.lists(st.sampled_from(COLUMN_NAMES), min_size=1, max_size=5, unique_by=lambda c: c.lower()))
        for column in columns:
            ctype = draw(st.sampled_from(TYPES))
            modifier = draw(st.sampled_from(MODIFIERS))
            if "default 1" in modifier and not any(t in ctype for t in ("int", "decimal", "numeric", "real", "double")):
                modifier = ""
            if ctype == "json" and ("unique" in modifier or "indexed" in modifier or column == "user_id"):
                ctype = "jsonb"  # a btree on json (user_id is indexed by convention) fails on PostgreSQL: a compiler matter
            if "check" in modifier:
                modifier = (
                    f", check(length({column if column.islower() else chr(34) + column + chr(34)}) > 0)"
                    if ctype in ("text", "string(40)")
                    else ""
                )
            lines.append(f"  - `{column}`: {ctype}{modifier}")
        for target in draw(st.lists(st.sampled_from(["User", *names[: n + 1]]), max_size=3)):
            action = draw(st.sampled_from(["", ", on delete cascade", ", on delete set null", ", on update cascade"]))
            required = ", required" if "set null" not in action and draw(st.booleans()) else ""
            lines.append(
                f"  - `{draw(st.sampled_from(['owner', 'parent', 'ref', 'link']))}_{target.lower().replace(' ', '_')}_id`: {target}{required}{action}"
            )
    return "\n".join(lines) + "\n"


def test_random_specs_validate_and_format(node):
    """Random valid specs built from awkward pieces: every one gives a
    schema.prisma that Prisma validates and formats as is."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from compiler.diagnostics import Diagnostics
    from compiler.frontend import parse_spec
    from compiler.passes import compile_specs

    collected: list[str] = []

    @settings(max_examples=80, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def collect(data):
        text = random_spec(data.draw)
        diags = Diagnostics()
        compiled = compile_specs([parse_spec("specs/001-random/spec.md", text, diags)], Settings(), diags)
        if not diags.has_errors and compiled.features and compiled.features[-1].tables:
            collected.append(schema_prisma(compiled.features[-1], "random"))

    collect()
    assert len(collected) >= 40, len(collected)
    results = run_prisma(node, [(str(i), text, []) for i, text in enumerate(collected)])
    for i, text in enumerate(collected):
        assert results[str(i)]["errors"] is None, f"{results[str(i)]['errors']}\n{text}"
        assert results[str(i)]["formatted"] == text, text
