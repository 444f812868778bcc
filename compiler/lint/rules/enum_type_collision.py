from __future__ import annotations

from compiler.diagnostics import Severity
from compiler.lint.rule import Context, Finding, Rule


class EnumTypeNamedLikeTable(Rule):
    """## What it does
    Checks that no enum type spec2db creates (`<entity>_<column>`) has the
    name of a table (or an external table).

    ## Why is this bad?
    Every PostgreSQL table also defines a composite type of the same name,
    so `CREATE TYPE task_status AS ENUM (...)` fails with "type already
    exists" when a table `task_status` exists.

    ## Example
    ```markdown
    - **Task**: ...
      - `status`: enum(todo, done)
    - **TaskStatus**: a history of status changes *(table: task_status)*
    ```

    ## Use instead
    Rename the table (`table: task_status_changes`) or the attribute.
    """

    name = "enum-type-named-like-table"
    severity = Severity.ERROR

    def check(self, ctx: Context):
        schema = ctx.schema
        if schema is None:
            return
        tables = {t.name for t in schema.tables} | {x.name for x in schema.external_tables}
        for enum in schema.enums:
            if enum.name in tables:
                table = schema.table(enum.table)
                column = table.column(enum.column) if table else None
                yield Finding(
                    column.source if column else None,
                    f"enum type '{enum.name}' of '{enum.table}.{enum.column}' has the name of a table; CREATE TYPE would fail",
                )
