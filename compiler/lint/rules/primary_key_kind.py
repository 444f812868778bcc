from __future__ import annotations

from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule
from compiler.types import Scalar


class PrimaryKeyOfOtherKind(TableRule):
    """## What it does
    Checks that every single-column primary key is of the kind the project
    chose in `[tool.spec2db] primary-key`: `uuid` (the default) or `bigint`.

    A key that is also a foreign key (a one-to-one table keyed by its
    parent's id) takes its parent's type and is not checked.

    ## Why is this bad?
    Mixed key kinds make every foreign key a case-by-case decision and break
    the guarantees the project chose the kind for (no sequential id leakage
    with uuid; compact indexes with bigint). An `integer` key runs out at
    2^31 rows.

    ## Example
    ```markdown
    - **Invoice**: A bill
      - `id`: integer, primary key
    ```

    ## Use instead
    ```markdown
    - **Invoice**: A bill
      - `id`: uuid, primary key
    ```
    """

    name = "primary-key-of-other-kind"

    def check_table(self, table: Table, ctx: Context):
        wanted = Scalar.UUID if ctx.settings.primary_key == "uuid" else Scalar.BIGINT
        if table.join_table or table.primary_key is None or len(table.primary_key.columns) != 1:
            return
        name = table.primary_key.columns[0]
        column = table.column(name)
        if column is None or any(fk.columns == [name] for fk in table.foreign_keys):
            return
        if column.type.scalar is not wanted:
            yield Finding(
                column.source or table.source,
                f"primary key '{table.name}.{name}' is {column.type.scalar.value}; the project's keys are {wanted.value}",
            )
