"""Generated SQLAlchemy and SQLModel models on a real PostgreSQL server.

`create_all()` of either builds the catalog schema.sql builds; rows go in
and come back through the SQLAlchemy models, relationships included; the
generated Python passes ruff and imports cleanly; spec text cannot get
out of a string literal. The generated packages run in a subprocess, so
each test imports them fresh.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from compiler.emit.sqlalchemy.types import py_block, py_str
from tests.conftest import apply_sql
from tests.test_alembic import FEATURES, dump, project, schema_sql_dump, settings, stubs, write_generated

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return write_generated(tmp_path_factory.mktemp("generated_orm"))


def run_python(root: Path, code: str) -> str:
    """Run `code` with the generated backend/src on the path; returns stdout."""
    src = root / Path(settings().outputs.session).parent.parent
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, cwd=src, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def package(folder: str) -> str:
    """`backend/src/db/models` -> `db.models`."""
    src = Path(settings().outputs.session).parent.parent
    return Path(folder).relative_to(src).as_posix().replace("/", ".")


CREATE_ALL = """
import sqlalchemy as sa
import {package} as models
sa.orm.configure_mappers()
engine = sa.create_engine({url!r})
with engine.begin() as conn:
    models.create_all(conn)
engine.dispose()
"""


@pytest.mark.parametrize("emitter", ["sqlalchemy", "sqlmodel"])
def test_create_all_matches_schema_sql(pg, fresh_db, generated, emitter):
    expected = schema_sql_dump(pg, fresh_db, generated, FEATURES[-1])
    apply_sql(pg, fresh_db, stubs())
    folder = settings().outputs.sqlalchemy_models if emitter == "sqlalchemy" else settings().outputs.sqlmodel_models
    url = pg.dsn(fresh_db).replace("postgresql://", "postgresql+psycopg://", 1)
    run_python(generated, CREATE_ALL.format(package=package(folder), url=url))
    assert dump(pg, fresh_db) == expected


def _first_one_to_many():
    """(parent table, child table, FK) for a relationship to exercise."""
    from compiler.emit.sqlalchemy import plan

    schema = project().features[-1]
    the_plan = plan(schema)
    own = {t.name for t in schema.tables}

    def required_own_fks(table):
        return [
            fk for fk in table.foreign_keys if fk.ref_table in own and any(not c.nullable for c in table.columns if c.name in fk.columns)
        ]

    for model in the_plan.models:
        if required_own_fks(model.table):
            continue
        for rel in model.relations:
            child = the_plan.model(
                schema.table(rel.foreign_key.ref_table) and next(m.table.name for m in the_plan.models if m.class_name == rel.target)
            )
            if not rel.local and rel.many and not rel.self_referential and required_own_fks(child.table) == [rel.foreign_key]:
                return the_plan, model, rel
    return the_plan, None, None


def test_rows_round_trip_through_sqlalchemy_models(pg, fresh_db, generated):
    """Insert a parent and a child through the models (server defaults,
    enums, the updated_at trigger), then load the parent with selectinload."""
    _, parent, rel = _first_one_to_many()
    if parent is None:
        pytest.skip("no one-to-many relationship among the example specs")
    apply_sql(pg, fresh_db, stubs())
    url = pg.dsn(fresh_db).replace("postgresql://", "postgresql+psycopg://", 1)
    code = f"""
    import datetime, decimal, json, uuid
    import sqlalchemy as sa
    from sqlalchemy.orm import Session, selectinload
    import {package(settings().outputs.sqlalchemy_models)} as models
    from {package(settings().outputs.sqlalchemy_models)}.base import Base

    engine = sa.create_engine({url!r})
    with engine.begin() as conn:
        for name in {json.dumps(sorted(t.name for t in project().features[-1].external_tables))}:
            pass
        models.create_all(conn)

    SAMPLES = {{
        sa.Uuid: lambda: uuid.uuid4(), sa.String: lambda: "x", sa.Text: lambda: "x", sa.CHAR: lambda: "x",
        sa.Integer: lambda: 1, sa.BigInteger: lambda: 1, sa.SmallInteger: lambda: 1,
        sa.Numeric: lambda: decimal.Decimal("1.00"), sa.Boolean: lambda: True, sa.Date: lambda: datetime.date(2026, 1, 1),
        sa.DateTime: lambda: datetime.datetime(2026, 1, 1), sa.JSON: lambda: {{}}, sa.LargeBinary: lambda: b"x",
    }}

    def fill(obj, table, skip):
        # required columns without a server default get a sample value
        for column in table.columns:
            if column.nullable or column.server_default is not None or column.identity is not None or column.key in skip:
                continue
            if isinstance(column.type, sa.Enum):
                value = list(column.type.enum_class)[0]
            else:
                value = next((f() for t, f in SAMPLES.items() if isinstance(column.type, t)), None)
            if value is None:
                raise SystemExit(f"no sample value for {{table.name}}.{{column.name}} {{column.type!r}}")
            setattr(obj, column.key, value)

    def external_rows(session, table):
        # rows in the stub tables for every external FK of `table`
        for fk in table.foreign_keys:
            target = fk.column.table
            if target.info.get("external"):
                value = next(f() for t, f in SAMPLES.items() if isinstance(fk.column.type, t))
                if isinstance(value, str):
                    value = value * (fk.column.type.length or 1)
                session.execute(target.insert().values({{fk.column.key: value}}))
                yield fk.parent.key, value

    def make(session, cls, skip=()):
        obj = cls()
        for key, value in external_rows(session, cls.__table__):
            setattr(obj, key, value)
        fill(obj, cls.__table__, set(skip) | {{k for k, _ in external_rows_keys(cls.__table__)}})
        return obj

    def external_rows_keys(table):
        return [(fk.parent.key, None) for fk in table.foreign_keys if fk.column.table.info.get("external")]

    Parent = models.{parent.class_name}
    Child = models.{rel.target}
    with Session(engine) as session:
        parent = make(session, Parent)
        # required FKs to other own tables: create those parents too
        session.add(parent)
        session.flush()
        child = make(session, Child, skip={json.dumps(rel.columns)})
        getattr(parent, {rel.attribute!r}).append(child)
        for fk in Child.__table__.foreign_keys:
            target = fk.column.table
            key = fk.parent.key
            if target.info.get("external") or fk.parent.nullable or key in {json.dumps(rel.columns)}:
                continue
            raise SystemExit(f"the child needs another parent: {{key}}")
        session.commit()
        parent_key = sa.inspect(parent).identity

    with Session(engine) as session:
        loaded = session.scalars(
            sa.select(Parent).options(selectinload(getattr(Parent, {rel.attribute!r}))).where(
                *[c == v for c, v in zip(Parent.__table__.primary_key.columns, parent_key)]
            )
        ).one()
        children = getattr(loaded, {rel.attribute!r})
        assert len(children) == 1, children
        back = getattr(children[0], {rel.back_populates!r})
        assert back is loaded
        created = getattr(loaded, "created_at", None)
        print("OK", type(loaded).__name__, len(children), repr(loaded)[:40])
    engine.dispose()
    """
    out = run_python(generated, code)
    assert out.startswith("OK"), out


def test_updated_at_trigger_fires_through_the_models(pg, fresh_db, generated):
    """create_all attaches the trigger: an UPDATE moves updated_at."""
    table = next((t for t in project().features[-1].tables if t.triggers and not t.foreign_keys), None)
    if table is None:
        pytest.skip("no table with a trigger and no foreign keys")
    apply_sql(pg, fresh_db, stubs())
    url = pg.dsn(fresh_db).replace("postgresql://", "postgresql+psycopg://", 1)
    run_python(generated, CREATE_ALL.format(package=package(settings().outputs.sqlalchemy_models), url=url))
    import psycopg

    with psycopg.connect(pg.dsn(fresh_db), autocommit=True) as conn:
        names = [
            r[0] for r in conn.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table.name])
        ]
    assert names == [t.name for t in table.triggers]


def test_generated_python_passes_ruff(generated):
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed (pip install '.[test]')")
    backend = generated / "backend"
    check = subprocess.run(
        [ruff, "check", "--isolated", "--select", "E4,E7,E9,F,W,I,B", str(backend)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    fmt = subprocess.run([ruff, "format", "--isolated", "--check", "--diff", str(backend)], capture_output=True, text=True, check=False)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    # also under this repository's own ruff settings (line length 140)
    fmt = subprocess.run([ruff, "format", "--check", "--line-length", "140", str(backend)], capture_output=True, text=True, check=False)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_generated_packages_import_cleanly(generated):
    out = run_python(
        generated,
        f"""
    import warnings
    warnings.simplefilter("error")
    import sqlalchemy as sa
    import {package(settings().outputs.sqlalchemy_models)} as models
    sa.orm.configure_mappers()
    import {package(settings().outputs.sqlmodel_models)} as sqlmodels
    sa.orm.configure_mappers()
    import {package(settings().outputs.session).rsplit(".", 1)[0]} as session
    print(len(models.Base.metadata.tables))
    """,
    )
    assert int(out) == len(project().features[-1].tables) + len(project().features[-1].external_tables)


def test_session_module_reads_database_url(generated, pg, fresh_db):
    mod = package(settings().outputs.session).rsplit(".", 1)[0]
    out = run_python(
        generated,
        f"""
    import os
    os.environ.pop("DATABASE_URL", None)
    import {mod} as s
    try:
        s.get_engine()
    except RuntimeError as exc:
        print("missing:", exc)
    os.environ["DATABASE_URL"] = {pg.dsn(fresh_db)!r}
    os.environ["DATABASE_NULLPOOL"] = "1"
    s.get_engine.cache_clear()
    engine = s.get_engine()
    print(type(engine.pool).__name__, engine.dialect.driver)
    with s.session_scope() as session:
        print(session.execute(s.sa.text("SELECT 1")).scalar())
    """,
    )
    assert "missing: DATABASE_URL is not set" in out
    assert "NullPool psycopg" in out and out.strip().endswith("1")


NASTY = ['"""; import os; os.system("x") #', "a\\b", 'it\'s "quoted"', "line\nbreak\r\ttab", "\x00\x1b\u2028\ufeff", "'''", "{x}%s%%"]


