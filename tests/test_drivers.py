"""The generated session.py and migrations/env.py connect with a plain
`postgresql://` DATABASE_URL on every SQLAlchemy that pyproject allows:
the newest (installed here) and the oldest (`sqlalchemy>=X` in the test
extras, installed from the package index into a venv of its own, beside
psycopg 3 and no psycopg2). SQLAlchemy 2.0 reads a bare `postgresql://` as
psycopg2, so the URL must name the driver that is installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, apply_sql
from tests.test_alembic import settings, stubs
from tests.test_orm import package

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

pytestmark = pytest.mark.postgres


def oldest_sqlalchemy() -> str:
    """The lower bound of `sqlalchemy>=...` in the test extras."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    requirement = next(r for r in extras if re.match(r"sqlalchemy\s*>=", r, re.IGNORECASE))
    return re.search(r">=\s*([0-9][0-9.]*)", requirement).group(1)


@pytest.fixture(scope="module")
def oldest_python(tmp_path_factory) -> str:
    """A venv with the oldest allowed SQLAlchemy, psycopg 3 and Alembic."""
    venv = tmp_path_factory.mktemp("oldest-sqlalchemy") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    wanted = [f"sqlalchemy=={oldest_sqlalchemy()}", "psycopg[binary]>=3.1", "alembic>=1.13"]
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--disable-pip-version-check", *wanted],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, f"cannot install {wanted} into a venv:\n{install.stdout}{install.stderr}"
    return python


@pytest.fixture(params=["newest", "oldest"])
def python(request) -> str:
    return sys.executable if request.param == "newest" else request.getfixturevalue("oldest_python")


def run(python: str, code: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [python, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=cwd, env={**os.environ, **env}, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    from tests.test_alembic import write_generated

    return write_generated(tmp_path_factory.mktemp("generated_drivers"))


def test_session_connects_with_a_plain_postgresql_url(pg, fresh_db, generated, python):
    """DATABASE_URL=postgresql://...: the engine uses psycopg 3, the models
    create their tables and a session reads them."""
    apply_sql(pg, fresh_db, stubs())
    src = generated / Path(settings().outputs.session).parent.parent
    plain = pg.dsn(fresh_db)
    assert plain.startswith("postgresql://")
    out = run(
        python,
        f"""
        import importlib.util
        import sqlalchemy as sa
        import {package(settings().outputs.session).rsplit(".", 1)[0]} as s
        import {package(settings().outputs.sqlalchemy_models)} as models

        assert importlib.util.find_spec("psycopg2") is None, "psycopg2 is installed: the test proves nothing"
        engine = s.get_engine()
        models.create_all(engine)
        with s.session_scope() as session:
            tables = session.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar()
        print(sa.__version__, engine.dialect.driver, tables, s.with_driver("postgres://u@h/d"))
        """,
        src,
        {"PYTHONPATH": str(src), "DATABASE_URL": plain},
    )
    version, driver, tables, postgres = out.split()
    if python != sys.executable:
        assert version.startswith(oldest_sqlalchemy()), version
    assert driver == "psycopg" and postgres == "postgresql+psycopg://u@h/d"
    assert int(tables) == len(models_tables()) + len(stubs_tables())


def models_tables():
    from tests.test_alembic import project

    return project().features[-1].tables


def stubs_tables():
    from tests.test_alembic import project

    return project().features[-1].external_tables


def test_alembic_env_connects_with_a_plain_postgresql_url(pg, fresh_db, generated, python):
    """`alembic upgrade head` with DATABASE_URL=postgresql://... and no
    sqlalchemy.url: env.py picks psycopg 3."""
    apply_sql(pg, fresh_db, stubs())
    ini = generated / settings().outputs.alembic_ini
    run(
        python,
        f"""
        import sys
        from alembic.config import main
        main(["-c", {str(ini)!r}, "upgrade", "head"])
        """,
        ini.parent,
        {"DATABASE_URL": pg.dsn(fresh_db), "PYTHONPATH": ""},
    )
    import psycopg

    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        count = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'").fetchone()[0]
    assert count == len(models_tables()) + len(stubs_tables())
