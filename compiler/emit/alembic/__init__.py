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
from compiler.config import Settings
from compiler.emit.output import EmitError, Output, header, output_path
from compiler.emit.postgres import create_trigger_sql, drop_function_sql, drop_trigger_sql, enum_sql, trigger_function_sql
from compiler.emit.postgres.dialect import FK_ACTIONS, column_type, default_sql, quote_ident, quote_literal
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
from compiler.ir import Column, EnumType, ForeignKey, Index, Project, Schema, Table, TriggerFunction
from compiler.migrate import Change, ColumnChange, EnumChange, diff
from compiler.naming import python_identifier


def migration_path(settings: Settings, schema: Schema) -> str:
    """`{slug}` with underscores: the file name is also a module name."""
    path = output_path(settings.outputs.alembic_versions, schema.feature, schema.number)
    name = posixpath.basename(path)
    return posixpath.join(posixpath.dirname(path), name.replace("-", "_"))


def revision_id(schema: Schema) -> str:
    return f"{schema.number:03d}" if schema.number is not None else schema.feature


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
        outputs.append(Output(path, migration(previous, schema)))
        previous = schema
    if project.features:
        outputs.extend(scaffold(project, settings))
    return outputs


# -- the migration -------------------------------------------------------------


def enum_variable(name: str) -> str:
    return f"{python_identifier(name)}_enum"


def migration(
    previous: Schema | None, schema: Schema, *, revision: str | None = None, down_revision: str | None = None, note: str | None = None
) -> str:
    """The migration from `previous` to `schema` (None: from nothing). The
    revision ids default to the feature numbers; `spec2db diff` passes its own."""
    change = diff(previous, schema)
    back = diff(
        schema,
        previous or Schema(feature=schema.feature),
        renames=change.inverse_renames(),
        values=change.inverse_value_renames(),
    )
    enums = _enums_used(change, back, previous, schema)
    upgrade = _render(change)
    downgrade = _render(back)
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
        lines.append(f"Renames {_names(renamed)} (declared with `was` or `table:`; data kept).")
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
    return nested("sa.Column", args, 8)


def _fk_kwargs(fk: ForeignKey) -> list[str]:
    args = [f"name={py_str(fk.name)}"]
    if fk.on_delete:
        args.append(f"ondelete={py_str(FK_ACTIONS[fk.on_delete])}")
    if fk.on_update:
        args.append(f"onupdate={py_str(FK_ACTIONS[fk.on_update])}")
    return args


def _strs(items: list[str]) -> list[str]:
    return [py_str(i) for i in items]


def _create_table(table: Table, schema: Schema) -> list[str]:
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
    return [call("op.create_table", args, 4)]


def _create_index(table: Table, index: Index) -> str:
    args = [py_str(index.name), py_str(table.name), py_list(_strs(index.columns), 8)]
    if index.unique:
        args.append("unique=True")
    if index.where:
        args.append(f"postgresql_where={sql_text(index.where)}")
    return call("op.create_index", args, 4)


def _drop_index(table: Table, index: Index) -> str:
    return call("op.drop_index", [py_str(index.name), f"table_name={py_str(table.name)}"], 4)


def _execute(sql: str, indent: int = 4) -> str:
    if sql_str(sql) != py_str(sql):  # a `:word` that op.execute's text() would read as a bind parameter
        return call("op.execute", [sql_str(sql)], indent)
    if "\n" not in sql:
        return call("op.execute", [py_str(sql)], indent)
    literal = py_block(sql)
    if literal.startswith('"""'):
        return f"    op.execute(\n        {literal}\n    )"
    return call("op.execute", [literal], 4)


def _create_function(function: TriggerFunction) -> str:
    return _execute(trigger_function_sql(function).rstrip(";"))


def _drop_function(function: TriggerFunction) -> str:
    return _execute(drop_function_sql(function))


def _drop_trigger(table: Table, trigger) -> str:
    return _execute(drop_trigger_sql(table, trigger))


def _create_enum(enum: EnumType) -> str:
    return f"    {enum_variable(enum.name)}.create(op.get_bind(), checkfirst=False)"


def _drop_enum(enum: EnumType) -> str:
    return f"    {enum_variable(enum.name)}.drop(op.get_bind(), checkfirst=False)"


def _add_fk(table: Table, fk: ForeignKey) -> str:
    args = [py_str(fk.name), py_str(table.name), py_str(fk.ref_table), py_list(_strs(fk.columns), 8), py_list(_strs(fk.ref_columns), 8)]
    args += _fk_kwargs(fk)[1:]
    return call("op.create_foreign_key", args, 4)


