from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


class UniqueOnExistingData(Rule):
    """## What it does
    Checks for a unique constraint or unique index that a later feature adds
    to a table that already exists, over columns that already hold data.

    ## Why is this bad?
    Existing rows were written without the rule: if two of them already
    share the values, `ADD CONSTRAINT ... UNIQUE` (or `CREATE UNIQUE INDEX`)
    fails and the migration stops. It also locks the table while it checks
    every row.

    ## Example
    ```markdown
    - **Project** *(extends)*:
      - unique: (owner_id, name)
    ```

    ## Use instead
    Find and resolve the duplicates first (a data migration), then add the
    constraint, and mark the line `<!-- spec2db: ignore B006 -->`.
    """

    name = "unique-on-existing-data"

    def check(self, ctx: Context):
        for step in steps(ctx):
            added = {(t.name, c.name) for t, c in step.change.columns}
            groups = [(t, u.name, u.columns, u.source) for t, u in step.change.uniques]
            groups += [(t, i.name, i.columns, i.source) for t, i in step.change.indexes if i.unique]
            dropped = {(t.name, u.name) for t, u in step.change.dropped_uniques}
            dropped |= {(t.name, i.name) for t, i in step.change.dropped_indexes}
            for table, name, columns, source in groups:
                if any((table.name, c) in added for c in columns) or (table.name, name) in dropped:
                    continue
                cols = ", ".join(columns)
                yield Finding(
                    step.where(table, None, source),
                    f"unique ({cols}) on existing table '{table.name}': the migration fails if existing rows share these values",
                )
