from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


class NotNullWithoutDefault(Rule):
    """## What it does
    Checks for a column of an existing table that becomes `required` (NOT
    NULL) without a default, and for a required column without a default
    added to an existing table.

    ## Why is this bad?
    With a default, spec2db fills existing NULLs (`UPDATE ... SET col =
    default WHERE col IS NULL`) before `SET NOT NULL`. Without one, the
    migration fails as soon as one existing row holds NULL (or, for a new
    column, as soon as the table has any row).

    ## Example
    ```markdown
    - **Task** *(extends)*:
      - `estimate_minutes`: integer, required
    ```

    ## Use instead
    Give it a default (`default 0`), which also fills the existing rows; or
    keep it optional until a data migration has filled every row.
    """

    name = "not-null-without-default"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for change in step.change.altered_columns:
                new = change.new
                if change.nullable and not new.nullable and new.default is None and not new.identity:
                    yield Finding(
                        step.where(change.table, new.name),
                        f"'{change.table.name}.{new.name}' becomes NOT NULL without a default: the migration fails if any existing row holds NULL",
                    )
            for table, column in step.change.columns:
                if not column.nullable and column.default is None and not column.identity:
                    yield Finding(
                        step.where(table, column.name),
                        f"'{table.name}.{column.name}' is added as NOT NULL without a default: the migration fails if '{table.name}' has any row",
                    )
