from __future__ import annotations

from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule


class ForeignKeyWithoutOnDelete(TableRule):
    """## What it does
    Checks that every foreign key says what happens when the referenced row
    is deleted: `on delete cascade`, `restrict`, `set null`, `set default` or
    `no action` (on the attribute, or `belongs to User (cascade)` on the
    relationship).

    ## Why is this bad?
    Left out, PostgreSQL uses NO ACTION: deleting a parent fails while
    children exist. That may be right, but it should be a decision written in
    the spec, not an accident found in production.

    ## Example
    ```markdown
      - `project_id`: uuid, references Project
    ```

    ## Use instead
    ```markdown
      - `project_id`: uuid, references Project, on delete cascade
    ```
    """

    name = "foreign-key-without-on-delete"

    def check_table(self, table: Table, ctx: Context):
        if table.join_table:
            return
        for fk in table.foreign_keys:
            if fk.on_delete is None:
                yield Finding(
                    fk.source or table.source,
                    f"foreign key '{table.name}.{', '.join(fk.columns)}' -> '{fk.ref_table}' makes no ON DELETE choice",
                )
