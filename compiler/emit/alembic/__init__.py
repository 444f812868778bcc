"""Alembic: one migration per feature, chained in feature order, plus the
scaffold (alembic.ini, env.py, script.py.mako) that runs them.

A feature's migration creates what its schema has and the previous
feature's does not (`compiler.migrate.diff`), with the constraint, index
and trigger names of schema.sql, so `alembic upgrade head` and schema.sql
give the same catalog. Revision ids are the feature numbers ("001"): no
timestamps, no random ids. Statements are built here; templates lay out.
"""

from __future__ import annotations

import posixpath

from compiler import naming
from compiler.config import MigrationSettings, Settings
from compiler.emit.output import EmitError, Output, header, output_path
from compiler.emit.postgres import create_trigger_sql, drop_function_sql, drop_trigger_sql, enum_sql, trigger_function_sql
from compiler.emit.postgres.dialect import FK_ACTIONS, column_type, default_sql, dollar_quote, quote_ident, quote_literal
from compiler.emit.sqlalchemy.types import (
    call,
    docstring,
    nested,
    one_line,
    py_block,
    py_list,
    py_str,
    sa_type,
    server_default,
    sql_str,
    sql_text,
    uses_name,
)
from compiler.emit.templates import render
from compiler.ir import CheckConstraint, Column, EnumType, ForeignKey, Index, Project, Schema, Table, TriggerFunction
from compiler.migrate import Change, ColumnChange, EnumChange, diff
from compiler.naming import python_identifier, revision_name


def migration_path(settings: Settings, schema: Schema) -> str:
    """`{slug}` with underscores: the file name is also a module name."""
    path = output_path(settings.outputs.alembic_versions, schema.feature, schema.number)
    name = posixpath.basename(path)
    return posixpath.join(posixpath.dirname(path), name.replace("-", "_"))


def revision_id(schema: Schema) -> str:
    return schema.revision or (f"{schema.number:03d}" if schema.number is not None else revision_name(schema.feature))


def emit(project: Project, settings: Settings) -> list[Output]:
    outputs = []
    previous: Schema | None = None
    ids: set[str] = set()
    for schema in project.features:
        rid = revision_id(schema)
        if rid in ids:
            raise EmitError(f"two features share the migration revision id '{rid}'; give each spec folder its own number")
        ids.add(rid)
        path = migration_path(settings, schema)
        outputs.append(Output(path, migration(previous, schema, live=settings.migrations)))
        previous = schema
    if project.features:
        outputs.extend(scaffold(project, settings))
    return outputs


# -- the migration -------------------------------------------------------------


def enum_variable(name: str) -> str:
    return f"{python_identifier(name)}_enum"


def migration(
    previous: Schema | None,
    schema: Schema,
    *,
    revision: str | None = None,
    down_revision: str | None = None,
    note: str | None = None,
    live: MigrationSettings | None = None,
) -> str:
    """The migration from `previous` to `schema` (None: from nothing). The
    revision ids default to the feature numbers; `spec2db diff` passes its own.
    `live`: the timeouts and batch size ([tool.spec2db.migrations])."""
    live = live or MigrationSettings()
    change = diff(previous, schema)
    back = diff(
        schema,
        previous or Schema(feature=schema.feature),
        renames=change.inverse_renames(),
        values=change.inverse_value_renames(),
    )
    enums = _enums_used(change, back, previous, schema)
    upgrade = _render(change, live)
    downgrade = _render(back, live)
    body = "\n".join(upgrade + downgrade) + "".join(e[1] for e in enums)
    context = {
        "header": header("#", schema.source),
        "docstring": docstring(_description(change, previous, schema, revision, down_revision, note)),
        "revision": py_str(revision or revision_id(schema)),
        "down_revision": py_str(down_revision or revision_id(previous)) if previous else "None",
        "sqlalchemy": uses_name(body, "sa"),
        "postgresql": uses_name(body, "postgresql"),
        "enums": [line for _, line in enums],
        "upgrade": upgrade or ["    pass"],
        "downgrade": downgrade or ["    pass"],
    }
    return render("alembic_migration.py.j2", **context)


def _names(items) -> str:
    return ", ".join(items)


