from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


class RebuiltEnumType(Rule):
    """## What it does
    Checks for an enum attribute whose values a later feature removes or
    reorders, so that the migration rebuilds the type.

    ## Why is this bad?
    PostgreSQL can only add or rename enum values. Removing or reordering one
    means a new type and `ALTER COLUMN ... TYPE` on every column that uses it:
    each table is rewritten under an ACCESS EXCLUSIVE lock. And during a
    rolling deploy the code still running writes the removed value and fails.

    ## Example
    ```markdown
    - **Project** *(extends)*:
      - `visibility`: enum(private, team), required, default private
    ```

    ## Use instead
    Ship code that stops writing the value first; move the rows off it in
    batches; then remove the value (and accept the rewrite on a small table,
    `<!-- spec2db: ignore B009 -->`). Or keep the value and stop offering it.
    Adding values at the end or renaming them (`new (was old)`) rewrites nothing.
    """

    name = "rebuilt-enum-type"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for enum in step.change.enum_changes:
                if not enum.swap:
                    continue
                if enum.removed:
                    why = f"removing {', '.join(repr(v) for v in enum.removed)}"
                    fix = "stop writing the value first, move the rows in batches, then remove it"
                else:
                    why, fix = "reordering its values", "add new values where they go without moving the others"
                for table, column in enum.columns:
                    yield Finding(
                        step.where(table, column.name),
                        f"{why} rebuilds enum type '{enum.new.name}' and rewrites '{table.name}' under an exclusive lock; {fix}",
                    )