def _drop_fk(table: Table, fk: ForeignKey) -> str:
    return call("op.drop_constraint", [py_str(fk.name), py_str(table.name), 'type_="foreignkey"'], 4)


def _section(lines: list[str], title: str, statements: list[str]) -> None:
    if statements:
        if lines:
            lines.append("")
        lines.append(f"    # {one_line(title)}")
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


def _add_unique(table: Table, unique) -> str:
    return call("op.create_unique_constraint", [py_str(unique.name), py_str(table.name), py_list(_strs(unique.columns), 8)], 4)


def _add_check(table: Table, check) -> str:
    return call("op.create_check_constraint", [py_str(check.name), py_str(table.name), sql_str(check.expression)], 4)


def _drop_constraint(table: Table, name: str, kind: str) -> str:
    return call("op.drop_constraint", [py_str(name), py_str(table.name), f"type_={py_str(kind)}"], 4)


def _add_column_call(table: Table, column: Column) -> str:
    return call("op.add_column", [py_str(table.name), _column(column)], 4)


def _drop_column(table: Table, column: Column) -> str:
    return call("op.drop_column", [py_str(table.name), py_str(column.name)], 4)


def _rename_sql(kind: str, table: str, old: str, new: str) -> str:
    if kind == "index":
        return f"ALTER INDEX {quote_ident(old)} RENAME TO {quote_ident(new)}"
    if kind == "trigger":
        return f"ALTER TRIGGER {quote_ident(old)} ON {quote_ident(table)} RENAME TO {quote_ident(new)}"
    if kind == "sequence":
        return f"ALTER SEQUENCE {quote_ident(old)} RENAME TO {quote_ident(new)}"
    return f"ALTER TABLE {quote_ident(table)} RENAME CONSTRAINT {quote_ident(old)} TO {quote_ident(new)}"


def _add_primary_key(table: Table, pk) -> str:
    return call("op.create_primary_key", [py_str(pk.name), py_str(table.name), py_list(_strs(pk.columns), 8)], 4)


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


def _alter_column(change: ColumnChange) -> list[str]:
    table, old, new = change.table, change.old, change.new
    out = []
    if change.type:
        if old.default is not None and not old.identity:
            out.append(_alter_call(table, old.model_copy(update={"name": new.name}), ["server_default=None"]))
        if new.type.enum:
            sql = f"ALTER TABLE {quote_ident(table.name)} ALTER COLUMN {quote_ident(new.name)} TYPE {column_type(new.type)} USING {_using(change)}"
            out.append(_execute(sql))
        else:
            kwargs = [f"type_={sa_type(new.type)}"]
            if change.using or old.type.enum:
                kwargs.append(f"postgresql_using={py_str(_using(change))}")
            out.append(call("op.alter_column", [py_str(table.name), py_str(new.name)] + kwargs, 4))
        if new.default is not None and not new.identity:
            out.append(_alter_call(table, new, [f"server_default={server_default(new.default)}"]))
    elif change.default:
        out.append(_alter_call(table, new, [f"server_default={server_default(new.default) if new.default else 'None'}"]))
    if change.nullable:
        if change.backfill is not None:
            out.append(
                _execute(
                    f"UPDATE {quote_ident(table.name)} SET {quote_ident(new.name)} = {default_sql(change.backfill)} "
                    f"WHERE {quote_ident(new.name)} IS NULL"
                )
            )
        out.append(_alter_call(table, new, [f"nullable={new.nullable}"]))
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


