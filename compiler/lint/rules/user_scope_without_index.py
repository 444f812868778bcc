from __future__ import annotations

from compiler.diagnostics import Severity
from compiler.lint.rule import Context, Finding, Rule, indexed_by


class UserScopedWithoutIndexedUserId(Rule):
    """## What it does
    Checks that a user-scoped table (one with the project's user column, or
    whose entity says `relationships: belongs to User`) has that column as an
    indexed foreign key to User.

    Other references to User (`invited_by`, `approved_by`) do not make a
    table user-scoped.

    ## Why is this bad?
    Every query on a user-scoped table filters by its owner (row-level
    security). Without a foreign key, rows can point at users that do not
    exist; without an index, every such query scans the whole table. A table
    that belongs to User through another column (`owner_id`) escapes the
    project's `user-column` convention, so policies written for `user_id`
    silently miss it.

    The user column is `user-column` in `[tool.spec2db]` (default `user_id`).

    ## Example
    ```markdown
    - **Note**: A user's note
      - `user_id`: uuid, required
      - `body`: text
    ```

    ## Use instead
    ```markdown
    - **Note**: A user's note
      - `user_id`: uuid, required, references User, on delete cascade, indexed
      - `body`: text
    ```
    """

    name = "user-scoped-without-indexed-user-id"
    severity = Severity.ERROR

    def check(self, ctx: Context):
        column_name = ctx.settings.user_column
        user_tables = {t.name for t in ctx.tables if t.entity == "User"}
        if ctx.schema:
            user_tables |= {x.name for x in ctx.schema.external_tables if x.entity == "User"}
        belongs = {e.name: r.span for _, e in ctx.declarations() for r in e.relationships if r.kind == "belongs to" and r.target == "User"}
        for table in ctx.tables:
            if table.name in user_tables:
                continue
            column = table.column(column_name)
            if column is None:
                if table.entity in belongs:
                    yield Finding(belongs[table.entity], f"table '{table.name}' belongs to User but has no '{column_name}' column")
                continue
            where = column.source or table.source
            if not any(fk.columns == [column_name] for fk in table.foreign_keys):
                yield Finding(where, f"'{table.name}.{column_name}' scopes rows to a user but is not a foreign key")
            elif not indexed_by(table, [column_name]):
                yield Finding(where, f"'{table.name}.{column_name}' scopes rows to a user but has no index")
