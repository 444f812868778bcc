from __future__ import annotations

import re

from compiler import linear_re
from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule, checked
from compiler.types import TEXT_TYPES

_ITEM = r"[`'\"]?[A-Za-z_][\w-]*[`'\"]?"
# "one of: a, b, c", "values: a | b", "allowed: a/b"
INTRO_RE = re.compile(
    rf"\b(?:one of|allowed values?|possible values?|valid values?|values?|options?|either)\s*[:(]?\s*(?P<items>{_ITEM}(?:\s*(?:,|\||/|\bor\b|\band\b)\s*{_ITEM})+)",
    re.IGNORECASE,
)
# "todo, in_progress, or done"
LIST_RE = re.compile(rf"(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})+,?\s+or\s+{_ITEM})")
# "`active` | `archived`" or "`a`/`b`"
TICKS_RE = re.compile(r"(?P<items>`[\w-]+`(?:\s*(?:,|\||/|\bor\b)\s*`[\w-]+`)+)")


def listed_values(description: str) -> list[str]:
    for pattern in (INTRO_RE, TICKS_RE, LIST_RE):
        match = pattern.search(description)
        if match:
            items = linear_re.split(r"\s*(?:,|\||/|\bor\b|\band\b)\s*", match.group("items"))
            values = [v.strip("`'\" ") for v in items if v.strip("`'\" ")]
            if len(values) >= 2:
                return values
    return []


class ValuesInDescriptionWithoutCheck(TableRule):
    """## What it does
    Checks text columns whose description lists the allowed values ("one
    of: a, b", "todo, in_progress, or done", "`active` | `archived`") while
    the column is a plain string with no `check(...)`.

    (Enum attributes are PostgreSQL enum types and need no check.)

    ## Why is this bad?
    The spec says only some values are valid, but the database accepts any
    string: typos and retired values creep in, and the application cannot
    rely on the list.

    ## Example
    ```markdown
      - `state`: string(20), required — one of: draft, sent, paid
    ```

    ## Use instead
    ```markdown
      - `state`: enum(draft, sent, paid), required
    ```
    or keep the string and add `check(state in ('draft', 'sent', 'paid'))`.
    """

    name = "values-in-description-without-check"

    def check_table(self, table: Table, ctx: Context):
        for column in table.columns:
            if column.type.scalar not in TEXT_TYPES or not column.comment or column.type.format or checked(table, column.name):
                continue
            values = listed_values(column.comment)
            if values:
                yield Finding(
                    column.source or table.source,
                    f"'{table.name}.{column.name}' lists allowed values ({', '.join(values)}) in its description but has no check; use enum(...)",
                )
