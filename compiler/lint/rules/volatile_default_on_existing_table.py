from __future__ import annotations

import re

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule

# PostgreSQL functions whose value changes per row (VOLATILE): a default
# calling one cannot be stored once in the catalog, so every row is written.
_VOLATILE = re.compile(r"\b(gen_random_uuid|uuid_generate_v[14]|random|clock_timestamp|timeofday|nextval)\s*\(", re.IGNORECASE)


class VolatileDefaultOnExistingTable(Rule):
    """## What it does
    Checks for a column added to an existing table with a default that
    differs per row (`uuid` keys, `gen_random_uuid()`, `random()`,
    `clock_timestamp()`, `nextval(...)`) or as an identity column.

    ## Why is this bad?
    A constant default (or `now`) is stored once in the catalog and the
    `ADD COLUMN` is instant. A per-row default fills every existing row: the
    table is rewritten under an ACCESS EXCLUSIVE lock, and nothing reads or
    writes it until that ends.

    ## Example
    ```markdown
    - **Task** *(extends)*:
      - `public_id`: uuid, required, default uuid
    ```

    ## Use instead
    Add the column without a default (nullable), set the default afterwards
    (new rows get it), backfill the existing rows in batches, then make it
    required in a later feature: the generated migration does that last step
    with a validated check, without a long lock.
    """

    name = "volatile-default-on-existing-table"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for table, column in step.change.columns:
                default = column.default
                volatile = default is not None and (
                    default.kind == "uuid" or (default.kind == "expression" and _VOLATILE.search(default.value or ""))
                )
                if volatile or column.identity:
                    what = "an identity column" if column.identity else "a per-row default"
                    yield Finding(
                        step.where(table, column.name),
                        f"adding '{table.name}.{column.name}' with {what} rewrites the table under an exclusive lock; "
                        "add it without a default, set the default, backfill in batches, then require it",
                    )
