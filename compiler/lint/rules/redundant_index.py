from __future__ import annotations

import sqlglot
from sqlglot import exp

from compiler.ir import Index, Table
from compiler.lint.rule import Context, Finding, TableRule
from compiler.sqlexpr import postgres


class RedundantIndex(TableRule):
    """## What it does
    Checks for an index that another index already serves: its columns lead
    another index (or the primary key, or a unique constraint) with the same
    predicate, or a column it indexes is one its own partial-index predicate
    fixes to a single value (`invoices(status) where status = 'open'`).
    Unique indexes are left alone: they are constraints, not only paths.

    ## Why is this bad?
    PostgreSQL can use an index on `(user_id, status)` for a query on
    `user_id` alone, so an index on `user_id` beside it only costs disk and
    slows every write. In a partial index, a column the predicate fixes holds
    one value in every entry, so indexing it sorts nothing.

    ## Example
    ```markdown
    - **Invoice**: A bill
      - `user_id`: uuid, required, references User, on delete cascade
      - `status`: enum(open, paid), required
      - indexes: user_id, (user_id, status), (status) where status = 'open'
    ```

    ## Use instead
    ```markdown
    - **Invoice**: A bill
      - `user_id`: uuid, required, references User, on delete cascade
      - `status`: enum(open, paid), required
      - indexes: (user_id, status), (created_at) where status = 'open'
    ```
    """

    name = "redundant-index"

    def check_table(self, table: Table, ctx: Context):
        for index in table.indexes:
            if index.unique:
                continue
            covering = _covering(table, index)
            if covering:
                yield Finding(index.source or table.source, f"index '{index.name}' on ({', '.join(index.columns)}) is served by {covering}")
                continue
            fixed = [c for c in index.columns if c in _fixed_columns(index.where)]
            if fixed:
                yield Finding(
                    index.source or table.source,
                    f"index '{index.name}' indexes {', '.join(fixed)}, which its predicate `{index.where}` fixes to one value",
                )


def _leads(columns: list[str], other: list[str]) -> bool:
    return len(other) >= len(columns) and other[: len(columns)] == columns


def _covering(table: Table, index: Index) -> str | None:
    """What already serves `index`: another index (same predicate) that its
    columns lead, or, for a full index, the primary key or a unique constraint."""
    if index.where is None:
        if table.primary_key and _leads(index.columns, table.primary_key.columns):
            return f"the primary key ({', '.join(table.primary_key.columns)})"
        for unique in table.uniques:
            if _leads(index.columns, unique.columns):
                return f"the unique constraint '{unique.name}'"
    for other in table.indexes:
        if other is index or other.where != index.where or not _leads(index.columns, other.columns):
            continue
        return f"index '{other.name}' on ({', '.join(other.columns)})"
    return None


def _fixed_columns(where: str | None) -> set[str]:
    """Columns an AND of `column = literal` / `column IS NULL` pins to one value."""
    if not where:
        return set()
    tree = sqlglot.parse_one(where, read=postgres())
    conjuncts = list(tree.flatten()) if isinstance(tree, exp.And) else [tree]
    fixed = set()
    for term in conjuncts:
        if isinstance(term, exp.EQ) or (isinstance(term, exp.Is) and not term.args.get("negate")):
            sides = [term.this, term.expression]
            columns = [s for s in sides if isinstance(s, exp.Column)]
            constants = [s for s in sides if _constant(s)]
            if len(columns) == 1 and len(constants) == 1:
                fixed.add(columns[0].name)
    return fixed


def _constant(node: exp.Expression) -> bool:
    while isinstance(node, (exp.Cast, exp.Paren)):
        node = node.this
    return isinstance(node, (exp.Literal, exp.Boolean, exp.Null))
