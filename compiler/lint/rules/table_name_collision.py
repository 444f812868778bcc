from __future__ import annotations

from compiler.lint.rule import Context, Finding, Rule
from compiler.naming import pluralize


class TableNamesCollide(Rule):
    """## What it does
    Checks for tables whose names collide in a way the compiler's E202
    (two entities mapping to the same table) and E223 (a table with the
    name of an external table) do not see: two tables where one name is the
    other pluralized (`tag` and `tags`, with `table-names = "singular"` or a
    `table:` override).

    ## Why is this bad?
    It gives two tables that readers, ORMs and generated class names
    confuse (`Tag` and `Tags`).

    ## Example
    ```markdown
    - **Tag**: a label
    - **Tags**: a tag cloud
    ```

    ## Use instead
    One entity per concept, named in the singular: `Tag`, `TagCloud`.
    """

    name = "table-names-collide"

    def check(self, ctx: Context):
        schema = ctx.schema
        if schema is None:
            return
        # Each table is compared with those before it through a plural index, not pair by pair.
        seen: dict[str, tuple[int, str]] = {}  # table -> (order seen, entity)
        plurals: dict[str, list[str]] = {}  # pluralize(table) -> the tables seen with that plural
        for table in schema.tables:
            plural = pluralize(table.name)
            others = {*plurals.get(table.name, ()), *([plural] if plural in seen else ())} - {table.name}
            for other in sorted(others, key=lambda name: seen[name][0]):
                yield Finding(
                    table.source, f"tables '{other}' ({seen[other][1]}) and '{table.name}' ({table.entity}) differ only by plural"
                )
            seen[table.name] = (seen[table.name][0] if table.name in seen else len(seen), table.entity)
            plurals.setdefault(plural, []).append(table.name)
