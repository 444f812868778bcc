from __future__ import annotations

from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule, indexed_by


class ForeignKeyWithoutIndex(TableRule):
    """## What it does
    Checks that every foreign key's columns lead some index (an index, the
    primary key or a unique constraint). A partial index counts only when its
    predicate is about `deleted_at`.

    spec2db indexes foreign keys itself unless `index-foreign-keys = false`.

    ## Why is this bad?
    PostgreSQL does not index the referencing side. Joins from the parent and
    every delete of a parent row (which must find its children for
    CASCADE/RESTRICT) then scan the whole child table.

    ## Example
    ```markdown
      - `project_id`: uuid, references Project, on delete cascade
    ```

    ## Use instead
    ```markdown
      - `project_id`: uuid, references Project, on delete cascade, indexed
    ```
    """

    name = "foreign-key-without-index"

    def check_table(self, table: Table, ctx: Context):
        for fk in table.foreign_keys:
            if not indexed_by(table, fk.columns):
                yield Finding(fk.source or table.source, f"foreign key column '{table.name}.{', '.join(fk.columns)}' has no index")
