"""What changes between two feature schemas: the operations of a migration.

IR only, no emitter specifics, deterministic. Each feature's `Schema` is the
whole database as of that feature; `diff(previous, current)` lists what turns
the first into the second:

- tables matched by entity: a table whose entity keeps its name but whose
  table name changed (`table:` on an `*(extends)*`) is renamed, never
  dropped and created;
- columns matched by name, or by an explicit `renamed_from` (`(was old)`):
  renames are never guessed;
- indexes, constraints, triggers, enum types and identity sequences whose
  names follow a renamed table or column are renamed (PostgreSQL keeps the
  old names), so the catalog equals a fresh schema.sql;
- a kept column's type, nullability, default and comment are altered; a type
  change casts with `USING` when the scalar kind changes; a key that becomes
  an identity column (its type became an integer) gets one, its sequence set
  past the existing keys, and loses it the other way;
- enum values renamed by an explicit `renamed_values` (`new (was old)`,
  honoured only when the old value is in the previous type and the new one
  is not, so a later feature never renames again) with `RENAME VALUE`;
  values added at their position (`ADD VALUE ... BEFORE`); or, when a value
  is removed or the order changes, the type is swapped (a new type, columns
  cast to it with renamed values mapped, the old one dropped); rows holding
  a removed value get the column's default, or NULL.

The downgrade is the same function the other way round:
`diff(current, previous, renames=change.inverse_renames(), values=change.inverse_value_renames())`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from compiler.ir import (
    CheckConstraint,
    Column,
    Default,
    EnumType,
    ForeignKey,
    Index,
    PrimaryKey,
    Schema,
    Table,
    Trigger,
    TriggerFunction,
    UniqueConstraint,
)
from compiler.types import Scalar

# new table name -> {old column name: new column name}
Renames = dict[str, dict[str, str]]
# enum type name after the migration -> {old value: new value}
ValueRenames = dict[str, dict[str, str]]


@dataclass
class ColumnChange:
    """A kept column whose definition changed (after any rename)."""

    table: Table  # the table as it is after the migration
    old: Column
    new: Column
    type: bool = False
    nullable: bool = False
    default: bool = False
    comment: bool = False
    identity: bool = False  # becomes, or stops being, an identity column (a key whose type became, or left, an integer)
    using: str | None = None  # a cast expression when the type needs one (SQL, unquoted column names are safe)

    @property
    def backfill(self) -> Default | None:
        """Becoming NOT NULL with a default: existing NULLs get the default first."""
        if self.nullable and not self.new.nullable and self.new.default is not None and not self.new.identity:
            return self.new.default
        return None


@dataclass
class EnumChange:
    """An enum type kept across the migration whose values changed."""

    old: EnumType  # named as after the migration (renames are applied first)
    new: EnumType
    added: list[tuple[str, str | None]] = field(default_factory=list)  # (value, the value it goes before)
    removed: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # old value -> new value, in the old type's order
    swap: bool = False  # values removed or reordered: the type is rebuilt
    columns: list[tuple[Table, Column]] = field(default_factory=list)  # columns of this type, after the migration
    replacement: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (table, column) -> value for removed ones


@dataclass
class Change:
    previous: Schema | None
    current: Schema
    enums: list[EnumType] = field(default_factory=list)  # new enum types
    dropped_enums: list[EnumType] = field(default_factory=list)
    renamed_enums: list[tuple[str, str]] = field(default_factory=list)
    enum_changes: list[EnumChange] = field(default_factory=list)
    functions: list[TriggerFunction] = field(default_factory=list)
    dropped_functions: list[TriggerFunction] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # new tables, dependency order
    dropped_tables: list[Table] = field(default_factory=list)  # in the previous schema's order
    renamed_tables: list[tuple[str, str]] = field(default_factory=list)  # (old name, new name)
    renamed_columns: list[tuple[str, str, str]] = field(default_factory=list)  # (new table name, old, new)
    # (kind, table after renames, old name, new name); kind: index, constraint, trigger, sequence
    renamed_objects: list[tuple[str, str, str, str]] = field(default_factory=list)
    indexes: list[tuple[Table, Index]] = field(default_factory=list)  # new indexes on kept tables
    dropped_indexes: list[tuple[Table, Index]] = field(default_factory=list)
    deferred: list[tuple[Table, ForeignKey]] = field(default_factory=list)  # FKs added after all tables
    columns: list[tuple[Table, Column]] = field(default_factory=list)  # new columns of kept tables
    dropped_columns: list[tuple[Table, Column]] = field(default_factory=list)
    altered_columns: list[ColumnChange] = field(default_factory=list)
    foreign_keys: list[tuple[Table, ForeignKey]] = field(default_factory=list)  # new FKs of kept tables
    dropped_foreign_keys: list[tuple[Table, ForeignKey]] = field(default_factory=list)
    uniques: list[tuple[Table, UniqueConstraint]] = field(default_factory=list)
    dropped_uniques: list[tuple[Table, UniqueConstraint]] = field(default_factory=list)
    checks: list[tuple[Table, CheckConstraint]] = field(default_factory=list)
    dropped_checks: list[tuple[Table, CheckConstraint]] = field(default_factory=list)
    primary_keys: list[tuple[Table, PrimaryKey]] = field(default_factory=list)  # replaced primary keys of kept tables
    dropped_primary_keys: list[tuple[Table, PrimaryKey]] = field(default_factory=list)
    triggers: list[tuple[Table, Trigger]] = field(default_factory=list)  # new triggers of kept tables
    dropped_triggers: list[tuple[Table, Trigger]] = field(default_factory=list)
    table_comments: list[tuple[Table, str | None, str | None]] = field(default_factory=list)  # (table, old, new)
    changed: list[str] = field(default_factory=list)  # differences no operation covers (not generated)
    column_renames: Renames = field(default_factory=dict)
    value_renames: ValueRenames = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        skip = ("previous", "current", "changed", "column_renames", "value_renames")
        return not any(getattr(self, name) for name in self.__dataclass_fields__ if name not in skip)

    def inverse_renames(self) -> Renames:
        """The column renames of the way back, keyed by the old table names."""
        table_back = {new: old for old, new in self.renamed_tables}
        inverse: Renames = {}
        for table, mapping in self.column_renames.items():
            if mapping:
                inverse[table_back.get(table, table)] = {new: old for old, new in mapping.items()}
        return inverse

    def inverse_value_renames(self) -> ValueRenames:
        """The enum value renames of the way back, keyed by the old enum type names."""
        enum_back = {new: old for old, new in self.renamed_enums}
        return {enum_back.get(name, name): {new: old for old, new in mapping.items()} for name, mapping in self.value_renames.items()}


def _same(a, b) -> bool:
    """Equal apart from source positions."""
    return a.model_dump(exclude={"source", "origin", "renamed_from"}) == b.model_dump(exclude={"source", "origin", "renamed_from"})


def _word(name: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])")


class _Translate:
    """Old names as they read after table and column renames."""

    def __init__(self, old_table: str, new_table: str, columns: dict[str, str], tables: dict[str, str]) -> None:
        self.old_table, self.new_table, self.columns, self.tables = old_table, new_table, columns, tables

    def name(self, name: str) -> str:
        if self.old_table != self.new_table:
            name = _word(self.old_table).sub(self.new_table, name)
        for old, new in self.columns.items():
            name = _word(old).sub(new, name)
        return name

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def sql(self, text: str | None) -> str | None:
        if text is None:
            return None
        for old, new in self.columns.items():
            text = re.sub(rf'(?<![\w."]){re.escape(old)}(?![\w"])', new, text)
            text = text.replace(f'"{old}"', f'"{new}"')
        return text

    def item(self, item):
        """A copy of a named table member with names, columns and SQL translated."""
        update = {"name": self.name(item.name)}
        if hasattr(item, "columns") and not isinstance(item, Table):
            update["columns"] = [self.column(c) for c in item.columns]
        if isinstance(item, ForeignKey):
            update["ref_table"] = self.tables.get(item.ref_table, item.ref_table)
            if update["ref_table"] == self.new_table:  # a self-reference follows the column renames
                update["ref_columns"] = [self.column(c) for c in item.ref_columns]
        if isinstance(item, CheckConstraint):
            update["expression"] = self.sql(item.expression)
        if isinstance(item, Index):
            update["where"] = self.sql(item.where)
        return item.model_copy(update=update)


def _members(
    kind: str, old: list, new: list, added: list, dropped: list, renamed: list, table: Table, old_table: Table, tr: _Translate
) -> None:
    """Objects matched by their translated name: new ones are added, removed or
    redefined ones dropped (and re-added), ones whose name follows a rename renamed."""
    before = {tr.name(item.name): (item, tr.item(item)) for item in old}
    after = {item.name for item in new}
    for item in new:
        found = before.get(item.name)
        if found is None:
            added.append((table, item))
        elif not _same(found[1], item):
            dropped.append((old_table, found[0]))
            added.append((table, item))
        elif found[0].name != item.name and renamed is not None:
            renamed.append((kind, table.name, found[0].name, item.name))
    dropped.extend((old_table, item) for key, (item, _) in before.items() if key not in after)


def _match_tables(previous: Schema | None, current: Schema) -> dict[str, Table]:
    """new table name -> the previous schema's table it continues (same name, or same entity)."""
    if previous is None:
        return {}
    by_name = {t.name: t for t in previous.tables}
    by_entity: dict[str, list[Table]] = {}
    for t in previous.tables:
        by_entity.setdefault(t.entity.lower(), []).append(t)
    new_names = {t.name for t in current.tables}
    matched: dict[str, Table] = {}
    used: set[str] = set()
    for table in current.tables:
        if table.name in by_name:
            matched[table.name] = by_name[table.name]
            used.add(table.name)
    for table in current.tables:
        if table.name in matched or table.join_table:
            continue
        candidates = [
            t for t in by_entity.get(table.entity.lower(), []) if t.name not in new_names and t.name not in used and not t.join_table
        ]
        if len(candidates) == 1:
            matched[table.name] = candidates[0]
            used.add(candidates[0].name)
    return matched


