from __future__ import annotations

from compiler.diagnostics import Severity
from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule, indexed_by


class UserScopedWithoutIndexedUserId(TableRule):
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
        self.users = {t.name for t in ctx.tables if t.entity == "User"}
        if ctx.schema:
            self.users |= {x.name for x in ctx.schema.external_tables if x.entity == "User"}
        self.belongs = {
            e.name: r.span for _, e in ctx.declarations() for r in e.relationships if r.kind == "belongs to" and r.target == "User"
        }
        yield from super().check(ctx)

    def reads(self, table: Table):
        return table.name in self.users, self.belongs.get(table.entity)

    def check_table(self, table: Table, ctx: Context):
        column_name = ctx.settings.user_column
        if table.name in self.users:
            return
        column = table.column(column_name)
        if column is None:
            if table.entity in self.belongs:
                yield Finding(self.belongs[table.entity], f"table '{table.name}' belongs to User but has no '{column_name}' column")
            return
        where = column.source or table.source
        if not any(fk.columns == [column_name] for fk in table.foreign_keys):
            yield Finding(where, f"'{table.name}.{column_name}' scopes rows to a user but is not a foreign key")
        elif not indexed_by(table, [column_name]):
            yield Finding(where, f"'{table.name}.{column_name}' scopes rows to a user but has no index")
