"""Prisma schema: one `schema.prisma` for the last feature (the whole database).

Models are PascalCase and fields camelCase, mapped (`@@map`, `@map`) to the
tables and columns of schema.sql; constraints and indexes keep schema.sql's
names (`map:` only where Prisma's own default name differs). The DDL that
Prisma's schema engine makes from the file gives schema.sql's catalog,
except for what `limits()` lists: that list is written at the top of the
file and is what lint rule T001 reports.

External tables are models marked `/// External`, so relations to them
resolve; the header says to list them under `tables.external` in
prisma.config.ts, which keeps Prisma Migrate from creating them.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass, field

from compiler.config import Settings
from compiler.diagnostics import Span
from compiler.emit.output import EmitError, Output, header
from compiler.emit.prisma import dialect
from compiler.emit.prisma.dialect import REFERENTIAL_ACTIONS, is_identifier, prisma_string, scalar_type
from compiler.emit.templates import render
from compiler.ir import Column, ForeignKey, Project, Schema, Table
from compiler.naming import pascal, pluralize, snake


@dataclass
class Field:
    name: str
    type: str  # with `?` or `[]`
    attributes: list[str]
    doc: list[str] = field(default_factory=list)


@dataclass
class Model:
    name: str
    table: str
    fields: list[Field]
    block: list[str]  # @@ attributes
    doc: list[str] = field(default_factory=list)


@dataclass
class Enum:
    name: str
    values: list[tuple[str, str | None]]  # (member, @map value or None)
    db_name: str


@dataclass(frozen=True)
class Limit:
    """One thing schema.sql has that the Prisma schema cannot say."""

    kind: str  # a key of LIMITS
    table: str
    text: str
    span: Span | None = None


def emit(project: Project, settings: Settings) -> list[Output]:
    from compiler.emit.sqlalchemy import source_of

    if not project.features:
        return []
    return [Output(settings.outputs.prisma_schema, schema_prisma(project.features[-1], source_of(project)))]


# -- names ----------------------------------------------------------------------


def camel(name: str) -> str:
    """`user_id` -> `userId` (Prisma's field convention)."""
    words = [w for w in snake(name).split("_") if w]
    return "".join([words[0], *(w[:1].upper() + w[1:] for w in words[1:])]) if words else ""


def _identifier(candidate: str, fallback: str) -> str:
    """`candidate` as a Prisma name: other characters become `_`, and a name
    that starts with no letter or is a Prisma word gets `fallback` before it."""
    text = re.sub(r"[^A-Za-z0-9_]+", "_", unicodedata.normalize("NFKD", candidate).encode("ascii", "ignore").decode()).strip("_")
    if is_identifier(text):
        return text
    name = f"{fallback}{text[:1].upper()}{text[1:]}"
    return name if is_identifier(name) else fallback


def _take(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}{n}"
        n += 1
    taken.add(candidate)
    return candidate


# -- the plan -------------------------------------------------------------------


@dataclass
class Plan:
    schema: Schema
    models: dict[str, str]  # table -> model name (external tables too)
    fields: dict[str, dict[str, str]]  # table -> column -> field name
    enums: dict[str, Enum]  # enum type -> Enum
    taken: dict[str, set[str]]  # table -> field names in use


def plan(schema: Schema) -> Plan:
    names: set[str] = set()
    models: dict[str, str] = {}
    fields: dict[str, dict[str, str]] = {}
    taken: dict[str, set[str]] = {}
    for table in schema.tables:
        models[table.name] = _take(_identifier(pascal(table.gloss or table.entity) or pascal(table.name), "Model"), names)
        used: set[str] = set()
        fields[table.name] = {c.name: _take(_identifier(camel(c.name), "field"), used) for c in table.columns}
        taken[table.name] = used
    for ext in schema.external_tables:
        models[ext.name] = _take(_identifier(pascal(ext.gloss or ext.entity) or pascal(ext.name), "Model"), names)
        key = _take(_identifier(camel(ext.key), "field"), set())
        fields[ext.name] = {ext.key: key}
        taken[ext.name] = {key}
    enums: dict[str, Enum] = {}
    for enum in schema.enums:
        members: set[str] = set()
        values = []
        for value in enum.values:
            member = _take(_identifier(value, "value"), members)
            values.append((member, None if member == value else value))
        enums[enum.name] = Enum(_take(_identifier(pascal(enum.name), "Enum"), names), values, enum.name)
    return Plan(schema, models, fields, enums, taken)


# -- what Prisma cannot say -------------------------------------------------------


def limits(schema: Schema) -> list[Limit]:
    """What schema.sql holds that this target cannot express, in schema order."""
    found: list[Limit] = []
    for table in schema.tables:
        for check in table.checks:
            found.append(Limit("check", table.name, f"{table.name}.{check.name}: {check.expression}", check.source or table.source))
        for trigger in table.triggers:
            found.append(Limit("trigger", table.name, table.name, table.source))
        for column in table.columns:
            if column.identity:
                found.append(Limit("identity", table.name, f"{table.name}.{column.name}", column.source))
            if column.type.array_dims == 1 and not column.nullable:
                found.append(Limit("list-not-null", table.name, f"{table.name}.{column.name}", column.source))
            if scalar_type(column.type, column.type.enum)[0].startswith("Unsupported("):
                found.append(Limit("unsupported-type", table.name, f"{table.name}.{column.name}", column.source))
        if table.comment or any(c.comment for c in table.columns):
            found.append(Limit("comment", table.name, table.name, table.source))
        for unique in table.uniques:
            found.append(Limit("unique-constraint", table.name, f"{table.name}.{unique.name}", unique.source))
    return found


# What each kind of limit means, as the file's header and lint rule T001 say it.
LIMITS = {
    "check": "CHECK constraints",
    "trigger": "triggers that keep updated_at current (Prisma Client's @updatedAt sets it instead)",
    "identity": "identity columns (autoincrement() makes a sequence default instead of GENERATED BY DEFAULT AS IDENTITY)",
    "list-not-null": "NOT NULL on list columns (Prisma makes every list column nullable)",
    "comment": "COMMENT ON (descriptions are /// doc comments, which Prisma Migrate does not write)",
    "unsupported-type": "types Prisma Client cannot read or write (Unsupported(...); Prisma Migrate creates them)",
    "unique-constraint": "unique constraints (Prisma Migrate makes unique indexes of the same names)",
}

# One of each kind, as lint rule T001 names it.
LIMIT_NOUNS = {"check": "CHECK constraint", "identity": "identity column", "list-not-null": "NOT NULL on list column"}

# -- rendering ---------------------------------------------------------------------


def schema_prisma(schema: Schema, source: str) -> str:
    the_plan = plan(schema)
    keyless = next((t.name for t in schema.tables if t.primary_key is None), None)
    if keyless is not None:
        raise EmitError(f"table '{keyless}' has no primary key; a Prisma model needs one")
    models = [_model(the_plan, table) for table in schema.tables]
    externals = [_external_model(the_plan, ext) for ext in schema.external_tables]
    _relations(the_plan, models, externals)
    found = limits(schema)
    partial = any(i.where for t in schema.tables for i in t.indexes)
    return render(
        "schema.prisma.j2",
        header=header("//", source),
        feature=schema.feature,
        title=" ".join((schema.title or "").split()),
        limits=_limit_lines(found),
        externals=", ".join(prisma_string(f"public.{e.name}") for e in schema.external_tables),
        generator=_settings_lines(
            [("provider", prisma_string("prisma-client")), ("output", prisma_string("../generated/prisma"))]
            + ([("previewFeatures", f"[{prisma_string('partialIndexes')}]")] if partial else [])
        ),
        enums=[_enum_lines(e) for e in the_plan.enums.values()],
        models=[_model_lines(m) for m in externals + models],
    )


def _limit_lines(found: list[Limit]) -> list[str]:
    """One line per kind; CHECK constraints one line each, with their SQL."""
    lines = []
    for kind, title in LIMITS.items():
        items = [" ".join(limit.text.split()) for limit in found if limit.kind == kind]
        if not items:
            continue
        if kind == "check":
            lines.append(f"{title}:")
            lines += [f"  - {item}" for item in items]
        elif kind in ("comment", "unique-constraint"):
            lines.append(title)
        else:
            wrapped = textwrap.wrap(f"{title}: {', '.join(items)}", width=WIDTH, break_long_words=False, break_on_hyphens=False)
            lines += [wrapped[0]] + [f"  {line}" for line in wrapped[1:]]
    return lines


WIDTH = 110  # header comment lines (as schema.sql's and the models')


def _doc(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _model(the_plan: Plan, table: Table) -> Model:
    names = the_plan.fields[table.name]
    pk = table.primary_key.columns if table.primary_key else []
    single_uniques = {u.columns[0]: u for u in table.uniques if len(u.columns) == 1}
    updated = {next((f.column for f in the_plan.schema.functions if f.name == t.function), None) for t in table.triggers}
    fields = []
    for column in table.columns:
        attributes = []
        if len(pk) == 1 and column.name == pk[0]:
            attributes.append(_with_map("@id", table.primary_key.name, "pk", table.name, pk))
        unique = single_uniques.get(column.name)
        if unique is not None:
            attributes.append(_with_map("@unique", unique.name, "unique", table.name, unique.columns))
        base, native = scalar_type(column.type, the_plan.enums[column.type.enum].name if column.type.enum in the_plan.enums else None)
        default = _default(the_plan, column, base)
        if default:
            attributes.append(default)
        if column.name in updated:
            attributes.append("@updatedAt")
        if names[column.name] != column.name:
            attributes.append(f"@map({prisma_string(column.name)})")
        if native:
            attributes.append(native)
        suffix = "[]" if column.type.array_dims == 1 else "?" if column.nullable else ""
        fields.append(Field(names[column.name], base + suffix, attributes, _doc(column.comment)))
    block = []
    if len(pk) > 1:
        block.append(_block("@@id", names, pk, _named(table.primary_key.name, "pk", table.name, pk)))
    for unique in table.uniques:
        if len(unique.columns) > 1:
            block.append(_block("@@unique", names, unique.columns, _named(unique.name, "unique", table.name, unique.columns)))
    # `prisma format` puts @@unique before @@index
    for index in sorted(table.indexes, key=lambda i: not i.unique):
        kind = "unique" if index.unique else "index"
        where = f"raw({prisma_string(index.where)})" if index.where else None
        block.append(_block(f"@@{kind}", names, index.columns, _named(index.name, kind, table.name, index.columns), where))
    if the_plan.models[table.name] != table.name:
        block.append(f"@@map({prisma_string(table.name)})")
    return Model(the_plan.models[table.name], table.name, fields, block, _doc(table.comment))


def _external_model(the_plan: Plan, ext) -> Model:
    key = the_plan.fields[ext.name][ext.key]
    base, native = scalar_type(ext.key_type, None)
    attributes = ["@id"] + ([f"@map({prisma_string(ext.key)})"] if key != ext.key else []) + ([native] if native else [])
    block = [f"@@map({prisma_string(ext.name)})"] if the_plan.models[ext.name] != ext.name else []
    doc = [f"External: the table {ext.name} is created elsewhere; only its key is modelled, for relations."]
    return Model(the_plan.models[ext.name], ext.name, [Field(key, base, attributes)], block, doc)


def _named(name: str, kind: str, table: str, columns: list[str]) -> str | None:
    """`map: "name"`, or None where Prisma's default name is the same."""
    return None if dialect.is_default_name(name, kind, table, columns) else f"map: {prisma_string(name)}"


def _with_map(attribute: str, name: str, kind: str, table: str, columns: list[str]) -> str:
    named = _named(name, kind, table, columns)
    return f"{attribute}({named})" if named else attribute


def _block(attribute: str, names: dict[str, str], columns: list[str], named: str | None, where: str | None = None) -> str:
    args = [f"[{', '.join(names[c] for c in columns)}]", *([named] if named else []), *([f"where: {where}"] if where else [])]
    return f"{attribute}({', '.join(args)})"


def _default(the_plan: Plan, column: Column, base: str) -> str | None:
    """`@default(...)` giving the server default schema.sql gives."""
    from compiler.emit.postgres.dialect import default_sql

    default = column.default
    if column.identity:
        return "@default(autoincrement())"
    if default is None or default.kind == "null":
        return None
    if default.kind in dialect.NATIVE_DEFAULTS and base == "DateTime":
        return f"@default({dialect.NATIVE_DEFAULTS[default.kind]})"
    if column.type.array_dims == 0:
        if default.kind == "enum" and column.type.enum in the_plan.enums:
            member = next((m for m, v in the_plan.enums[column.type.enum].values if (v or m) == default.value), None)
            if member:
                return f"@default({member})"
        if default.kind == "string" and base == "String":
            return f"@default({prisma_string(default.value or '')})"
        if default.kind == "number" and base in dialect.NUMBER_TYPES:
            return f"@default({default.value})"
        if default.kind == "boolean" and base == "Boolean":
            return f"@default({'true' if default.value == 'true' else 'false'})"
    return f"@default(dbgenerated({prisma_string(default_sql(default))}))"


def _relations(the_plan: Plan, models: list[Model], externals: list[Model]) -> None:
    """A relation field on both sides of every foreign key; a relation name
    where two relations join the same models (or a model to itself)."""
    by_table = {m.table: m for m in models + externals}
    schema = the_plan.schema
    pairs: dict[frozenset, int] = {}
    for table in schema.tables:
        for fk in table.foreign_keys:
            if fk.ref_table in by_table:
                key = frozenset((table.name, fk.ref_table))
                pairs[key] = pairs.get(key, 0) + 1
    for table in schema.tables:
        child = by_table[table.name]
        names = the_plan.fields[table.name]
        for fk in table.foreign_keys:
            parent = by_table.get(fk.ref_table)
            if parent is None:
                continue
            self_ref = fk.ref_table == table.name
            base = fk.columns[0][:-3] if len(fk.columns) == 1 and fk.columns[0].endswith("_id") and len(fk.columns[0]) > 3 else ""
            local = camel(base) if base else camel(snake(parent.name))
            if local in the_plan.taken[table.name] and len(fk.columns) == 1:
                local = f"{camel(fk.columns[0])}Ref"  # `currency` (a column) references Currency
            local = _take(_identifier(local, "relation"), the_plan.taken[table.name])
            named = self_ref or pairs[frozenset((table.name, fk.ref_table))] > 1
            siblings = sum(1 for f in table.foreign_keys if f.ref_table == fk.ref_table)
            relation = f"{child.name}{local[:1].upper()}{local[1:]}" if named else None
            one_to_one = _one_to_one(table, fk)
            if self_ref:
                remote = "children" if local == "parent" else f"{local}Children"
            elif siblings > 1:
                remote = f"{camel(pluralize(snake(child.name)))}As{local[:1].upper()}{local[1:]}"
            else:
                remote = camel(snake(child.name)) if one_to_one else camel(pluralize(snake(child.name)))
            remote = _take(_identifier(remote, "relation"), the_plan.taken[fk.ref_table])
            optional = any(table.column(c) is None or table.column(c).nullable for c in fk.columns)
            ref_names = the_plan.fields[fk.ref_table]
            args = ([prisma_string(relation)] if relation else []) + [
                f"fields: [{', '.join(names[c] for c in fk.columns)}]",
                f"references: [{', '.join(ref_names.get(c, camel(c)) for c in fk.ref_columns)}]",
                f"onDelete: {REFERENTIAL_ACTIONS[fk.on_delete or 'no action']}",
                f"onUpdate: {REFERENTIAL_ACTIONS[fk.on_update or 'no action']}",
            ]
            named = _named(fk.name, "fk", table.name, fk.columns)
            if named:
                args.append(named)
            child.fields.append(Field(local, parent.name + ("?" if optional else ""), [f"@relation({', '.join(args)})"]))
            back = [f"@relation({prisma_string(relation)})"] if relation else []
            parent.fields.append(Field(remote, child.name + ("?" if one_to_one else "[]"), back))


def _one_to_one(table: Table, fk: ForeignKey) -> bool:
    keys = [u.columns for u in table.uniques] + [i.columns for i in table.indexes if i.unique and not i.where]
    if table.primary_key:
        keys.append(table.primary_key.columns)
    return any(sorted(k) == sorted(fk.columns) for k in keys)


# -- layout (as `prisma format` lays it out) ------------------------------------------


def _settings_lines(pairs: list[tuple[str, str]]) -> list[str]:
    width = max(len(key) for key, _ in pairs)
    return [f"{key.ljust(width)} = {value}" for key, value in pairs]


def _model_lines(model: Model) -> dict:
    width_name = max((len(f.name) for f in model.fields), default=0)
    width_type = max((len(f.type) for f in model.fields), default=0)
    lines = []
    for f in model.fields:
        lines += [f"/// {d}" for d in f.doc]
        if f.attributes:
            lines.append(f"{f.name.ljust(width_name)} {f.type.ljust(width_type)} {' '.join(f.attributes)}")
        else:
            lines.append(f"{f.name.ljust(width_name)} {f.type}".rstrip())
    return {"name": model.name, "doc": model.doc, "fields": lines, "block": model.block}


def _enum_lines(enum: Enum) -> dict:
    width = max((len(m) for m, v in enum.values if v is not None), default=0)
    values = [f"{m.ljust(width)} @map({prisma_string(v)})" if v is not None else m for m, v in enum.values]
    return {"name": enum.name, "members": values, "map": prisma_string(enum.db_name) if enum.name != enum.db_name else ""}