def _column_renames(old: Table, new: Table, renames: Renames | None) -> dict[str, str]:
    if renames is not None:
        mapping = renames.get(new.name, {})
        return {o: n for o, n in mapping.items() if old.column(o) is not None and new.column(n) is not None}
    if old is new:
        return {}  # the very object the previous feature had (lowering reuses it): nothing renamed
    old_names = {c.name for c in old.columns}
    mapping = {}
    for column in new.columns:
        source = column.renamed_from
        if source and column.name not in old_names and source in old_names and source not in {c.name for c in new.columns}:
            mapping[source] = column.name
    return mapping


def _needs_using(old: Column, new: Column) -> bool:
    if old.type.array_dims != new.type.array_dims:
        return True
    if old.type.scalar is not new.type.scalar:
        widening = {
            Scalar.SMALLINT: {Scalar.INTEGER, Scalar.BIGINT},
            Scalar.INTEGER: {Scalar.BIGINT},
            Scalar.STRING: {Scalar.TEXT},
            Scalar.CHAR: {Scalar.STRING, Scalar.TEXT},
        }
        return new.type.scalar not in widening.get(old.type.scalar, set())
    return old.type.enum != new.type.enum


def _alter(table: Table, old: Column, new: Column, enum_rename: dict[str, str]) -> ColumnChange | None:
    old_type = old.type.model_copy(update={"enum": enum_rename.get(old.type.enum, old.type.enum)})
    change = ColumnChange(table=table, old=old, new=new)
    change.type = old_type.model_dump(exclude={"format"}) != new.type.model_dump(exclude={"format"})
    change.nullable = old.nullable != new.nullable
    change.default = (old.default != new.default) and not new.identity
    change.comment = old.comment != new.comment
    change.identity = old.identity != new.identity
    if change.type and _needs_using(old.model_copy(update={"type": old_type}), new):
        change.using = "{column}::{type}"
    if any((change.type, change.nullable, change.default, change.comment, change.identity)):
        return change
    return None


