"""data-model.md: a Mermaid ER diagram, one table per entity, indexes,
constraints and query patterns for each feature.

Documents the tables the feature itself declares; the diagram also shows the
tables they reference. Query patterns are generated from the schema and
checked with sqlglot against it (every column they name must exist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compiler.config import Settings
from compiler.emit.output import Output, generated_sibling, header, output_path
from compiler.emit.postgres import CheckedShapes, statement_shape, tokenize
from compiler.emit.postgres.dialect import DEFAULTS, FK_ACTIONS, column_type, default_sql, quote_ident
from compiler.emit.templates import render
from compiler.escape import one_line
from compiler.ir import EnumType, ForeignKey, Project, Schema, Table
from compiler.naming import SOFT_DELETE_COLUMN, pascal
from compiler.sqlexpr import postgres
from compiler.types import Scalar

_MERMAID_TYPE = {Scalar.STRING: "varchar", Scalar.DOUBLE: "double", Scalar.BYTES: "bytea"}


class QueryPatternError(Exception):
    """A generated query names a column the schema lacks: a spec2db bug."""


@dataclass
class Query:
    title: str
    sql: str


@dataclass
class TableDoc:
    name: str
    entity: str
    purpose: str
    user_scoped: bool
    soft_delete: bool
    rows: list[list[str]]
    declared_in: str | None  # the earlier feature that declared an extended table
    indexes: list[str]
    constraints: list[str]
    queries: list[Query] = field(default_factory=list)


def emit(project: Project, settings: Settings) -> list[Output]:
    # spec-kit's /speckit.plan writes its own data-model.md in every feature: that
    # one is input, and the generated document goes beside it (compiler.emit.output.place).
    outputs = []
    for schema in project.features:
        path = output_path(settings.outputs.data_model, schema.feature, schema.number)
        outputs.append(Output(path, data_model_md(schema, settings), beside_hand_written=generated_sibling(path)))
    return outputs


def data_model_md(schema: Schema, settings: Settings) -> str:
    # The tables this feature declares or extends (*(extends)*); the others are documented by their own feature.
    own = [t for t in schema.tables if t.feature == schema.feature or schema.feature in t.extended_in]
    enums = {e.name: e for e in schema.enums}
    own_names = {t.name for t in own}
    docs = [table_doc(t, enums, settings, schema.feature) for t in own]
    return render(
        "data-model.md.j2",
        header=header("<!--", schema.source),
        title=_cell(schema.title or schema.feature),
        feature=_cell(schema.feature).replace("`", "'"),
        mermaid=mermaid(schema, own),
        tables=docs,
        enums=[e.model_copy(update={"values": [_cell(v) for v in e.values]}) for e in schema.enums if e.table in own_names],
        earlier=[t.name for t in schema.tables if t.name not in own_names],
        user_column=_cell(settings.user_column),
        soft_delete_column=SOFT_DELETE_COLUMN,
        has_queries=any(d.queries for d in docs),
    )


def _cell(text: str | None) -> str:
    """Spec text in Markdown: one line (a table cell, a heading), nothing hidden."""
    return one_line(text).replace("|", "\\|")


def _entity_id(name: str) -> str:
    ident = pascal(name) or "Entity"
    return ident if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", ident) else "E_" + re.sub(r"\W", "_", ident, flags=re.ASCII)


def _mermaid_text(text: str) -> str:
    return _cell(text).replace('"', "'")


def mermaid(schema: Schema, own: list[Table]) -> list[str]:
    shown = {t.name for t in own}
    for table in own:
        shown.update(fk.ref_table for fk in table.foreign_keys)
    by_name = {t.name: t for t in schema.tables}
    externals = {t.name: t for t in schema.external_tables}
    ids = {t.name: _entity_id(t.gloss or t.entity) for t in schema.tables}
    ids.update({t.name: _entity_id(t.gloss or t.entity) for t in schema.external_tables})
    lines = []
    # Every foreign key between two entities of the diagram: the feature's own
    # tables first, then those between the tables they reference.
    others = [by_name[n] for n in by_name if n in shown and n not in {t.name for t in own}]
    for table in own + others:
        for fk in table.foreign_keys:
            if fk.ref_table in shown:
                lines.append(relationship_line(table, fk, ids))
    position = {name: i for i, name in enumerate(by_name)}
    for name in sorted(shown, key=lambda n: (n not in by_name, position.get(n, 0), n)):
        if name in by_name:
            table = by_name[name]
            lines.append(f"{ids[name]} {{")
            for column in table.columns:
                kind = column.type.enum and "enum" or _MERMAID_TYPE.get(column.type.scalar, column.type.scalar.value)
                keys = ", ".join(key_markers(table, column.name))
                column_id = re.sub(r"\W", "_", column.name, flags=re.ASCII) or "column"
                lines.append(f"    {kind}{'[]' * column.type.array_dims} {column_id}{' ' + keys if keys else ''}")
            lines.append("}")
        elif name in externals:
            external = externals[name]
            lines.append(f"{ids[name]} {{")
            lines.append(f"    {external.key_type.scalar.value} {external.key} PK")
            lines.append("}")
    return lines


def relationship_line(table: Table, fk: ForeignKey, ids: dict[str, str]) -> str:
    """`Parent ||--o{ Child : "fk_column"`: the child side is one when the
    key is unique; the line is solid when the relationship identifies the
    child (its key is inside the child's primary key), dashed (`..`) otherwise."""
    nullable = any(c.nullable for c in table.columns if c.name in fk.columns)
    pk = table.primary_key.columns if table.primary_key else []
    unique = any(u.columns == fk.columns for u in table.uniques) or pk == fk.columns
    identifying = bool(pk) and set(fk.columns) <= set(pk)
    left = "|o" if nullable else "||"
    right = "o|" if unique else "o{"
    line = "--" if identifying else ".."
    return f'{ids[fk.ref_table]} {left}{line}{right} {ids[table.name]} : "{_mermaid_text(", ".join(fk.columns))}"'


def key_markers(table: Table, column: str) -> list[str]:
    """Mermaid's key markers for a column: PK, FK, and UK when the column
    alone is unique (a one-column UNIQUE or unique index, not the key)."""
    pk = table.primary_key.columns if table.primary_key else []
    unique = any(u.columns == [column] for u in table.uniques) or any(
        i.unique and not i.where and i.columns == [column] for i in table.indexes
    )
    markers = [("PK", column in pk), ("FK", any(column in fk.columns for fk in table.foreign_keys)), ("UK", unique and pk != [column])]
    return [key for key, on in markers if on]


def table_doc(table: Table, enums: dict[str, EnumType], settings: Settings, feature: str) -> TableDoc:
    pk = set(table.primary_key.columns) if table.primary_key else set()
    rows = []
    for column in table.columns:
        constraints = []
        if column.name in pk:
            constraints.append("PRIMARY KEY")
        elif not column.nullable:
            constraints.append("NOT NULL")
        for fk in table.foreign_keys:
            if column.name in fk.columns:
                constraints.append(f"FK({fk.ref_table}.{fk.ref_columns[fk.columns.index(column.name)]})")
        if any(u.columns == [column.name] for u in table.uniques):
            constraints.append("UNIQUE")
        if column.identity:
            constraints.append("IDENTITY")
        elif column.default is not None:
            constraints.append(f"DEFAULT {default_sql(column.default)}")
        kind = column_type(column.type)
        if column.type.enum:
            enum = enums.get(column.type.enum)
            kind = f"ENUM ({', '.join(enum.values)})" if enum else kind
        rows.append([f"`{_cell(column.name)}`", _cell(kind), _cell(", ".join(constraints)), _cell(column.comment)])
    indexes = []
    for index in table.indexes:
        text = f"`{index.name}` on ({', '.join(index.columns)})"
        if index.unique:
            text += ", unique"
        if index.where:
            text += f" where `{index.where}`"
        indexes.append(_cell(text))
    constraints = []
    for unique in table.uniques:
        constraints.append(f"`{unique.name}`: UNIQUE ({', '.join(unique.columns)})")
    for check in table.checks:
        constraints.append(f"`{check.name}`: `{_cell(check.expression)}`")
    for fk in table.foreign_keys:
        actions = [f"{FK_ACTIONS[a]} on {event}" for event, a in (("delete", fk.on_delete), ("update", fk.on_update)) if a]
        action = f" ({', '.join(actions)})" if actions else ""
        constraints.append(f"Foreign key: {', '.join(fk.columns)} → {fk.ref_table}.{', '.join(fk.ref_columns)}{action}")
    doc = TableDoc(
        name=table.name,
        entity=table.entity,
        purpose=_cell(table.comment),
        user_scoped=table.user_scoped,
        soft_delete=table.soft_delete,
        rows=rows,
        declared_in=table.feature if table.feature != feature else None,
        indexes=indexes,
        constraints=[_cell(c) for c in constraints],
    )
    doc.queries = query_patterns(table, settings)
    return doc


def query_patterns(table: Table, settings: Settings) -> list[Query]:
    name = quote_ident(table.name)
    user = settings.user_column
    deleted = quote_ident(SOFT_DELETE_COLUMN)
    queries = []
    live = f" AND {deleted} IS NULL" if table.soft_delete and table.column(SOFT_DELETE_COLUMN) else ""
    order = " ORDER BY created_at DESC" if table.column("created_at") else ""
    scope = f"{quote_ident(user)} = $1" if table.user_scoped else ""
    if table.user_scoped:
        queries.append(Query(f"All `{table.name}` of a user", f"SELECT * FROM {name}\nWHERE {scope}{live}{order};"))
    next_param = 2 if table.user_scoped else 1
    for column in table.columns:
        if column.type.enum:
            where = f"{scope} AND " if scope else ""
            queries.append(
                Query(
                    f"`{table.name}` by `{column.name}`",
                    f"SELECT * FROM {name}\nWHERE {where}{quote_ident(column.name)} = ${next_param}{live};",
                )
            )
    for fk in table.foreign_keys:
        if fk.columns == [user] and table.user_scoped:
            continue
        if table.join_table:
            continue
        where = " AND ".join(f"{quote_ident(c)} = ${i + next_param}" for i, c in enumerate(fk.columns))
        if scope:  # every query of a user-scoped table filters by its user, as the table's doc says
            where = f"{scope} AND {where}"
        columns = ", ".join(f"`{c}`" for c in fk.columns)
        queries.append(Query(f"`{table.name}` by {columns}", f"SELECT * FROM {name}\nWHERE {where}{live};"))
    if table.soft_delete and table.primary_key and table.column(SOFT_DELETE_COLUMN):
        key = " AND ".join(f"{quote_ident(c)} = ${i + 1}" for i, c in enumerate(table.primary_key.columns))
        queries.append(Query(f"Soft-delete a {table.entity}", f"UPDATE {name} SET {deleted} = {DEFAULTS['now']}\nWHERE {key};"))
        queries.append(Query(f"Restore (undelete) a {table.entity}", f"UPDATE {name} SET {deleted} = NULL\nWHERE {key};"))
    for query in queries:
        check_query(query.sql, table)
    return queries


def check_query(sql: str, table: Table) -> None:
    """A generated query names only the table and its columns (checked on
    every query's tokens) and parses as one statement doing so (checked by
    sqlglot once per query shape)."""
    from sqlglot.tokens import TokenType

    tokens = tokenize(sql)
    columns = {c.name for c in table.columns}
    names = [t.text for t in tokens if t.token_type in (TokenType.VAR, TokenType.IDENTIFIER)]
    unknown = [name for name in names if name not in columns and name != table.name]
    if unknown:
        raise QueryPatternError(f"query pattern names unknown column '{unknown[0]}': {sql}")
    shape = statement_shape(tokens)
    if shape not in _checked_shapes:
        _parse_query(sql, columns)
        _checked_shapes.add(shape)


_checked_shapes = CheckedShapes()


def _parse_query(sql: str, columns: set[str]) -> None:
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read=postgres())
    if not isinstance(tree, (exp.Select, exp.Update)):
        raise QueryPatternError(f"query pattern is not one SELECT or UPDATE: {sql}")
    missing = [c.name for c in tree.find_all(exp.Column) if c.name not in columns]
    if missing:
        raise QueryPatternError(f"query pattern names unknown column '{missing[0]}': {sql}")
