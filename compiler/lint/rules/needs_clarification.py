from __future__ import annotations

import re

from compiler.diagnostics import Span
from compiler.lint.rule import Context, Finding, Rule

MARKER_RE = re.compile(r"\[NEEDS CLARIFICATION\b[^\]]*\]?", re.IGNORECASE)


class NeedsClarificationInEntities(Rule):
    """## What it does
    Checks the Key Entities section for spec-kit's
    `[NEEDS CLARIFICATION: ...]` markers.

    ## Why is this bad?
    The marker says the data model is not decided yet. A schema generated
    from it is a guess that will need a migration once the question is
    answered: answer it before the spec is merged.

    ## Example
    ```markdown
      - `currency`: char(3) [NEEDS CLARIFICATION: one currency or many?]
    ```

    ## Use instead
    ```markdown
      - `currency`: char(3), required, default 'EUR'
    ```
    """

    name = "needs-clarification-in-entities"

    def check(self, ctx: Context):
        for spec in ctx.specs:
            path, lines = spec.path, ctx.sources.get(spec.path, [])
            for first, last in spec.entity_sections:
                for number in range(first, last + 1):
                    if "[" not in lines[number - 1]:
                        continue  # most lines: no marker to search
                    for match in MARKER_RE.finditer(lines[number - 1]):
                        span = Span(path=path, line=number, col=match.start() + 1, end_line=number, end_col=match.end() + 1)
                        text = match.group(0)
                        shown = text if len(text) <= 60 else text[:57] + "..."
                        yield Finding(span, f"unresolved {shown} in the entities section")
