"""`spec2db verify`: the migrations and schema.sql build the same database.

On a real PostgreSQL server, in scratch databases that are dropped
afterwards: for every feature, schema.sql (after stub tables standing in
for the external tables) gives a catalog; the Alembic chain, upgraded one
revision at a time, must give the same catalog at each feature; downgraded
to base it must leave nothing but the stubs; upgraded again it must reach
the last feature's catalog again.

Catalogs are read from pg_catalog (no pg_dump needed): tables, columns in
order with types, nullability, defaults and identity, constraints,
indexes, triggers, functions, enum types, sequences and comments, in the
`public` schema, without Alembic's own `alembic_version`.

psycopg and alembic are optional dependencies, imported only here.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from compiler.config import Settings
from compiler.emit.output import Output, write
from compiler.ir import Project


class VerifyError(Exception):
    """Verification could not run (no driver, no server, no privilege): exit 2."""


@dataclass
class Step:
    label: str
    missing: list[str] = field(default_factory=list)  # expected but absent
    extra: list[str] = field(default_factory=list)  # present but not expected

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


@dataclass
class Report:
    steps: list[Step] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    def text(self) -> str:
        lines = []
        for step in self.steps:
            if step.ok:
                lines.append(f"ok: {step.label}")
                continue
            lines.append(f"DIFFERENT: {step.label}")
            lines += [f"  - expected, missing: {item}" for item in step.missing]
            lines += [f"  + unexpected: {item}" for item in step.extra]
        return "\n".join(lines) + "\n"


_CATALOG = {
    "table": """
        SELECT c.relname, coalesce(obj_description(c.oid, 'pg_class'), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')""",
    "column": """
        SELECT c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
               format_type(a.atttypid, a.atttypmod), a.attnotnull,
               coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity,
               coalesce(col_description(c.oid, a.attnum), '')
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped""",
    "constraint": """
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0""",
    "index": """
        SELECT ic.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
        WHERE n.nspname = 'public'""",
    "trigger": """
        SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid)
        FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (
            SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace)""",
    "function": """
        SELECT proname, pg_get_function_identity_arguments(oid), pg_get_function_result(oid), prosrc
        FROM pg_proc WHERE pronamespace = 'public'::regnamespace""",
    "enum": """
        SELECT t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname""",
    "sequence": """
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'""",
}

_IGNORED = ("alembic_version",)


def catalog(conn) -> list[str]:
    """One line per catalog object, sorted; Alembic's own table left out."""
    items = []
    for kind, query in _CATALOG.items():
        for row in conn.execute(query):
            values = [" ".join(str(v).split()) for v in row]
            if any(name in values[0] or (len(values) > 1 and name in values[1]) for name in _IGNORED):
                continue
            items.append(f"{kind} " + " | ".join(values))
    return sorted(items)


def compare(label: str, expected: list[str], actual: list[str]) -> Step:
    want, have = set(expected), set(actual)
    return Step(label, sorted(want - have), sorted(have - want))


# -- connections and scratch databases ----------------------------------------


