"""Validate pass: checks on the IR as a whole.

Assumes: every feature's Schema from the lower pass.
Guarantees: every identifier a schema creates (tables, columns, enum types,
constraints, indexes, triggers) is non-empty, free of NUL and control
characters, and at most 63 bytes, so PostgreSQL never truncates one
silently (E210); no two tables share a name (E202); no two features share
a number without a unique revision id (W203); PostgreSQL's namespaces hold
each name once (E213 relations, E214 types, E215 constraints of a table),
checked in one pass as PostgreSQL does; no table name holds a dot (E216)
or starts with PostgreSQL's catalog prefix `pg_` (E224);
every check and partial-index predicate type-checks over its columns as of
each feature (E221, `compiler.exprtypes`), so a later feature's type change
under an earlier condition is refused where it is made; no foreign key
compares arrays of a type with a length or precision (E222).
"""

from __future__ import annotations

from compiler.diagnostics import Diagnostics, Span
from compiler.ir import ObjectMemo, Project, Schema, SchemaMemo, Table
from compiler.naming import MAX_IDENTIFIER_BYTES, byte_length, revision_name


def validate(
    project: Project,
    diags: Diagnostics,
    memo: SchemaMemo | None = None,
    tables: ObjectMemo | None = None,
    summaries: ObjectMemo | None = None,
    typings: ObjectMemo | None = None,
) -> None:
    """`memo`, `tables`: the namespace checks of schemas, and the identifier
    checks of tables, that are equal to an earlier compile's are not done
    again (the language server's), their diagnostics reported again.
    `summaries`: what each table puts in the namespaces, kept while it is the
    same object, so that a schema whose names are all distinct (the rule) is
    passed without the full check after an edit to one of its tables.
    `typings`: each table's type checks of its conditions (`conditions`)."""
    checked: set[int] = set()  # a table unchanged since an earlier feature is the same object
    for schema in project.features:
        _names(schema, diags, checked, tables)
        if memo is None:
            namespaces(schema, diags)
        elif summaries is not None and namespaces_clear(schema, summaries):
            continue  # what namespaces() would find: nothing
        else:
            diags.items.extend(memo.get((schema,), lambda schema=schema: _found(namespaces, schema)))
    look_alikes(project, diags)
    for previous, schema in zip(project.features, project.features[1:]):
        type_changes(previous, schema, diags)
    typed: set[int] = set()  # a table unchanged since an earlier feature is the same object
    for previous, schema in zip([None, *project.features], project.features):
        conditions(previous, schema, diags, typed, typings)
        array_foreign_keys(schema, diags, typed)
    for schema in project.features:
        _feature_name(schema, diags)
    _revisions(project, diags)


def _revisions(project: Project, diags: Diagnostics) -> None:
    """Revision ids are the feature numbers; folders that share a number
    (resolve ordered them by full name) each get `<number>_<slug>`, so the
    migration chain stays linear and its ids unique."""
    by_number: dict[int, list[Schema]] = {}
    for schema in project.features:
        schema.revision = f"{schema.number:03d}" if schema.number is not None else revision_name(schema.feature)
        if schema.number is not None:
            by_number.setdefault(schema.number, []).append(schema)
    for number, group in by_number.items():
        if len(group) < 2:
            continue
        for schema in group:
            slug = schema.feature.split("-", 1)[1] if "-" in schema.feature else schema.feature
            schema.revision = revision_name(f"{number:03d}_{slug}")
        for schema in group[1:]:
            span = Span(path=schema.source, line=1, col=1, end_line=1, end_col=1)
            others = ", ".join(f"'{s.feature}'" for s in group if s is not schema)
            diags.report(
                "W203",
                f"features {others} and '{schema.feature}' share the number {number:03d}; ordered by folder name, "
                f"revision ids {', '.join(s.revision for s in group)} (renumber one folder)",
                span,
            )


