from __future__ import annotations

from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule
from compiler.naming import MAX_IDENTIFIER_BYTES, byte_length


class ImplicitIdentifierTooLong(TableRule):
    """## What it does
    Checks the names PostgreSQL makes up by itself from spec2db's names: the
    sequence behind an identity column (`<table>_<column>_seq`) must fit in
    63 bytes.

    Every name spec2db writes (tables, columns, enum types, primary, foreign,
    unique and check constraints, indexes, triggers) is checked by the
    compiler as E210, from the IR, so it is an error that stops compilation
    and is not reported again here. This rule covers only the names that
    never appear in the DDL, and skips a table or column whose own name
    E210 already reports.

    ## Why is this bad?
    PostgreSQL truncates a long implicit name silently (and may add digits to
    make it unique), so migrations and tools that derive the name the usual
    way look for an object that does not exist.

    ## Example
    ```markdown
    - **ExtremelyLongEntityNameForAuditTrailRecords**: ...
      - `sequence_number_within_the_audit_trail`: bigint, primary key
    ```

    ## Use instead
    A shorter table name (`table: audit_records`) or column name.
    """

    name = "implicit-identifier-too-long"

    def check_table(self, table: Table, ctx: Context):
        if byte_length(table.name) > MAX_IDENTIFIER_BYTES:
            return
        for column in table.columns:
            if not column.identity or byte_length(column.name) > MAX_IDENTIFIER_BYTES:
                continue
            sequence = f"{table.name}_{column.name}_seq"
            if byte_length(sequence) > MAX_IDENTIFIER_BYTES:
                yield Finding(
                    column.source or table.source,
                    f"identity sequence '{sequence}' of '{table.name}.{column.name}' is {byte_length(sequence)} bytes; PostgreSQL truncates names to {MAX_IDENTIFIER_BYTES}",
                )