@pytest.mark.parametrize("text", NASTY)
def test_literals_cannot_be_escaped(text):
    assert ast.literal_eval(py_str(text)) == text
    literal = py_block(text)
    assert ast.literal_eval(literal).strip("\n") == text.strip("\n") or ast.literal_eval(literal) == text


def test_spec_text_stays_inside_literals():
    """Comments with quotes, backslashes and newlines become data, never code."""
    from compiler.emit.alembic import migration
    from compiler.emit.sqlalchemy import emit as emit_sqlalchemy
    from compiler.emit.sqlmodel import emit as emit_sqlmodel
    from compiler.ir import Project

    base = project().features[0]
    evil = '"""\nimport os  # \\" \') ; import sys'
    tables = [
        t.model_copy(update={"comment": evil, "columns": [c.model_copy(update={"comment": evil}) for c in t.columns]}) for t in base.tables
    ]
    schema = base.model_copy(update={"tables": tables, "title": evil})
    outputs = emit_sqlalchemy(Project(features=[schema]), settings()) + emit_sqlmodel(Project(features=[schema]), settings())
    texts = [o.content for o in outputs if o.path.endswith(".py") and not o.path.endswith("session.py")] + [migration(None, schema)]
    for text in texts:
        tree = ast.parse(text)
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert "os" not in imported and "sys" not in imported
    assert any(json.dumps(evil)[1:-1] in t or repr(evil)[1:-1] in t for t in texts)


