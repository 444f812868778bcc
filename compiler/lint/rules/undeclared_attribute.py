from __future__ import annotations

import re

from compiler.diagnostics import Span
from compiler.lint.rule import Context, Finding, Rule
from compiler.naming import snake

TICK_RE = re.compile(r"`([a-z_][a-z0-9_]*)`")


class DescribedAttributeNotDeclared(Rule):
    """## What it does
    Checks an entity's description for attribute names in backticks
    (`` `due_date` ``) that the entity does not declare, neither written nor
    added by a convention (`id`, `created_at`, ...). Only entities with typed
    attributes are checked; names of entities and names of other entities'
    attributes are taken for cross references and not reported.

    ## Why is this bad?
    The prose promises a field the schema does not have: either the
    attribute was forgotten, or the description is out of date.

    ## Example
    ```markdown
    - **Task**: A todo item with a `due_date`
      - `title`: string(200), required
    ```

    ## Use instead
    ```markdown
    - **Task**: A todo item with a `due_date`
      - `title`: string(200), required
      - `due_date`: date
    ```
    """

    name = "described-attribute-not-declared"

    def check(self, ctx: Context):
        judged = [
            e
            for _, e in ctx.declarations()
            if "`" in e.description and not e.external and any(a.resolved is not None for a in e.attributes)
        ]
        if not judged:
            return  # no description quotes a name: the names declared anywhere are not needed
        elsewhere = {a.name for _, e in ctx.declarations() for a in e.attributes}
        elsewhere |= {snake(e.name) for _, e in ctx.declarations()}
        for entity in judged:
            table = ctx.table_of(entity.name)
            declared = {a.name for a in entity.attributes} | ({c.name for c in table.columns} if table else set())
            lines = ctx.sources.get(entity.span.path, [])
            first = entity.span.line
            last = min((a.span.line for a in entity.attributes if a.span.line > first), default=first + 1) - 1
            reported: set[str] = set()
            for number in range(first, min(last, len(lines)) + 1):
                text = lines[number - 1]
                for match in TICK_RE.finditer(text):
                    if number == first and match.start() < entity.span.col - 1:
                        continue
                    name = match.group(1)
                    if name in declared or name in reported or name in elsewhere:
                        continue
                    reported.add(name)
                    span = Span(path=entity.span.path, line=number, col=match.start() + 1, end_line=number, end_col=match.end() + 1)
                    yield Finding(span, f"description of {entity.name} mentions `{name}`, which {entity.name} does not declare")