def _description(
    change: Change,
    previous: Schema | None,
    schema: Schema,
    revision: str | None = None,
    down_revision: str | None = None,
    note: str | None = None,
) -> str:
    title = f"{schema.feature}: {schema.title}" if schema.title else schema.feature
    lines = [f"Feature {title}.", ""]
    if note:
        lines += [note, ""]
    created = []
    if change.enums:
        created.append(f"enum types {_names(e.name for e in change.enums)}")
    if change.tables:
        created.append(f"tables {_names(t.name for t in change.tables)}")
    if change.columns:
        created.append(f"columns {_names(f'{t.name}.{c.name}' for t, c in change.columns)}")
    if change.foreign_keys or change.uniques or change.checks:
        created.append(f"constraints {_names(x.name for _, x in change.foreign_keys + change.uniques + change.checks)}")
    if change.indexes:
        created.append(f"indexes {_names(i.name for _, i in change.indexes)}")
    if change.functions:
        created.append(f"trigger functions {_names(f.name for f in change.functions)}")
    triggers = [tr.name for t in change.tables for tr in t.triggers] + [tr.name for _, tr in change.triggers]
    if triggers:
        created.append(f"triggers {_names(triggers)}")
    lines.append(f"Creates {'; '.join(created)}." if created else "Creates nothing new.")
    renamed = [f"table {o} -> {n}" for o, n in change.renamed_tables]
    renamed += [f"column {t}.{o} -> {n}" for t, o, n in change.renamed_columns]
    renamed += [f"enum type {o} -> {n}" for o, n in change.renamed_enums]
    renamed += [f"enum value {e.new.name}.{o} -> {n}" for e in change.enum_changes for o, n in e.renamed.items()]
    renamed += [f"{kind} {o} -> {n}" for kind, _, o, n in change.renamed_objects]
    if renamed:
        lines.append(f"Renames {_names(renamed)} (declared with `was` or `table:`, or respelled in another case; data kept).")
    altered = []
    for c in change.altered_columns:
        what = [w for w, on in (("type", c.type), ("nullability", c.nullable), ("default", c.default), ("comment", c.comment)) if on]
        altered.append(f"{c.table.name}.{c.new.name} ({', '.join(what)})")
    altered += [f"{t.name} (comment)" for t, _, _ in change.table_comments]
    if altered:
        lines.append(f"Alters {_names(altered)}.")
    for e in change.enum_changes:
        if e.swap:
            fates = [
                f"{t.name}.{c.name}: {repr(e.replacement[(t.name, c.name)]) if e.replacement.get((t.name, c.name)) else 'NULL'}"
                for t, c in e.columns
            ]
            removed = f"; rows holding {_names(e.removed)} get ({_names(fates)})" if e.removed else ""
            lines.append(f"Rebuilds enum type {e.new.name} as ({_names(e.new.values)}){removed}.")
        elif e.added:
            lines.append(f"Adds {_names(v for v, _ in e.added)} to enum type {e.new.name}.")
    dropped = [t.name for t in change.dropped_tables] + [e.name for e in change.dropped_enums] + [i.name for _, i in change.dropped_indexes]
    dropped += [f"{t.name}.{c.name}" for t, c in change.dropped_columns]
    dropped += [x.name for _, x in change.dropped_foreign_keys + change.dropped_uniques + change.dropped_checks]
    if dropped:
        lines.append(f"Drops {_names(dropped)} (no longer in the spec, or redefined).")
    entities = [t.entity for t in change.tables if not t.join_table]
    why = f"Why: {schema.source or schema.feature} declares " + (f"the entities {_names(entities)}" if entities else "these changes")
    lines.append(why + (f", which {revision_id(previous)} does not have." if previous else "; this is the first migration."))
    if change.changed:
        lines.append(f"Not generated: {_names(change.changed)} changed since {revision_id(previous)}; write that part by hand.")
    lines += [
        "Downgrade reverses every step, in reverse order.",
        "",
        f"Revision ID: {revision or revision_id(schema)}",
        f"Revises: {(down_revision or revision_id(previous)) if previous else ''}",
        "Create Date: not recorded (generated from the spec; deterministic)",
    ]
    return "\n".join(lines)


def _enums_used(up: Change, down: Change, previous: Schema | None, schema: Schema) -> list[tuple[str, str]]:
    """Module-level ENUM objects (create_type=False) for every enum a
    created table or added column uses, or either direction creates or drops."""
    known = {e.name: e for e in (previous.enums if previous else [])}
    known.update({e.name: e for e in schema.enums})
    known.update({e.name: e for e in down.enums})
    wanted: list[str] = []
    for change in (up, down):
        wanted += [e.name for e in change.enums] + [e.name for e in change.dropped_enums]
        for table in change.tables:
            wanted += [c.type.enum for c in table.columns if c.type.enum]
        wanted += [c.type.enum for _, c in change.columns if c.type.enum]
    lines = []
    for name in sorted(dict.fromkeys(wanted), key=wanted.index):
        enum = known.get(name)
        if enum is None:
            raise EmitError(f"enum type '{name}' is used but not declared")
        args = [py_str(v) for v in enum.values] + [f"name={py_str(name)}", "create_type=False"]
        lines.append((name, call("postgresql.ENUM", args, prefix=f"{enum_variable(name)} = ")))
    return lines


def _column(column: Column) -> str:
    enum_expr = enum_variable(column.type.enum) if column.type.enum else None
    args = [py_str(column.name), sa_type(column.type, enum_expr)]
    if column.identity:
        args.append("sa.Identity()")
    args.append(f"nullable={column.nullable}")
    default = None if column.identity else server_default(column.default)
    if default:
        args.append(f"server_default={default}")
    if column.comment:
        args.append(f"comment={py_str(column.comment)}")
    # postgresql.ENUM's value type is unknown to a type checker: an enum column says it (str)
    column_class = "sa.Column" if enum_expr is None else ("sa.Column[list[str]]" if column.type.array_dims else "sa.Column[str]")
    return nested(column_class, args, 8)


def _fk_kwargs(fk: ForeignKey) -> list[str]:
    args = [f"name={py_str(fk.name)}"]
    if fk.on_delete:
        args.append(f"ondelete={py_str(FK_ACTIONS[fk.on_delete])}")
    if fk.on_update:
        args.append(f"onupdate={py_str(FK_ACTIONS[fk.on_update])}")
    return args


def _strs(items: list[str]) -> list[str]:
    return [py_str(i) for i in items]


