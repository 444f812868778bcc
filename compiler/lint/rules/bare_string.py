from __future__ import annotations

from compiler.lint.rule import Context, Finding, Rule
from compiler.types import Scalar


class BareStringWithoutLength(Rule):
    """## What it does
    Checks for attributes typed `string` (or `varchar`) with no length:
    neither `string(n)` nor `length(a..b)`.

    ## Why is this bad?
    A bare string becomes an unbounded VARCHAR: nothing stops a megabyte in
    a name field, and the spec does not say what the field may hold. If the
    text really is unbounded, `text` says so.

    ## Example
    ```markdown
      - `title`: string, required
    ```

    ## Use instead
    ```markdown
      - `title`: string(200), required
    ```
    or `text` for free-form content.
    """

    name = "bare-string-without-length"

    def check(self, ctx: Context):
        for _spec, entity in ctx.declarations():
            if entity.external:
                continue
            for attribute in entity.attributes:
                resolved = attribute.resolved
                if resolved is None or resolved.scalar is not Scalar.STRING or resolved.format:
                    continue
                if attribute.type.args is None and resolved.length is None and attribute.max_length is None:
                    table = ctx.table_name_of(entity.name) or entity.name
                    yield Finding(
                        attribute.type.span,
                        f"'{table}.{attribute.name}' is a bare {attribute.type.name} with no length; write string(n) or text",
                    )
