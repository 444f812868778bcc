from __future__ import annotations

from compiler.lint.rule import Context, Finding, Rule


class CascadeDeleteCycle(Rule):
    """## What it does
    Builds the graph of foreign keys with `on delete cascade` (child ->
    parent) and reports each cycle through two or more tables, once, at the
    foreign key that leaves the cycle's alphabetically first table.

    A table that cascades to itself (`parent_id` on a tree of comments) is
    not a cycle here: deleting a node deleting its subtree is intended.

    ## Why is this bad?
    In a cascade cycle, deleting any one row can delete rows of every table
    in the cycle, including the one you started from: a single delete may
    wipe far more than intended. Such cycles also need deferred foreign keys
    to insert anything at all.

    ## Example
    ```markdown
    - **Team**: ...
      - `lead_id`: uuid, references Member, on delete cascade
    - **Member**: ...
      - `team_id`: uuid, references Team, on delete cascade
    ```

    ## Use instead
    ```markdown
    - **Team**: ...
      - `lead_id`: uuid, references Member, on delete set null
    - **Member**: ...
      - `team_id`: uuid, references Team, on delete cascade
    ```
    """

    name = "cascade-delete-cycle"

    def check(self, ctx: Context):
        edges: dict[str, list] = {}
        for table in ctx.tables:
            for fk in table.foreign_keys:
                if fk.on_delete == "cascade" and fk.ref_table != table.name:
                    edges.setdefault(table.name, []).append(fk)
        seen: set[tuple[str, ...]] = set()
        sources = {t.name: t.source for t in ctx.tables}
        for start in sorted(edges):
            # Cycles whose smallest table is `start`: a DFS over tables > start.
            stack = [(start, [start], [])]
            while stack:
                node, path, fks = stack.pop()
                for fk in sorted(edges.get(node, []), key=lambda f: f.ref_table):
                    nxt = fk.ref_table
                    if nxt == start:
                        cycle = tuple(path)
                        if cycle not in seen:
                            seen.add(cycle)
                            first = (fks + [fk])[0]
                            yield Finding(first.source or sources.get(start), f"ON DELETE CASCADE cycle: {' -> '.join([*path, start])}")
                    elif nxt > start and nxt not in path and len(path) < 12:
                        stack.append((nxt, [*path, nxt], [*fks, fk]))