def _create_table(table: Table, schema: Schema, robust: bool = False) -> list[str]:
    args = [py_str(table.name)] + [_column(c) for c in table.columns]
    if table.primary_key:
        args.append(nested("sa.PrimaryKeyConstraint", _strs(table.primary_key.columns) + [f"name={py_str(table.primary_key.name)}"], 8))
    for fk in table.foreign_keys:
        if schema.is_deferred(table, fk):
            continue
        refs = [f"{fk.ref_table}.{c}" for c in fk.ref_columns]
        args.append(nested("sa.ForeignKeyConstraint", [py_list(_strs(fk.columns), 12), py_list(_strs(refs), 12)] + _fk_kwargs(fk), 8))
    for unique in table.uniques:
        args.append(nested("sa.UniqueConstraint", _strs(unique.columns) + [f"name={py_str(unique.name)}"], 8))
    for check in table.checks:
        args.append(nested("sa.CheckConstraint", [sql_str(check.expression), f"name={py_str(check.name)}"], 8))
    if table.comment:
        args.append(f"comment={py_str(table.comment)}")
    if robust:
        args.append("if_not_exists=True")
    return [call("op.create_table", args, 4)]


def _create_index(table: Table, index: Index, indent: int = 4, *, concurrently: bool = False, if_not_exists: bool = False) -> str:
    args = [py_str(index.name), py_str(table.name), py_list(_strs(index.columns), indent + 4)]
    if index.unique:
        args.append("unique=True")
    if index.where:
        args.append(f"postgresql_where={sql_text(index.where)}")
    if concurrently:
        args.append("postgresql_concurrently=True")
    if if_not_exists:
        args.append("if_not_exists=True")
    return call("op.create_index", args, indent)


def _drop_index(table: Table, index: Index, indent: int = 4, *, concurrently: bool = False) -> str:
    args = [py_str(index.name), f"table_name={py_str(table.name)}"]
    if concurrently:
        args += ["postgresql_concurrently=True", "if_exists=True"]
    return call("op.drop_index", args, indent)


def _execute(sql: str, indent: int = 4) -> str:
    if sql_str(sql) != py_str(sql):  # a `:word` that op.execute's text() would read as a bind parameter
        return call("op.execute", [sql_str(sql)], indent)
    if "\n" not in sql:
        return call("op.execute", [py_str(sql)], indent)
    literal = py_block(sql)
    pad = " " * indent
    if literal.startswith('"""'):
        return f"{pad}op.execute(\n{pad}    {literal}\n{pad})"
    return call("op.execute", [literal], indent)


def _create_function(function: TriggerFunction) -> str:
    return _execute(trigger_function_sql(function).rstrip(";"))


def _drop_function(function: TriggerFunction) -> str:
    return _execute(drop_function_sql(function))


def _drop_trigger(table: Table, trigger) -> str:
    return _execute(drop_trigger_sql(table, trigger))


def _create_trigger(table: Table, trigger, robust: bool) -> list[str]:
    create = _execute(create_trigger_sql(table, trigger))
    return [_drop_trigger(table, trigger), create] if robust else [create]


def _create_enum(enum: EnumType, robust: bool = False) -> str:
    if robust:
        return _execute(_guard(f"{_regtype(enum.name)} IS NULL", [enum_sql(enum.name, enum.values).rstrip(";")]))
    return f"    {enum_variable(enum.name)}.create(op.get_bind(), checkfirst=False)"


def _drop_enum(enum: EnumType, robust: bool = False) -> str:
    if robust:
        return _execute(f"DROP TYPE IF EXISTS {quote_ident(enum.name)}")
    return f"    {enum_variable(enum.name)}.drop(op.get_bind(), checkfirst=False)"


def _add_fk(table: Table, fk: ForeignKey, *, not_valid: bool = False) -> str:
    args = [py_str(fk.name), py_str(table.name), py_str(fk.ref_table), py_list(_strs(fk.columns), 8), py_list(_strs(fk.ref_columns), 8)]
    args += _fk_kwargs(fk)[1:]
    if not_valid:
        args.append("postgresql_not_valid=True")
    return call("op.create_foreign_key", args, 4)


def _drop_fk(table: Table, fk: ForeignKey, robust: bool = False) -> str:
    return _drop_constraint(table, fk.name, "foreignkey", robust)


def _section(lines: list[str], title: str, statements: list[str], indent: int = 4) -> None:
    if statements:
        if lines and lines[-1].strip() != "with op.get_context().autocommit_block():":
            lines.append("")
        lines.append(f"{' ' * indent}# {one_line(title)}")
        lines.extend(statements)


def _create(lines: list[str], schema: Schema, enums, functions, tables, indexes, deferred) -> None:
    _section(lines, "Enum types", [_create_enum(e) for e in enums])
    _section(lines, "Trigger functions", [_create_function(f) for f in functions])
    for table in tables:
        label = f"{table.entity} ({table.name})" if not table.join_table else f"Join table {table.name}"
        _section(lines, label, _create_table(table, schema))
    _section(lines, "Foreign keys that close a reference cycle", [_add_fk(t, fk) for t, fk in deferred])
    _section(lines, "Indexes", [_create_index(t, i) for t, i in indexes])
    _section(lines, "Keep updated_at current", [_execute(create_trigger_sql(t, tr)) for t in tables for tr in t.triggers])


