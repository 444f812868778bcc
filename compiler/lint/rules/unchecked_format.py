from __future__ import annotations

import re

from compiler.ir import Table
from compiler.lint.rule import Context, Finding, TableRule, checked
from compiler.types import TEXT_TYPES

EMAIL_RE = re.compile(r"^(?:e_?mail|.+_e_?mail|e_?mail_.+)$")
URL_RE = re.compile(r"^(?:url|uri|website|homepage|link|.+_url|.+_uri|url_.+)$")


class EmailOrUrlWithoutFormatCheck(TableRule):
    """## What it does
    Checks text columns named like an email address (`email`, `*_email`) or
    a URL (`url`, `*_url`, `website`, `homepage`) that have neither the
    `email`/`url` type, nor a `pattern(...)`, nor a `check(...)` on them.

    ## Why is this bad?
    Without a database check any string is accepted, and bad addresses show
    up much later, as bounced mail or broken links. The `email` and `url`
    types add a bounded length and a format CHECK.

    ## Example
    ```markdown
      - `email`: string(320), required, unique
    ```

    ## Use instead
    ```markdown
      - `email`: email, required, unique
    ```
    """

    name = "email-or-url-without-format-check"

    def check_table(self, table: Table, ctx: Context):
        for column in table.columns:
            if column.type.scalar not in TEXT_TYPES or column.type.format or column.type.array_dims or checked(table, column.name):
                continue
            name = column.name.lower()
            kind = "email" if EMAIL_RE.match(name) else "url" if URL_RE.match(name) else None
            if kind is not None:
                yield Finding(
                    column.source or table.source,
                    f"'{table.name}.{column.name}' looks like {'an email address' if kind == 'email' else 'a URL'} but has no format check; use type {kind}",
                )
