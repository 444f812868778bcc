"""Generated DDL on a real PostgreSQL server, each in a fresh database."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.config import Settings
from compiler.emit.postgres.dialect import column_type, quote_ident
from compiler.passes import compile_paths
from tests.conftest import apply_sql, schema_dump

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_SQL = sorted((ROOT / "golden" / "specs").glob("*/schema.sql"))
SPECS = sorted((ROOT / "specs").glob("*/spec.md"))

pytestmark = pytest.mark.postgres


def external_stubs() -> dict[str, str]:
    """Per feature: CREATE TABLE statements standing in for external tables."""
    compilation = compile_paths([(p, p.relative_to(ROOT).as_posix()) for p in SPECS], Settings())
    assert not compilation.diagnostics.has_errors
    stubs = {}
    for schema in compilation.project.features:
        stubs[schema.feature] = "".join(
            f"CREATE TABLE {quote_ident(t.name)} ({quote_ident(t.key)} {column_type(t.key_type)} PRIMARY KEY);\n"
            for t in schema.external_tables
        )
    return stubs


def test_golden_exists():
    assert GOLDEN_SQL, "golden/ has no schema.sql"


@pytest.mark.parametrize("path", GOLDEN_SQL, ids=lambda p: p.parent.name)
def test_golden_schema_applies(pg, fresh_db, path):
    stub = external_stubs()[path.parent.name]
    apply_sql(pg, fresh_db, stub + path.read_text())
    import psycopg

    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables, "no table was created"


def test_seed_example_matches_seed_catalog(pg, fresh_db):
    """spec2db's schema.sql for the seed's Task creates the same catalog as
    the seed's own SQL (pg_dump --schema-only, normalized for order)."""
    seed_sql = (ROOT / "tests" / "fixtures" / "seed_task_schema.sql").read_text()
    apply_sql(pg, fresh_db, seed_sql)
    expected = schema_dump(pg, fresh_db)

    ours = (ROOT / "golden" / "specs" / "001-task-management" / "schema.sql").read_text()
    pg.execute(f'DROP DATABASE "{fresh_db}" WITH (FORCE)')
    pg.execute(f'CREATE DATABASE "{fresh_db}"')
    apply_sql(pg, fresh_db, external_stubs()["001-task-management"] + ours)
    actual = schema_dump(pg, fresh_db)
    assert actual == expected
