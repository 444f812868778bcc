"""`spec2db verify` on a real PostgreSQL server: passes on the examples,
reports a clear difference for a broken migration, and fails cleanly
without a database or without its optional dependencies."""

from __future__ import annotations

import re
import sys

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.emit.alembic import emit as emit_alembic
from compiler.emit.output import Output
from compiler.verify import VerifyError, verify
from tests.test_alembic import ROOT, project, settings

pytestmark = pytest.mark.postgres


def leftover_scratch(pg) -> list[str]:
    import psycopg

    with psycopg.connect(pg.dsn("postgres")) as conn:
        return [r[0] for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'spec2db_verify_%'")]


def test_verify_passes_on_the_examples(pg, monkeypatch):
    import uuid

    made: list[str] = []  # the prefixes of this run's scratch databases (another verify may share the server)
    real_uuid4 = uuid.uuid4

    def recorded():
        value = real_uuid4()
        made.append(f"spec2db_verify_{value.hex[:10]}")
        return value

    monkeypatch.setattr(uuid, "uuid4", recorded)
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["verify", "--database-url", pg.dsn("postgres")])
    assert result.exit_code == 0, result.output
    assert "downgrade base leaves only the external stubs" in result.output
    assert "DIFFERENT" not in result.output
    assert made
    assert not [d for d in leftover_scratch(pg) if d.startswith(tuple(made))]  # scratch databases are dropped


def test_verify_reads_database_url_from_the_environment(pg, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("DATABASE_URL", pg.dsn("postgres"))
    spec = min((ROOT / "specs").glob("*/spec.md"))
    result = CliRunner().invoke(main, ["verify", str(spec)])
    assert result.exit_code == 0, result.output


def _break(outputs: list[Output]) -> tuple[list[Output], str]:
    """Drop the first create_index from the upgrade() of the last migration that creates one."""
    migrations = [o for o in outputs if "/versions/" in o.path]
    last = next(o for o in reversed(migrations) if re.search(r"\n    op\.create_index\(", o.content.split("def downgrade")[0]))
    match = re.search(r'\n    op\.create_index\(\s*"([^"]+)",[^()]*?\)\n', last.content)  # on one line or exploded
    assert match, "no migration creates an index"
    broken = Output(last.path, last.content.replace(match.group(0), "\n", 1))
    return [broken if o is last else o for o in outputs], match.group(1)


def test_verify_reports_a_broken_migration(pg):
    outputs, index = _break(emit_alembic(project(), settings()))
    report = verify(project(), settings(), pg.dsn("postgres"), migrations=outputs)
    assert not report.ok
    text = report.text()
    assert "DIFFERENT: alembic upgrade" in text
    assert f"expected, missing: index {index}" in text
    # going down, the missing index is no error (drops are IF EXISTS, so a failed run can be retried)
    assert "alembic downgrade base failed" not in text


def test_verify_reports_a_failing_migration(pg):
    outputs = emit_alembic(project(), settings())
    first = next(o for o in outputs if "/versions/" in o.path)
    failing = Output(
        first.path,
        first.content.replace("def upgrade() -> None:\n", 'def upgrade() -> None:\n    op.execute("SELECT no_such_function()")\n', 1),
    )
    report = verify(project(), settings(), pg.dsn("postgres"), migrations=[failing if o is first else o for o in outputs])
    assert not report.ok
    assert "alembic upgrade" in report.text() and "failed" in report.text()


def test_verify_cli_exit_1_on_difference(pg, monkeypatch):
    import compiler.verify as module

    original = module.verify

    def broken_verify(project, settings, url, **kwargs):
        outputs, _ = _break(emit_alembic(project, settings))
        return original(project, settings, url, migrations=outputs, **kwargs)

    monkeypatch.setattr(module, "verify", broken_verify)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["verify", "--database-url", pg.dsn("postgres")])
    assert result.exit_code == 1, result.output
    assert "DIFFERENT" in result.output and "do not build what schema.sql builds" in result.output
    assert "Traceback" not in result.output


def test_verify_without_any_server_is_exit_2(monkeypatch):
    """No URL, nothing at 127.0.0.1:5432 and no pgserver: a clear exit 2."""
    import builtins

    import compiler.verify as module

    real_import = builtins.__import__

    def no_pgserver(name, *args, **kwargs):
        if name == "pgserver":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(module, "LOCAL_SERVER", "postgresql://postgres@127.0.0.1:1/postgres")
    monkeypatch.setattr(builtins, "__import__", no_pgserver)
    result = CliRunner().invoke(main, ["verify"])
    assert result.exit_code == 2
    assert "no PostgreSQL server" in result.output and "--database-url" in result.output and "Traceback" not in result.output


def test_verify_with_an_unreachable_server_is_exit_2(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["verify", "--database-url", "postgresql://nobody@127.0.0.1:1/postgres"])
    assert result.exit_code == 2
    assert "cannot connect" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("module", ["psycopg", "alembic"])
def test_verify_without_optional_dependencies(monkeypatch, module):
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    if module == "alembic":
        monkeypatch.setitem(sys.modules, "alembic.command", None)
        monkeypatch.setitem(sys.modules, "alembic.config", None)
    with pytest.raises(VerifyError, match=f"needs {module}"):
        verify(project(), settings(), "postgresql://nobody@127.0.0.1:1/postgres")