AWKWARD_SPEC = """# Feature Specification: Keywords

### Key Entities

- **User** *(external: users)*: An account.
- **Lesson**: Lessons with awkward column names
  - `id`: uuid, primary key
  - `user_id`: uuid, required, references User, on delete cascade - Owner
  - `class`: string(50), required, indexed - It's "quoted" \\\\ and back\\\\slashed
  - `metadata`: jsonb
  - `from`: integer
  - indexes: (user_id, class)
"""


def test_keyword_column_names(pg, fresh_db, tmp_path, monkeypatch):
    """`class`, `from`, `metadata` become `class_`, `from_`, `metadata_`
    with the SQL name kept: both model packages build schema.sql's catalog,
    and the generated Python stays ruff-clean."""
    from click.testing import CliRunner

    from compiler.cli import main

    (tmp_path / "specs" / "001-kw").mkdir(parents=True)
    (tmp_path / "specs" / "001-kw" / "spec.md").write_text(AWKWARD_SPEC)
    (tmp_path / "pyproject.toml").write_text('[tool.spec2db]\nemit = ["postgres", "alembic", "sqlalchemy", "sqlmodel"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    model = (tmp_path / "backend/src/db/models/lesson.py").read_text()
    assert 'class_: Mapped[str] = mapped_column(\n        "class",' in model and "from_: Mapped[int | None]" in model
    ruff = shutil.which("ruff")
    assert ruff, "ruff is not installed"
    assert subprocess.run([ruff, "check", "--isolated", "backend"], cwd=tmp_path, check=False).returncode == 0
    assert subprocess.run([ruff, "format", "--isolated", "--check", "backend"], cwd=tmp_path, check=False).returncode == 0

    stub = "CREATE TABLE users (id UUID PRIMARY KEY);\n"
    apply_sql(pg, fresh_db, stub + (tmp_path / "specs/001-kw/schema.sql").read_text())
    expected = dump(pg, fresh_db)
    url = pg.dsn(fresh_db).replace("postgresql://", "postgresql+psycopg://", 1)
    for name in ("db.models", "db.sqlmodel_models"):
        pg.execute(f'DROP DATABASE "{fresh_db}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{fresh_db}"')
        apply_sql(pg, fresh_db, stub)
        run_python(tmp_path, CREATE_ALL.format(package=name, url=url))
        assert dump(pg, fresh_db) == expected, name
