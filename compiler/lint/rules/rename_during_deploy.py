from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


class RenameDuringDeploy(Rule):
    """## What it does
    Checks for a table, column or enum value that a later feature renames
    (`(was old)`, `table:` on an extended entity, `new (was old)` in an enum).

    ## Why is this bad?
    The rename keeps the data, but it is instant: during a rolling deploy the
    code still running uses the old name, and every query of it fails until
    the last old instance is gone.

    ## Example
    ```markdown
    - **Task** *(extends)*:
      - `summary`: text (was description)
    ```

    ## Use instead
    Expand and contract over two features: add the new column, write both,
    backfill, switch the reads, then drop the old column. For a table, rename
    it and keep a view under the old name until the old code is gone. When no
    old code runs during the migration, say so (`<!-- spec2db: ignore B010 -->`).
    """

    name = "rename-during-deploy"

    def check(self, ctx: Context):
        for step in steps(ctx):
            change = step.change
            tables = {t.name: t for t in step.after.tables}
            for old, new in change.renamed_tables:
                yield Finding(
                    step.where(tables.get(new)),
                    f"renaming table '{old}' to '{new}' breaks the code still running during a rolling deploy; "
                    f"keep a view named '{old}' until it is gone",
                )
            for table, old, new in change.renamed_columns:
                yield Finding(
                    step.where(tables.get(table), new),
                    f"renaming '{table}.{old}' to '{new}' breaks the code still running during a rolling deploy; "
                    "add the new column, write both, backfill, switch, then drop the old one",
                )
            for enum in change.enum_changes:
                for old, new in enum.renamed.items():
                    for table, column in enum.columns:
                        yield Finding(
                            step.where(table, column.name),
                            f"renaming enum value '{old}' to '{new}' of '{table.name}.{column.name}' breaks the code still "
                            "running during a rolling deploy; add the new value, move the rows, then remove the old one",
                        )
