"""Shared fixtures: a real PostgreSQL server and fresh databases on it.

The server is the one at 127.0.0.1:5432 when it answers (CI starts it), or
else an embedded PostgreSQL from the `pgserver` wheel, so a fresh laptop
needs nothing but pip. Each test database is created for one test and
dropped after it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    # The parse cache of every CLI run in the tests goes to a throwaway folder,
    # inherited by subprocesses, never the user's ~/.cache.
    import tempfile

    os.environ.setdefault("SPEC2DB_CACHE_DIR", tempfile.mkdtemp(prefix="spec2db-test-cache-"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden/ from the current outputs")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


class PgServer:
    def __init__(self, base_dsn: str, bin_dir: str | None) -> None:
        self.base_dsn = base_dsn
        self.bin_dir = bin_dir

    def dsn(self, dbname: str) -> str:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.base_dsn)  # pgserver's URI keeps its socket in ?host=/path
        return urlunsplit(parts._replace(path=f"/{dbname}"))

    def tool(self, name: str) -> str:
        if self.bin_dir and (Path(self.bin_dir) / name).exists():
            return str(Path(self.bin_dir) / name)
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} not found")
        return found

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.dsn(dbname), autocommit=True) as conn:
            conn.execute(sql)


def _local_server() -> PgServer | None:
    import psycopg

    dsn = os.environ.get("SPEC2DB_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return PgServer(dsn, None)
    except psycopg.OperationalError:
        return None


@pytest.fixture(scope="session")
def pg(tmp_path_factory) -> PgServer:
    server = _local_server()
    if server is not None:
        yield server
        return
    import tempfile

    import pgserver  # the embedded fallback: a real server binary in a wheel

    # Directly under the temp folder: run as root, pgserver switches to its
    # own user, who cannot enter pytest's private tmp_path tree.
    data_dir = tempfile.mkdtemp(prefix="spec2db-pgdata-")
    embedded = pgserver.get_server(data_dir, cleanup_mode="stop")
    bin_dir = str(Path(pgserver.__file__).parent / "pginstall" / "bin")
    try:
        yield PgServer(embedded.get_uri(), bin_dir)
    finally:
        embedded.cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def fresh_db(pg: PgServer):
    """The name of a new, empty database, dropped after the test."""
    name = f"spec2db_test_{uuid.uuid4().hex[:12]}"
    pg.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def apply_sql(pg: PgServer, dbname: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(pg.dsn(dbname), autocommit=True) as conn:
        conn.execute(sql)


def project_stubs(root: Path) -> str:
    """CREATE TABLE statements standing in for the external tables the specs under `root` reference
    (what `spec2db verify` creates before it applies schema.sql)."""
    from compiler.config import Settings
    from compiler.passes import compile_paths
    from compiler.verify import external_stubs

    specs = sorted(root.glob("specs/*/spec.md"))
    return external_stubs(compile_paths([(p, p.relative_to(root).as_posix()) for p in specs], Settings()).project)


def schema_dump(pg: PgServer, dbname: str) -> list[str]:
    """`pg_dump --schema-only`, normalized for object order only: one entry
    per statement, comments and session settings dropped, sorted."""
    dsn = pg.dsn(dbname)
    result = subprocess.run(
        [pg.tool("pg_dump"), "--schema-only", "--no-owner", "--no-privileges", dsn],
        capture_output=True,
        text=True,
        check=True,
    )
    statements, current = [], []
    for line in result.stdout.splitlines():
        if not line.strip() or line.startswith(("--", "SET ", "SELECT pg_catalog.set_config", "\\")):
            continue
        current.append(line)
        if line.rstrip().endswith(";") and not _inside_dollar_quote(current):
            statements.append("\n".join(current))
            current = []
    if current:
        statements.append("\n".join(current))
    return sorted(statements)


def _inside_dollar_quote(lines: list[str]) -> bool:
    text = "\n".join(lines)
    return text.count("$$") % 2 == 1
