"""Differential fuzzing on the real engines: specs generated inside the
notation, stressing names, defaults, checks and types. A spec that builds
with exit 0 must

- apply on PostgreSQL (schema.sql of every feature, after stubs for the
  external tables);
- run its Alembic chain up (catalog == schema.sql at each feature), down
  to base (only the stubs left) and up again;
- have SQLAlchemy and SQLModel models that import, and whose `create_all`
  gives the catalog of the last feature's schema.sql.

One scratch database per `Engines`; its `public` schema is dropped and
made again between steps (far cheaper than a database per step). The
migrations run in-process through Alembic's `Operations`, the models are
imported under a fresh package name per case. Used by
tests/test_hostile_engines.py (a modest run) and bench/fuzz_engines.py (the
long run).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from compiler.config import Settings
from compiler.emit import emit_all
from compiler.emit.output import write
from compiler.passes import compile_paths
from compiler.verify import catalog, external_stubs

SETTINGS = Settings.model_validate({"emit": ["postgres", "alembic", "sqlalchemy", "sqlmodel"], "schema-sql": "every-feature"})

# -- the generator --------------------------------------------------------------

NAME_POOL = [
    # SQL reserved words, Python keywords/builtins, imported names, ORM attributes
    "user",
    "order",
    "select",
    "table",
    "check",
    "default",
    "group",
    "limit",
    "offset",
    "end",
    "class",
    "def",
    "import",
    "from",
    "return",
    "lambda",
    "None",
    "True",
    "match",
    "type",
    "id",
    "list",
    "dict",
    "str",
    "int",
    "float",
    "bool",
    "object",
    "print",
    "len",
    "id_",
    "uuid",
    "datetime",
    "decimal",
    "date",
    "time",
    "enum",
    "json",
    "sa",
    "op",
    "typing",
    "Optional",
    "relationship",
    "mapped_column",
    "Mapped",
    "Field",
    "SQLModel",
    "Base",
    "Column",
    "metadata",
    "registry",
    "query",
    "model_config",
    "model_fields",
    "__table__",
    "__tablename__",
    "model_dump",
    "schema",
    "validate",
    "copy",
    "dict_",
    "fields",
    "2fa_secret",
    "_rev",
    "__x",
    "a b",
    "dueDate",
    "ÄÖü",
    "naïve",
    "x'y",
    'q"r',
    "a$b",
    "a-b",
    "a.b",
    "UPPER",
    "n😀",
    "𝔡𝔞𝔱𝔢",
    "title",
    "status",
    "name",
    "value",
    "count",
    "created",
    "updated_at",
    "created_at",
    "deleted_at",
    "user_id",
]
SCALARS = [
    "uuid",
    "string(3)",
    "string(40)",
    "varchar(10)",
    "text",
    "char(2)",
    "smallint",
    "integer",
    "bigint",
    "decimal(5,2)",
    "decimal",
    "real",
    "double",
    "boolean",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "interval",
    "json",
    "jsonb",
    "bytes",
    "email",
    "url",
]
DEFAULTS = {
    "uuid": ["uuid", "'00000000-0000-0000-0000-000000000000'", "'nope'"],
    "string(3)": ["'abc'", "'toolong'", "'a:b'", "':x'", "'it''s'"],
    "string(40)": ["'hello :name'", "'x'", "''"],
    "varchar(10)": ["'0123456789'", "'0123456789x'"],
    "text": ["'a:b :c'", "'{\"a\":true}'", "'--'", "'$$'"],
    "char(2)": ["'ab'", "'abc'"],
    "smallint": ["0", "32767", "99999", "-32768", "1_000", "١٢", "1.5"],
    "integer": ["2147483647", "2147483648", "-1", "１"],
    "bigint": ["9223372036854775807", "9223372036854775808"],
    "decimal(5,2)": ["999.99", "1000", "0.5"],
    "decimal": ["1.25", "nan"],
    "real": ["1.5", "inf", "1" + "0" * 40],
    "double": ["0", "-2.5"],
    "boolean": ["true", "no", "'maybe'"],
    "date": ["today", "'2020-01-31'", "'2020-13-45'", "'tomorrow'"],
    "time": ["'10:30'", "'25:00'", "'10:30:00.5'"],
    "timestamp": ["now", "'2020-01-01 10:00:00'", "'2020-01-01T10:00:00'", "'yesterday'"],
    "timestamptz": ["now", "'2020-01-01 10:00:00+02'"],
    "interval": ["'1 day'", "'2 hours 30 minutes'", "'P1D'", "'forever'"],
    "json": ["'{\"a\":true}'", "'[1, 2]'", "'{bad'", "'NaN'"],
    "jsonb": ["'{\"a\":true}'", '\'{"k": ":v"}\'', "'nope'"],
    "bytes": ["'\\x0a1b'", "'abc'", "'\\x0'"],
    "email": ["'a@b.co'"],
    "url": ["'https://x.io'"],
}
MODIFIERS = ["required", "unique", "indexed"]


@st.composite
def attribute(draw, others: list[str], prefix: str = "") -> tuple[str, str]:
    name = prefix + draw(st.sampled_from(NAME_POOL))
    scalar = draw(st.sampled_from(SCALARS + ["enum"] + (["ref"] if others else [])))
    parts = []
    array = ""
    if scalar == "enum":
        values = draw(
            st.lists(st.sampled_from(["a", "b", "todo", "in_progress", "x:y", "it's", "select", "Ü"]), min_size=1, max_size=3, unique=True)
        )
        parts.append(f"enum({', '.join(v if v.isidentifier() else repr(v) for v in values)})")
        if draw(st.booleans()):
            parts.append(f"default {draw(st.sampled_from(values))}")
    elif scalar == "ref":
        parts.append(f"references {draw(st.sampled_from(others))}")
    else:
        array = draw(st.sampled_from(["", "", "", "[]"]))
        parts.append(scalar + array)
        if draw(st.booleans()):
            if array:
                parts.append(draw(st.sampled_from(["default '{}'", "default '{1,2}'", "default '{a,b}'"])))
            else:
                # mostly a value that fits (the first ones); the rest must be refused at build time
                good = DEFAULTS[scalar][:1] if draw(st.integers(0, 2)) else DEFAULTS[scalar]
                parts.append(f"default {draw(st.sampled_from(good))}")
        if not array and scalar in ("smallint", "integer", "bigint", "decimal(5,2)", "real", "double") and draw(st.booleans()):
            parts.append(draw(st.sampled_from(["min(0)", "max(100)", "min(-5), max(5)"])))
        if not array and scalar in ("string(40)", "text", "varchar(10)") and draw(st.booleans()):
            parts.append(draw(st.sampled_from(["length(1..)", "length(..5)", 'pattern("^[a-z:]+$")'])))
    parts += draw(st.lists(st.sampled_from(MODIFIERS), max_size=2, unique=True))
    if array:
        pass
    elif scalar in ("smallint", "integer", "bigint") and draw(st.integers(0, 3)) == 0:
        # Checks on the attribute itself (a user check is SQL spec2db parses but does not type-check)
        quoted = '"' + name.replace('"', '""') + '"'
        parts.append(
            draw(st.sampled_from([f"check({quoted} >= 0)", f"check({quoted} <> 7) as tasks_pkey", f"check({quoted} > 0) as my_check"]))
        )
    elif scalar in ("text", "string(40)") and draw(st.integers(0, 3)) == 0:
        quoted = '"' + name.replace('"', '""') + '"'
        parts.append(f"check({quoted} <> ':bad')")
    return name, ", ".join(parts)


ENTITY_NAMES = ["Task", "User", "Tag", "Order", "Select", "Class", "Item", "TaskTag", "Tаsk"]


@st.composite
def spec_texts(draw) -> list[str]:
    """One or two features; their texts."""
    names = draw(st.lists(st.sampled_from(ENTITY_NAMES), min_size=1, max_size=3, unique=True))
    external = draw(st.sampled_from([None, "Account"]))
    lines = ["# Feature: fuzz", "", "## Key Entities", ""]
    if external:
        lines.append(f"- **{external}** *(external: accounts)*: kept elsewhere.")
    declared: list[str] = [external] if external else []
    own: dict[str, list[str]] = {}
    for entity in names:
        lines.append(f"- **{entity}**: {draw(st.sampled_from(['a thing', 'x :y', 'its', 'Ünï']))}")
        attributes = draw(st.lists(attribute(declared), min_size=1, max_size=4, unique_by=lambda a: a[0]))
        for name, rest in attributes:
            lines.append(f"  - `{name}`: {rest}")
        own[entity] = [name for name, _ in attributes]
        first = attributes[0][0]
        quoted = '"' + first.replace('"', '""') + '"' if not first.isidentifier() else first
        extra = draw(
            st.sampled_from(
                [
                    "",
                    "",
                    "soft delete",
                    f"indexes: ({quoted})",
                    f"unique: ({quoted})",
                    "table: my_table",
                    "table: t😀",
                    "indexes: (title)",
                    # conditions over a column whose type a later feature may change (E221 when it no longer type-checks)
                    f"check: {quoted} <> ':bad'",
                    f"indexes: ({quoted}) where {quoted} > 0",
                ]
            )
        )
        if extra:
            lines.append(f"  - {extra}")
        if declared and draw(st.integers(0, 3)) == 0:
            lines.append(f"  - relationships: {draw(st.sampled_from(['belongs to', 'many to many']))} {draw(st.sampled_from(declared))}")
        declared.append(entity)
    first = "\n".join(lines) + "\n"
    texts = [first]
    if draw(st.booleans()) and names:
        target = draw(st.sampled_from(names))
        more = ["# Feature: more", "", "## Key Entities", "", f"- **{target}** *(extends)*: more"]
        for name, rest in draw(st.lists(attribute([], "n_"), min_size=1, max_size=2, unique_by=lambda a: a[0])):
            more.append(f"  - `{name}`: {rest}")
        if draw(st.booleans()):
            # an attribute declared again: a changed type, enum, default or modifiers (E220 when PostgreSQL cannot convert)
            changed = draw(st.sampled_from(own[target]))
            _, rest = draw(attribute([]))
            more.append(f"  - `{changed}`: {rest}")
        texts.append("\n".join(more) + "\n")
    return texts


# -- the check -------------------------------------------------------------------


@dataclass
class Outcome:
    built: bool
    problem: str | None = None


class Engines:
    """One scratch database, reset between steps."""

    def __init__(self, dsn: str) -> None:
        import psycopg

        self.psycopg = psycopg
        self.admin_dsn = dsn
        self.name = f"spec2db_fuzz_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(dsn)
        self.dsn = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.sa_url = urlunsplit(parts._replace(scheme="postgresql+psycopg", path=f"/{self.name}"))
        self.conn = psycopg.connect(self.dsn, autocommit=True)
        import sqlalchemy

        self.engine = sqlalchemy.create_engine(self.sa_url, poolclass=sqlalchemy.pool.NullPool)
        self.cases = 0

    def close(self) -> None:
        self.conn.close()
        self.engine.dispose()
        with self.psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def reset(self, stubs: str = "") -> None:
        self.conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;" + stubs)

    def catalog(self) -> list[str]:
        return catalog(self.conn)

    def check(self, texts: list[str]) -> Outcome:
        """Build `texts` as features 001.., then run every engine on the output."""
        self.cases += 1
        with tempfile.TemporaryDirectory(prefix="spec2db-fuzz-") as folder:
            root = Path(folder)
            paths = []
            for i, text in enumerate(texts, 1):
                spec = root / "specs" / f"{i:03d}-f{i}" / "spec.md"
                spec.parent.mkdir(parents=True)
                spec.write_text(text, encoding="utf-8")
                paths.append((spec, f"specs/{i:03d}-f{i}/spec.md"))
            compilation = compile_paths(paths, SETTINGS)
            if compilation.diagnostics.has_errors:
                return Outcome(False)
            project = compilation.project
            try:
                outputs = emit_all(project, SETTINGS)
            except Exception as exc:  # noqa: BLE001 - an emitter failure after exit-0 compile is a finding
                return Outcome(True, f"emit failed: {type(exc).__name__}: {exc}")
            write(outputs, root)
            return self._engines(project, root)

    def _engines(self, project, root: Path) -> Outcome:
        from compiler.emit.postgres import schema_sql

        stubs = external_stubs(project)
        expected = {}
        for schema in project.features:
            self.reset(stubs)
            try:
                self.conn.execute(schema_sql(schema))
            except self.psycopg.Error as exc:
                return Outcome(True, f"schema.sql of {schema.feature} does not apply: {' '.join(str(exc).split())[:300]}")
            expected[schema.feature] = self.catalog()
        self.reset(stubs)
        stubs_only = self.catalog()
        modules = self._migrations(root)
        try:
            for schema, module in zip(project.features, modules):
                self._migrate(module, "upgrade")
                if (diff := _diff(expected[schema.feature], self.catalog())) is not None:
                    return Outcome(True, f"upgrade to {schema.feature} differs from schema.sql: {diff}")
            for module in reversed(modules):
                self._migrate(module, "downgrade")
            if (diff := _diff(stubs_only, self.catalog())) is not None:
                return Outcome(True, f"downgrade to base leaves: {diff}")
            for module in modules:
                self._migrate(module, "upgrade")
            if (diff := _diff(expected[project.features[-1].feature], self.catalog())) is not None:
                return Outcome(True, f"upgrade again differs: {diff}")
        except Exception as exc:  # noqa: BLE001
            return Outcome(True, f"migration failed: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        last = expected[project.features[-1].feature]
        for folder in (SETTINGS.outputs.sqlalchemy_models, SETTINGS.outputs.sqlmodel_models):
            self.reset(stubs)
            try:
                metadata = self._import_models(root / folder)
                own = [t for t in metadata.sorted_tables if t.name not in {e.name for s in project.features for e in s.external_tables}]
                metadata.create_all(self.engine, tables=own)
            except Exception as exc:  # noqa: BLE001
                return Outcome(True, f"{folder}: import or create_all failed: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
            if (diff := _diff(last, self.catalog())) is not None:
                return Outcome(True, f"{folder}: create_all differs from schema.sql: {diff}")
        return Outcome(True)

    def _migrations(self, root: Path) -> list:
        versions = sorted((root / SETTINGS.outputs.alembic_versions).parent.glob("*.py"))
        modules = []
        for path in versions:
            name = f"spec2db_fuzz_migration_{uuid.uuid4().hex}"
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            modules.append(module)
        return modules

    def _migrate(self, module, direction: str) -> None:
        from alembic.migration import MigrationContext
        from alembic.operations import Operations

        with self.engine.connect() as connection:
            context = MigrationContext.configure(connection)  # as env.py runs them: in the context's transaction
            with Operations.context(context), context.begin_transaction():
                getattr(module, direction)()

    def _import_models(self, folder: Path):
        package = f"spec2db_fuzz_models_{uuid.uuid4().hex}"
        import sqlmodel

        sqlmodel.SQLModel.metadata.clear()  # one global metadata and class registry: start each case empty
        sqlmodel.SQLModel.metadata._objects.clear()  # enum types created with the metadata
        sqlmodel.SQLModel.metadata.dispatch._clear()  # the updated_at function's DDL events
        sqlmodel.SQLModel._sa_registry.dispose()
        spec = importlib.util.spec_from_file_location(package, folder / "__init__.py", submodule_search_locations=[str(folder)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[package] = module
        try:
            spec.loader.exec_module(module)
            base = importlib.import_module(f"{package}.base")
            metadata = getattr(base, "Base", None)
            metadata = metadata.metadata if metadata is not None else base.SQLModel.metadata
            return metadata
        finally:
            for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
                del sys.modules[name]


def _diff(expected: list[str], actual: list[str]) -> str | None:
    want, have = set(expected), set(actual)
    if want == have:
        return None
    return f"missing {sorted(want - have)[:3]}, extra {sorted(have - want)[:3]}"
