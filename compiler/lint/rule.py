"""What every rule is given (`Context`) and what it yields (`Finding`)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, NamedTuple

from compiler.ast import EntityDecl, SpecFile
from compiler.config import Settings
from compiler.diagnostics import Severity, Span
from compiler.ir import ObjectMemo, Project, Schema, Table


class Finding(NamedTuple):
    span: Span | None
    message: str


class Rule:
    """Base class: a rule has a kebab-case `name` (after the bad pattern, not
    the fix), a default `severity`, and `check(ctx)` yielding findings. The
    registry gives it its code."""

    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first sentence after "What it does"."""
        text = cls.doc()
        match = re.search(r"## What it does\s*\n(.+?)(?:\n\n|$)", text, re.DOTALL)
        return " ".join((match.group(1) if match else text.split("\n\n")[0]).split())


class TableRule(Rule):
    """A rule that judges the last schema's tables one at a time
    (`check_table`), from the table and what `reads` gives for it. The
    language server lints after every edit, and most tables are then the
    same objects again: with `Context.memos`, what a table gave is kept
    while it is the same object and `reads` is equal."""

    reads = None  # what `check_table` reads besides the table and the settings: a function of the table

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.memos is None:
            for table in ctx.tables:
                yield from self.check_table(table, ctx)
            return
        memo = ctx.memos.setdefault(type(self), ObjectMemo())
        for found in memo.each(ctx.tables, lambda table: list(self.check_table(table, ctx)), self.reads):
            yield from found

    def check_table(self, table: Table, ctx: Context) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class Context:
    """The compiled project as rules see it.

    `specs` is the AST as written (conventions not applied); `project` the IR,
    whose last schema is the whole database as of the last feature, with every
    generated name; `sources` the raw lines of each spec by display path.
    """

    specs: list[SpecFile]
    project: Project
    settings: Settings
    sources: dict[str, list[str]] = field(default_factory=dict)
    base: Project | None = None  # the project as of `--base REV`, for the B rules
    memos: dict[type, ObjectMemo] | None = None  # TableRule's, kept between runs for the same settings (the language server's)

    @property
    def schema(self) -> Schema | None:
        return self.project.features[-1] if self.project.features else None

    @property
    def tables(self) -> list[Table]:
        return self.schema.tables if self.schema else []

    @cached_property
    def entities(self) -> dict[str, EntityDecl]:
        """Entities as declared (the first declaration; `extends` adds to it)."""
        found: dict[str, EntityDecl] = {}
        for spec in self.specs:
            for entity in spec.entities:
                found.setdefault(entity.name, entity)
        return found

    def declarations(self) -> Iterator[tuple[SpecFile, EntityDecl]]:
        for spec in self.specs:
            for entity in spec.entities:
                yield spec, entity

    @cached_property
    def _tables_by_entity(self) -> dict[str, Table]:
        found: dict[str, Table] = {}
        for table in self.tables:
            found.setdefault(table.entity, table)  # the first, as a scan would find
        return found

    def table_of(self, entity: str) -> Table | None:
        return self._tables_by_entity.get(entity)

    def table_name_of(self, entity: str) -> str | None:
        table = self.table_of(entity)
        if table is not None:
            return table.name
        external = next((x for x in (self.schema.external_tables if self.schema else []) if x.entity == entity), None)
        return external.name if external else None

    def line(self, path: str, number: int) -> str:
        lines = self.sources.get(path, [])
        return lines[number - 1] if 0 < number <= len(lines) else ""


def indexed_by(table: Table, columns: list[str]) -> bool:
    """Whether a B-tree the table has leads with `columns`: the primary key, a
    unique constraint or an index. A partial index counts only when its
    predicate is about soft deletion (it serves the live rows every query reads)."""
    n = len(columns)
    leading = []
    if table.primary_key:
        leading.append(table.primary_key.columns)
    leading += [u.columns for u in table.uniques]
    leading += [i.columns for i in table.indexes if not i.where or "deleted_at" in i.where.lower()]
    return any(group[:n] == columns for group in leading)


def checked(table: Table, column: str) -> bool:
    return any(column in c.columns for c in table.checks)