def _value_renames(old: EnumType, new: EnumType, values: ValueRenames | None) -> dict[str, str]:
    """old value -> new value: `values` (the downgrade passes the inverse), else
    the new type's `renamed_values`, where the old value is in `old` only and
    the new one in `new` only (a later feature repeating it renames nothing)."""
    if values is not None:
        mapping = values.get(new.name, {})
    else:
        mapping = {o: n for n, o in new.renamed_values.items()}
    return {
        o: mapping[o]
        for o in old.values
        if o in mapping and o not in new.values and mapping[o] in new.values and mapping[o] not in old.values
    }


def _enum_change(old: EnumType, new: EnumType, renamed: dict[str, str]) -> EnumChange | None:
    if old.values == new.values:
        return None
    change = EnumChange(old=old, new=new, renamed=renamed)
    kept = [renamed.get(v, v) for v in old.values]  # the old values under their new names
    change.removed = [v for v in old.values if renamed.get(v, v) not in new.values]
    kept_order = [v for v in new.values if v in kept]
    change.swap = bool(change.removed) or kept_order != kept
    if not change.swap:
        for i, value in enumerate(new.values):
            if value not in kept:
                later = next((v for v in new.values[i + 1 :] if v in kept), None)
                change.added.append((value, later))
    return change


def diff(previous: Schema | None, current: Schema, renames: Renames | None = None, values: ValueRenames | None = None) -> Change:
    """The operations from `previous` to `current`. `renames` overrides the
    column renames read from `renamed_from`, `values` the enum value renames
    read from `renamed_values` (the downgrade passes the inverses)."""
    change = Change(previous, current)
    matched = _match_tables(previous, current)
    kept_old = {t.name for t in matched.values()}
    table_renames = {old.name: new for new, old in matched.items() if old.name != new}
    change.renamed_tables = [(matched[t.name].name, t.name) for t in current.tables if t.name in matched and matched[t.name].name != t.name]

    change.tables = [t for t in current.tables if t.name not in matched]
    change.dropped_tables = [t for t in previous.tables if t.name not in kept_old] if previous else []

    # columns: renames first, they name everything else
    translators: dict[str, _Translate] = {}
    for table in current.tables:
        old = matched.get(table.name)
        if old is None:
            continue
        mapping = _column_renames(old, table, renames)
        change.column_renames[table.name] = mapping
        change.renamed_columns += [(table.name, o, n) for o, n in mapping.items()]
        translators[table.name] = _Translate(old.name, table.name, mapping, table_renames)

    # enum types: matched by the column they were made for
    old_enums = {e.name: e for e in previous.enums} if previous else {}
    new_enums = {e.name: e for e in current.enums}
    located: dict[tuple[str, str], EnumType] = {}
    for enum in current.enums:
        located[(enum.table, enum.column)] = enum
    enum_rename: dict[str, str] = {}  # old name -> new name
    taken: set[str] = set()  # enum_rename's values, for lookups in constant time
    new_name_of = {old_table.name: new_table for new_table, old_table in matched.items()}
    for enum in old_enums.values():
        target = None
        new_table = new_name_of.get(enum.table)
        if new_table is not None:
            target = located.get((new_table, translators[new_table].column(enum.column)))
        if target is None and enum.name in new_enums:
            target = new_enums[enum.name]
        if target is not None and target.name not in taken:
            enum_rename[enum.name] = target.name
            taken.add(target.name)
    change.renamed_enums = [(o, n) for o, n in enum_rename.items() if o != n]
    change.enums = [e for e in current.enums if e.name not in taken]
    change.dropped_enums = [e for e in old_enums.values() if e.name not in enum_rename]
    for old_name, new_name in enum_rename.items():
        if old_enums[old_name].values == new_enums[new_name].values:
            continue  # no change, whatever the renames (as _enum_change finds, without a copy of every enum)
        renamed = old_enums[old_name].model_copy(update={"name": new_name})
        value_renames = _value_renames(renamed, new_enums[new_name], values)
        enum_change = _enum_change(renamed, new_enums[new_name], value_renames)
        if enum_change is None:
            continue
        if value_renames:
            change.value_renames[new_name] = value_renames
        for table in current.tables:
            if table.name not in matched:
                continue
            for column in table.columns:
                if column.type.enum == new_name:
                    enum_change.columns.append((table, column))
                    replacement = None
                    if column.default is not None and column.default.kind == "enum" and column.default.value in new_enums[new_name].values:
                        replacement = column.default.value
                    enum_change.replacement[(table.name, column.name)] = replacement
        change.enum_changes.append(enum_change)

    old_functions = {f.name for f in previous.functions} if previous else set()
    new_functions = {f.name for f in current.functions}
    change.functions = [f for f in current.functions if f.name not in old_functions]
    change.dropped_functions = [f for f in previous.functions if f.name not in new_functions] if previous else []

    created = {t.name for t in change.tables}
    for table, fk in current.deferred_foreign_keys():
        if table.name in created:
            change.deferred.append((table, fk))

    for table in current.tables:
        old = matched.get(table.name)
        if old is None:
            continue
        tr = translators[table.name]
        if old is table and not tr.columns:
            continue  # the very object the previous feature had (lowering reuses it): unchanged
        ren = change.renamed_objects
        _members("index", old.indexes, table.indexes, change.indexes, change.dropped_indexes, ren, table, old, tr)
        _members("constraint", old.foreign_keys, table.foreign_keys, change.foreign_keys, change.dropped_foreign_keys, ren, table, old, tr)
        _members("constraint", old.uniques, table.uniques, change.uniques, change.dropped_uniques, ren, table, old, tr)
        _members("constraint", old.checks, table.checks, change.checks, change.dropped_checks, ren, table, old, tr)
        _members("trigger", old.triggers, table.triggers, change.triggers, change.dropped_triggers, ren, table, old, tr)
        _members(
            "constraint",
            [old.primary_key] if old.primary_key else [],
            [table.primary_key] if table.primary_key else [],
            change.primary_keys,
            change.dropped_primary_keys,
            ren,
            table,
            old,
            tr,
        )
        back = {n: o for o, n in tr.columns.items()}
        old_columns = {c.name: c for c in old.columns}
        new_names = {c.name for c in table.columns}
        change.columns += [(table, c) for c in table.columns if back.get(c.name, c.name) not in old_columns]
        change.dropped_columns += [(old, c) for c in old.columns if tr.column(c.name) not in new_names]
        for column in table.columns:
            before = old_columns.get(back.get(column.name, column.name))
            if before is None:
                continue
            if before.identity and (before.name != column.name or old.name != table.name):
                ren.append(("sequence", table.name, f"{old.name}_{before.name}_seq", f"{table.name}_{column.name}_seq"))
            altered = _alter(table, before, column, enum_rename)
            if altered is not None:
                change.altered_columns.append(altered)
        if old.comment != table.comment:
            change.table_comments.append((table, old.comment, table.comment))
        kept_order = [c.name for c in table.columns if back.get(c.name, c.name) in old_columns]
        if kept_order != [tr.column(c.name) for c in old.columns if tr.column(c.name) in new_names]:
            change.changed.append(f"{table.name}: column order")
        elif [c.name for c in table.columns[: len(kept_order)]] != kept_order:
            # ADD COLUMN appends; a new column declared between kept ones lands elsewhere than in schema.sql
            change.changed.append(f"{table.name}: new columns not at the end")
    _refit_foreign_keys(change, matched)
    _refit_conditions(change, matched)
    return change


