from __future__ import annotations

from compiler.lint.rule import Context, Finding, Rule

TIMESTAMPS = ("created_at", "updated_at")


class MissingTimestamps(Rule):
    """## What it does
    When the project turns automatic timestamps off (`timestamps = false` in
    `[tool.spec2db]`), checks that every table still declares `created_at`
    and `updated_at`. Join tables made for `many to many` are not checked.

    With `timestamps = true` (the default) spec2db adds both columns and the
    `updated_at` trigger itself, and this rule finds nothing.

    ## Why is this bad?
    Without them nobody can tell when a row appeared or last changed: no
    auditing, no incremental sync, no "recently updated" queries.

    ## Example
    ```markdown
    - **Task**: A todo item
      - `title`: string(200), required
    ```

    ## Use instead
    ```markdown
    - **Task**: A todo item
      - `title`: string(200), required
      - `created_at`: timestamp, required, default now
      - `updated_at`: timestamp, required, default now
    ```
    """

    name = "missing-timestamps"

    def check(self, ctx: Context):
        if ctx.settings.timestamps:
            return
        for table in ctx.tables:
            if table.join_table:
                continue
            missing = [c for c in TIMESTAMPS if table.column(c) is None]
            if missing:
                yield Finding(table.source, f"table '{table.name}' has no {' or '.join(missing)} column")
