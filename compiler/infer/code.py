"""Code blocks in a data-model.md: the tables, columns, keys and indexes they
declare, read by real parsers and never executed.

Each fenced (or indented) block is dispatched on its info string, or on its
content when it has none, to one reader:

- SQL DDL through sqlglot (PostgreSQL first, then MySQL, SQLite, T-SQL):
  CREATE TABLE, CREATE [UNIQUE] INDEX, ALTER TABLE, CREATE TYPE ... AS ENUM;
- Python through `ast` (SQLModel, SQLAlchemy, Django, Pydantic, dataclasses,
  Alembic `op.create_table`);
- Prisma models and enums through a small Lark grammar (grammar/prisma.lark);
- TypeScript interfaces, type aliases, TypeORM entities and Drizzle tables,
  Go structs (GORM), C# classes and records (EF Core configuration), Java
  classes (JPA), Mermaid `erDiagram` and ASCII-art boxes through small
  scanners that skip what they do not understand.

Interfaces, structs and plain classes are tables only when the file declares
no tables otherwise and they have an id; request, response and state shapes
are proposed with `stored=False` and the reason.

Every column carries the line it was read from. What cannot be typed
confidently is a finding (W340-W359) at its file position, never a guess.
"""

from __future__ import annotations

import json
import logging
import re
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from compiler import linear_re
from compiler.diagnostics import Diagnostic, Diagnostics, Span
from compiler.infer import words as W
from compiler.infer.model import Evidence, InferredColumn, InferredEntity
from compiler.infer.typemap import TypeGuess, canonical_type, enum_type, null_words
from compiler.naming import pascal, singularize, snake

if TYPE_CHECKING:
    from sqlglot import exp

# A block larger than this is not read (a finding says so): every reader is
# linear, but a multi-megabyte "data model" is a dump, not a model.
MAX_BLOCK_CHARS = 1_000_000
MAX_BLOCK_LINES = 20_000
MAX_STATEMENT_CHARS = 200_000
MAX_LINE_CHARS = 2_000  # evidence text is cut here


@lru_cache(maxsize=1)
def _words() -> dict:
    with open(Path(__file__).with_name("data") / "code.json", encoding="utf-8") as f:
        data = json.load(f)
    data["info"] = {word: lang for lang, words in data["languages"].items() for word in words}
    return data


@dataclass(slots=True)
class Block:
    info: str  # the info string's first word, lower case ("" when none)
    lines: list[str]  # the content lines
    first_line: int  # 1-based file line of lines[0]
    fence_line: int  # 1-based file line of the opening fence (or of the first line of an indented block)
    headings: tuple[str, ...] = ()  # the section headings above the block, outermost first (the title excluded)
    label: str = ""  # a bold label right above the block (`**Version-based approach (future enhancement):**`)


def read_code_blocks(path: str, text: str) -> tuple[list[InferredEntity], list[Diagnostic]]:
    """The entities the code blocks of `text` (the contents of `path`) declare, and the findings."""
    reader = _Reader(path, text)
    for block in find_blocks(text):
        reader.read(block)
    result = reader.finish()
    _remember_types(path, text, reader.declared_types())
    return result


# The types the last few files read declare, so `declared_types` after `read_code_blocks` reads nothing twice.
_TYPES_SEEN: dict[tuple[str, str], dict[str, str]] = {}


# a bold label over a block that says the block is for later (`**Sharding (future enhancement):**`, `**Future: ...**`)
FUTURE_LABEL_RE = re.compile(
    rf"(?i)^\W*{W.alternation('future_headings')}\b|[(（]\s*(?:{W.alternation('future_headings')})(?:\s+[\w-]+){{0,2}}\s*[)）]"
)


def _remember_types(path: str, text: str, types: dict[str, str]) -> None:
    if len(_TYPES_SEEN) >= 16:
        _TYPES_SEEN.pop(next(iter(_TYPES_SEEN)))
    _TYPES_SEEN[(path, text)] = types


def declared_types(path: str, text: str) -> dict[str, str]:
    """Type names the code blocks of `text` declare (`create type home_role as enum (...)`,
    `CREATE DOMAIN`, Prisma and TypeScript enums and aliases), lower case, to canonical
    spec2db types: what `typemap.canonical_type(..., types=...)` needs to read a table's
    Type cell that names one (`home_role NOT NULL`)."""
    found = _TYPES_SEEN.get((path, text))
    if found is None:
        read_code_blocks(path, text)
        found = _TYPES_SEEN[(path, text)]
    return dict(found)


def find_blocks(text: str) -> list[Block]:
    """Every fenced and indented code block, with its file lines (markdown-it:
    an unclosed fence runs to the end of the file, as renderers show it)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    blocks = []
    try:
        tokens = md.parse(text)
    except (RecursionError, MemoryError):  # pragma: no cover - markdown-it is iterative on blocks
        return []
    headings: list[tuple[int, str]] = []  # (level, text) of the sections the next block is in
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            level = int(token.tag[1:])
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, tokens[index + 1].content.strip()))
            continue
        if token.type not in ("fence", "code_block") or token.map is None:
            continue
        start, _ = token.map
        fenced = token.type == "fence"
        lines = token.content.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        info = token.info.strip().split(maxsplit=1)[0].lower() if fenced and token.info.strip() else ""
        info = info.strip("{}.")
        sections = tuple(title for level, title in headings if level > 1)  # a `# Data Model: Todo API` title says nothing
        above = tokens[index - 2].content.strip() if index >= 2 and tokens[index - 1].type == "paragraph_close" else ""
        label = above if re.fullmatch(r"\*\*[^*\n]{1,120}\*\*\s*[:：]?|\*\*[^*\n]{1,120}[:：]\*\*", above) else ""
        blocks.append(Block(info, lines, start + (2 if fenced else 1), start + 1, sections, label))
    return blocks


_STRING_LITERAL_RE = re.compile(r"(`|\"\"\"|\'\'\')(.*?)\1", re.DOTALL)
# (`[ \t]*`, not `\s*`: from each line's start, spaces never run on into the next lines, which was quadratic)
_DDL_RE = re.compile(r"(?im)^[ \t]*(?:create|alter)\s+(?:table|unique\s+index|index|type)\b")


# `async function down(`, `def downgrade(`, `down: async (`: the step of a migration the code that follows belongs to
_MIGRATION_STEP_RE = re.compile(
    r"(?:\bfunction\s+|\bdef\s+|^[ \t]*(?:async\s+)?)(up|down|upgrade|downgrade|rollback|revert)\s*(?:\(|:\s*(?:async\s*)?\()", re.MULTILINE
)


def _embedded_sql(block: Block) -> list[Block]:
    """The DDL that code keeps in string literals (Go raw strings, JavaScript template strings, Python triple-quoted
    strings), as SQL blocks at their own lines of the file."""
    text = "\n".join(block.lines)
    if not _DDL_RE.search(text.replace("`", "\n").replace('"""', "\n")):
        return []
    found = []
    # (found once, each literal looks up the last before it: a scan per literal was quadratic on many literals)
    steps = [(m.start(), m.group(1).lower()) for m in _MIGRATION_STEP_RE.finditer(text)]
    line_starts = [0, *(m.end() for m in re.finditer(r"\n", text))]
    for literal in _STRING_LITERAL_RE.finditer(text):
        body = literal.group(2)
        if "\n" not in body and not _DDL_RE.match(body) or not _DDL_RE.search(body):
            continue
        opened = bisect_right(steps, (literal.start(), "")) if steps else 0
        if opened and steps[opened - 1][1] in ("down", "downgrade", "rollback", "revert"):
            continue  # a migration's `down()`: what undoes the change, not the schema
        first = block.first_line + bisect_right(line_starts, literal.start(2)) - 1
        found.append(Block("sql", body.split("\n"), first, block.fence_line, block.headings, block.label))
    return found


def _language(block: Block) -> str | None:
    lang = _words()["info"].get(block.info)
    head = "\n".join(block.lines[:400])
    if lang == "typescript" and PRISMA_MODEL_RE.search(head):
        return "prisma"  # Prisma fenced as ```typescript for its highlighting: `model X {` is no TypeScript statement
    if lang not in (None, "text"):
        return lang
    if lang is None and block.info:
        return None  # json, bash, http, redis...: not a data model
    if _DDL_RE.search(head):
        return "sql"
    if re.search(r"(?m)^\s*(model|enum)\s+\w+\s*\{", head):
        return "prisma"
    if re.search(r"(?m)^\s*(export\s+)?(interface\s+\w+|type\s+\w+\s*=)", head):
        return "typescript"
    if re.search(r"(?m)^\s*erDiagram\b", head):
        return "mermaid"
    if re.search(r"(?m)^\s*class\s+\w+(\(.*\))?\s*:\s*$", head) or re.search(r"(?m)^\s*@dataclass", head):
        return "python"
    if re.search(r"(?m)^\s*class\s+\w+\s+extends\s+Table\s*\{", head):
        return "dart"  # Drift's table classes, fenced without a language
    if re.search(r"(?m)^\s*type\s+\w+\s+struct\s*\{", head):
        return "go"
    if re.search(r"(?m)^\s*(public\s+)?(class|record)\s+\w+", head) and re.search(r"\{\s*get;", head) or "modelBuilder.Entity<" in head:
        return "csharp"
    if re.search(r"(?m)^\s*@(Entity|Table)\b", head) and re.search(r"\bclass\s+\w+", head):
        # JPA (`private String name;`) or TypeORM (`name!: string;`)
        return "typescript" if re.search(r"(?m)^\s*\w+[!?]?\s*:\s*[\w'\"]", head) else "java"
    if re.search(r"[+┌╔][-=─═]{3,}[+┐╗]", head) and re.search(r"(?m)^\s*[|│║].*[|│║]", head):
        return "ascii"
    return None


