"""Project settings: `[tool.spec2db]` in pyproject.toml.

The seeds' rules are defaults here, each one switchable. A setting that
the file gets wrong is reported with its key, not a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


PLACEHOLDERS = ("feature", "number", "slug")


def check_template(template: str, *, per_feature: bool) -> str | None:
    """Why an output path template is unusable, or None. Per-feature paths may
    use {feature}, {number} and {slug}; project-wide ones none."""
    import string

    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return f"'{template}' is not a valid path template: {exc}"
    if any(not char.isprintable() for char in template):
        return f"{template!r} holds a control or invisible character"
    allowed = PLACEHOLDERS if per_feature else ()
    unknown = [f for f in fields if f not in allowed]
    if unknown:
        known = ", ".join("{" + p + "}" for p in allowed) or "no placeholders"
        return f"'{template}' uses {{{unknown[0]}}}; it may use {known}"
    return None


class OutputPaths(BaseModel):
    """Where each emitter writes, relative to the output root.

    `{feature}` is the spec's folder name, `{number}` its leading number and
    `{slug}` the rest of the folder name.
    """

    model_config = ConfigDict(extra="forbid")

    schema_sql: str = "specs/{feature}/schema.sql"
    data_model: str = "specs/{feature}/data-model.md"
    # Alembic: one migration per feature, plus env.py / script.py.mako beside
    # alembic_env and alembic.ini (which finds them by relative path).
    alembic_versions: str = "backend/migrations/versions/{number}_{slug}.py"
    alembic_env: str = "backend/migrations/env.py"
    alembic_ini: str = "backend/alembic.ini"
    # SQLAlchemy / SQLModel models: folders, one module per entity; session module.
    sqlalchemy_models: str = "backend/src/db/models"
    sqlmodel_models: str = "backend/src/db/sqlmodel_models"
    session: str = "backend/src/db/session.py"
    # Prisma: one schema for the last feature, at the project root as Prisma expects.
    prisma_schema: str = "prisma/schema.prisma"
    # `spec2db seed`: INSERTs for the last feature's tables.
    seed_sql: str = "specs/{feature}/seed.sql"

    @model_validator(mode="after")
    def _templates(self) -> OutputPaths:
        per_feature = {"schema_sql", "data_model", "alembic_versions", "seed_sql"}
        for key, template in self.model_dump().items():
            problem = check_template(template, per_feature=key in per_feature)
            if problem:
                raise ValueError(f"{key}: {problem}")
        folder = self.alembic_versions.replace("\\", "/").rpartition("/")[0]
        if check_template(folder, per_feature=False):
            raise ValueError(
                f"alembic_versions: the folder '{folder}' must be the same for every feature (Alembic reads one versions folder)"
            )
        return self


# A PostgreSQL duration as SET accepts it: "0" (no limit), "500ms", "5s", "1min", "2h".
_DURATION = r"^[0-9]+(ms|s|min|h|d)?$"


class MigrationSettings(BaseModel):
    """`[tool.spec2db.migrations]`: how generated migrations behave on a live database.

    Every migration starts with `SET lock_timeout` and `SET statement_timeout`.
    lock_timeout: 5s. A DDL statement that waits for its lock queues every
    query on the table behind it, so it gives up after a few seconds instead
    of stalling the traffic; the migration fails and can simply be run again.
    statement_timeout: 1min for statements that hold a lock blocking reads or
    writes. After the generated steps those are catalog changes that take
    milliseconds; one that runs longer rewrites the table (a B-code finding),
    and it is better to fail than to hold the table for longer.
    concurrent-statement-timeout: 0 (no limit) for the steps that run beside
    the traffic (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT, batched
    backfills): they may take as long as the table is big.
    backfill-batch-size: rows updated per committed batch of a backfill.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    lock_timeout: str = Field("5s", alias="lock-timeout", pattern=_DURATION)
    statement_timeout: str = Field("1min", alias="statement-timeout", pattern=_DURATION)
    concurrent_statement_timeout: str = Field("0", alias="concurrent-statement-timeout", pattern=_DURATION)
    backfill_batch_size: int = Field(5000, alias="backfill-batch-size", ge=1)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # Primary keys added when an entity declares none: uuid with
    # gen_random_uuid(), or a bigint identity column.
    primary_key: Literal["uuid", "bigint"] = Field("uuid", alias="primary-key")
    # created_at/updated_at on every table, with a trigger keeping updated_at.
    timestamps: bool = True
    timestamp_type: Literal["timestamp", "timestamptz"] = Field("timestamp", alias="timestamp-type")
    # The column that scopes rows to their owner (row-level security).
    user_column: str = Field("user_id", alias="user-column")
    index_user_column: bool = Field(True, alias="index-user-column")
    # (user_id, x) beside every single-column index x of a user-scoped table.
    user_composite_indexes: bool = Field(False, alias="user-composite-indexes")
    index_foreign_keys: bool = Field(True, alias="index-foreign-keys")
    index_enums: bool = Field(False, alias="index-enums")
    table_names: Literal["plural", "singular"] = Field("plural", alias="table-names")
    emit: list[Literal["postgres", "data-model", "alembic", "sqlalchemy", "sqlmodel", "prisma"]] = [
        "postgres",
        "data-model",
        "alembic",
        "sqlalchemy",
    ]
    outputs: OutputPaths = OutputPaths()
    migrations: MigrationSettings = MigrationSettings()
    # Which features get a schema.sql (the whole schema as of the feature):
    # only the newest (a project of many features writes one, not one per
    # feature, each repeating everything before it), or every feature.
    schema_sql: Literal["latest", "every-feature"] = Field("latest", alias="schema-sql")


class ConfigError(Exception):
    """A pyproject.toml that cannot be used; the message names file and key."""


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


# Where feature folders are: spec-kit's specs/, else .specify/specs/, where its early versions put them.
SPEC_ROOTS = ("specs", ".specify/specs")


def specs_root(cwd: Path) -> str:
    """The first of SPEC_ROOTS that holds a `*/spec.md` under `cwd` (specs/ when none does)."""
    return next((root for root in SPEC_ROOTS if any((cwd / root).glob("*/spec.md"))), SPEC_ROOTS[0])


def _rooted(settings: Settings, root: str) -> Settings:
    """Per-feature outputs the project left at their defaults (`specs/{feature}/schema.sql`) go beside the
    specs, wherever these are (`.specify/specs/{feature}/schema.sql`)."""
    if root == SPEC_ROOTS[0]:
        return settings
    defaults = OutputPaths()
    moved = {
        key: f"{root}/{template.removeprefix(SPEC_ROOTS[0] + '/')}"
        for key, template in settings.outputs.model_dump().items()
        if key not in settings.outputs.model_fields_set and template == getattr(defaults, key) and template.startswith(SPEC_ROOTS[0] + "/")
    }
    return settings.model_copy(update={"outputs": settings.outputs.model_copy(update=moved)})


def load_settings(start: Path) -> tuple[Settings, Path | None]:
    settings, path = _load_settings(start)
    return _rooted(settings, specs_root(start)), path


def _load_settings(start: Path) -> tuple[Settings, Path | None]:
    path = find_pyproject(start.resolve())
    if path is None:
        return Settings(), None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    tool = data.get("tool", {})
    table = tool.get("spec2db", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.spec2db] must be a table")
    table = {k: v for k, v in table.items() if k != "lint"}  # the linter reads its own table
    try:
        return Settings.model_validate(table), path
    except ValidationError as exc:
        problems = "; ".join(f"[tool.spec2db] {'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ConfigError(f"{path}: {problems}") from None