def _drop(lines: list[str], enums, functions, tables, indexes, deferred) -> None:
    _section(lines, "Triggers", [_drop_trigger(t, tr) for t in reversed(tables) for tr in reversed(t.triggers)])
    _section(lines, "Indexes", [_drop_index(t, i) for t, i in reversed(indexes)])
    _section(lines, "Foreign keys that close a reference cycle", [_drop_fk(t, fk) for t, fk in reversed(deferred)])
    _section(lines, "Tables", [call("op.drop_table", [py_str(t.name)], 4) for t in reversed(tables)])
    _section(lines, "Trigger functions", [_drop_function(f) for f in reversed(functions)])
    _section(lines, "Enum types", [_drop_enum(e) for e in reversed(enums)])


def _table_indexes(tables: list[Table]) -> list[tuple[Table, Index]]:
    return [(t, i) for t in tables for i in t.indexes]


def _add_check(table: Table, check, *, not_valid: bool = False, indent: int = 4) -> str:
    args = [py_str(check.name), py_str(table.name), sql_str(check.expression)]
    if not_valid:
        args.append("postgresql_not_valid=True")
    return call("op.create_check_constraint", args, indent)


def _drop_constraint(table: Table, name: str, kind: str, robust: bool = False, indent: int = 4) -> str:
    args = [py_str(name), py_str(table.name), f"type_={py_str(kind)}"]
    if robust:
        args.append("if_exists=True")
    return call("op.drop_constraint", args, indent)


def _add_column_call(table: Table, column: Column, robust: bool = False) -> str:
    return call("op.add_column", [py_str(table.name), _column(column)] + (["if_not_exists=True"] if robust else []), 4)


def _drop_column(table: Table, column: Column, robust: bool = False) -> str:
    return call("op.drop_column", [py_str(table.name), py_str(column.name)] + (["if_exists=True"] if robust else []), 4)


def _rename_sql(kind: str, table: str, old: str, new: str) -> str:
    if kind == "index":
        return f"ALTER INDEX {quote_ident(old)} RENAME TO {quote_ident(new)}"
    if kind == "trigger":
        return f"ALTER TRIGGER {quote_ident(old)} ON {quote_ident(table)} RENAME TO {quote_ident(new)}"
    if kind == "sequence":
        return f"ALTER SEQUENCE {quote_ident(old)} RENAME TO {quote_ident(new)}"
    return f"ALTER TABLE {quote_ident(table)} RENAME CONSTRAINT {quote_ident(old)} TO {quote_ident(new)}"


def _alter_call(table: Table, column: Column, kwargs: list[str]) -> str:
    args = [py_str(table.name), py_str(column.name)]
    if not column.type.enum:
        args.append(f"existing_type={sa_type(column.type)}")
    return call("op.alter_column", args + kwargs, 4)


def _using(change: ColumnChange) -> str:
    column = quote_ident(change.new.name)
    if change.old.type.enum:
        column += "::text" + "[]" * change.old.type.array_dims
    return f"{column}::{column_type(change.new.type)}"


def _tightens(change: ColumnChange) -> bool:
    """Becomes NOT NULL: on a live table that goes through a validated check."""
    return change.nullable and not change.new.nullable


def _alter_column(change: ColumnChange) -> list[str]:
    """The DDL of a column change; NOT NULL itself comes later (`_not_null_*`)."""
    table, old, new = change.table, change.old, change.new
    out = []
    where = f"ALTER TABLE {quote_ident(table.name)} ALTER COLUMN {quote_ident(new.name)}"
    if change.identity and old.identity:
        out.append(_execute(f"{where} DROP IDENTITY IF EXISTS"))
    if change.type or change.identity and new.identity:
        if old.default is not None and not old.identity:
            out.append(_alter_call(table, old.model_copy(update={"name": new.name}), ["server_default=None"]))
        if change.type and new.type.enum:
            out.append(_execute(f"{where} TYPE {column_type(new.type)} USING {_using(change)}"))
        elif change.type:
            kwargs = [f"type_={sa_type(new.type)}"]
            if change.using or old.type.enum:
                kwargs.append(f"postgresql_using={py_str(_using(change))}")
            out.append(call("op.alter_column", [py_str(table.name), py_str(new.name)] + kwargs, 4))
        if new.default is not None and not new.identity:
            out.append(_alter_call(table, new, [f"server_default={server_default(new.default)}"]))
    elif change.default:
        out.append(_alter_call(table, new, [f"server_default={server_default(new.default) if new.default else 'None'}"]))
    if change.identity and new.identity:
        # an identity needs NOT NULL before it (a key has it); the sequence starts past the keys already there
        if change.nullable:
            out.append(_alter_call(table, new, ["nullable=False"]))
        column, name = quote_ident(new.name), quote_ident(table.name)
        out.append(_execute(f"{where} ADD GENERATED BY DEFAULT AS IDENTITY"))
        sequence = f"pg_get_serial_sequence({quote_literal(name)}, {quote_literal(new.name)})"
        out.append(_execute(f"SELECT setval({sequence}, max({column})) FROM {name} HAVING max({column}) IS NOT NULL"))
    if change.nullable and new.nullable:
        out.append(_alter_call(table, new, ["nullable=True"]))
    if change.comment:
        out.append(
            _alter_call(
                table,
                new,
                [
                    f"comment={py_str(new.comment) if new.comment else 'None'}",
                    f"existing_comment={py_str(old.comment) if old.comment else 'None'}",
                ],
            )
        )
    return out