# A string literal on one line, quoted either way (masked before looking for a `#`, `//` or `;` outside it)
QUOTED_ON_ONE_LINE_RE = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
PRISMA_MODEL_RE = re.compile(r"(?m)^\s*model\s+\w+\s*\{[^}]*(@id\b|@@|@default\(|@relation\()")

# Languages whose declarations are shapes (API bodies, client state) unless a table says otherwise.
_SHAPE_LANGUAGES = {"typescript", "go", "csharp", "java"}

# Which declaration of a column wins inside one data-model.md.
_SQLITE_STORAGE = {"integer", "bigint", "text", "real", "double", "bytes"}  # what SQLite keeps any value as
_RANK = {
    "sql": 0,
    "prisma": 1,
    "python": 1,
    "dart": 1,
    "go": 2,
    "csharp": 2,
    "java": 2,
    "typescript": 3,
    "yaml": 3,
    "mermaid": 4,
    "ascii": 4,
}


PYTHON_ENUM_CLASS_RE = re.compile(r"(?m)^[ \t]*class[ \t]+(\w+)[ \t]*\([^)\n]*\b(?:Str|Int)?(?:Enum|Flag|TextChoices|IntegerChoices)\b")


class _Reader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.file_lines = re.split(r"\r\n|\r|\n", text)  # as markdown-it counts lines
        self.diags = Diagnostics()
        self.entities: dict[str, InferredEntity] = {}
        self.tables: dict[str, str] = {}  # table name (lower) -> entity name
        self.enums: dict[str, list[str]] = {}  # enum type name (lower) -> values
        self.choices: dict[str, list[str]] = {}  # Django's `STATUS_CHOICES` constants (lower) -> the values stored
        # Python enum classes anywhere in the file (lower): `status: BacktestStatus` is a column even when the enum is
        # declared in a block below the class (`## Enums` after `## Entity Definitions`); `finish` types it
        self.enum_classes = {m.group(1).lower() for m in PYTHON_ENUM_CLASS_RE.finditer(text)}
        self.aliases: dict[str, str] = {}  # type alias or domain name (lower) -> canonical type
        # columns whose written type is unknown or uncertain, by id(column): an enum declared later in
        # the file settles them, else `finish` reports them
        self.pending: dict[int, tuple[InferredEntity, InferredColumn, str, int, TypeGuess]] = {}
        # a class's type the DDL stores as TEXT (`status: TaskStatus`, `requester: RequesterInfo` over `status TEXT`):
        # settled in `finish` as the enum or the JSON the text holds
        self.held_as_text: dict[int, tuple[InferredEntity, InferredColumn, str, int, TypeGuess]] = {}
        self.by_name: dict[int, dict[str, InferredColumn]] = {}  # id(entity) -> its columns by name
        self.groups: dict[int, set[tuple[bool, tuple[str, ...]]]] = {}  # id(entity) -> its index groups
        self.deferred: list = []  # work that needs every block read first
        # columns named `<entity>_id` in languages without foreign key syntax (TypeScript, Go, C#...)
        self.maybe_fk: list[tuple[InferredEntity, InferredColumn]] = []
        # columns typed by a class name: an enum declared somewhere in the file, or an object (dropped)
        self.object_refs: list[tuple[InferredEntity, InferredColumn, str, int]] = []  # ..., the rank that wrote it
        self.go_columns: set[int] = set()  # ids of the columns Go structs declare (a named type there is a kind of value)
        self.created: set[str] = set()  # entities a CREATE TABLE declares
        self.renamed: dict[str, str] = {}  # `theme_feeds_new` -> `theme_feeds` (`ALTER TABLE theme_feeds_new RENAME TO theme_feeds`)
        self.schemas: set[str] = set()  # schemas the file's CREATE TABLEs name (lower case)
        self.table_decl: set[str] = set()  # entities declared as tables (DDL, ORM, Prisma, ER diagrams)
        self.shape_decl: set[str] = set()  # entities declared as shapes (interfaces, structs, plain classes)
        self.yaml_decl: set[str] = set()  # records a YAML block lists with their fields' types
        self.schema_decl: set[str] = set()  # entities declared as tables by DDL or ORM code (diagrams only sketch them)
        self.lang = ""
        self.dialect = "postgres"  # the SQL dialect that read the current statement
        self.rank = 0  # trust of the block being read: lower wins
        self.ranks: dict[int, int] = {}  # id(column) -> the rank that declared it
        self.retyped: set[int] = set()  # columns whose next `typed` call sets the type
        self.moded: set[int] = set()  # columns an ORM typed by what they hold (`{ mode: 'boolean' }`), not by SQLite's storage
        self.order: dict[int, int] = {}  # id(column) -> when its most trusted declaration was read
        self.section_reason: str | None = None  # why the current block's section holds no tables
        self.section_heading = ""  # the heading that says so
        self.under_heading: dict[str, str] = {}  # entity -> why, when declared under `## DTOs`, `## Not in Database`...
        self.outside_heading: set[str] = set()  # entities declared at least once elsewhere

    # -- positions and evidence

    def line_text(self, line: int) -> str:
        if 1 <= line <= len(self.file_lines):
            return self.file_lines[line - 1]
        return ""

    def span(self, line: int, needle: str | None = None) -> Span:
        text = self.line_text(line)[:MAX_LINE_CHARS]
        col = _word_at(text, needle) if needle else -1
        if col < 0:
            col = len(text) - len(text.lstrip())
            end = len(text.rstrip())
        else:
            end = col + len(needle)
        return Span(self.path, line, col + 1, line, max(end, col) + 1)

    def evidence(self, line: int, needle: str | None = None) -> Evidence:
        return Evidence(self.span(line, needle), "code", self.line_text(line).strip()[:MAX_LINE_CHARS])

    def finding(self, code: str, message: str, line: int, needle: str | None = None) -> None:
        self.diags.report(code, message, self.span(line, needle))

    # -- dispatch

    def read(self, block: Block) -> None:
        lang = _language(block)
        if lang != "sql":
            for embedded in _embedded_sql(block):  # `CREATE TABLE` in a Go raw string or a Python triple-quoted one
                self.read(embedded)
        if lang is None:
            return
        size = sum(len(line) + 1 for line in block.lines)
        if size > MAX_BLOCK_CHARS or len(block.lines) > MAX_BLOCK_LINES:
            self.finding(
                "W342",
                f"a {lang} block of {len(block.lines)} lines ({size} characters) is too large to read; it is skipped",
                block.fence_line,
            )
            return
        readers = {
            "sql": _read_sql,
            "python": _read_python,
            "prisma": _read_prisma,
            "typescript": _read_typescript,
            "go": _read_go,
            "csharp": _read_curly_class,
            "java": _read_curly_class,
            "dart": _read_dart,
            "mermaid": _read_mermaid,
            "ascii": _read_ascii,
            "yaml": _read_yaml,
        }
        self.rank = _RANK.get(lang, 9)
        self.lang = lang
        self.section_reason, self.section_heading = _not_stored_section(block.headings)
        future = next((h for h in reversed(block.headings) if W.find(h, W.words()["future_headings"])), None)
        if future is None and FUTURE_LABEL_RE.search(block.label):
            future = block.label  # `**Version-based approach (future enhancement):**`, not `... so future needs ...`
        if future is not None:
            self.finding("W315", f"a {lang} block under '{future}' is future or out-of-scope work; not read", block.fence_line)
            return
        try:
            readers[lang](self, block)
        except (RecursionError, MemoryError):
            self.finding("W340", f"a {lang} block is nested too deeply to read; it is skipped", block.fence_line)

    # -- building

    def entity(
        self,
        name: str,
        line: int,
        *,
        table: str | None = None,
        needle: str | None = None,
        shape: bool | None = None,
        indexed: bool = False,
    ) -> InferredEntity:
        """The entity `name` (made on first sight). `shape`: declared as an
        in-memory or API shape (an interface, a struct, a plain class), not as a table. `indexed`: named by a
        CREATE INDEX only, a table the file does not declare (so its interfaces may be the tables)."""
        if shape is None:
            shape = self.lang in _SHAPE_LANGUAGES
        (self.shape_decl if shape else self.table_decl).add(name)
        if not shape and not indexed and self.lang not in ("mermaid", "ascii"):
            self.schema_decl.add(name)
        from compiler.infer.datamodel import _heading_title  # (datamodel imports this module)

        # (`### 1. Pump Configuration` over `interface PumpConfiguration`: the entity's own heading, no section about config)
        own = W.entity_key(_heading_title(self.section_heading)) == W.entity_key(name)
        # (`### UserAccountSummary (this feature's own CRUD response shape)`: its own heading, saying what it is)
        glossed = own and _not_stored_section((" ".join(re.findall(r"[(（]([^()（）]*)[)）]", self.section_heading)),))[0]
        if self.section_reason and (not own or glossed):
            self.under_heading.setdefault(name, self.section_reason)
        else:
            self.outside_heading.add(name)
        entity = self.entities.get(name)
        if entity is None:
            entity = self.entities[name] = InferredEntity(name=name, table=table)
        elif table and not entity.table:
            entity.table = table
        if table:
            self.tables.setdefault(table.lower(), name)
        entity.evidence.append(self.evidence(line, needle))
        return entity

    def rename(self, old: str, new: str) -> None:
        """The entity `old` is called `new` from here on (a CREATE TABLE named it after its table; the ORM class
        mapped to that table, read later, gives the name the team uses)."""
        if old == new or old not in self.entities or new in self.entities:
            return
        entity = self.entities[new] = self.entities.pop(old)
        entity.name = new
        for names in (self.table_decl, self.shape_decl, self.schema_decl, self.created, self.outside_heading):
            if old in names:
                names.discard(old)
                names.add(new)
        if old in self.under_heading:
            self.under_heading[new] = self.under_heading.pop(old)
        if old in self.renamed:
            self.renamed[new] = self.renamed.pop(old)
        for table, name in self.tables.items():
            if name == old:
                self.tables[table] = new

    def column(self, entity: InferredEntity, column: InferredColumn, line: int, needle: str | None = None) -> InferredColumn:
        """Add `column`, or merge it into an earlier declaration of the same
        column: the more trusted language wins (DDL over ORM code over
        TypeScript), and each fills what the other left open."""
        column.evidence.append(self.evidence(line, needle or column.name))
        known = self._known(entity)
        existing = known.get(column.name)
        if existing is not None:
            if self.rank < self.ranks.get(id(existing), 99):
                evidence = [*column.evidence, *existing.evidence]  # the trusted line first
                _fill(column, existing)
                for name in InferredColumn.__slots__:
                    setattr(existing, name, getattr(column, name))
                existing.evidence = evidence
                self.ranks[id(existing)] = self.rank
                self.order[id(existing)] = len(self.order)
                self.retyped.add(id(existing))
            else:
                _fill(existing, column)
            return existing
        entity.columns.append(column)
        known[column.name] = column
        self.ranks[id(column)] = self.rank
        self.order[id(column)] = len(self.order)
        self.retyped.add(id(column))
        return column

    def add_index(self, entity: InferredEntity, names: list[str], *, unique: bool) -> None:
        """An index or unique constraint: a flag on its column when it has one, else a group."""
        if len(names) == 1:
            column = self.find_column(entity, names[0])
            if column is not None:
                if unique:
                    column.unique = True
                else:
                    column.indexed = True
                return
        seen = self.groups.setdefault(id(entity), set())
        key = (unique, tuple(names))
        if key not in seen:
            seen.add(key)
            (entity.unique_groups if unique else entity.indexes).append(names)

    def _known(self, entity: InferredEntity) -> dict[str, InferredColumn]:
        known = self.by_name.setdefault(id(entity), {})
        if len(known) != len(entity.columns):  # a reader changed the list itself
            known.clear()
            known.update((c.name, c) for c in entity.columns)
        return known

    def find_column(self, entity: InferredEntity, name: str) -> InferredColumn | None:
        """The column `name` of `entity`, if declared (a dict lookup, not a scan)."""
        return self._known(entity).get(name)

    def typed(self, entity: InferredEntity, column: InferredColumn, raw: str, line: int, guess: TypeGuess | None = None) -> TypeGuess:
        """Set `column.type` from the written type `raw`; enums and unknown
        names are settled in `finish`, once every block is read."""
        guess = guess or canonical_type(raw, column=column.name)
        if id(column) not in self.retyped and column.type is not None:
            return guess  # a more trusted declaration typed it already
        if id(column) in self.moded and column.type is not None and guess.type in _SQLITE_STORAGE:
            self.retyped.discard(id(column))
            return guess  # `created_at INTEGER` in SQLite's DDL after Drizzle's `{ mode: 'timestamp' }`: how it is stored
        waiting = self.pending.get(id(column))
        # (a one-value enum is a class named ahead, `"Folder"`, read as a literal: the DDL's text stands)
        enumerated = (column.type or "").startswith("enum(") and "," in (column.type or "")
        held = enumerated or column.type in ("json", "jsonb") or waiting and waiting[4].reference
        if self.lang == "sql" and _type_key(raw) == "text" and id(column) in self.retyped and held:
            # `status TEXT` in the DDL of a `status: TaskStatus` field, `payload TEXT` of a `dict[str, Any]`: what the
            # text holds is the class's type
            if waiting is not None:
                self.held_as_text[id(column)] = self.pending.pop(id(column))
            self.retyped.discard(id(column))
            return guess
        self.retyped.discard(id(column))
        column.type = guess.type
        column.confident = guess.type is not None and guess.confident
        if guess.nullable is not None and column.required is None:
            column.required = not guess.nullable
        self.pending.pop(id(column), None)
        if guess.type is None or not guess.confident:
            self.pending[id(column)] = (entity, column, raw, line, guess)
        elif (
            self.lang in _SHAPE_LANGUAGES
            and _type_key(raw) in _words()["vague_shape_types"]
            and guess.type == canonical_type(raw, column=column.name).type
        ):
            # `id: string`, `CreatedAt string`: text is all an interface or struct can say of a uuid or a
            # timestamp; a table or DDL that says more wins the merge (no finding: nothing is wrong here). A comment
            # that says more (`id: string // Unique identifier (UUID)`) is the member's own word: it stands
            column.confident = False
        return guess

    def finish(self) -> tuple[list[InferredEntity], list[Diagnostic]]:
        for apply in self.deferred:
            apply()  # what refines columns declared anywhere in the file (EF Core's configuration)
        self._records_of_tables()
        for name in self.created & set(self.entities):
            entity = self.entities[name]
            if not entity.stored and entity.not_stored_reason in (_not_stored_reason(name), PYDANTIC_SHAPE, SQLMODEL_SCHEMA):
                # `interface DrillResponse` then `CREATE TABLE drill_responses`, `class Task(BaseModel)` then `CREATE
                # TABLE tasks`: the name or the class reads as a shape, the DDL says it is a table
                entity.stored, entity.not_stored_reason = True, None
        for entity in self.entities.values():
            # columns in the order of the most trusted declaration (the DDL's, not a diagram's above it)
            entity.columns.sort(key=lambda c: (self.ranks.get(id(c), 99), self.order.get(id(c), 0)))
        for name, table in self.renamed.items():
            # a SQLite rebuild: the table it becomes, declared under its own name too or else under this one's
            target = self.tables.get(table.lower()) or entity_name(table)
            entity = self.entities.pop(name, None)
            self.created.discard(name)
            if entity is not None and target not in self.entities:
                entity.name, entity.table = target, table
                self.entities[target] = entity
                self.created.add(target)
        for name in self.created:
            # CREATE TABLE is the whole table: what only an interface or a struct adds is an API field
            entity = self.entities[name]
            for column in entity.columns:
                if self.ranks.get(id(column), 0) > _RANK["sql"]:
                    self.pending.pop(id(column), None)
            entity.columns = [c for c in entity.columns if self.ranks.get(id(c), 0) <= _RANK["sql"]]
            entity.complete = True
        for entity in self.entities.values():
            # a diagram sketches (`duration_sec`, `thumbnail` for `thumbnail_url`): an untyped name in a box
            # is no column when code in the same file declares the entity
            if any(self.ranks.get(id(c), 99) < _RANK["mermaid"] for c in entity.columns):
                sketched = {id(c) for c in entity.columns if c.type is None and self.ranks.get(id(c), 0) >= _RANK["mermaid"]}
                for key in sketched:
                    self.pending.pop(key, None)
                entity.columns = [c for c in entity.columns if id(c) not in sketched]
        objects: dict[int, set[int]] = {}  # id(entity) -> ids of its columns that name an object
        for entity, column, name, rank in self.object_refs:
            if self.ranks.get(id(column), rank) < rank:
                continue  # a more trusted declaration (the DDL) made it a column
            target = self.entities.get(name)
            keyless = target is not None and target is not entity and not any(c.primary_key or c.name == "id" for c in target.columns)
            navigation = self.find_column(entity, f"{column.name}_id") is not None
            if (
                name.lower() not in self.enums
                and name.lower() not in self.aliases
                and (keyless or W.value_type_name(name))
                and not navigation
            ):
                # `location: GeoLocation` (no id of its own), `dockerContainers: ContainerInfo[]`: a value kept in the row
                self._typed_instead(
                    column, "jsonb", "W344", f"{entity.name}.{column.name}: '{name}' is a value with no key of its own; read as jsonb"
                )
                continue
            # (Go only: elsewhere such a name is as often an entity of another block or feature, `category: ProductCategory`)
            go_kind = id(column) in self.go_columns and W.kind_type_name(name)
            if target is None and name.lower() not in self.enums and name.lower() not in self.aliases and go_kind and not navigation:
                # `Type ActivityType` whose values this file does not give: a named kind of value, kept as text
                said = (
                    f"{entity.name}.{column.name}: '{name}' is declared nowhere here; its name says a kind of value, typed text, check it"
                )
                self._typed_instead(column, "text", "W301", said)
                continue
            if name.lower() not in self.enums and name.lower() not in self.aliases:
                # `profile UserProfile?`, `auth: AuthState`: an object, not a column
                objects.setdefault(id(entity), set()).add(id(column))
                self.pending.pop(id(column), None)
                # `CreatorId` beside `User Creator`, `UploadedByUserId` beside `User UploadedBy`, or the key EF's
                # `HasOne(d => d.UploadedBy)` pointed at the navigation's name
                navigated = (
                    self.find_column(entity, f"{column.name}_id")
                    or self.find_column(entity, f"{column.name}_{W.snake(name)}_id")
                    or next((c for c in entity.columns if (c.references or "").lower() == column.name.replace("_", "")), None)
                )
                if (
                    navigated is not None
                    and navigated is not column
                    and (navigated.references or "").lower() in ("", column.name.replace("_", ""))
                ):
                    navigated.references = name  # `CreatorId` beside `User Creator`: the key points at the navigation's type
                    navigated.navigated = False
        for entity in self.entities.values():
            gone = objects.get(id(entity))
            if gone:
                entity.columns = [c for c in entity.columns if id(c) not in gone]
        for entity in self.entities.values():
            keys = [c for c in entity.columns if c.primary_key]
            if not keys and not any(c.composite_key for c in entity.columns):
                # `id: int` in a dataclass, `id: string` in an interface: the key by convention
                keys = [c for c in entity.columns if c.name == "id"]
                for column in keys:
                    column.primary_key, column.required = True, True
            if len(keys) > 1:  # `PRIMARY KEY (a, b)`, `@@id([a, b])`: one key over several columns
                for column in keys:
                    column.primary_key, column.composite_key, column.required = False, True, True
        for name, reason in self.under_heading.items():
            entity = self.entities.get(name)
            # only shapes (interfaces, structs, plain classes): a CREATE TABLE or an ORM table is a table wherever it stands
            if entity is not None and name not in self.outside_heading and name not in self.table_decl and entity.stored:
                entity.stored, entity.not_stored_reason = False, reason
        self._shapes()
        for entity, column, raw, line, guess in self.held_as_text.values():
            values = self.enums.get(_type_key(raw)) or (self.enums.get(guess.reference.lower()) if guess.reference else None)
            shape = self.entities.get(guess.reference or "")
            if values and len(values) >= 2 and not raw.strip().endswith("]"):
                column.type, column.confident = enum_type(values), True  # (`"Folder"`, a class named ahead, is no enum)
            elif shape is not None and not shape.stored or guess.type in ("json", "jsonb"):
                column.type, column.confident = "json", True  # `requester: RequesterInfo`, a value kept whole in the text
            elif column.type is None:
                column.type, column.confident = "text", True  # (a CHECK of the DDL may have said its values already)
        for entity, column, raw, line, guess in self.pending.values():
            alias = self.aliases.get(_type_key(raw))
            if alias is not None and column.type is None:
                # `CREATE DOMAIN amount AS NUMERIC(12,2)`, `type UserId = string`: the type it names
                array = re.search(r"\[\]\s*$|^(List|list|Array|Vec)\s*[\[<]", raw.strip())
                column.type, column.confident = (alias + "[]" if array and not alias.endswith("]") else alias), True
                continue
            values = self.enums.get(_type_key(raw)) or (self.enums.get(guess.reference.lower()) if guess.reference else None)
            if values:
                column.type, column.confident = enum_type(values), True
                if re.search(r"\[\]\s*$|^(List|list|Array|Vec|Set|set)\s*[\[<]", raw.strip()):
                    column.type = "text[]"  # spec2db has no arrays of enums
                continue
            if column.type is not None and guess.confident or not entity.stored:
                continue  # a shape that is not stored stays untyped: its doubts are nobody's
            what = guess.note or f"unknown type '{raw}'"
            if column.type is None:
                self.finding(
                    "W341",
                    f"{entity.name}.{column.name}: type '{raw}' not understood ({what}); the column is left untyped",
                    line,
                    column.name,
                )
            else:
                self.finding("W344", f"{entity.name}.{column.name}: '{raw}' read as {column.type}, not certain ({what})", line, column.name)
        for entity in self.entities.values():
            for column in entity.columns:
                if column.references is None:
                    continue
                schema = column.references.rpartition(".")[0]
                if schema and schema.lower() not in ("public", *self.schemas):
                    # Supabase's `auth.users`, another service's schema: no table of this model
                    column.description = _join(column.description, f"references {column.references} (outside this schema)")
                    column.references = column.references_column = column.on_delete = None
                    continue
                column.references = self.entity_for(column.references)
        _uuid_keys(self.entities)
        by_name = {snake(name): name for name in self.entities}
        for entity, column in self.maybe_fk:
            m = re.fullmatch(r"(\w+?)_id", column.name)
            target = by_name.get(m.group(1)) if m else None
            if column.references is None and target and target != entity.name and self.entities[target].stored:
                column.references = target
        for name, entity in self.entities.items():
            entity.drawn = name not in self.schema_decl and name not in self.shape_decl
        return list(self.entities.values()), self.diags.sorted()

    def declared_types(self) -> dict[str, str]:
        types = {name: enum_type(values) for name, values in self.enums.items() if values}
        for name, alias in self.aliases.items():
            types.setdefault(name, alias)
        return types

    def _records_of_tables(self) -> None:
        """`CheckpointSnapshot:` in YAML with the fields of `CREATE TABLE checkpoints`: the table, named otherwise, so
        one entity, not two; the record's closed lists type the table's TEXT columns."""
        for name in sorted(self.yaml_decl - self.created):
            record = self.entities.get(name)
            own = {c.name: c for c in (record.columns if record else [])}
            fits = [t for t in self.created if t != name and len(own.keys() & {c.name for c in self.entities[t].columns}) >= 0.8 * len(own)]
            if record is None or len(own) < 3 or len(fits) != 1:
                continue
            table = self.entities[fits[0]]
            for column in table.columns:
                said = own.get(column.name)
                if said is not None and column.type == "text" and (said.type or "").startswith("enum("):
                    column.type = said.type  # `status TEXT` of `status: "created|pending|running"`
            del self.entities[name]
            self.yaml_decl.discard(name)
            self.table_decl.discard(name)
            self.schema_decl.discard(name)

    def _shapes(self) -> None:
        """An interface, struct or plain class is a table only when nothing
        else in the file declares tables and it has an identity of its own."""
        for name, entity in self.entities.items():
            if name in self.table_decl or name not in self.shape_decl or not entity.stored:
                continue
            if self.schema_decl:
                entity.stored = False
                entity.not_stored_reason = f"'{name}' is declared only as an interface, struct or class, while this file declares its tables as such: an API or in-memory shape"
            elif not any(c.primary_key or c.composite_key for c in entity.columns) and (
                self._held_in_lists(name)
                and not {self.entity_for(c.references) for c in entity.columns if c.references} & self._holders(name)
                or not any(c.references for c in entity.columns)
                and (self._held_in_lists(name) or not _keyed_by_first(entity))
            ):
                # (`userId: string // Reference to User.id`: a row that points at another, keyed or not; an element of
                # another's list is one only when it points back at its holder: `orderId // FK to Order` in the
                # `items: OrderItem[]` of an Order, not `document_id  # FK to RuleDocument` in a RagContext's chunks)
                entity.stored = False
                entity.not_stored_reason = f"'{name}' has no id: a value or state shape, not a table"

    def _typed_instead(self, column: InferredColumn, type_: str, code: str, message: str) -> None:
        """A column typed by a name that is no entity, typed `type_` instead as a guess, with a finding that says so."""
        self.pending.pop(id(column), None)
        column.type, column.confident, column.references = type_, False, None
        if column.evidence:
            self.diags.report(code, message, column.evidence[0].span)

    def _holders(self, name: str) -> set[str]:
        """The entities whose declarations hold a list of `name` (`items: OrderItem[]` inside `interface Order`)."""
        held = _list_of(name)
        header = re.compile(r"^\s*(?:export\s+)?(?:public\s+)?(?:class|interface|model|struct|type|record)\s+(\w+)")
        found: set[str] = set()
        for n, line in enumerate(self.file_lines):
            if len(line) <= MAX_LINE_CHARS and held.search(line):
                owner = next((m.group(1) for m in map(header.match, reversed(self.file_lines[max(0, n - 200) : n + 1])) if m), None)
                if owner is not None:
                    found.add(self.entity_for(owner))
        return found

    def _held_in_lists(self, name: str) -> bool:
        """`document_chunks: List[DocumentChunk]` anywhere in the file: the class is an element of another's list."""
        held = _list_of(name)
        return any(held.search(line) for line in self.file_lines if len(line) <= MAX_LINE_CHARS)

    def entity_for(self, target: str) -> str:
        """The entity a table or class name in a foreign key means."""
        name = target.strip().strip("\"'`[]")
        if name.rsplit(".", 1)[-1] in self.entities:
            return name.rsplit(".", 1)[-1]
        last = name.rsplit(".", 1)[-1]
        table = last.lower()
        if table not in self.tables and re.fullmatch(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+", last):
            return last  # `TaskItem`, a class this file does not declare: its name as written, not `Taskitem`
        return self.tables.get(table) or entity_name(table)


def _list_of(name: str) -> re.Pattern:
    """A list of `name` in any language: `List[DocumentChunk]`, `Vec<Item>`, `OrderItem[]`."""
    return re.compile(rf"(?:\b(?:List|list|Array|Sequence|Vec)\s*[\[<]\s*{re.escape(name)}\s*[\]>]|\b{re.escape(name)}\[\])")


def _keyed_by_first(entity: InferredEntity) -> bool:
    """`event_id` first in AuditEvent, `key` first in IdempotencyKey: a first field named after the class's last word
    (or all of it) is its identity, which makes it the key."""
    if not entity.columns:
        return False
    first = entity.columns[0]
    words = snake(entity.name).split("_")
    named = first.name in (f"{words[-1]}_id", f"{'_'.join(words)}_id") or first.name == "key" == words[-1]
    if not named or first.type is None:
        return False  # (`message` first in ChatMessage: its text, not its identity)
    first.primary_key = first.required = True
    return True


def _uuid_keys(entities: dict[str, InferredEntity]) -> None:
    """A string key that defaults to a UUID (Prisma `String @id @default(uuid())`)
    is a uuid, and so are the string columns that reference it."""
    keys = {}
    for entity in entities.values():
        for column in entity.columns:
            if column.type in ("text", "string") and column.default == "(gen_random_uuid())":
                column.type = "uuid"
            if column.primary_key:
                keys[entity.name] = column.type
    for entity in entities.values():
        for column in entity.columns:
            if column.references and column.type in ("text", "string") and keys.get(column.references) == "uuid":
                column.type = "uuid"


def _word_at(text: str, word: str) -> int:
    """Where `word` stands in `text` as a whole word (else anywhere, else -1); no regex per word."""
    start = text.find(word)
    first = start
    while start >= 0:
        before = text[start - 1] if start else " "
        after = text[start + len(word)] if start + len(word) < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return start
        start = text.find(word, start + 1)
    return first


def _fill(existing: InferredColumn, new: InferredColumn) -> None:
    if existing.type is None:
        existing.type = new.type
    if existing.required is None:
        existing.required = new.required
    existing.primary_key |= new.primary_key
    existing.unique |= new.unique
    existing.indexed |= new.indexed
    for name in ("default", "references", "references_column", "on_delete"):
        if getattr(existing, name) is None:
            setattr(existing, name, getattr(new, name))
    if not existing.description:
        existing.description = new.description
    existing.evidence.extend(new.evidence)


def _type_key(raw: str) -> str:
    """The name a written type refers to, lower case, for looking up enums:
    `Mapped[Optional[Status]]`, `Status | None`, `models.Status?`, `Status[]` -> `status`."""
    text = linear_re.sub(r"\s*\|\s*(null|undefined|None)\b", "", raw.strip())
    for _ in range(4):  # wrappers nest: Mapped[Optional[X]]
        text = re.sub(r"^(Optional|Mapped|Option|Nullable|List|list|Array|Vec)\s*[\[<](.*)[\]>]$", r"\2", text.strip())
    text = text.strip().rstrip("?").removesuffix("[]").strip()
    return text.strip("\"'").rsplit(".", 1)[-1].lower()


def singular(table: str) -> str:
    """`users` -> `user`, `categories` -> `category`, `children` -> `child`:
    the word whose plural (by `naming.pluralize`) is `table`."""
    return singularize(snake(table))


def entity_name(table: str) -> str:
    """The entity a table name stands for: `user_roles` -> `UserRole`."""
    return pascal(singular(table)) or table


def orm_entity_name(class_name: str, table: str | None) -> str:
    """The entity an ORM class maps: `UserJpaEntity` (table `users`) and `TaskModel` are
    `User` and `Task`; a class without such a suffix keeps its name."""
    for suffix in _words()["orm_class_suffixes"]:
        stem = class_name[: -len(suffix)]
        matches_table = table is None or snake(stem) in (snake(table), singular(table)) or entity_name(table) == stem
        if class_name.endswith(suffix) and stem and stem[0].isupper() and matches_table:
            return stem
    return class_name


def column_name(name: str) -> str:
    """snake_case, as spec2db writes columns: `passwordHash` -> `password_hash`."""
    return snake(name) or name


# what a Python class's kind alone says of it: a shape, unless a CREATE TABLE of the same document declares its table
PYDANTIC_SHAPE = "a Pydantic model: a request or response shape"
SQLMODEL_SCHEMA = "an SQLModel class without table=True: a schema, not a table"


def _not_stored_section(headings: tuple[str, ...]) -> tuple[str | None, str]:
    """Why a block under these headings declares no tables (`## Entities (Static, Not in Database)`,
    `### DTOs`, `## Frontend State`), and the heading that says so; (None, "") when none does."""
    phrases = _words()["not_stored_headings"] + W.words()["not_stored_headings"]
    for heading in reversed(headings):
        if W.find(heading, phrases) is not None:
            return f"declared under the heading '{heading}', which holds no tables", heading
    return None, ""


def _not_stored_reason(name: str) -> str | None:
    words = _words()
    for suffix in words["not_stored_suffixes"]:
        if name.endswith(suffix) and name != suffix and name[-len(suffix) - 1].isalnum():  # `TaskCreate`, `MCPRequest`
            if snake(name[: -len(suffix)]) in _kept_before(suffix):
                continue  # `PurchaseRequest`, `LeaveRequest`: a request someone makes, a record (as the prose reads it)
            return f"'{name}' names a {suffix.lower()} shape, not a stored table"
    for prefix in words["not_stored_prefixes"]:
        if name.startswith(prefix) and len(name) > len(prefix) and name[len(prefix)].isupper():
            return f"'{name}' names a {prefix.lower()} shape, not a stored table"
    return None


def _kept_before(suffix: str) -> set[str]:
    """The words before `suffix` that make a stored record's name (data/words.json `not_stored_names`)."""
    entry = next((e for e in W.words()["not_stored_names"] if e.get("last") and e["word"].lower() == suffix.lower()), None)
    return set(entry.get("unless_after", ())) if entry else set()


def _on_delete(text: str | None) -> str | None:
    if not text:
        return None
    key = " ".join(re.split(r"[\s.]+", text.strip().strip("\"'").lower()))
    key = key.rsplit(" ", 2)[-2:] if key.count(" ") > 1 else [key]
    key = " ".join(key)
    table = _words()["on_delete"]
    return table.get(key) or table.get(key.rsplit(" ", 1)[-1].replace(" ", "_"))


def _default(text: str) -> str | None:
    """A default as the canonical notation writes it."""
    raw = text.strip()
    low = raw.lower()
    words = _words()
    if low in words["now_defaults"] or re.sub(r"\(\s*\d*\s*\)$", "()", low) in words["now_defaults"]:
        return "(now())"  # `now()`, `CURRENT_TIMESTAMP(6)`, `SYSUTCDATETIME()`
    if low in words["uuid_defaults"]:
        return "(gen_random_uuid())"
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", raw):
        return raw
    if low in ("true", "false"):
        return low
    if low in ("null", "none"):
        return None
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return "'" + raw[1:-1].replace("'", "''") + "'"
    return None


# -- SQL

_SQL_DIALECTS = ("postgres", "mysql", "sqlite", "tsql", "clickhouse")


@contextmanager
def _quiet_sqlglot():
    log = logging.getLogger("sqlglot")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def split_sql(lines: list[str]) -> list[tuple[int, int, str, int]]:
    """Statements, the 0-based lines each starts and ends on, and the line its
    text (from just after the previous `;`) begins on; split at
    `;` outside quotes, dollar quotes and comments (linear)."""
    text = "\n".join(lines)
    out: list[tuple[int, int, str, int]] = []
    i, n, start, line, start_line, text_line = 0, len(text), 0, 0, None, 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch == "-" and text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
            continue
        elif ch in "'\"`":
            end = text.find(ch, i + 1)
            end = n if end < 0 else end + 1
            if start_line is None:
                start_line = line
            line += text.count("\n", i, end)
            i = end
            continue
        elif ch == "$":
            m = re.match(r"\$\w*\$", text[i : i + 64])
            if m:
                end = text.find(m.group(0), i + len(m.group(0)))
                end = n if end < 0 else end + len(m.group(0))
                line += text.count("\n", i, end)
                i = end
                continue
        elif ch == ";":
            if start_line is not None:
                out.append((start_line, line, text[start:i], text_line))
            start, start_line, text_line = i + 1, None, line
        elif not ch.isspace() and start_line is None:
            start_line = line
        i += 1
    if start_line is not None and text[start:].strip():
        out.append((start_line, line, text[start:], text_line))
    return out


def _parse_statement(stmt: str, first: str | None = None):
    """The one CREATE, ALTER or COMMENT statement `stmt` holds, parsed by the first dialect that reads it (`first`
    tried before the others), and that dialect; (None, None) when none does."""
    import sqlglot
    from sqlglot import exp

    with _quiet_sqlglot():
        for dialect in sorted(_SQL_DIALECTS, key=lambda d: d != first):
            try:
                parsed = sqlglot.parse(stmt, read=dialect)
            except (sqlglot.errors.SqlglotError, RecursionError, ValueError, TypeError, IndexError, KeyError):
                continue
            parsed = [p for p in parsed if p is not None]
            if len(parsed) == 1 and isinstance(parsed[0], (exp.Create, exp.Alter, exp.Comment)) and _plausible(parsed[0]):
                return parsed[0], dialect
    return None, None


_TABLE_CLAUSE_WORDS = frozenset(
    ("INDEX", "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE", "LIKE", "PERIOD", "FULLTEXT", "SPATIAL")
)


def _readable_items(stmt: str) -> tuple[str, list[str]]:
    """A CREATE TABLE with the items of its list that no dialect reads alone blanked out (offsets kept, so lines stay
    right), and those items."""
    text = re.sub(r"--[^\n]*", lambda m: " " * len(m.group(0)), stmt)
    start = text.find("(")
    if start < 0:
        return stmt, []
    items, depth, begin, quote = [], 0, start + 1, None
    for i in range(start + 1, len(text)):
        ch = text[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"`":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ")" or ch == "," and depth == 0:
            items.append((begin, i))
            begin = i + 1
            if ch == ")":
                break
    out, skipped = list(text), []
    for n, (a, b) in enumerate(items):
        item = text[a:b].strip()
        if item and _parse_statement(f"CREATE TABLE t ({item})")[0] is None:
            named = re.match(r"(\s*)([A-Za-z_]\w*)\s+([A-Za-z]\w*)", text[a:b])
            # (a column named by a keyword and typed: not `INDEX [ix] (a) WHERE ...`, a clause)
            typed = named and named.group(2).upper() not in _TABLE_CLAUSE_WORDS and canonical_type(named.group(3)).type is not None
            quoted = f'"{named.group(2)}"{text[a + named.end(2) : b]}' if named and typed else ""
            if named and quoted and _parse_statement(f"CREATE TABLE t ({quoted})")[0] is not None:
                # `key VARCHAR(100) PRIMARY KEY`: a column named by a keyword, as PostgreSQL reads it once quoted
                out[a : a + named.end(2)] = [f'{named.group(1)}"{named.group(2)}"', *[""] * (named.end(2) - 1)]
                continue
            skipped.append(" ".join(item.split()))
            comma = items[n - 1][1] if n else a  # the comma before it goes too (or the one after, for the first item)
            for i in range(min(comma, a), b + (0 if n else 1)):
                out[i] = out[i] if out[i] == "\n" else " "
    return "".join(out), skipped


def _strip_sql_comments(stmt: str) -> str:
    return re.sub(r"--[^\n]*", "", stmt)


def _read_sql(reader: _Reader, block: Block) -> None:
    # a block under a ClickHouse heading, or beside `ENGINE = MergeTree`, is ClickHouse's even where PostgreSQL reads a
    # statement too (`ALTER TABLE t ADD COLUMN x String`: NOT NULL there, `Int8`: a tinyint)
    said = " ".join((*block.headings, *block.lines))
    preferred = "clickhouse" if re.search(r"(?i)clickhouse|\bengine\s*=\s*\w*MergeTree\b", said) else None
    for offset, last, stmt, text_line in split_sql(block.lines):
        head = _strip_sql_comments(stmt).lstrip()
        if not re.match(r"(?i)(create|alter|comment\s+on)\b", head):
            continue  # queries, inserts, grants: not the model
        line = block.first_line + offset
        if len(stmt) > MAX_STATEMENT_CHARS:
            reader.finding("W343", f"an SQL statement of {len(stmt)} characters is too long to read; it is skipped", line)
            continue
        if re.fullmatch(r"(?is)\s*create\s+table\s+[\w.\"`]+\s*\(\s*(\.\.\.|…)\s*\)\s*", head):
            continue  # `CREATE TABLE x (...)`: an elided repeat
        if re.match(
            r"(?i)create\s+(or\s+replace\s+)?(function|procedure|trigger|view|materialized|extension|schema|policy|role|sequence|rule)",
            head,
        ):
            continue
        tree, dialect = _parse_statement(stmt, preferred)
        if tree is None and re.match(r"(?i)create\s+(?:temp\w*\s+)?table\b", head):
            # one clause no dialect reads (T-SQL's filtered inline `INDEX ix (a) WHERE ...`) should not lose the table
            readable, skipped = _readable_items(stmt)
            if skipped or readable != stmt:
                tree, dialect = _parse_statement(readable, preferred)
                if tree is not None:
                    stmt = readable
                    for item in skipped:
                        reader.finding("W343", f"a clause no SQL dialect reads is skipped: {item[:80]}", line)
        if tree is not None:
            reader.dialect = dialect
        domain = re.match(
            r"(?is)create\s+domain\s+(?:[\w\"]+\.)?\"?(\w+)\"?\s+(?:as\s+)?(.+?)(?:\s+(?:check|not\s+null|null|default|constraint|collate)\b.*)?\s*$",
            head,
        )
        if domain:
            guess = canonical_type(domain.group(2))
            if guess.type is not None:
                reader.aliases[domain.group(1).lower()] = guess.type
            continue
        if tree is None and re.match(
            r"(?is)alter\s+table\s+(only\s+)?[\w.\"`\[\]]+\s+(enable|disable|force|no\s+force|owner|set|reset|cluster|replica|inherit|no\s+inherit|attach|detach)\b",
            head,
        ):
            continue  # row level security, ownership, storage: nothing the model holds
        if tree is None:
            reader.finding(
                "W343", f"SQL statement not understood by sqlglot ({', '.join(_SQL_DIALECTS)}): {head.splitlines()[0][:80]}", line
            )
            continue
        stmt_lines = list(range(line, block.first_line + last + 1))
        breaks = [i for i, ch in enumerate(stmt) if ch == "\n"]
        first = block.first_line + text_line

        def line_of(offset: int, breaks=breaks, first=first) -> int:
            return first + bisect_left(breaks, offset)

        _sql_statement(reader, tree, stmt_lines, line_of)


# Words a lenient dialect reads as a column name when another dialect means a
# table item (`INDEX idx (a)` inside MySQL's CREATE TABLE).
_ITEM_WORDS = {"index", "key", "unique", "constraint", "primary", "foreign", "check", "fulltext", "spatial", "exclude", "like"}


def _plausible(tree) -> bool:
    from sqlglot import exp

    return not any(col.name.lower() in _ITEM_WORDS and not col.this.args.get("quoted") for col in tree.find_all(exp.ColumnDef))


def _ident(node) -> str:
    from sqlglot import exp

    if node is None:
        return ""
    if isinstance(node, exp.Table):
        return node.name
    if isinstance(node, (exp.Identifier, exp.Column)):
        return node.name
    return getattr(node, "name", "") or str(node)


class _LineFinder:
    """Finds the line a name is declared on inside a statement: each line's
    leading word is indexed once, so a whole table costs one pass."""

    def __init__(self, reader: _Reader, lines: list[int], line_of=None) -> None:
        self.reader = reader
        self.line_of = line_of  # statement offset -> file line, from sqlglot's token positions
        self.lines = lines or [1]
        self.cursor = 0
        self.first_word: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            m = _LEADING_WORD.match(reader.line_text(line)[:MAX_LINE_CHARS])
            if m:
                self.first_word.setdefault(m.group(1).lower(), []).append(i)

    def find(self, name: str) -> int:
        """The first line from the cursor on that starts with `name`, and the cursor moves there."""
        found = self.first_word.get(name.lower(), [])
        later = [i for i in found[:64] if i >= self.cursor]
        if later:
            self.cursor = later[0]
            return self.lines[later[0]]
        return self.lines[found[0]] if found else self.lines[0]

    def at(self, node, pattern: str) -> int:
        """The line of a parsed node, from sqlglot's token position; else the first line matching `pattern`."""
        start = node.meta.get("start") if hasattr(node, "meta") else None
        if start is not None and self.line_of is not None:
            return self.line_of(start)
        return self.find_text(pattern)

    def find_text(self, pattern: str) -> int:
        regex = re.compile(pattern, re.IGNORECASE)
        for line in self.lines:
            if regex.search(self.reader.line_text(line)[:MAX_LINE_CHARS]):
                return line
        return self.lines[0]


_LEADING_WORD = re.compile(r"\s*[\"`\[]?([^\W\d][\w$]*)")


def _sql_statement(reader: _Reader, tree, lines: list[int], line_of=None) -> None:
    from sqlglot import exp

    first = lines[0] if lines else 1
    finder = _LineFinder(reader, lines, line_of)
    if isinstance(tree, exp.Create):
        kind = (tree.args.get("kind") or "").upper()
        if kind == "TABLE" and isinstance(tree.this, exp.Schema):
            table = _ident(tree.this.this)
            db = tree.this.this.args.get("db")
            if db is not None and db.name:
                reader.schemas.add(db.name.lower())
            entity = reader.entity(reader.tables.get(table.lower()) or entity_name(table), first, table=table, needle=table)
            reader.created.add(entity.name)
            for item in tree.this.expressions:
                _sql_table_item(reader, entity, item, finder, first)
        elif kind == "INDEX" and isinstance(tree.this, exp.Index):
            index = tree.this
            table = _ident(index.args.get("table"))
            params = index.args.get("params")
            columns = []
            for col in params.args.get("columns") or [] if params else []:
                target = col.this if isinstance(col, exp.Ordered) else col
                if not isinstance(target, exp.Column):
                    reader.finding("W345", f"index {index.name or ''} on an expression ({target.sql('postgres')}) is not proposed", first)
                    columns = []
                    break
                columns.append(column_name(target.name))
            if columns and table:
                entity = reader.entity(
                    reader.tables.get(table.lower()) or entity_name(table), first, table=table, needle=table, indexed=True
                )
                where = params.args.get("where") if params else None
                if where is not None:
                    reader.finding(
                        "W345", f"partial index {index.name} (WHERE {where.this.sql('postgres')}) is proposed without its condition", first
                    )
                reader.add_index(entity, columns, unique=bool(tree.args.get("unique")))
        elif kind == "TYPE":
            expression = tree.args.get("expression")
            if isinstance(expression, exp.DataType) and expression.this == exp.DataType.Type.ENUM:
                values = [e.name for e in expression.expressions]
                reader.enums[_ident(tree.this).lower()] = values
    elif isinstance(tree, exp.Comment):
        # COMMENT ON TABLE / COLUMN: the description, for a table this file declares
        text = tree.expression.name if isinstance(tree.expression, exp.Literal) else ""
        kind = (tree.args.get("kind") or "").upper()
        table = _ident(tree.this) if kind == "TABLE" else (tree.this.table if isinstance(tree.this, exp.Column) else "")
        entity = reader.entities.get(reader.tables.get(table.lower(), "")) if table else None
        if not text or entity is None:
            return
        if kind == "TABLE":
            entity.description = entity.description or text
        elif kind == "COLUMN":
            column = reader.find_column(entity, column_name(tree.this.name))
            if column is not None:
                column.description = _join(text, column.description) if text not in column.description else column.description
                column.evidence.append(reader.evidence(first))
    elif isinstance(tree, exp.Alter):
        table = _ident(tree.this)
        if not table:
            return
        entity = reader.entity(reader.tables.get(table.lower()) or entity_name(table), first, table=table, needle=table)
        for action in tree.args.get("actions") or []:
            if isinstance(action, exp.AlterRename) and entity.name in reader.created:
                reader.renamed[entity.name] = _ident(action.this)  # a SQLite rebuild: `theme_feeds_new` becomes `theme_feeds`
                continue
            if isinstance(action, exp.ColumnDef):
                _sql_column(reader, entity, action, finder)
            elif isinstance(action, exp.AddConstraint):
                for item in action.expressions:
                    _sql_table_item(reader, entity, item, finder, first)
            elif isinstance(action, (exp.Drop, exp.AlterColumn, exp.RenameColumn)):
                _sql_change(reader, entity, action, first)
            else:
                _sql_table_item(reader, entity, action, finder, first)


def _sql_change(reader: _Reader, entity: InferredEntity, action, line: int) -> None:
    """A migration in the data model: DROP COLUMN, ALTER COLUMN (type, NOT NULL,
    default), RENAME COLUMN change the column the model ends with."""
    from sqlglot import exp

    if isinstance(action, exp.Drop) and (action.args.get("kind") or "").upper() == "COLUMN":
        names = {column_name(_ident(t)) for t in action.args.get("tables") or []}
        entity.columns = [c for c in entity.columns if c.name not in names]
        return
    column = reader.find_column(entity, column_name(_ident(action.this))) if action.this is not None else None
    if column is None:
        return
    column.evidence.append(reader.evidence(line))
    if isinstance(action, exp.RenameColumn):
        column.name = column_name(_ident(action.args.get("to")))
        reader.by_name.pop(id(entity), None)  # the name index is rebuilt on next use
        return
    if action.args.get("dtype") is not None:
        guess = canonical_type(action.args["dtype"].sql(dialect=reader.dialect), column=column.name)
        if guess.type is not None:
            column.type, column.confident = guess.type, guess.confident
    if action.args.get("allow_null") is not None:
        column.required = not action.args["allow_null"]
    if action.args.get("default") is not None:
        column.default = _sql_default(action.args["default"])
    elif action.args.get("drop") and action.args.get("allow_null") is None:
        column.default = None  # DROP DEFAULT


def _sql_table_item(reader: _Reader, entity: InferredEntity, item, finder: _LineFinder, first: int) -> None:
    from sqlglot import exp

    if isinstance(item, exp.ColumnDef):
        _sql_column(reader, entity, item, finder)
    elif isinstance(item, exp.Constraint):
        for inner in item.expressions:
            _sql_table_item(reader, entity, inner, finder, first)
    elif isinstance(item, exp.PrimaryKey):
        names = [column_name(_ident(e)) for e in item.expressions]
        for col in entity.columns:
            if col.name in names:
                col.primary_key = True
                col.required = True
    elif isinstance(item, exp.UniqueColumnConstraint):
        schema = item.this
        names = [column_name(_ident(e)) for e in (schema.expressions if schema is not None else [])]
        if names:
            reader.add_index(entity, names, unique=True)
    elif isinstance(item, exp.ForeignKey):
        names = [column_name(_ident(e)) for e in item.expressions]
        ref = item.args.get("reference")
        if len(names) != 1 or ref is None:
            if names:
                reader.finding(
                    "W346",
                    f"{entity.name}: a foreign key on ({', '.join(names)}) spans several columns and is not proposed",
                    finder.at(item.expressions[0], r"foreign\s+key"),
                )
            return
        col = reader.find_column(entity, names[0])
        if col is not None:
            _sql_reference(col, ref)
            col.evidence.append(reader.evidence(finder.at(item.expressions[0], r"foreign\s+key\s*\(\s*[\"`]?" + re.escape(names[0]))))
    elif isinstance(item, exp.IndexColumnConstraint):
        names = [column_name(_ident(e)) for e in item.expressions]
        if names:
            reader.add_index(entity, names, unique=False)
    elif isinstance(item, exp.CheckColumnConstraint) and not _check_enum(entity, None, item.this):
        entity.description = _join(entity.description, f"check: {item.this.sql('postgres')}")


def _check_enum(entity: InferredEntity, column: InferredColumn | None, check) -> bool:
    """`CHECK (status IN ('a', 'b'))` on a text column: the column is `enum(a, b)`."""
    from sqlglot import exp

    if not isinstance(check, exp.In) or not isinstance(check.this, exp.Column) or check.args.get("query") is not None:
        return False
    values = [e.name for e in check.expressions if isinstance(e, exp.Literal) and e.is_string]
    if not values or len(values) != len(check.expressions):
        return False
    name = column_name(check.this.name)
    target = column if column is not None and column.name == name else next((c for c in entity.columns if c.name == name), None)
    if target is None or (target.type is not None and not re.match(r"(string|text|char|enum)\b", target.type)):
        return False  # an enum read from a comment gives way to the CHECK's list
    target.type = enum_type(list(dict.fromkeys(values)))
    return True


def _sql_column(reader: _Reader, entity: InferredEntity, node, finder: _LineFinder) -> None:
    from sqlglot import exp

    raw_name = node.name
    name = column_name(raw_name)
    start = node.this.meta.get("start") if isinstance(node.this, exp.Identifier) else None
    line = finder.line_of(start) if start is not None and finder.line_of is not None else finder.find(raw_name)
    column = InferredColumn(name=name, type=None, required=False)
    checks = []
    kind = node.args.get("kind")
    # the type as its own dialect writes it: MySQL's TINYINT(1) is a boolean, which PostgreSQL's spelling would lose
    raw_type = kind.sql(dialect=reader.dialect) if kind is not None else ""
    if reader.dialect == "clickhouse" and kind is not None:
        raw_type, column.required = _clickhouse_type(kind)
    for constraint in node.args.get("constraints") or []:
        c = constraint.kind if isinstance(constraint, exp.ColumnConstraint) else constraint
        if isinstance(c, exp.NotNullColumnConstraint):
            column.required = not c.args.get("allow_null")
        elif isinstance(c, exp.PrimaryKeyColumnConstraint):
            column.primary_key = True
            column.required = True
        elif isinstance(c, exp.UniqueColumnConstraint):
            column.unique = True
        elif isinstance(c, exp.DefaultColumnConstraint):
            column.default = _sql_default(c.this)
        elif isinstance(c, exp.Reference):
            _sql_reference(column, c)
        elif isinstance(c, exp.CheckColumnConstraint):
            checks.append(c.this)
        elif isinstance(c, exp.ComputedColumnConstraint) and c.this is not None:
            column.description = _join(column.description, f"generated: {c.this.sql('postgres')}")
        elif isinstance(c, exp.IndexColumnConstraint):
            column.indexed = True
    comment = _sql_comment(reader.line_text(line))
    if comment:
        column.description = _join(column.description, comment)
    column = reader.column(entity, column, line, raw_name)
    if raw_type:
        guess = reader.typed(entity, column, raw_type, line)
        values = comment_values(comment, column.name)
        if values and guess.type is not None and re.match(r"(string|text|char)\b", guess.type):
            column.type = enum_type(values)  # `type VARCHAR(50), -- 'email', 'password'`
    else:
        reader.finding("W341", f"{entity.name}.{name}: no type written", line, raw_name)
    for check in checks:
        if not _check_enum(entity, column, check):
            column.description = _join(column.description, f"check: {check.sql('postgres')}")


def _clickhouse_type(kind: exp.DataType) -> tuple[str, bool]:
    """A ClickHouse column type in PostgreSQL's spelling (`Int8` is ClickHouse's tinyint, PostgreSQL's bigint), and
    whether the column is NOT NULL: ClickHouse stores no NULL outside `Nullable(...)`. `LowCardinality(...)` is a
    storage hint around the type it holds."""
    from sqlglot import exp

    while kind.this == exp.DataType.Type.LOWCARDINALITY and kind.expressions:
        kind = kind.expressions[0]
    required = not kind.args.get("nullable")
    if kind.this in (exp.DataType.Type.ENUM8, exp.DataType.Type.ENUM16, exp.DataType.Type.ENUM):
        values = [v.left.name if isinstance(v, exp.EQ) else v.name for v in kind.expressions]  # `Enum8('click' = 1, ...)`
        return enum_type([v for v in values if v]), required
    if kind.this in (exp.DataType.Type.IPV4, exp.DataType.Type.IPV6):
        return "string", required  # an address, as spec2db keeps one (no inet type)
    if kind.this == exp.DataType.Type.FIXEDSTRING:
        return f"char({kind.expressions[0].name})" if kind.expressions else "char", required
    return kind.sql(dialect="postgres"), required


def _sql_comment(line: str) -> str:
    """The `-- comment` that ends an SQL line (outside quotes)."""
    quote = None
    for i, ch in enumerate(line[:MAX_LINE_CHARS]):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif line.startswith("--", i):
            return line[i + 2 :].strip()
    return ""


def comment_says_key(comment: str | None) -> bool:
    """A member comment that opens by calling it the primary key (`uuid: str  # 主键`, `id: string; // Primary key,
    auto`): the key of a class or interface that has no syntax for one. Not `// references the primary key of X`."""
    head = re.split(r"[,;:(（，。]|\s[-—–]\s", (comment or "").strip(), maxsplit=1)[0].strip().lower()
    return bool(head) and (head in W.words()["primary_key"] or head.rstrip(".") in W.words()["primary_key"])


def key_said_in_comment(entity: InferredEntity, column: InferredColumn, comment: str | None) -> None:
    """`uuid: str  # 主键` in a class or interface, which has no syntax for a key: the key. A second such comment in
    one declaration (`user_id  # PK, FK to User`, `role_id  # PK, FK to Role`), or a composite word (`# 主键（联合）`),
    makes the key composite."""
    if not comment_says_key(comment):
        return
    keyed = [c for c in entity.columns if (c.primary_key or c.composite_key) and c is not column]
    if keyed or W.find(comment or "", W.words()["composite_key_words"]):
        for key in [*keyed, column]:
            key.primary_key, key.composite_key, key.required = False, True, True
    else:
        column.primary_key = column.required = True


def comment_values(comment: str, column: str | None = None) -> list[str]:
    """The closed list of values a column comment gives: every item quoted
    (`'email', 'password', 'sora2'`, `"a" | "b"`) or a bare union (`a | b`), at least
    two, no "etc.". Bare comma lists (`users, credits, services`) are as often
    examples, and stay prose, except on a column whose name says it holds one of
    a few states (`period String // hourly, daily, weekly, monthly`)."""
    text = re.sub(r"</?\w+\s*/?>", " ", comment).strip().rstrip(".")  # `/// <summary>` of a C# doc comment
    if not text or W.open_list(re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)):
        return []  # (a quoted value is a value: `"like"` says no `like ...`)
    text = re.sub(r"^[^:'\"]{1,60}:\s*(?=['\"])", "", text)  # `OAuth provider name: 'Slack', 'Google'`: a label, then the values
    # `roster_only | pending | active`, `OrgRole: owner|admin`: a union written bare
    bare = re.fullmatch(r"(?:[A-Za-z_]\w*\s*:\s*)?([A-Za-z_][\w-]*(?:\s*\|\s*[A-Za-z_][\w-]*)+)", text)
    if bare:
        return list(dict.fromkeys(v.strip() for v in bare.group(1).split("|")))
    by_name = W.type_from_name(column) if column else None
    if by_name is not None and not by_name[1] and by_name[0].startswith("string"):
        listed = re.fullmatch(r"[A-Za-z_][\w-]*(?:\s*(?:,|\bor\b)\s*[A-Za-z_][\w-]*)+", text)
        if listed:
            return list(dict.fromkeys(v for v in linear_re.split(r"\s*(?:,|\bor\b)\s*", text) if v))
    union = re.fullmatch(r"\s*(['\"])[^'\"]+\1(?:\s*\|\s*(['\"])[^'\"]+\2)+\s*", text)
    if column and column.split("_")[-1] in W.words()["free_text_names"] and not union:
        # `name: string // "Electronic Devices", "Audio Equipment"`: examples of a free text (a `'a' | 'b'` union is
        # a closed list whatever the name: `component_name TEXT -- 'worker' | 'beat'`)
        return []
    items = [i.strip() for i in linear_re.split(r"\s*(?:,|\||/|\bor\b)\s*", text) if i.strip()]
    items = [i for i in items if i.lower() not in null_words()]  # `'ares' | 'clawta' | NULL`: a nullable enum
    if len(items) < 2 or not all(re.fullmatch(r"'[^']+'|\"[^\"]+\"", i) for i in items):
        return []
    return list(dict.fromkeys(i[1:-1] for i in items))


def _sql_default(node) -> str | None:
    from sqlglot import exp

    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Literal):
        return node.name if not node.is_string else "'" + node.name.replace("'", "''") + "'"
    if isinstance(node, exp.Boolean):
        return "true" if node.this else "false"
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, (exp.CurrentTimestamp, exp.CurrentDate)) and isinstance(node, exp.CurrentDate):
        return "(current_date)"
    if isinstance(node, exp.CurrentTimestamp):
        return "(now())"
    sql = node.sql(dialect="postgres")
    return _default(sql) or f"({sql})"


