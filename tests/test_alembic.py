"""Alembic migrations on a real PostgreSQL server, each test in a fresh
database: per feature, `alembic upgrade <feature>` builds the catalog that
schema.sql builds; downgrade to base leaves only the external stubs; up,
down, up works; offline `--sql` output is valid SQL that builds the same."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from compiler.config import Settings, load_settings
from compiler.emit import emit_all
from compiler.emit.output import write
from compiler.ir import Project
from compiler.passes import compile_paths
from tests.conftest import apply_sql, schema_dump

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*/spec.md"))
FEATURES = [p.parent.name for p in SPECS]

pytestmark = pytest.mark.postgres


@lru_cache(maxsize=1)
def project() -> Project:
    compilation = compile_paths([(p, p.relative_to(ROOT).as_posix()) for p in SPECS], settings())
    assert not compilation.diagnostics.has_errors, [str(d) for d in compilation.diagnostics.sorted()]
    return compilation.project


@lru_cache(maxsize=1)
def settings() -> Settings:
    return load_settings(ROOT)[0]


def schema(feature: str):
    return next(s for s in project().features if s.feature == feature)


def stubs() -> str:
    from compiler.verify import external_stubs

    return external_stubs(project())


def write_generated(root: Path) -> Path:
    """Every target's outputs for the example specs, written under root."""
    write(emit_all(project(), settings(), ["postgres", "alembic", "sqlalchemy", "sqlmodel"]), root)
    return root


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    return write_generated(tmp_path_factory.mktemp("generated"))


def alembic_config(root: Path, url: str):
    from alembic.config import Config

    config = Config(str(root / settings().outputs.alembic_ini))
    config.attributes["configure_logger"] = False
    config.set_main_option("sqlalchemy.url", url.replace("postgresql://", "postgresql+psycopg://", 1).replace("%", "%%"))
    return config


def alembic(root: Path, url: str, action: str, revision: str) -> None:
    from alembic import command

    getattr(command, action)(alembic_config(root, url), revision)


def dump(pg, dbname: str) -> list[str]:
    return [s for s in schema_dump(pg, dbname) if "alembic_version" not in s]


def reset(pg, dbname: str) -> None:
    pg.execute(f'DROP DATABASE "{dbname}" WITH (FORCE)')
    pg.execute(f'CREATE DATABASE "{dbname}"')


def schema_sql_dump(pg, dbname: str, generated: Path, feature: str) -> list[str]:
    """The catalog schema.sql builds (after the stubs); leaves the database empty."""
    sql = (generated / settings().outputs.schema_sql.format(feature=feature)).read_text()
    apply_sql(pg, dbname, stubs() + sql)
    expected = dump(pg, dbname)
    reset(pg, dbname)
    return expected


def revision(feature: str) -> str:
    from compiler.emit.alembic import revision_id

    return revision_id(schema(feature))


def test_examples_exist():
    assert FEATURES, "no example spec in specs/"


@pytest.mark.parametrize("feature", FEATURES)
def test_upgrade_to_feature_matches_schema_sql(pg, fresh_db, generated, feature):
    expected = schema_sql_dump(pg, fresh_db, generated, feature)
    apply_sql(pg, fresh_db, stubs())
    alembic(generated, pg.dsn(fresh_db), "upgrade", revision(feature))
    assert dump(pg, fresh_db) == expected


def test_downgrade_base_leaves_only_stubs(pg, fresh_db, generated):
    apply_sql(pg, fresh_db, stubs())
    only_stubs = dump(pg, fresh_db)
    alembic(generated, pg.dsn(fresh_db), "upgrade", "head")
    assert dump(pg, fresh_db) != only_stubs
    alembic(generated, pg.dsn(fresh_db), "downgrade", "base")
    assert dump(pg, fresh_db) == only_stubs