def _libpq_url(url: str) -> str:
    """psycopg takes postgresql:// (no +driver); postgres:// is accepted."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme == "postgres":
        scheme = "postgresql"
    if scheme != "postgresql":
        raise VerifyError(f"--database-url must be a postgresql:// URL, not {parts.scheme}://")
    return urlunsplit((scheme, parts.netloc, parts.path, parts.query, parts.fragment))


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _modules():
    try:
        import psycopg
    except ImportError:
        raise VerifyError("spec2db verify needs psycopg: pip install 'psycopg[binary]' alembic sqlalchemy") from None
    try:
        import alembic.command
        import alembic.config
    except ImportError:
        raise VerifyError("spec2db verify needs alembic: pip install alembic sqlalchemy 'psycopg[binary]'") from None
    return psycopg, alembic


LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def default_server(url: str | None, progress=None):
    """The server to verify on: the URL given, else a local PostgreSQL at
    127.0.0.1:5432, else an embedded one from the `pgserver` wheel (stopped
    afterwards), so a fresh laptop needs nothing but pip."""
    if url:
        yield url
        return
    psycopg, _ = _modules()
    try:
        with psycopg.connect(LOCAL_SERVER, connect_timeout=3):
            pass
        yield LOCAL_SERVER
        return
    except psycopg.Error:
        pass
    try:
        import pgserver
    except ImportError:
        raise VerifyError(
            "no PostgreSQL server: pass --database-url, set DATABASE_URL, start one at 127.0.0.1:5432, or pip install pgserver"
        ) from None
    import tempfile

    with tempfile.TemporaryDirectory(prefix="spec2db-pg-") as data_dir:
        if progress:
            progress("no server at 127.0.0.1:5432: starting an embedded PostgreSQL (pgserver)")
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
        try:
            yield server.get_uri()
        finally:
            server.cleanup()


class Scratch:
    """Scratch databases on one server, all dropped by `close()`."""

    def __init__(self, url: str) -> None:
        self.psycopg, self.alembic = _modules()
        self.url = _libpq_url(url)
        self.prefix = f"spec2db_verify_{uuid.uuid4().hex[:10]}"
        self.created: list[str] = []
        try:
            self.admin = self.psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except self.psycopg.Error as exc:
            raise VerifyError(f"cannot connect to {self._safe(self.url)}: {' '.join(str(exc).split())}") from None

    @staticmethod
    def _safe(url: str) -> str:
        parts = urlsplit(url)
        host = parts.hostname or ""
        return urlunsplit(
            (
                parts.scheme,
                f"{parts.username + '@' if parts.username else ''}{host}{':' + str(parts.port) if parts.port else ''}",
                parts.path,
                "",
                "",
            )
        )

    def create(self, suffix: str) -> str:
        name = f"{self.prefix}_{suffix}"
        try:
            self.admin.execute(f'CREATE DATABASE "{name}"')
        except self.psycopg.Error as exc:
            raise VerifyError(f"cannot create a scratch database (needs CREATEDB): {' '.join(str(exc).split())}") from None
        self.created.append(name)
        return _with_database(self.url, name)

    def _drop_sql(self, name: str) -> str:
        # WITH (FORCE) ends stray sessions, but exists only from PostgreSQL 13.
        force = " WITH (FORCE)" if self.admin.info.server_version >= 130000 else ""
        return f'DROP DATABASE IF EXISTS "{name}"{force}'

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        try:
            self.admin.execute(self._drop_sql(name))
        except self.psycopg.Error as exc:
            raise VerifyError(f"cannot drop scratch database {name}: {' '.join(str(exc).split())}") from None
        self.created.remove(name)

    def run(self, url: str, sql: str) -> None:
        with self.psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql)

    def catalog(self, url: str) -> list[str]:
        try:
            with self.psycopg.connect(url) as conn:
                return catalog(conn)
        except self.psycopg.Error as exc:
            raise VerifyError(f"cannot read the catalog: {' '.join(str(exc).split())}") from None

    def close(self) -> None:
        for name in list(self.created):
            try:
                self.admin.execute(self._drop_sql(name))
            except self.psycopg.Error:
                pass
        self.admin.close()


def external_stubs(project: Project) -> str:
    """CREATE TABLE for every external table any feature references."""
    from compiler.emit.postgres.dialect import column_type, quote_ident

    stubs: dict[str, str] = {}
    for schema in project.features:
        for table in schema.external_tables:
            stubs[table.name] = (
                f"CREATE TABLE {quote_ident(table.name)} ({quote_ident(table.key)} {column_type(table.key_type)} PRIMARY KEY);\n"
            )
    return "".join(stubs.values())


# -- the check ---------------------------------------------------------------------


def verify(
    project: Project,
    settings: Settings,
    database_url: str,
    *,
    migrations: list[Output] | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> Report:
    """Compare schema.sql with the migration chain; `migrations` replaces the
    generated Alembic files (tests use it to check that a broken one is caught)."""
    from compiler.emit.alembic import emit as emit_alembic
    from compiler.emit.alembic import revision_id
    from compiler.emit.postgres import schema_sql

    if not project.features:
        raise VerifyError("no feature to verify")
    report = Report()
    scratch = Scratch(database_url)
    try:
        stubs = external_stubs(project)
        expected = {}
        for i, schema in enumerate(project.features):
            url = scratch.create(f"s{i}")
            try:
                scratch.run(url, stubs + schema_sql(schema))
            except scratch.psycopg.Error as exc:
                raise VerifyError(f"{schema.feature}: schema.sql does not apply: {' '.join(str(exc).split())}") from None
            expected[schema.feature] = scratch.catalog(url)
            scratch.drop(url)
            progress(f"schema.sql of {schema.feature}: {len(expected[schema.feature])} catalog objects")

        url = scratch.create("m")
        if stubs:
            scratch.run(url, stubs)
        stubs_only = scratch.catalog(url)
        with tempfile.TemporaryDirectory(prefix="spec2db-verify-") as folder:
            root = Path(folder)
            write(migrations if migrations is not None else emit_alembic(project, settings), root)
            config = _alembic_config(scratch, root / settings.outputs.alembic_ini, url)

            def step(action: str, revision: str) -> None:
                try:
                    getattr(scratch.alembic.command, action)(config, revision)
                except Exception as exc:  # noqa: BLE001 - a failing migration is a finding, not a crash
                    first = str(exc).strip().split("\n")[0]
                    raise _MigrationFailed(f"alembic {action} {revision} failed: {type(exc).__name__}: {first[:300]}") from None

            try:
                for schema in project.features:
                    rid = revision_id(schema)
                    step("upgrade", rid)
                    report.steps.append(
                        compare(f"alembic upgrade {rid} == schema.sql of {schema.feature}", expected[schema.feature], scratch.catalog(url))
                    )
                    progress(f"upgrade {rid}: {'same' if report.steps[-1].ok else 'DIFFERENT'}")
                step("downgrade", "base")
                report.steps.append(compare("alembic downgrade base leaves only the external stubs", stubs_only, scratch.catalog(url)))
                progress(f"downgrade base: {'clean' if report.steps[-1].ok else 'DIFFERENT'}")
                step("upgrade", "head")
                last = project.features[-1]
                report.steps.append(
                    compare(f"alembic upgrade head again == schema.sql of {last.feature}", expected[last.feature], scratch.catalog(url))
                )
                progress(f"upgrade head again: {'same' if report.steps[-1].ok else 'DIFFERENT'}")
            except _MigrationFailed as exc:
                report.steps.append(Step(str(exc), missing=["(the migration chain stopped here)"]))
    finally:
        scratch.close()
    return report


class _MigrationFailed(Exception):
    pass


def _alembic_config(scratch: Scratch, ini: Path, url: str):
    if not ini.is_file():
        raise VerifyError(f"no alembic.ini among the migration files ({ini.name})")
    config = scratch.alembic.config.Config(str(ini))
    config.attributes["configure_logger"] = False
    parts = urlsplit(url)
    sa_url = urlunsplit(("postgresql+psycopg", parts.netloc, parts.path, parts.query, parts.fragment))
    config.set_main_option("sqlalchemy.url", sa_url.replace("%", "%%"))
    return config