def _names(schema: Schema, diags: Diagnostics, checked: set[int], tables: ObjectMemo | None = None) -> None:
    if len({t.name for t in schema.tables}) < len(schema.tables):
        seen: dict[str, str] = {}
        for table in schema.tables:
            if table.name in seen:
                diags.report("E202", f"entities '{seen[table.name]}' and '{table.entity}' both map to table '{table.name}'", table.source)
            seen[table.name] = table.entity
    for table in schema.tables:
        if id(table) in checked:
            continue
        checked.add(id(table))
        if tables is None:
            _table_names(table, diags)
        else:
            diags.items.extend(tables.get(table, lambda table=table: _found(_table_names, table)))
    by_name = None
    for enum in schema.enums:
        if id(enum) in checked:
            continue
        checked.add(id(enum))
        if _plain(enum.name) and all(
            value.isascii() and value.isprintable() and len(value) <= MAX_IDENTIFIER_BYTES for value in enum.values
        ):
            continue  # the common case: nothing to report, no column to point at
        by_name = by_name or {t.name: t for t in schema.tables}
        table = by_name.get(enum.table)
        column = table.column(enum.column) if table else None
        span = column.source if column else None
        identifier(enum.name, "enum type name", span, diags)
        for value in enum.values:
            if value.isascii() and value.isprintable() and len(value) <= MAX_IDENTIFIER_BYTES:
                continue
            if (hidden := _invisible(value)) is not None:
                diags.report(
                    "E210", f"enum value {value[:40]!r} contains the invisible or bidirectional character U+{ord(hidden):04X}", span
                )
            elif "\x00" in value or byte_length(value) > MAX_IDENTIFIER_BYTES:
                diags.report("E210", f"enum value {value[:40]!r}... is longer than {MAX_IDENTIFIER_BYTES} bytes or has a NUL", span)


def _table_names(table: Table, diags: Diagnostics) -> None:
    where = table.source
    identifier(table.name, "table", where, diags)
    for column in table.columns:
        identifier(column.name, f"column of '{table.name}'", column.source or where, diags)
    named = [table.primary_key] if table.primary_key else []
    named += [*table.foreign_keys, *table.uniques, *table.checks, *table.indexes, *table.triggers]
    for obj in named:
        identifier(obj.name, f"generated name in '{table.name}'", getattr(obj, "source", None) or where, diags)


def _found(check, *args) -> list:
    """The diagnostics `check(*args, diags)` reports."""
    found = Diagnostics()
    check(*args, found)
    return found.items


def _plain(name: str) -> bool:
    return name.isascii() and name.isprintable() and 0 < len(name) <= MAX_IDENTIFIER_BYTES


def identifier(name: str, what: str, span: Span | None, diags: Diagnostics) -> None:
    if _plain(name):
        return  # the common case, without a look at each character
    if not name:
        diags.report("E210", f"{what} has an empty name", span)
    elif any(ord(c) < 32 or ord(c) == 127 for c in name):
        diags.report("E210", f"{what} {name[:40]!r} contains a control character", span)
    elif (hidden := _invisible(name)) is not None:
        diags.report("E210", f"{what} {name[:40]!r} contains the invisible or bidirectional character U+{ord(hidden):04X}", span)
    elif byte_length(name) > MAX_IDENTIFIER_BYTES:
        shown = name if len(name) <= 70 else name[:60] + "..."
        diags.report("E210", f"{what} '{shown}' is {byte_length(name)} bytes; PostgreSQL truncates names to {MAX_IDENTIFIER_BYTES}", span)


def _invisible(name: str) -> str | None:
    """The first format character (zero-width space, bidi marks and
    overrides, BOM: Unicode category Cf) or U+FFFD in `name`: identifiers
    that look like another name are refused (Trojan Source)."""
    import unicodedata

    return next((c for c in name if c == "\ufffd" or unicodedata.category(c) == "Cf"), None)


