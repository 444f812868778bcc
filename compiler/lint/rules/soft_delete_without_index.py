from __future__ import annotations

from compiler.lint.rule import Context, Finding, Rule


class SoftDeleteWithoutIndex(Rule):
    """## What it does
    Checks that a `soft delete` entity has an index serving the queries that
    skip deleted rows: an index that includes `deleted_at`, or a partial
    index whose predicate mentions it (`where deleted_at is null`).

    ## Why is this bad?
    Once an entity is soft-deleted, every query adds `deleted_at IS NULL`.
    Without an index that knows about it, those queries read the deleted
    rows too, and get slower as deleted rows pile up.

    ## Example
    ```markdown
    - **Task**: A todo item
      - `user_id`: uuid, references User, on delete cascade
      - soft delete
    ```

    ## Use instead
    ```markdown
    - **Task**: A todo item
      - `user_id`: uuid, references User, on delete cascade
      - soft delete
      - indexes: (user_id) where deleted_at is null
    ```
    """

    name = "soft-delete-without-index"

    def check(self, ctx: Context):
        for table in ctx.tables:
            if not table.soft_delete:
                continue
            if any("deleted_at" in i.columns or (i.where and "deleted_at" in i.where.lower()) for i in table.indexes):
                continue
            entity = ctx.entities.get(table.entity)
            where = next((e.soft_delete for _, e in ctx.declarations() if e.name == table.entity and e.soft_delete), None)
            yield Finding(
                where or (entity.span if entity else table.source),
                f"soft-deleted table '{table.name}' has no index on deleted_at or partial index where deleted_at is null",
            )
