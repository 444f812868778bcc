from __future__ import annotations

from compiler.lint.rule import Context, Finding, Rule


class RelationshipWithoutBackReference(Rule):
    """## What it does
    Checks that the two sides of a one-to-many relationship agree:

    1. `has many X` or `has one X` on entity E, while X's table has no
       foreign key to E's table;
    2. a foreign key from X to E, where E lists `relationships:` but none
       of them is `has many X` or `has one X`.

    Part 2 applies only to entities that write a `relationships:` line: an
    entity that lists none documents no relationships and is not checked.
    Self references, `many to many` join tables and external entities
    (`*(external)*`) are not checked.

    ## Why is this bad?
    A `has many` with no foreign key behind it describes a relationship the
    database does not have; a foreign key missing from a relationships list
    leaves the documented model (and the ER diagram) incomplete.

    ## Example
    ```markdown
    - **Project**: A group of tasks
      - `name`: string(100), required
      - relationships: has many Task
    - **Task**: A todo item
      - `title`: string(200), required
    ```

    ## Use instead
    ```markdown
    - **Task**: A todo item
      - `title`: string(200), required
      - relationships: belongs to Project (cascade)
    ```
    """

    name = "relationship-without-back-reference"

    def check(self, ctx: Context):
        listed: dict[str, set[str]] = {}
        for _spec, entity in ctx.declarations():
            if entity.external or not entity.relationships:
                continue
            own = ctx.table_name_of(entity.name)
            for relationship in entity.relationships:
                if relationship.kind not in ("has many", "has one"):
                    continue
                listed.setdefault(entity.name, set()).add(relationship.target)
                target = ctx.table_of(relationship.target)
                if target is None or own is None or relationship.target == entity.name:
                    continue
                if not any(fk.ref_table == own for fk in target.foreign_keys):
                    yield Finding(
                        relationship.span,
                        f"'{entity.name} {relationship.kind} {relationship.target}' but '{target.name}' has no foreign key to '{own}'",
                    )
        documented = {e.name for _, e in ctx.declarations() if e.relationships and not e.external}
        by_table = {t.name: t for t in ctx.tables}
        for table in ctx.tables:
            if table.join_table:
                continue
            for fk in table.foreign_keys:
                parent = by_table.get(fk.ref_table)
                if parent is None or parent.name == table.name or parent.entity not in documented:
                    continue
                if table.entity not in listed.get(parent.entity, set()):
                    yield Finding(
                        fk.source or table.source,
                        f"'{table.name}.{', '.join(fk.columns)}' references {parent.entity}, whose relationships list no 'has many {table.entity}'",
                    )