def _sql_reference(column: InferredColumn, ref) -> None:
    schema = ref.this
    target = schema.this if schema is not None and schema.this is not None else schema
    table = _ident(target)
    db = target.args.get("db") if target is not None and hasattr(target, "args") else None
    # `auth.users` keeps its schema: `finish` tells a table of this file from one outside it
    column.references = f"{db.name}.{table}" if db is not None and db.name else table
    cols = schema.expressions if schema is not None and hasattr(schema, "expressions") else []
    if cols:
        column.references_column = column_name(_ident(cols[0]))
    for option in ref.args.get("options") or []:
        m = re.match(r"(?i)on\s+delete\s+(.+)", str(option))
        if m:
            column.on_delete = _on_delete(m.group(1))


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


# -- other languages: defined in their own sections below


def _read_python(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_python import read_python

    read_python(reader, block)


def _read_prisma(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_curly import read_prisma

    read_prisma(reader, block)


def _read_typescript(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_curly import read_typescript

    read_typescript(reader, block)


def _read_go(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_curly import read_go

    read_go(reader, block)


def _read_dart(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_curly import read_drift

    read_drift(reader, block)


def _read_curly_class(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_curly import read_class

    read_class(reader, block)


def _read_mermaid(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_curly import read_mermaid

    read_mermaid(reader, block)


def _read_yaml(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_yaml import read_yaml

    read_yaml(reader, block)


def _read_ascii(reader: _Reader, block: Block) -> None:
    from compiler.infer.code_curly import read_ascii

    read_ascii(reader, block)
