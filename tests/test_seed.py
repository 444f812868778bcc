"""`spec2db seed` on a real PostgreSQL: for every example feature, for an
awkward spec and for a generated project of 200 entities, the seed applies
to the database schema.sql builds with no error, and every table holds the
rows the seed says it wrote. Same seed, same bytes; a check no value can
satisfy is a diagnostic and a table without rows, never a failing INSERT."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.config import Settings
from compiler.emit.postgres import schema_sql
from compiler.emit.postgres.dialect import quote_ident
from compiler.ir import Project, Schema
from compiler.passes import compile_paths
from compiler.seed import seed
from compiler.verify import external_stubs
from tests.conftest import apply_sql
from tests.test_alembic import FEATURES, project, schema

pytestmark = pytest.mark.postgres

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def counts(pg, dbname: str, tables: list[str]) -> dict[str, int]:
    import psycopg

    with psycopg.connect(pg.dsn(dbname)) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {quote_ident(t)}").fetchone()[0] for t in tables}


def apply_seed(pg, dbname: str, the_project: Project, s: Schema, rows: int, seed_value: int = 0):
    result = seed(s, rows, seed_value, s.source)
    apply_sql(pg, dbname, external_stubs(the_project) + schema_sql(s))
    apply_sql(pg, dbname, result.sql)
    assert counts(pg, dbname, list(result.counts)) == result.counts
    return result


def compiled(paths: list[tuple[Path, str]], settings: Settings | None = None) -> Project:
    compilation = compile_paths(paths, settings or Settings())
    assert not compilation.diagnostics.has_errors, [str(d) for d in compilation.diagnostics.sorted()]
    return compilation.project


@pytest.mark.parametrize("feature", FEATURES)
def test_seed_applies_to_every_example(pg, fresh_db, feature):
    s = schema(feature)
    result = apply_seed(pg, fresh_db, project(), s, rows=12, seed_value=7)
    assert not result.problems, [p.message for p in result.problems]
    assert set(result.counts) == {t.name for t in s.tables} | {t.name for t in s.external_tables}
    assert all(n == 12 for n in result.counts.values()), result.counts


def test_same_seed_same_bytes(tmp_path):
    """In this process, and in another one with another hash seed."""
    import os
    import subprocess
    import sys

    s = project().features[-1]
    assert seed(s, 8, 1).sql == seed(s, 8, 1).sql
    assert seed(s, 8, 1).sql != seed(s, 8, 2).sql
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(root)}
    run = subprocess.run(
        [sys.executable, "-m", "compiler", "seed", "--rows", "8", "--seed", "1", "--out", str(tmp_path)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "specs" / s.feature / "seed.sql").read_text() == seed(s, 8, 1, s.source).sql


def test_cycles_and_self_references_are_filled(pg, fresh_db):
    """The reference cycle (projects.default_section_id) is set by an UPDATE,
    threaded comments point at earlier comments, and timestamps keep their order."""
    import psycopg

    s = project().features[-1]
    apply_seed(pg, fresh_db, project(), s, rows=20, seed_value=3)
    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        assert conn.execute("SELECT count(*) FROM projects WHERE default_section_id IS NOT NULL").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM comments WHERE parent_id IS NOT NULL").fetchone()[0] > 0
        # rows are updated and soft-deleted after they were created
        assert conn.execute("SELECT count(*) FROM comments WHERE updated_at < created_at OR deleted_at < created_at").fetchone()[0] == 0


def test_awkward_spec(pg, fresh_db):
    """Keyword names, enum values that need quoting, interval, 2-D arrays,
    a partial unique index, a real with a strict bound."""
    the_project = compiled([(FIXTURES / "prisma" / "edge.md", "specs/001-edge/spec.md")])
    result = apply_seed(pg, fresh_db, the_project, the_project.features[-1], rows=15)
    assert not result.problems, [p.message for p in result.problems]
    assert set(result.counts.values()) == {15}


def test_every_check_shape_holds_on_postgresql(pg, fresh_db):
    """Patterns with alternation and classes, case, IN lists, BETWEEN, IS NOT
    NULL, strict bounds on decimals and reals, COALESCE, date literals,
    comparisons between columns, arithmetic, unique keys over checked
    columns, and a reference to a unique column that may be NULL: every drawn
    row passes PostgreSQL's own evaluation of the checks."""
    the_project = compiled([(FIXTURES / "seed" / "checks.md", "specs/001-checks/spec.md")])
    result = apply_seed(pg, fresh_db, the_project, the_project.features[-1], rows=14, seed_value=11)
    assert not result.problems, [p.message for p in result.problems]
    assert result.counts["products"] == 14 and result.counts["memberships"] == 14