def namespaces(schema: Schema, diags: Diagnostics) -> None:
    """PostgreSQL's namespaces, filled in one pass as the database would.

    Relations (pg_class): tables, indexes, the indexes behind primary keys
    and unique constraints, and the sequences of identity columns (named by
    PostgreSQL, which picks another name for a sequence whose name is taken,
    so a sequence only collides with an explicit name made after it). Types
    (pg_type): enum types and every table's row type. Constraints: per table.
    External tables exist in the database too, so they take their names."""
    relations: dict[str, str] = {}
    types: dict[str, str] = {}
    sequences: dict[str, str] = {}

    def take(space: dict[str, str], code: str, kind: str, name: str, what: str, span) -> None:
        earlier = space.get(name)
        if earlier is not None:
            diags.report(code, f"the name '{name}' of the {what} is taken by the {earlier}; PostgreSQL keeps one {kind} per name", span)
        else:
            space[name] = what

    for external in schema.external_tables:
        relations.setdefault(external.name, f"external table '{external.name}'")
        types.setdefault(external.name, f"row type of external table '{external.name}'")
    externals = {x.name: x for x in schema.external_tables}
    for table in schema.tables:
        external = externals.get(table.name)
        if external is not None and external.entity != table.entity:
            # the database holds one relation of that name: the stub verify makes, the one Alembic's models
            # declare twice, or the one the other system created
            diags.report(
                "E223",
                f"table '{table.name}' of {table.entity} is the table of '{external.entity}', which is marked *(external)* "
                f"(created outside these specs); drop *(external)* from '{external.entity}' and refer to {table.entity}, "
                f"or give {table.entity} another table",
                table.source,
            )
        relations.setdefault(table.name, f"table '{table.name}'")
        types.setdefault(table.name, f"row type of table '{table.name}'")
        if table.name.lower().startswith("pg_"):
            diags.report(
                "E224",
                f"table name '{table.name}' starts with pg_, the prefix of PostgreSQL's system catalogs, which unqualified "
                f"names resolve to first (`pg_class` cannot be created); use `table: {table.name[3:] or 'x'}` or another name",
                table.source,
            )
        if "." in table.name:
            diags.report(
                "E216",
                f"table name '{table.name}' holds a dot, which Alembic and SQLAlchemy read as schema.table; "
                f"spec2db writes to one schema: use `table: {table.name.replace('.', '_')}`",
                table.source,
            )
    by_name: dict[str, Table] = {}
    for table in schema.tables:
        by_name.setdefault(table.name, table)  # the first, as Schema.table
    for enum in schema.enums:
        owner = by_name.get(enum.table)
        column = owner.column(enum.column) if owner else None
        take(types, "E214", "type", enum.name, f"enum type of {enum.table}.{enum.column}", column.source if column else None)
    for table in schema.tables:
        constraints: dict[str, str] = {}
        backed = []
        if table.primary_key:
            backed.append((table.primary_key.name, "primary key", table.source))
        backed += [(u.name, "unique constraint", u.source or table.source) for u in table.uniques]
        for name, what, span in backed:
            take(relations, "E213", "relation", name, f"{what} index of '{table.name}'", span)
            take(constraints, "E215", "constraint of a table", name, f"{what} of '{table.name}'", span)
        for fk in table.foreign_keys:
            take(constraints, "E215", "constraint of a table", fk.name, f"foreign key of '{table.name}'", fk.source or table.source)
        for check in table.checks:
            take(constraints, "E215", "constraint of a table", check.name, f"check of '{table.name}'", check.source or table.source)
        for column in table.columns:
            if column.identity:
                sequences[f"{table.name}_{column.name}_seq"] = f"the sequence of {table.name}.{column.name}"
    for table in schema.tables:
        for index in table.indexes:
            span = getattr(index, "source", None) or table.source
            what = f"index of '{table.name}'"
            if index.name in sequences and index.name not in relations:
                diags.report("E213", f"the name '{index.name}' of the {what} is taken by {sequences[index.name]}", span)
            take(relations, "E213", "relation", index.name, what, span)


