"""The spec AST: what the front end read, with a span on everything.

Produced by `compiler.frontend`, consumed by the passes. Nothing here is
resolved yet: a type is the name as written, a reference the entity name as
written. The resolve pass fills the `resolved_*` fields.

Plain slotted dataclasses, not pydantic models: the front end makes about ten
nodes per attribute line, and at 10,000 entities pydantic's per-instance
state (a `__dict__` and a fields-set per node) was most of the memory. The
relational IR (`compiler.ir`), which is the contract between passes and
emitters, stays pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeVar

from compiler.diagnostics import Span
from compiler.types import Scalar

_Node = TypeVar("_Node")


def shallow_copy(node: _Node, **changes) -> _Node:
    """A copy of an AST node sharing its field values, with `changes` applied."""
    copy = object.__new__(type(node))
    for name in node.__dataclass_fields__:
        setattr(copy, name, changes[name] if name in changes else getattr(node, name))
    return copy


FkAction = Literal["cascade", "restrict", "set null", "set default", "no action"]


@dataclass(slots=True, kw_only=True)
class TypeArg:
    kind: Literal["number", "name", "string"]
    value: str
    span: Span
    renamed_from: str | None = None  # `finished (was done)`: an enum value renamed from an earlier feature's


@dataclass(slots=True, kw_only=True)
class TypeExpr:
    name: str
    args: list[TypeArg] | None = None  # None: no parentheses written
    array_dims: int = 0
    span: Span
    args_span: Span | None = None


@dataclass(slots=True, kw_only=True)
class Literal_:
    """A default written as a literal: a number, a quoted string or a bare word."""

    kind: Literal["number", "string", "name"]
    value: str
    span: Span


@dataclass(slots=True, kw_only=True)
class SqlText:
    """SQL exactly as written (a check, a where clause, a default expression)."""

    text: str
    span: Span


@dataclass(slots=True, kw_only=True)
class Reference:
    entity: str
    column: str | None = None
    span: Span


@dataclass(slots=True, kw_only=True)
class CheckDecl:
    expr: SqlText
    name: str | None = None


@dataclass(slots=True, kw_only=True)
class ResolvedType:
    """A type after name resolution: a scalar with checked arguments, or a
    reference to an entity (whose key type the column takes)."""

    scalar: Scalar | None = None
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    values: list[str] = field(default_factory=list)
    renamed_values: dict[str, str] = field(default_factory=dict)  # enum value -> the value it was (`(was old)`)
    array_dims: int = 0
    format: Literal["email", "url"] | None = None
    entity: str | None = None  # the referenced entity's name, for `owner: User`


@dataclass(slots=True, kw_only=True)
class AttributeDecl:
    name: str
    span: Span
    type: TypeExpr
    description: str = ""
    required: bool | None = None
    primary_key: bool = False
    unique: bool = False
    indexed: bool = False
    default: Literal_ | SqlText | None = None
    references: Reference | None = None
    on_delete: FkAction | None = None
    on_update: FkAction | None = None
    checks: list[CheckDecl] = field(default_factory=list)
    minimum: str | None = None
    maximum: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    renamed_from: str | None = None
    # Where each modifier was written, by modifier name, for diagnostics.
    modifier_spans: dict[str, Span] = field(default_factory=dict)
    synthesized: bool = False  # added by a convention, not written in the spec
    tolerated: bool = False  # written in a team's own spelling (a table's type cell, `**Status**: ...`), not the notation
    appended: bool = False  # added to an earlier entity by a later *(extends)*: its column comes after the convention columns
    resolved: ResolvedType | None = None  # filled by the resolve pass


@dataclass(slots=True, kw_only=True)
class ColumnGroup:
    columns: list[str]
    span: Span


@dataclass(slots=True, kw_only=True)
class IndexDecl:
    columns: list[str]
    unique: bool = False
    where: SqlText | None = None
    span: Span


@dataclass(slots=True, kw_only=True)
class RelationshipDecl:
    kind: Literal["belongs to", "has many", "has one", "many to many"]
    target: str
    on_delete: FkAction | None = None
    span: Span
    feature: str = ""  # the feature that wrote it (an extension may add one later), filled by resolve
    target_span: Span | None = None  # where the target's name is written


@dataclass(slots=True, kw_only=True)
class EntityDecl:
    name: str
    span: Span
    description: str = ""
    external: bool = False
    external_table: str | None = None
    extends: bool = False
    removed: bool = False  # `*(removed)*`: this feature drops the earlier entity
    stored: bool = True  # `*(not stored)*`: kept in the documentation, never a table
    attributes: list[AttributeDecl] = field(default_factory=list)
    indexes: list[IndexDecl] = field(default_factory=list)
    uniques: list[ColumnGroup] = field(default_factory=list)
    checks: list[CheckDecl] = field(default_factory=list)
    primary_key: ColumnGroup | None = None
    table_name: str | None = None
    gloss: str | None = None  # `用戶 (User)`: the name in Latin letters beside a name in another script, for the table
    soft_delete: Span | None = None
    relationships: list[RelationshipDecl] = field(default_factory=list)
    removed_attributes: list[ColumnGroup] = field(default_factory=list)  # `removed: a, b` under *(extends)*
    prose_lines: int = 0  # nested bullets read as prose
    feature: str = ""  # the declaring spec's feature, filled by the resolve pass
    extended_in: list[str] = field(default_factory=list)  # later features that extend it (after folding)


@dataclass(slots=True, kw_only=True)
class SpecFile:
    path: str
    feature: str  # e.g. "001-task-management"
    number: int | None  # the feature's leading number, for ordering
    title: str = ""
    entities: list[EntityDecl] = field(default_factory=list)
    # 1-based (first, last) lines of each entity section, as the front end found them.
    entity_sections: list[tuple[int, int]] = field(default_factory=list)


AnyDefault = Literal_ | SqlText


@dataclass(slots=True, kw_only=True)
class ProjectAst:
    """All specs of a project after the resolve pass, in feature order."""

    specs: list[SpecFile] = field(default_factory=list)