def _enum_swap(change: EnumChange) -> list[str]:
    name = change.new.name
    # The suffix must survive PostgreSQL's 63-byte limit: cut the name, never the suffix (else a 63-byte name is renamed to itself).
    old_name = naming.with_suffix(name, "_old")
    out = [
        _execute(f"ALTER TYPE {quote_ident(name)} RENAME TO {quote_ident(old_name)}"),
        _execute(enum_sql(name, change.new.values).rstrip(";")),
    ]
    for table, column in change.columns:
        t, c = quote_ident(table.name), quote_ident(column.name)
        previous_default = column.default is not None
        out.append(_execute(f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT"))
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
        out.append(_execute(f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {quote_ident(name)}{dims} USING ({value})::{quote_ident(name)}{dims}"))
        if previous_default:
            out.append(_execute(f"ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {default_sql(column.default)}"))
    out.append(_execute(f"DROP TYPE {quote_ident(old_name)}"))
    return out


def _enum_rename_values(change: EnumChange) -> list[str]:
    name = quote_ident(change.new.name)
    return [_execute(f"ALTER TYPE {name} RENAME VALUE {quote_literal(old)} TO {quote_literal(new)}") for old, new in change.renamed.items()]


def _enum_add(change: EnumChange) -> list[str]:
    out = ["    with op.get_context().autocommit_block():"]
    for value, before in change.added:
        sql = f"ALTER TYPE {quote_ident(change.new.name)} ADD VALUE IF NOT EXISTS {quote_literal(value)}"
        if before is not None:
            sql += f" BEFORE {quote_literal(before)}"
        out.append(_execute(sql, 8))
    return out


def _render(change: Change) -> list[str]:
    """The operations of one direction, in an order PostgreSQL accepts:
    drops of what goes or is redefined, renames, enum values, creations,
    added and altered columns, then constraints, indexes and triggers."""
    lines: list[str] = []
    previous = change.previous
    _section(lines, "Triggers replaced or removed", [_drop_trigger(t, tr) for t, tr in change.dropped_triggers])
    _section(lines, "Indexes replaced or removed", [_drop_index(t, i) for t, i in change.dropped_indexes])
    _section(
        lines,
        "Constraints replaced or removed",
        [_drop_constraint(t, fk.name, "foreignkey") for t, fk in change.dropped_foreign_keys]
        + [_drop_constraint(t, u.name, "unique") for t, u in change.dropped_uniques]
        + [_drop_constraint(t, c.name, "check") for t, c in change.dropped_checks]
        + [_drop_constraint(t, pk.name, "primary") for t, pk in change.dropped_primary_keys],
    )
    if change.dropped_tables:
        old_deferred = [(t, fk) for t, fk in previous.deferred_foreign_keys() if t in change.dropped_tables]
        _section(lines, "Foreign keys that close a reference cycle", [_drop_fk(t, fk) for t, fk in reversed(old_deferred)])
        _section(lines, "Tables dropped", [call("op.drop_table", [py_str(t.name)], 4) for t in reversed(change.dropped_tables)])
    _section(lines, "Columns dropped", [_drop_column(t, c) for t, c in change.dropped_columns])
    _section(lines, "Renamed tables", [call("op.rename_table", [py_str(o), py_str(n)], 4) for o, n in change.renamed_tables])
    _section(
        lines,
        "Renamed columns",
        [call("op.alter_column", [py_str(t), py_str(o), f"new_column_name={py_str(n)}"], 4) for t, o, n in change.renamed_columns],
    )
    _section(
        lines,
        "Names that follow the renames",
        [_execute(f"ALTER TYPE {quote_ident(o)} RENAME TO {quote_ident(n)}") for o, n in change.renamed_enums]
        + [_execute(_rename_sql(*r)) for r in change.renamed_objects],
    )
    _section(
        lines, "Renamed enum values (rows keep them)", [line for e in change.enum_changes if not e.swap for line in _enum_rename_values(e)]
    )
    added = [e for e in change.enum_changes if not e.swap and e.added]
    if added:
        _section(
            lines,
            "New enum values (ALTER TYPE ... ADD VALUE must commit before the value is used)",
            [line for e in added for line in _enum_add(e)],
        )
    _section(lines, "Enum types", [_create_enum(e) for e in change.enums])
    _section(lines, "Trigger functions", [_create_function(f) for f in change.functions])
    for e in change.enum_changes:
        if e.swap:
            why = "values removed or reordered" + (", values renamed" if e.renamed else "")
            _section(lines, f"Enum type {e.new.name}: {why}, so the type is rebuilt", _enum_swap(e))
    for table in change.tables:
        label = f"{table.entity} ({table.name})" if not table.join_table else f"Join table {table.name}"
        _section(lines, label, _create_table(table, change.current))
    _section(lines, "Foreign keys that close a reference cycle", [_add_fk(t, fk) for t, fk in change.deferred])
    _section(lines, "Columns added to existing tables", [_add_column_call(t, c) for t, c in change.columns])
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
    _section(
        lines,
        "Constraints added to existing tables",
        [_add_primary_key(t, pk) for t, pk in change.primary_keys]
        + [_add_fk(t, fk) for t, fk in change.foreign_keys]
        + [_add_unique(t, u) for t, u in change.uniques]
        + [_add_check(t, c) for t, c in change.checks],
    )
    _section(lines, "Indexes", [_create_index(t, i) for t, i in _table_indexes(change.tables) + change.indexes])
    _section(
        lines,
        "Keep updated_at current",
        [_execute(create_trigger_sql(t, tr)) for t in change.tables for tr in t.triggers]
        + [_execute(create_trigger_sql(t, tr)) for t, tr in change.triggers],
    )
    _section(lines, "Trigger functions dropped", [_drop_function(f) for f in reversed(change.dropped_functions)])
    _section(lines, "Enum types dropped", [_drop_enum(e) for e in reversed(change.dropped_enums)])
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
