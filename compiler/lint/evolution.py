"""The steps the breaking-change rules (B) look at, and where to point.

A step is two whole schemas and the migration between them
(`compiler.migrate.diff`): every pair of consecutive features of the
project, and, with `spec2db lint --base REV`, the last feature as of REV
against the last feature now. Findings point at the spec line of the later
feature that made the change (an `*(extends)*` attribute, a `removed:` line,
a `*(removed)*` entity), so `<!-- spec2db: ignore B00N -->` works there.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from compiler.ast import EntityDecl, SpecFile
from compiler.diagnostics import Span
from compiler.ir import Schema, Table
from compiler.lint.rule import Context
from compiler.migrate import Change, carried, diff


@dataclass
class Step:
    before: Schema
    after: Schema
    change: Change
    specs: list[SpecFile]  # the specs that may have made the change (latest first)

    def entity(self, name: str) -> EntityDecl | None:
        for spec in self.specs:
            for entity in spec.entities:
                if entity.name.lower() == name.lower():
                    return entity
        return None

    def where(self, table: Table | None, column: str | None = None, fallback: Span | None = None) -> Span | None:
        """The later spec's line that declares this change."""
        if table is not None:
            entity = self.entity(table.entity)
            if entity is not None:
                if column is not None:
                    for attribute in entity.attributes:
                        if attribute.name.lower() == column.lower():
                            return attribute.span
                    for group in entity.removed_attributes:
                        if column.lower() in (c.lower() for c in group.columns):
                            return group.span
                if fallback is not None and any(fallback.path == s.path for s in self.specs):
                    return fallback
                return entity.span
        if fallback is not None and any(fallback.path == s.path for s in self.specs):
            return fallback
        return None


def steps(ctx: Context) -> Iterator[Step]:
    cached = getattr(ctx, "_evolution_steps", None)
    if cached is None:
        cached = list(_steps(ctx))
        ctx._evolution_steps = cached
    yield from cached


def _diff(memo, before: Schema, after: Schema) -> Change:
    """The last compile's diff of these features carried over where it can be (`migrate.carried`), else a diff."""
    found = (carried(change, before, after) for change in memo.earlier((before, after)))
    return next((change for change in found if change is not None), None) or diff(before, after)


def _steps(ctx: Context) -> Iterator[Step]:
    features = ctx.project.features
    by_feature = {s.feature: s for s in ctx.specs}
    memo = getattr(ctx, "_diffs", None)  # compiler.ir.SchemaMemo: the language server's, kept between edits
    for before, after in itertools.pairwise(features):
        spec = by_feature.get(after.feature)
        change = (
            diff(before, after)
            if memo is None
            else memo.get((before, after), lambda before=before, after=after: _diff(memo, before, after))
        )
        yield Step(before, after, change, [spec] if spec else [])
    base = getattr(ctx, "base", None)
    if base is not None and base.features and features:
        before, after = base.features[-1], features[-1]
        known = {s.feature for s in base.features}
        changed = [s for s in reversed(ctx.specs) if s.feature not in known] or list(reversed(ctx.specs))
        yield Step(before, after, diff(before, after), changed)
