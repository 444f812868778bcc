from __future__ import annotations

from compiler.ir import ColumnType
from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule
from compiler.types import Scalar

_INTEGERS = {Scalar.SMALLINT: 2, Scalar.INTEGER: 4, Scalar.BIGINT: 8}
_STRINGS = {Scalar.CHAR, Scalar.STRING, Scalar.TEXT}
# Conversions every existing value survives.
_SAFE = {
    (Scalar.JSON, Scalar.JSONB),
    (Scalar.JSONB, Scalar.JSON),
    (Scalar.REAL, Scalar.DOUBLE),
    (Scalar.DATE, Scalar.TIMESTAMP),
    (Scalar.DATE, Scalar.TIMESTAMPTZ),
    (Scalar.TIMESTAMP, Scalar.TIMESTAMPTZ),
    (Scalar.SMALLINT, Scalar.DECIMAL),
    (Scalar.INTEGER, Scalar.DECIMAL),
    (Scalar.BIGINT, Scalar.DECIMAL),
}


def narrowing(old: ColumnType, new: ColumnType) -> str | None:
    """Why `old` -> `new` can fail or lose data for existing values, or None."""
    if old.array_dims != new.array_dims:
        return "the array dimensions change"
    a, b = old.scalar, new.scalar
    if a in _INTEGERS and b in _INTEGERS:
        return f"{a.value} values outside the {b.value} range make it fail" if _INTEGERS[b] < _INTEGERS[a] else None
    if a in _STRINGS and b in _STRINGS:
        if b is Scalar.TEXT:
            return None
        old_len = None if a is Scalar.TEXT or old.length is None else old.length
        if new.length is not None and (old_len is None or new.length < old_len):
            return f"values longer than {new.length} characters make it fail"
        return None
    if a is Scalar.DECIMAL and b is Scalar.DECIMAL:
        if new.precision is None:
            return None
        if old.precision is None or new.precision < old.precision or (new.scale or 0) < (old.scale or 0):
            return f"values that do not fit numeric({new.precision},{new.scale or 0}) make it fail or are rounded"
        return None
    if a is Scalar.ENUM or b is Scalar.ENUM:
        return (
            None
            if a is Scalar.ENUM and b in _STRINGS and (b is Scalar.TEXT or new.length is None)
            else "values that are not valid for the new type make it fail"
        )
    if a == b:
        if (new.precision is not None) and (old.precision is None or new.precision < old.precision):
            return "values lose precision"
        return None
    if b is Scalar.TEXT or (a, b) in _SAFE or (a in _INTEGERS and b in (Scalar.REAL, Scalar.DOUBLE) and _INTEGERS[a] <= 4):
        return None
    return f"the cast from {a.value} to {b.value} fails for values it cannot convert"


class NarrowedType(Rule):
    """## What it does
    Checks for a column whose type a later feature changes so that existing
    values may not fit: a shorter `string(n)`, `bigint` to `integer`, a
    smaller `decimal(p,s)`, or a cast between kinds (`text` to `integer`).

    ## Why is this bad?
    `ALTER COLUMN ... TYPE` rewrites every row; PostgreSQL refuses the whole
    migration when one value does not fit (`value too long`, `integer out of
    range`), or silently rounds decimals. It fails in production, where the
    long values are, not in tests.

    ## Example
    ```markdown
    - **Task** *(extends)*:
      - `title`: string(50), required
    ```

    ## Use instead
    Widen rather than narrow; or clean the data first (a data migration that
    truncates or rejects the long values) and then narrow.
    """

    name = "narrowed-type"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for change in step.change.altered_columns:
                if not change.type:
                    continue
                why = narrowing(change.old.type, change.new.type)
                if why:
                    yield Finding(
                        step.where(change.table, change.new.name),
                        f"changing the type of '{change.table.name}.{change.new.name}' rewrites every row; {why}",
                    )
