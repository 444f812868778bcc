"""What `spec2db infer` proposes: entities and columns, each with its evidence.

Every source reader (code blocks, data-model.md tables and bullets, spec.md
prose) produces these plain records; the merge step combines them by trust
(code > table/bullet > prose) and the renderer writes them in the canonical
notation. Nothing here knows where a record came from except through its
`Evidence`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from compiler.diagnostics import Span

SourceKind = Literal["code", "table", "bullet", "prose"]
# Trust order when two sources disagree: a lower rank wins.
TRUST = {"code": 0, "table": 1, "bullet": 1, "prose": 2}


@dataclass(slots=True)
class Evidence:
    """Where a fact was read: the file position and the text that said it."""

    span: Span
    kind: SourceKind
    text: str  # the snippet as written (one line, trimmed), for humans and JSON

    def to_json(self) -> dict:
        return {"at": str(self.span), "kind": self.kind, "text": self.text}


@dataclass(slots=True)
class InferredColumn:
    name: str  # snake_case column name, as the source spells it
    type: str | None  # canonical spec2db type text: `uuid`, `string(200)`, `enum(a, b)`, `decimal(10, 2)`; None: unknown
    required: bool | None = None  # None: the source does not say
    primary_key: bool = False
    unique: bool = False
    indexed: bool = False
    default: str | None = None  # canonical default: a literal (`0`, `'draft'`, `true`) or `(now())`
    references: str | None = None  # the referenced entity's name (not table)
    references_column: str | None = None
    on_delete: Literal["cascade", "restrict", "set null", "set default", "no action"] | None = None
    description: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    composite_key: bool = False  # one column of a composite primary key (`PK Component`, `PRIMARY KEY (a, b)`)
    confident: bool = True  # False: the type was guessed (a W301 finding says so)
    sketched: bool = False  # named by a diagram (an ASCII box) with no type: typed from its name if nothing else types it
    navigated: bool = False  # `references` is a navigation's name (EF's `HasOne(i => i.AssignedUser)`), not a type

    def to_json(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k not in ("evidence", "sketched", "navigated")}
        data["evidence"] = [e.to_json() for e in self.evidence]
        return data


@dataclass(slots=True)
class InferredEntity:
    name: str  # PascalCase or as the spec names it (`Task`, `TaskTag`)
    table: str | None = None  # the table name the source gives, when it gives one
    gloss: str | None = None  # `權限 (Permission)`: the name in Latin letters, which code blocks use
    aliases: list[str] = field(default_factory=list)  # other names its sources give it (`account` for `OAuth Account`)
    description: str = ""
    columns: list[InferredColumn] = field(default_factory=list)
    indexes: list[list[str]] = field(default_factory=list)
    unique_groups: list[list[str]] = field(default_factory=list)
    stored: bool = True  # False: sessions in Redis, UI view models, request objects, value objects
    not_stored_reason: str | None = None
    complete: bool = False  # a CREATE TABLE declares it: its column list is the whole table
    drawn: bool = False  # only a diagram declares it (an ASCII box, a Mermaid erDiagram): it sketches a table, DDL creates one
    external: bool = False  # a table outside the specs that a declared foreign key points at (`*(external)*`)
    existing: bool = False  # the data model lists it among the application's existing tables (`## Existing Entities`)
    kept_in_database: bool = False  # the data model says a database keeps it (`**存储**: MySQL `x` 表`): a table, whatever its name
    described: bool = False  # a data model's table described only in words (`### `roles`` over `Contains ...`): its columns are prose
    evidence: list[Evidence] = field(default_factory=list)
    many_to_many: list[str] = field(default_factory=list)  # entities joined to this one by a join table no source names

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "table": self.table,
            "description": self.description,
            "stored": self.stored,
            "not_stored_reason": self.not_stored_reason,
            "external": self.external,
            "columns": [c.to_json() for c in self.columns],
            "indexes": self.indexes,
            "unique_groups": self.unique_groups,
            "many_to_many": self.many_to_many,
            "evidence": [e.to_json() for e in self.evidence],
        }
