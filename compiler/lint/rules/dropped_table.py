from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


class DroppedTable(Rule):
    """## What it does
    Checks for a table that an earlier feature created and a later one drops
    (an entity marked `*(removed)*`, or gone from the specs compared with
    `--base REV`).

    ## Why is this bad?
    The migration runs `DROP TABLE`: every row in it is deleted, and the
    downgrade recreates the table empty. Code that still reads the table
    fails once the migration ran.

    ## Example
    ```markdown
    - **Payment** *(removed)*: Read from the provider's ledger instead.
    ```

    ## Use instead
    Stop writing to the table first, copy or archive its rows, and drop it in
    a later feature; say so with `<!-- spec2db: ignore B001 -->` above the
    line once the data is safe.
    """

    name = "dropped-table"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for table in step.change.dropped_tables:
                yield Finding(step.where(table), f"dropping table '{table.name}' deletes every row in it; the downgrade restores it empty")
