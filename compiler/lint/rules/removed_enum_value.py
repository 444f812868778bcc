from __future__ import annotations

from compiler.lint.evolution import steps
from compiler.lint.rule import Context, Finding, Rule


class RemovedEnumValue(Rule):
    """## What it does
    Checks for an enum attribute whose redeclaration drops a value an earlier
    feature allowed.

    ## Why is this bad?
    PostgreSQL cannot remove an enum value: the migration rebuilds the type
    and casts every row. Rows holding the removed value get the column's
    default, or NULL, or (a required column without a default) make the
    migration fail. Either way their value is gone, and the downgrade cannot
    bring it back.

    ## Example
    ```markdown
    - **Project** *(extends)*:
      - `visibility`: enum(private, team), required, default private
    ```

    ## Use instead
    If the value only changes its name, say so: `enum(private, team (was shared))`
    renames it in place and the rows keep it. Otherwise move the rows to another
    value in a data migration first, and say so (`<!-- spec2db: ignore B005 -->`);
    or keep the value and stop offering it.
    """

    name = "removed-enum-value"

    def check(self, ctx: Context):
        for step in steps(ctx):
            for enum in step.change.enum_changes:
                if not enum.removed:
                    continue
                removed = ", ".join(f"'{v}'" for v in enum.removed)
                for table, column in enum.columns:
                    replacement = enum.replacement.get((table.name, column.name))
                    if replacement is not None:
                        fate = f"get the default '{replacement}'"
                    elif column.nullable:
                        fate = "become NULL"
                    else:
                        fate = "make the migration fail (required, no default)"
                    yield Finding(
                        step.where(table, column.name),
                        f"enum value {removed} removed from '{table.name}.{column.name}': rows holding it {fate}",
                    )
