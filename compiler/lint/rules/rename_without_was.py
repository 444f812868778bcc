from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


def _kind(column) -> tuple:
    return (column.type.scalar, column.type.enum is not None, column.type.array_dims)


class RenameWithoutWas(Rule):
    """## What it does
    Checks for a later feature that drops a column and adds another of the
    same type to the same table (or drops a table and creates one with the
    same columns), without declaring a rename.

    ## Why is this bad?
    spec2db never guesses renames: the migration drops the old column (its
    values are deleted) and adds an empty new one. If the intent was a
    rename, every existing row loses the value.

    ## Example
    ```markdown
    - **Task** *(extends)*:
      - `summary`: text
      - removed: description
    ```

    ## Use instead
    Declare the rename, which keeps the data: `` `summary`: text (was description) ``
    (for a table: `table: new_name` on the `*(extends)*` entity).
    """

    name = "rename-without-was"

    def check(self, ctx: Context):
        for step in steps(ctx):
            added = step.change.columns
            for table, old in step.change.dropped_columns:
                for new_table, new in added:
                    if new_table.entity == table.entity and _kind(new) == _kind(old):
                        yield Finding(
                            step.where(new_table, new.name),
                            f"'{table.name}.{old.name}' is dropped and '{new.name}' added with the same type: existing values are deleted, "
                            f"not moved; if this is a rename write `{new.name}`: ... (was {old.name})",
                        )
                        break
            for dropped in step.change.dropped_tables:
                names = sorted(c.name for c in dropped.columns)
                for created in step.change.tables:
                    if sorted(c.name for c in created.columns) == names:
                        yield Finding(
                            step.where(created),
                            f"table '{dropped.name}' is dropped and '{created.name}' created with the same columns: its rows are deleted, "
                            f"not moved; if this is a rename keep the entity and write `table: {created.name}`",
                        )
                        break
