from __future__ import annotations

from compiler.ir import ColumnType
from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule
from compiler.lint.rules.narrowed_type import narrowing
from compiler.types import Scalar

_VARYING = {Scalar.STRING, Scalar.TEXT}


def rewrites(old: ColumnType, new: ColumnType) -> bool:
    """Whether PostgreSQL rewrites the table for `old` -> `new` (the casts it
    knows to be binary-coercible keep the rows: a longer or unbounded
    varchar, text, a wider numeric of the same scale)."""
    if old.array_dims != new.array_dims or old.enum != new.enum:
        return True
    a, b = old.scalar, new.scalar
    if a in _VARYING and b in _VARYING:
        return not (b is Scalar.TEXT or new.length is None or (a is Scalar.STRING and old.length is not None and new.length >= old.length))
    if a is Scalar.DECIMAL and b is Scalar.DECIMAL:
        if new.precision is None:
            return False
        return old.precision is None or new.precision < old.precision or (new.scale or 0) != (old.scale or 0)
    return old.model_dump(exclude={"format"}) != new.model_dump(exclude={"format"})


class RewritingTypeChange(Rule):
    """## What it does
    Checks for a column whose type a later feature changes in a way that
    rewrites the table (`integer` to `bigint`, `json` to `jsonb`, `timestamp`
    to `timestamptz`), when every value still fits (B003 reports the ones
    that may not).

    ## Why is this bad?
    `ALTER COLUMN ... TYPE` then copies every row while it holds an ACCESS
    EXCLUSIVE lock: on a big table, no query reads or writes it until the copy
    ends. The generated migration gives up after `statement-timeout` rather
    than hold the table longer, so on a big table it fails.

    ## Example
    ```markdown
    - **Customer** *(extends)*:
      - `metadata`: jsonb
    ```

    ## Use instead
    Expand and contract: add a column of the new type, write both (a trigger
    or the application), backfill the new one in batches, switch the reads,
    then drop the old column in a later feature. On a small table, accept the
    lock and say so (`<!-- spec2db: ignore B008 -->`).
    """

    name = "rewriting-type-change"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for change in step.change.altered_columns:
                if not change.type or change.old.type.enum or change.new.type.enum:
                    continue  # enum types: B009
                if rewrites(change.old.type, change.new.type) and not narrowing(change.old.type, change.new.type):
                    yield Finding(
                        step.where(change.table, change.new.name),
                        f"changing the type of '{change.table.name}.{change.new.name}' rewrites the table under an exclusive lock; "
                        "add a new column, backfill it in batches, switch, then drop the old one",
                    )