def test_upgrade_downgrade_upgrade(pg, fresh_db, generated):
    last = FEATURES[-1]
    expected = schema_sql_dump(pg, fresh_db, generated, last)
    apply_sql(pg, fresh_db, stubs())
    url = pg.dsn(fresh_db)
    alembic(generated, url, "upgrade", "head")
    alembic(generated, url, "downgrade", "base")
    alembic(generated, url, "upgrade", "head")
    assert dump(pg, fresh_db) == expected
    # and one step down and up again from head
    alembic(generated, url, "downgrade", "-1")
    alembic(generated, url, "upgrade", "head")
    assert dump(pg, fresh_db) == expected


def test_offline_sql_applies_and_matches(pg, fresh_db, generated):
    """`alembic upgrade head --sql` needs no database and prints SQL that
    builds the same catalog."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    ini = generated / settings().outputs.alembic_ini
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "head", "--sql"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ini.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    sql = result.stdout
    assert "CREATE TABLE" in sql and ";;" not in sql
    expected = schema_sql_dump(pg, fresh_db, generated, FEATURES[-1])
    apply_sql(pg, fresh_db, stubs())
    run_psql(pg, fresh_db, sql)  # statement by statement, as psql runs it: CONCURRENTLY needs that
    assert dump(pg, fresh_db) == expected


def run_psql(pg, dbname: str, sql: str) -> None:
    """Offline SQL through psql, stopping at the first error."""
    result = subprocess.run(
        [pg.tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg.dsn(dbname)], input=sql, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_online_without_database_url_is_a_clear_error(generated):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    ini = generated / settings().outputs.alembic_ini
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "head"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ini.parent,
        check=False,
    )
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_migrations_are_chained_and_deterministic():
    from compiler.emit.alembic import emit

    first = emit(project(), settings())
    second = emit(project(), settings())
    assert first == second
    migrations = [o for o in first if "/versions/" in o.path]
    assert len(migrations) == len(FEATURES)
    previous = "None"
    for output, feature in zip(migrations, FEATURES):
        rid = revision(feature)
        assert f'revision = "{rid}"' in output.content
        assert f"down_revision = {previous}" in output.content
        assert "Create Date: not recorded" in output.content
        assert "def downgrade() -> None:" in output.content
        previous = f'"{rid}"'


def test_migration_creates_only_what_is_new():
    """A feature's migration creates the tables its schema adds, not the
    ones an earlier feature created."""
    from compiler.emit.alembic import migration

    features = project().features
    for before, after in itertools.pairwise(features):
        text = migration(before, after).split("def downgrade")[0]  # the downgrade restores what the upgrade dropped
        for table in before.tables:
            assert f'op.create_table(\n        "{table.name}",' not in text
            assert f'op.create_table("{table.name}"' not in text


def test_diff_of_kept_tables():
    """compiler.migrate: added columns and indexes are changes it writes;
    an altered column comment is an ALTER it writes too."""
    from compiler.emit.alembic import migration
    from compiler.migrate import diff

    base = project().features[0]
    table = base.tables[0]
    extra = table.columns[-1].model_copy(update={"name": "extra_note", "nullable": True, "default": None, "comment": None})
    index = table.indexes[0].model_copy(update={"name": "idx_extra_note", "columns": ["extra_note"]})
    grown = table.model_copy(update={"columns": [*table.columns, extra], "indexes": [*table.indexes, index]})
    after = base.model_copy(update={"tables": [grown, *base.tables[1:]], "number": (base.number or 0) + 1})
    change = diff(base, after)
    assert [(t.name, c.name) for t, c in change.columns] == [(table.name, "extra_note")]
    assert [i.name for _, i in change.indexes] == ["idx_extra_note"]
    assert not change.tables and not change.changed
    text = migration(base, after)
    assert "op.add_column(" in text and '"extra_note"' in text and "op.drop_column(" in text

    altered = table.model_copy(update={"columns": [table.columns[0].model_copy(update={"comment": "changed"}), *table.columns[1:]]})
    after = base.model_copy(update={"tables": [altered, *base.tables[1:]], "number": (base.number or 0) + 1})
    change = diff(base, after)
    assert not change.changed
    assert [(c.new.name, c.comment) for c in change.altered_columns] == [(table.columns[0].name, True)]
    assert 'comment="changed"' in migration(base, after)
