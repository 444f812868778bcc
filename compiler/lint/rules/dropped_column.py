from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


class DroppedColumn(Rule):
    """## What it does
    Checks for a column of a kept table that a later feature removes
    (`removed: name` under `*(extends)*`, or gone compared with `--base REV`).

    ## Why is this bad?
    `ALTER TABLE ... DROP COLUMN` deletes the column's value in every existing
    row; the downgrade adds the column back with NULLs. Readers that still
    select the column fail.

    ## Example
    ```markdown
    - **Project** *(extends)*:
      - removed: icon
    ```

    ## Use instead
    Copy the values where they now live first (a data migration), stop
    reading the column, then drop it; if the column was renamed, declare the
    rename instead: `` `emoji`: string (was icon) ``.
    """

    name = "dropped-column"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for table, column in step.change.dropped_columns:
                new = step.after.table(table.name) or next((t for t in step.after.tables if t.entity == table.entity), None)
                yield Finding(
                    step.where(new, column.name), f"dropping column '{table.name}.{column.name}' deletes its value in every existing row"
                )