def _enum_swap_sql(change: EnumChange) -> list[str]:
    name = change.new.name
    # The suffix must survive PostgreSQL's 63-byte limit: cut the name, never the suffix (else a 63-byte name is renamed to itself).
    old_name = naming.with_suffix(name, "_old")
    out = [f"ALTER TYPE {quote_ident(name)} RENAME TO {quote_ident(old_name)}", enum_sql(name, change.new.values).rstrip(";")]
    for table, column in change.columns:
        t, c = quote_ident(table.name), quote_ident(column.name)
        previous_default = column.default is not None
        out.append(f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT")
        dims = "[]" * column.type.array_dims
        value = f"{c}::text{dims}"
        if column.type.array_dims:
            for old, new in change.renamed.items():  # old and new values are disjoint: one replace each is exact
                value = f"array_replace({value}, {quote_literal(old)}, {quote_literal(new)})"
        else:
            cases = []
            if change.removed:
                replacement = change.replacement.get((table.name, column.name))
                target = quote_literal(replacement) if replacement is not None else "NULL"
                cases.append(f"WHEN {c}::text IN ({', '.join(quote_literal(v) for v in change.removed)}) THEN {target}")
            cases += [f"WHEN {c}::text = {quote_literal(old)} THEN {quote_literal(new)}" for old, new in change.renamed.items()]
            if cases:
                value = f"CASE {' '.join(cases)} ELSE {c}::text END"
        out.append(f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {quote_ident(name)}{dims} USING ({value})::{quote_ident(name)}{dims}")
        if previous_default:
            out.append(f"ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {default_sql(column.default)}")
    out.append(f"DROP TYPE {quote_ident(old_name)}")
    return out


def _enum_swap(change: EnumChange, robust: bool) -> list[str]:
    statements = _enum_swap_sql(change)
    if robust:  # rebuilt already by an earlier run that failed later: skip the whole rebuild
        return [_execute(_guard(_enum_differs(change.new.name, change.new.values), statements))]
    return [_execute(s) for s in statements]


def _enum_rename_values(change: EnumChange, robust: bool) -> list[str]:
    name = change.new.name
    out = []
    for old, new in change.renamed.items():
        sql = f"ALTER TYPE {quote_ident(name)} RENAME VALUE {quote_literal(old)} TO {quote_literal(new)}"
        out.append(_execute(_guard(_enum_has(name, old), [sql]) if robust else sql))
    return out


def _enum_add(change: EnumChange, type_name: str, indent: int) -> list[str]:
    """ADD VALUE under the names the type and its values have before this
    migration's renames (it runs first). A type renamed in this migration is
    guarded: when it already has its new name, an earlier run added the value."""
    out = []
    old_value = {new: old for old, new in change.renamed.items()}
    for value, before in change.added:
        sql = f"ALTER TYPE {quote_ident(type_name)} ADD VALUE IF NOT EXISTS {quote_literal(value)}"
        if before is not None:
            sql += f" BEFORE {quote_literal(old_value.get(before, before))}"
        if type_name != change.new.name:
            sql = _guard(f"{_regtype(type_name)} IS NOT NULL", [sql])
        out.append(_execute(sql, indent))
    return out


# -- on a live database -----------------------------------------------------------
#
# A migration runs in up to three parts (Alembic's autocommit blocks commit
# what runs before them):
#   1. autocommit, before anything else: ADD VALUE, DROP INDEX CONCURRENTLY;
#   2. one transaction: the DDL, FKs and checks on existing tables NOT VALID;
#   3. autocommit, beside the traffic, each statement its own transaction
#      (one table locked at a time): batched backfills, CREATE INDEX
#      CONCURRENTLY, VALIDATE CONSTRAINT, ADD CONSTRAINT ... USING INDEX,
#      SET NOT NULL. Alembic's version bump follows in its own transaction.
# Parts 1 and 3 are idempotent. When part 3 exists, part 2 is committed
# before the migration ends, so a failure in 3 runs part 2 again on the
# retry: then every DDL statement is guarded (IF [NOT] EXISTS, or a catalog
# check).
# Tables created by the migration keep the plain form: nothing to lock there.


def _regclass(name: str) -> str:
    return f"to_regclass({quote_literal(quote_ident(name))})"


def _regtype(name: str) -> str:
    return f"to_regtype({quote_literal(quote_ident(name))})"


def _guard(condition: str, statements: list[str]) -> str:
    """A DO block that runs `statements` only when `condition` holds: the
    catalog check for a step PostgreSQL has no IF [NOT] EXISTS for."""
    body = "\n".join(f"        {line}" for s in statements for line in (s + ";").split("\n"))
    return "DO " + dollar_quote(f"BEGIN\n    IF {condition} THEN\n{body}\n    END IF;\nEND")


def _has_constraint(table: str, name: str) -> str:
    return f"EXISTS (SELECT FROM pg_constraint WHERE conrelid = {_regclass(table)} AND conname = {quote_literal(name)})"


def _has_column(table: str, name: str) -> str:
    return f"EXISTS (SELECT FROM pg_attribute WHERE attrelid = {_regclass(table)} AND attname = {quote_literal(name)} AND NOT attisdropped)"


def _has_trigger(table: str, name: str) -> str:
    return f"EXISTS (SELECT FROM pg_trigger WHERE tgrelid = {_regclass(table)} AND tgname = {quote_literal(name)})"


def _enum_has(name: str, value: str) -> str:
    return f"EXISTS (SELECT FROM pg_enum WHERE enumtypid = {_regtype(name)} AND enumlabel = {quote_literal(value)})"


def _enum_differs(name: str, values: list[str]) -> str:
    target = ", ".join(quote_literal(v) for v in values)
    return (
        f"ARRAY(SELECT enumlabel::text FROM pg_enum WHERE enumtypid = {_regtype(name)} ORDER BY enumsortorder) "
        f"IS DISTINCT FROM ARRAY[{target}]::text[]"
    )


def _robust_rename(kind: str, table: str, old: str, new: str) -> str:
    if kind in ("index", "sequence"):
        return f"ALTER {kind.upper()} IF EXISTS {quote_ident(old)} RENAME TO {quote_ident(new)}"
    exists = _has_trigger(table, old) if kind == "trigger" else _has_constraint(table, old)
    return _guard(exists, [_rename_sql(kind, table, old, new)])


def _not_null_check(change: ColumnChange) -> CheckConstraint:
    """The temporary CHECK (col IS NOT NULL) that lets SET NOT NULL skip its scan."""
    return CheckConstraint(
        name=_fit(f"{change.table.name}_{change.new.name}", "_not_null"), expression=f"{quote_ident(change.new.name)} IS NOT NULL"
    )


def _fit(base: str, suffix: str) -> str:
    """base + suffix within PostgreSQL's 63 bytes (base shortened)."""
    while len((base + suffix).encode()) > 63:
        base = base[:-1]
    return base + suffix


def _backfill_sql(change: ColumnChange, batch: int) -> str:
    """Existing NULLs get the default, `batch` rows per committed transaction
    (a DO block may COMMIT when it runs outside a transaction). A pass walks
    the pages that exist when it starts, in physical order (ctid); a row that
    an update moved behind it is caught by the next pass. At most three
    passes: VALIDATE reports what is still NULL after them."""
    t, c = quote_ident(change.table.name), quote_ident(change.new.name)
    body = "\n".join(
        [
            "DECLARE",
            "    batch tid[];",
            "    last tid;",
            "    stop tid;",
            "    pass int := 0;",
            "    found_any boolean := true;",
            "BEGIN",
            "    WHILE found_any AND pass < 3 LOOP",
            "        pass := pass + 1;",
            "        found_any := false;",
            "        last := '(0,0)';",
            f"        stop := ('(' || pg_relation_size({quote_literal(t)}) / current_setting('block_size')::int || ',0)')::tid;",
            "        LOOP",
            f"            batch := ARRAY(SELECT ctid FROM {t} WHERE ctid > last AND ctid < stop AND {c} IS NULL LIMIT {batch});",
            "            EXIT WHEN cardinality(batch) = 0;",
            f"            UPDATE {t} SET {c} = {default_sql(change.backfill)} WHERE ctid = ANY (batch) AND {c} IS NULL;",
            "            last := (SELECT max(x) FROM unnest(batch) AS x);",
            "            found_any := true;",
            "            COMMIT;",
            "        END LOOP;",
            "    END LOOP;",
            "END",
        ]
    )
    return f"DO {dollar_quote(body)}"


def _validate(table: str, name: str, indent: int) -> str:
    return _execute(f"ALTER TABLE {quote_ident(table)} VALIDATE CONSTRAINT {quote_ident(name)}", indent)


def _build_index(table: Table, index: Index, indent: int) -> list[str]:
    """CREATE INDEX CONCURRENTLY, after removing what a failed build of it left:
    an invalid index is renamed aside (a light lock) and dropped concurrently."""
    aside = _fit(index.name, "_invalid")
    invalid = f"EXISTS (SELECT FROM pg_index WHERE indexrelid = {_regclass(index.name)} AND NOT indisvalid)"
    return [
        _execute(_guard(invalid, [f"ALTER INDEX {quote_ident(index.name)} RENAME TO {quote_ident(aside)}"]), indent),
        _drop_index(table, index.model_copy(update={"name": aside}), indent, concurrently=True),
        _create_index(table, index, indent, concurrently=True, if_not_exists=True),
    ]


def _constraint_index(table: Table, constraint, unique: bool = True) -> Index:
    """The index a unique or primary key constraint is built from, named like it."""
    return Index(name=constraint.name, columns=constraint.columns, unique=unique)


def _autocommit(lines: list[str], title: str, sections: list[tuple[str, list[str]]]) -> None:
    body: list[str] = []
    for heading, statements in sections:
        _section(body, heading, statements, 8)
    if body:
        if lines:
            lines.append("")
        lines += [f"    # {title}", "    with op.get_context().autocommit_block():"] + body


def _render(change: Change, live: MigrationSettings) -> list[str]:
    """The operations of one direction, in an order PostgreSQL accepts:
    drops of what goes or is redefined, renames, enum values, creations,
    added and altered columns, then constraints, indexes and triggers; what
    must not lock an existing table runs in the parts described above."""
    lines: list[str] = []
    previous = change.previous
    tightened = [c for c in change.altered_columns if _tightens(c)]
    background = bool(change.indexes or change.foreign_keys or change.checks or change.uniques or change.primary_keys or tightened)
    robust = background
    _section(
        lines,
        "Fail fast rather than queue the traffic behind a lock ([tool.spec2db.migrations])",
        [
            _execute(f"SET lock_timeout = {quote_literal(live.lock_timeout)}"),
            _execute(f"SET statement_timeout = {quote_literal(live.statement_timeout)}"),
        ],
    )

    # 1. outside a transaction, before anything of this migration is committed
    old_enum_name = {new: old for old, new in change.renamed_enums}
    added = [e for e in change.enum_changes if not e.swap and e.added]
    _autocommit(
        lines,
        "Outside a transaction, first: nothing else of this migration is committed before these",
        [
            ("Indexes replaced or removed", [_drop_index(t, i, 8, concurrently=True) for t, i in change.dropped_indexes]),
            (
                "New enum values (a value must be committed before it is used)",
                [line for e in added for line in _enum_add(e, old_enum_name.get(e.new.name, e.new.name), 8)],
            ),
        ],
    )

    # 2. the DDL, one transaction
    _section(lines, "Triggers replaced or removed", [_drop_trigger(t, tr) for t, tr in change.dropped_triggers])
    _section(
        lines,
        "Constraints replaced or removed",
        [_drop_constraint(t, fk.name, "foreignkey", robust) for t, fk in change.dropped_foreign_keys]
        + [_drop_constraint(t, u.name, "unique", robust) for t, u in change.dropped_uniques]
        + [_drop_constraint(t, c.name, "check", robust) for t, c in change.dropped_checks]
        + [_drop_constraint(t, pk.name, "primary", robust) for t, pk in change.dropped_primary_keys],
    )
    if change.dropped_tables:
        old_deferred = [(t, fk) for t, fk in previous.deferred_foreign_keys() if t in change.dropped_tables]
        _section(lines, "Foreign keys that close a reference cycle", [_drop_fk(t, fk, robust) for t, fk in reversed(old_deferred)])
        drop_args = ["if_exists=True"] if robust else []
        _section(lines, "Tables dropped", [call("op.drop_table", [py_str(t.name)] + drop_args, 4) for t in reversed(change.dropped_tables)])
    _section(lines, "Columns dropped", [_drop_column(t, c, robust) for t, c in change.dropped_columns])
    if robust:
        table_renames = [_execute(f"ALTER TABLE IF EXISTS {quote_ident(o)} RENAME TO {quote_ident(n)}") for o, n in change.renamed_tables]
        column_renames = [
            _execute(_guard(_has_column(t, o), [f"ALTER TABLE {quote_ident(t)} RENAME COLUMN {quote_ident(o)} TO {quote_ident(n)}"]))
            for t, o, n in change.renamed_columns
        ]
        object_renames = [
            _execute(_guard(f"{_regtype(o)} IS NOT NULL", [f"ALTER TYPE {quote_ident(o)} RENAME TO {quote_ident(n)}"]))
            for o, n in change.renamed_enums
        ] + [_execute(_robust_rename(*r)) for r in change.renamed_objects]
    else:
        table_renames = [call("op.rename_table", [py_str(o), py_str(n)], 4) for o, n in change.renamed_tables]
        column_renames = [
            call("op.alter_column", [py_str(t), py_str(o), f"new_column_name={py_str(n)}"], 4) for t, o, n in change.renamed_columns
        ]
        object_renames = [_execute(f"ALTER TYPE {quote_ident(o)} RENAME TO {quote_ident(n)}") for o, n in change.renamed_enums] + [
            _execute(_rename_sql(*r)) for r in change.renamed_objects
        ]
    _section(lines, "Renamed tables", table_renames)
    _section(lines, "Renamed columns", column_renames)
    _section(lines, "Names that follow the renames", object_renames)
    _section(
        lines,
        "Renamed enum values (rows keep them)",
        [line for e in change.enum_changes if not e.swap for line in _enum_rename_values(e, robust)],
    )
    _section(lines, "Enum types", [_create_enum(e, robust) for e in change.enums])
    _section(lines, "Trigger functions", [_create_function(f) for f in change.functions])
    for e in change.enum_changes:
        if e.swap:
            why = "values removed or reordered" + (", values renamed" if e.renamed else "")
            _section(lines, f"Enum type {e.new.name}: {why}, so the type is rebuilt", _enum_swap(e, robust))
    for table in change.tables:
        label = f"{table.entity} ({table.name})" if not table.join_table else f"Join table {table.name}"
        _section(lines, label, _create_table(table, change.current, robust))
    _section(
        lines,
        "Foreign keys that close a reference cycle",
        [line for t, fk in change.deferred for line in ([_drop_fk(t, fk, True)] if robust else []) + [_add_fk(t, fk)]],
    )
    _section(lines, "Columns added to existing tables", [_add_column_call(t, c, robust) for t, c in change.columns])
    _section(
        lines,
        "Columns changed",
        [line for c in change.altered_columns for line in _alter_column(c)]
        + [
            call("op.create_table_comment", [py_str(t.name), py_str(new)] + ([f"existing_comment={py_str(old)}"] if old else []), 4)
            if new
            else call("op.drop_table_comment", [py_str(t.name), f"existing_comment={py_str(old)}"], 4)
            for t, old, new in change.table_comments
        ],
    )
    not_valid = [(t, fk.name, "foreignkey", _add_fk(t, fk, not_valid=True)) for t, fk in change.foreign_keys]
    not_valid += [(t, c.name, "check", _add_check(t, c, not_valid=True)) for t, c in change.checks]
    _section(
        lines,
        "Constraints added to existing tables, NOT VALID: validated below without blocking writes",
        [line for t, name, kind, add in not_valid for line in ([_drop_constraint(t, name, kind, True)] if robust else []) + [add]],
    )
    _section(lines, "Indexes", [_create_index(t, i, if_not_exists=robust) for t, i in _table_indexes(change.tables)])
    _section(
        lines,
        "Keep updated_at current",
        [line for t in change.tables for tr in t.triggers for line in _create_trigger(t, tr, robust)]
        + [line for t, tr in change.triggers for line in _create_trigger(t, tr, robust)],
    )
    _section(lines, "Trigger functions dropped", [_drop_function(f) for f in reversed(change.dropped_functions)])
    _section(lines, "Enum types dropped", [_drop_enum(e, robust) for e in reversed(change.dropped_enums)])

    # 3. beside the traffic, outside a transaction
    if background:
        timeout = live.concurrent_statement_timeout
        constraint_indexes = [(t, _constraint_index(t, pk)) for t, pk in change.primary_keys]
        constraint_indexes += [(t, _constraint_index(t, u)) for t, u in change.uniques]
        _autocommit(
            lines,
            "Outside a transaction, one statement per transaction: at most one table locked, briefly, at a time",
            [
                (
                    "Long but lock-light steps: concurrent-statement-timeout",
                    [_execute(f"SET statement_timeout = {quote_literal(timeout)}", 8)],
                ),
                (
                    f"Existing NULLs get the default, {live.backfill_batch_size} rows per transaction",
                    [_execute(_backfill_sql(c, live.backfill_batch_size), 8) for c in tightened if c.backfill is not None],
                ),
                (
                    "Indexes on existing tables (a failed build is dropped and rebuilt on the next run)",
                    [line for t, i in change.indexes + constraint_indexes for line in _build_index(t, i, 8)],
                ),
                (
                    "NOT NULL as a check, added after the backfill (a NOT VALID check still rejects updates of rows it finds NULL)",
                    [
                        line
                        for c in tightened
                        for line in (
                            _drop_constraint(c.table, _not_null_check(c).name, "check", True, 8),
                            _add_check(c.table, _not_null_check(c), not_valid=True, indent=8),
                        )
                    ],
                ),
                (
                    "Check the constraints added NOT VALID",
                    [_validate(t.name, name, 8) for t, name, _, _ in not_valid]
                    + [_validate(c.table.name, _not_null_check(c).name, 8) for c in tightened],
                ),
                ("Back to the DDL statement_timeout", [_execute(f"SET statement_timeout = {quote_literal(live.statement_timeout)}", 8)]),
                (
                    "Constraints from the indexes built above (one table locked at a time: no deadlock with writers)",
                    [
                        _execute(
                            _guard(
                                f"NOT {_has_constraint(t.name, c.name)}",
                                [
                                    f"ALTER TABLE {quote_ident(t.name)} ADD CONSTRAINT {quote_ident(c.name)} {kind} USING INDEX {quote_ident(c.name)}"
                                ],
                            ),
                            8,
                        )
                        for kind, items in (("PRIMARY KEY", change.primary_keys), ("UNIQUE", change.uniques))
                        for t, c in items
                    ],
                ),
                (
                    "NOT NULL: the validated check spares SET NOT NULL its scan, then goes",
                    [
                        line
                        for c in tightened
                        for line in (
                            _execute(f"ALTER TABLE {quote_ident(c.table.name)} ALTER COLUMN {quote_ident(c.new.name)} SET NOT NULL", 8),
                            _drop_constraint(c.table, _not_null_check(c).name, "check", True, 8),
                        )
                    ],
                ),
            ],
        )

    _section(lines, "Back to the session's own timeouts", [_execute("RESET lock_timeout"), _execute("RESET statement_timeout")])
    return lines


# -- the scaffold ----------------------------------------------------------------


def scaffold(project: Project, settings: Settings) -> list[Output]:
    source = project.features[-1].source or "specs"
    paths = settings.outputs
    versions_dir = posixpath.dirname(paths.alembic_versions)
    if "{" in versions_dir:
        raise EmitError(f"outputs.alembic_versions: the folder '{versions_dir}' must not depend on the feature")
    migrations_dir = posixpath.dirname(paths.alembic_env)
    ini_dir = posixpath.dirname(paths.alembic_ini)
    script_location = posixpath.relpath(migrations_dir or ".", ini_dir or ".")
    version_location = posixpath.relpath(versions_dir or ".", ini_dir or ".")
    return [
        Output(
            paths.alembic_ini,
            render(
                "alembic.ini.j2",
                header=header("#", source),
                script_location=_ini_value(script_location),
                version_location=_ini_value(version_location),
            ),
        ),
        Output(paths.alembic_env, render("alembic_env.py.j2", header=header("#", source))),
        Output(posixpath.join(migrations_dir, "script.py.mako"), render("alembic_script.py.mako.j2", header=header("##", source))),
    ]


def _ini_value(text: str) -> str:
    """A value in alembic.ini (configparser): `%` doubled, since it starts an
    interpolation; configured paths are one line (config.check_template)."""
    return text.replace("%", "%%")