def carried(change: Change, previous: Schema, current: Schema) -> Change | None:
    """`diff(previous, current)` told from `change`, a diff of two schemas
    that these differ from only by tables and enum types replaced by one new
    object on both sides (the language server's: an edit to an entity that
    later features leave alone), without going over every table: a step
    that leaves an object unchanged leaves its replacement unchanged too,
    and the diff names it nowhere. None when `change` cannot tell: a column
    retyped or an enum changed makes the diff look at every table."""
    if change.previous is None or change.enum_changes or any(c.type for c in change.altered_columns):
        return None
    for kind in ("tables", "enums", "functions"):
        old_before, old_after = getattr(change.previous, kind), getattr(change.current, kind)
        new_before, new_after = getattr(previous, kind), getattr(current, kind)
        names = [x.name for x in new_before]
        if names != [x.name for x in old_before] or len(set(names)) < len(names):
            return None
        names_after = [x.name for x in new_after]
        if names_after != [x.name for x in old_after] or len(set(names_after)) < len(names_after):
            return None
        if kind == "functions":
            continue  # the diff goes by their names
        before = {x.name: (x, old) for x, old in zip(new_before, old_before)}
        after = {x.name: (x, old) for x, old in zip(new_after, old_after)}
        for one, other in ((before, after), (after, before)):
            for name, (new, old) in one.items():
                if new is old:
                    continue
                there = other.get(name)
                if there is None or there[0] is not new or there[1] is not old:
                    return None
    return replace(change, previous=previous, current=current)


