from __future__ import annotations

from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule


class ReservedWordIdentifier(TableRule):
    """## What it does
    Checks for tables and columns whose name is a PostgreSQL reserved key
    word (`user`, `order`, `group`, `check`, `default`, ...; the list in
    Appendix C of the PostgreSQL manual, kept in
    `compiler/emit/postgres/dialect.py`).

    ## Why is this bad?
    spec2db quotes such names, so its DDL works; but every hand-written
    query, view and migration must quote them too (`"user"`), and the first
    one that forgets fails with a syntax error.

    ## Example
    ```markdown
      - `order`: integer, required
    ```

    ## Use instead
    ```markdown
      - `position`: integer, required
    ```
    """

    name = "reserved-word-identifier"

    def check_table(self, table: Table, ctx: Context):
        from compiler.emit.postgres.dialect import RESERVED

        if table.name in RESERVED:
            yield Finding(table.source, f"table name '{table.name}' is a PostgreSQL reserved word; every query must quote it")
        for column in table.columns:
            if column.name.lower() in RESERVED:
                yield Finding(
                    column.source or table.source,
                    f"column '{table.name}.{column.name}' is a PostgreSQL reserved word; every query must quote it",
                )