UNSATISFIABLE = """# Feature Specification: Impossible

## Key Entities

- **Box**: A box.
  - `size`: int, required, check(size > 5 and size < 3) as size_impossible
- **Label**: A label.
  - `code`: string(20), required, check(md5(code) <> '') as code_hashed
- **Crate**: Holds boxes, or nothing.
  - `box_id`: uuid, references Box, on delete set null
- **Lid**: Closes a box.
  - `box_id`: uuid, required, references Box, on delete cascade
"""


def test_unsatisfiable_checks_are_diagnostics_not_failing_inserts(pg, fresh_db, tmp_path):
    spec = tmp_path / "spec.md"
    spec.write_text(UNSATISFIABLE)
    the_project = compiled([(spec, "specs/001-impossible/spec.md")])
    result = apply_seed(pg, fresh_db, the_project, the_project.features[-1], rows=5)
    assert result.counts == {"boxes": 0, "labels": 0, "crates": 5, "lids": 0}
    problems = {p.message.split(":")[1].strip(): p for p in result.problems}
    assert set(problems) == {"boxes", "labels", "lids"}
    assert "size_impossible" in problems["boxes"].message and problems["boxes"].span.line == 6
    assert "code_hashed" in problems["labels"].message and "MD5" in problems["labels"].message
    assert problems["lids"].span is not None


def test_seed_of_a_generated_project_of_200_entities(pg, fresh_db, tmp_path):
    from bench.generate import generate

    generate(tmp_path, 200, 4)
    specs = sorted((tmp_path / "specs").glob("*/spec.md"))
    the_project = compiled([(p, p.relative_to(tmp_path).as_posix()) for p in specs])
    s = the_project.features[-1]
    assert len(s.tables) == 200
    result = apply_seed(pg, fresh_db, the_project, s, rows=10)
    assert not result.problems, [p.message for p in result.problems[:5]]
    assert sum(result.counts.values()) == 10 * 201


def test_cli_writes_the_settings_path_and_keeps_hand_written_files(tmp_path, monkeypatch):
    import shutil

    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "specs", tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text('[tool.spec2db.outputs]\nseed_sql = "db/seed-{number}.sql"\n')
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["seed", "--rows", "3", "--seed", "5"])
    assert first.exit_code == 0, first.output
    target = tmp_path / "db" / "seed-009.sql"
    text = target.read_text()
    assert text == seed(project().features[-1], 3, 5, "specs/009-completed-tasks/spec.md").sql
    again = runner.invoke(main, ["seed", "--rows", "4"])
    assert again.exit_code == 0, again.output
    assert target.read_text() != text
    # `spec2db build` does not take the seed for a stale output of its own
    assert runner.invoke(main, ["build"]).exit_code == 0 and target.exists()
    target.write_text("-- my own seed\n")
    refused = runner.invoke(main, ["seed"])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert target.read_text() == "-- my own seed\n"


def test_random_specs_seed_without_a_failing_insert(pg, fresh_db):
    """Random valid specs (tests/test_prisma.py's awkward pieces): the seed
    applies, and every table holds the rows the seed says it wrote (each
    spec in a schema of its own)."""
    import uuid

    import psycopg
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from compiler.diagnostics import Diagnostics
    from compiler.frontend import parse_spec
    from compiler.passes import compile_specs
    from tests.test_prisma import random_spec

    seeded = []
    with psycopg.connect(pg.dsn(fresh_db), autocommit=True) as conn:

        @settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
        @given(st.data())
        def run(data):
            text = random_spec(data.draw)
            diags = Diagnostics()
            the_project = compile_specs([parse_spec("specs/001-random/spec.md", text, diags)], Settings(), diags)
            if diags.has_errors or not the_project.features or not the_project.features[-1].tables:
                return
            s = the_project.features[-1]
            result = seed(s, 12, 0)
            namespace = f"spec_{uuid.uuid4().hex[:12]}"
            conn.execute(f"CREATE SCHEMA {namespace}")
            conn.execute(f"SET search_path TO {namespace}")
            conn.execute(external_stubs(the_project) + schema_sql(s))
            conn.execute(result.sql)
            found = {t: conn.execute(f"SELECT count(*) FROM {quote_ident(t)}").fetchone()[0] for t in result.counts}
            assert found == result.counts, text
            seeded.append(text)

        run()
    assert len(seeded) >= 15, len(seeded)