def _refit_conditions(change: Change, matched: dict[str, Table]) -> None:
    """A check or a partial-index predicate over a column whose type changes keeps its constants typed as
    the old type in PostgreSQL (`sa <> ':bad'::bytea`), and the ALTER ... TYPE fails on it: such a
    condition is dropped before the columns change and made again after, like a redefined one. A length
    or precision that changes keeps the constants' type, and the condition stays."""
    retyped = {
        (c.table.name, c.new.name)
        for c in change.altered_columns
        if c.type and (c.old.type.scalar, c.old.type.array_dims) != (c.new.type.scalar, c.new.type.array_dims)
    }
    if not retyped:
        return
    _remake(
        change.checks,
        change.dropped_checks,
        change,
        matched,
        lambda table: table.checks,
        lambda table, check: any((table.name, c) in retyped for c in check.columns),
    )
    _remake(
        change.indexes,
        change.dropped_indexes,
        change,
        matched,
        lambda table: [i for i in table.indexes if i.where is not None],
        lambda table, index: any((table.name, c) in retyped for c in _predicate_columns(index.where)),
    )


def _predicate_columns(sql: str) -> set[str]:
    import sqlglot
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(sql, read="postgres")
    except sqlglot.errors.ParseError:
        return set()
    return {column.name for column in tree.find_all(exp.Column)}