def _namespace_names(table: Table) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The relation names one table takes besides its own (the indexes behind its primary key and unique
    constraints, then its indexes) and the sequences of its identity columns; None when the table alone
    gives `namespaces` something to report (a dot in its name, two constraints of one name)."""
    if "." in table.name:
        return None
    backed = ([table.primary_key.name] if table.primary_key else []) + [u.name for u in table.uniques]
    constraints = backed + [fk.name for fk in table.foreign_keys] + [c.name for c in table.checks]
    if len(set(constraints)) != len(constraints):
        return None
    relations = (*backed, *(index.name for index in table.indexes))
    return relations, tuple(f"{table.name}_{c.name}_seq" for c in table.columns if c.identity)


def namespaces_clear(schema: Schema, summaries: ObjectMemo) -> bool:
    """True when `namespaces(schema)` reports nothing, decided from each table's names (kept per table
    object): every relation and type name is taken once, and no index is named like a sequence. False
    only means the full check must run."""
    own = {t.name for t in schema.tables} | {e.name for e in schema.external_tables}
    if len(own) != len({t.name for t in schema.tables}) + len({e.name for e in schema.external_tables}):
        return False  # a table with an external table's name (E223)
    relations: list[str] = []
    sequences: set[str] = set()
    for names in summaries.each(schema.tables, _namespace_names):
        if names is None:
            return False
        relations.extend(names[0])
        sequences.update(names[1])
    taken = set(relations)
    if len(taken) != len(relations) or not taken.isdisjoint(own) or not sequences.isdisjoint(taken):
        return False
    enums = [e.name for e in schema.enums]
    return len(set(enums)) == len(enums) and own.isdisjoint(enums)


def _feature_name(schema: Schema, diags: Diagnostics) -> None:
    """A feature's folder name names output files, Alembic revisions and
    header lines: a control, format (bidi) or separator character in it is
    refused (E219) rather than written into a file name."""
    from compiler.escape import is_hidden

    hidden = next((c for c in schema.feature if c != " " and is_hidden(c)), None)
    if hidden is not None:
        span = Span(path=schema.source, line=1, col=1, end_line=1, end_col=1)
        diags.report(
            "E219",
            f"the feature folder name {schema.feature!r} holds the hidden character U+{ord(hidden):04X}; "
            "it names output files and migrations: rename the folder",
            span,
        )


def look_alikes(project: Project, diags: Diagnostics) -> None:
    """Names that only look like ASCII (`Tаsk` with a Cyrillic `а`), and two
    table names, or two column names of a table, that look alike (the same
    TR39 skeleton): W121, each pair once."""
    import unicodedata

    from compiler.confusables import lookalike_char, skeleton

    tables = list({id(t): t for s in project.features for t in s.tables}.values())  # a table kept unchanged is one object
    if all(t.name.isascii() and t.entity.isascii() and all(c.name.isascii() for c in t.columns) for t in tables):
        return  # ASCII names look like themselves: the confusable data is not even loaded
    reported: set[tuple[str, ...]] = set()

    def name(value: str, what: str, span) -> None:
        char = lookalike_char(value)
        if char is not None and ("one", value) not in reported:
            reported.add(("one", value))
            diags.report(
                "W121",
                f"{what.format(value)} holds U+{ord(char):04X} {unicodedata.name(char, '?')}, which looks like '{_ascii_look(char)}'",
                span,
            )

    def pairs(values: list[tuple[str, str, object]]) -> None:
        seen: dict[str, str] = {}
        for value, what, span in values:
            other = seen.setdefault(skeleton(value), value)
            if other != value and ("two", other, value) not in reported:
                reported.add(("two", other, value))
                diags.report("W121", f"{what.format(value)} looks like '{other}'; a reference may silently take the other one", span)

    checked: set[int] = set()  # a table unchanged since an earlier feature is the same object
    for schema in project.features:
        pairs([(t.name, "table '{}'", t.source) for t in schema.tables])
        for table in schema.tables:
            if id(table) in checked:
                continue
            checked.add(id(table))
            name(table.name, "table '{}'", table.source)
            if table.entity != table.name:
                name(table.entity, "entity '{}'", table.source)
            of_table = "column '{}' of '" + table.name.replace("{", "{{").replace("}", "}}") + "'"
            pairs([(c.name, of_table, c.source or table.source) for c in table.columns])
            for column in table.columns:
                name(column.name, of_table, column.source or table.source)


def _ascii_look(char: str) -> str:
    from compiler.confusables import prototype

    return prototype(char)


def type_changes(previous: Schema, schema: Schema, diags: Diagnostics) -> None:
    """A kept column whose type changes between two features is converted
    with `USING col::new` in the migration and back in its downgrade: both
    conversions must exist in PostgreSQL (E220)."""
    from compiler.casts import castable

    before = {t.name: t for t in previous.tables}
    for table in schema.tables:
        old_table = before.get(table.name)
        if old_table is None or old_table is table:
            continue
        for column in table.columns:
            old = old_table.column(column.renamed_from or column.name)
            if old is None or old.type == column.type:
                continue
            for a, b in ((old.type, column.type), (column.type, old.type)):
                if not castable(a, b):
                    diags.report(
                        "E220",
                        f"'{column.name}' changes from {_type_words(old.type)} to {_type_words(column.type)}; PostgreSQL cannot convert "
                        f"{_type_words(a)} to {_type_words(b)} (the migration or its downgrade would fail): add a new attribute "
                        f"and list this one under `removed:` instead",
                        column.source or table.source,
                    )
                    break


def _type_words(ctype) -> str:
    return ctype.scalar.value + "[]" * ctype.array_dims


def conditions(previous: Schema | None, schema: Schema, diags: Diagnostics, checked: set[int], memo: ObjectMemo | None = None) -> None:
    """Checks, partial-index predicates and default expressions PostgreSQL
    would refuse over their columns' types (E221). When the condition was written earlier and
    this feature changes the type of a column it reads, the error stands at
    that change: the author of the change restates or removes the condition.
    `memo`: each table's findings, kept while it and what it reads are the same."""
    before = {t.name: t for t in previous.tables} if previous is not None else {}
    enums = {e.name: e.values for e in schema.enums}
    for table in schema.tables:
        if id(table) in checked:
            continue
        old_table = before.get(table.name)
        if memo is None:
            _table_conditions(table, old_table, enums, diags)
            continue
        # What the check reads besides the table: the earlier feature's table, the values of its enum columns' types.
        read = {c.type.enum: enums.get(c.type.enum) for c in table.columns if c.type.enum}
        depends = (old_table, tuple((name, values and tuple(values)) for name, values in read.items()))
        diags.items.extend(memo.get(table, lambda table=table, old=old_table: _found(_table_conditions, table, old, enums), depends))