def _refit_foreign_keys(change: Change, matched: dict[str, Table]) -> None:
    """A foreign key over a column whose type changes, on either side, cannot
    stay while the types differ (PostgreSQL: "foreign key constraint cannot
    be implemented"): it is dropped before the columns change and added again
    after, like a redefined one."""
    retyped = {(c.table.name, c.new.name) for c in change.altered_columns if c.type}
    if not retyped:
        return
    _remake(
        change.foreign_keys,
        change.dropped_foreign_keys,
        change,
        matched,
        lambda table: table.foreign_keys,
        lambda table, fk: any((table.name, c) in retyped for c in fk.columns) or any((fk.ref_table, c) in retyped for c in fk.ref_columns),
    )


def _remake(made: list, dropped: list, change: Change, matched: dict[str, Table], objects, affected) -> None:
    """Drop and make again each object (`objects(table)`, kept by name from the old table, not already being
    made) that `affected(table, object)` says a column change breaks."""
    already = {(t.name, o.name) for t, o in made}
    for table in change.current.tables:
        old = matched.get(table.name)
        if old is None:
            continue
        before = {o.name: o for o in objects(old)}
        for obj in objects(table):
            if (table.name, obj.name) not in already and obj.name in before and affected(table, obj):
                dropped.append((old, before[obj.name]))
                made.append((table, obj))