def _table_conditions(table: Table, old_table: Table | None, enums: dict[str, list[str]], diags: Diagnostics) -> None:
    from compiler.exprtypes import default_problem, problems, type_words

    types = {c.name: c.type for c in table.columns}
    written = [("check", c.name, c.expression, c.source) for c in table.checks]
    written += [("partial-index predicate", i.name, i.where, i.source) for i in table.indexes if i.where]
    for column in table.columns:
        if column.default is not None and column.default.kind == "expression":
            why = default_problem(column.default.value or "", column.type, enums)
            if why is not None:
                diags.report("E221", f"the default of '{column.name}' would fail in PostgreSQL: {why}", column.source or table.source)
    for what, name, sql, span in written:
        for problem in problems(sql, types, enums):
            change = _retyped(table, old_table, problem.columns, span)
            if change is None:
                diags.report("E221", f"the {what} '{name}' would fail in PostgreSQL: {problem.reason}", span or table.source)
                continue
            column, old_type = change
            at = f" (written at {span})" if span else ""
            diags.report(
                "E221",
                f"'{column.name}' changes from {type_words(old_type)} to {type_words(column.type)}, which makes the {what} "
                f"'{name}'{at} fail in PostgreSQL: {problem.reason}; keep the type, or restate here the attribute that "
                f"carries the {what} without it (a `check:` line or a partial index stays while the columns it reads do; "
                f"`removed:` drops them together)",
                column.source or table.source,
            )


def _retyped(table: Table, old_table: Table | None, columns: tuple[str, ...], span: Span | None):
    """(the column, its old type) when one of `columns` changed type in this
    feature, under a condition written in an earlier one."""
    if old_table is None:
        return None
    for name in columns:
        column = table.column(name)
        old = old_table.column(column.renamed_from or name) if column is not None else None
        if old is None or old.type == column.type:
            continue
        if span is not None and column.source is not None and column.source.path == span.path:
            return None  # the condition is written beside the change: it is its own error
        return column, old.type
    return None


def array_foreign_keys(schema: Schema, diags: Diagnostics, checked: set[int]) -> None:
    """A foreign key between arrays of a type with a length or precision
    (`string(3)[]`, `decimal(5,2)[]`) is refused (E222): PostgreSQL casts
    both sides to `anyarray` in its referential checks and finds no
    operator, so every insert, and the validation of a key added later,
    fails ("operator does not exist: anyarray = character varying[]")."""
    from compiler.exprtypes import type_words

    by_name = {t.name: t for t in schema.tables}
    for table in schema.tables:
        if id(table) in checked:
            continue
        checked.add(id(table))
        for fk in table.foreign_keys:
            target = by_name.get(fk.ref_table)
            for name in fk.ref_columns:
                column = target.column(name) if target is not None else None
                ctype = column.type if column is not None else None
                if ctype is None or not ctype.array_dims or (ctype.length, ctype.precision, ctype.scale) == (None, None, None):
                    continue
                plain = type_words(ctype.model_copy(update={"length": None, "precision": None, "scale": None}))
                diags.report(
                    "E222",
                    f"the foreign key '{fk.name}' of '{table.name}' references {fk.ref_table}.{name}, an array of "
                    f"{type_words(ctype)}: PostgreSQL's referential checks fail on arrays of a type with a length or "
                    f"precision (every insert would be refused); declare the key {plain} instead",
                    fk.source or table.source,
                )
