"""Prisma, TypeScript (interfaces, TypeORM, Drizzle), Go (GORM), C# (EF Core)
and Java (JPA) classes, Mermaid `erDiagram` and ASCII-art boxes in a data-model.md.

Prisma field lines go through a small Lark grammar (grammar/prisma.lark),
one line at a time so a line it does not know is skipped. The other
languages are cut into declarations by a brace scanner that skips strings
and comments (linear), and each member is read by the shape of one line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from compiler import linear_re
from compiler.infer import words as W
from compiler.infer.model import InferredColumn, InferredEntity
from compiler.infer.typemap import canonical_type, enum_type, framework_bases, split_top

if TYPE_CHECKING:
    from compiler.infer.code import Block, _Reader


def _helpers():
    from compiler.infer import code

    return code


# -- Prisma


def _grammar_path(name: str) -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "grammar" / name, here.parent / "grammar" / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{name} not found next to the package (is the wheel complete?)")


@lru_cache(maxsize=1)
def _prisma() -> Lark:
    return Lark(_grammar_path("prisma.lark").read_text(encoding="utf-8"), start="member", parser="lalr")


_PRISMA_TYPES = {
    "DateTime": "timestamp",
    "String": "string",
    "Int": "integer",
    "BigInt": "bigint",
    "Float": "double",
    "Json": "json",
    "Bytes": "bytes",
}


def read_prisma(reader: _Reader, block: Block) -> None:
    code = _helpers()
    lines = block.lines
    i = 0
    models: list[tuple[InferredEntity, list[tuple[int, Tree, str]]]] = []
    while i < len(lines):
        m = re.match(r"\s*(model|enum|view|type)\s+(\w+)\s*\{\s*(//.*)?$", lines[i])
        if not m:
            i += 1
            continue
        kind, name, start = m.group(1), m.group(2), i
        i += 1
        body = []
        while i < len(lines) and not re.match(r"\s*\}", lines[i]):
            body.append((i, lines[i]))
            i += 1
        i += 1
        if kind == "enum":
            values = [v.group(1) for _, text in body if (v := re.match(r"\s*([A-Za-z_]\w*)\b", text))]
            if values:
                reader.enums[name.lower()] = values
            continue
        entity = reader.entity(name, block.first_line + start, needle=name)
        if kind == "type":
            entity.stored, entity.not_stored_reason = False, "a Prisma composite type, stored inside its parent document"
        parsed = []
        for index, text in body:
            stripped = text.strip()
            if not stripped or stripped.startswith("//"):
                continue
            try:
                tree = _prisma().parse(stripped)
            except LarkError:
                reader.finding("W347", f"Prisma line not understood: {stripped[:80]}", block.first_line + index)
                continue
            parsed.append((block.first_line + index, tree, text))
        models.append((entity, parsed))
    relations: dict[tuple[str, str], tuple[str, str | None, str | None]] = {}
    mapped: dict[tuple[str, str], str] = {}  # (model, field as written) -> column name (`@map`)
    for entity, parsed in models:
        for line, tree, text in parsed:
            if tree.data == "field":
                _prisma_field(reader, entity, line, tree, text, relations, mapped)
    for entity, parsed in models:
        for _, tree, _ in parsed:
            if tree.data == "block_attr":
                _prisma_block_attr(reader, entity, tree, mapped)
    for (entity_name, field), (target, target_col, on_delete) in relations.items():
        entity = reader.entities.get(entity_name)
        col = reader.find_column(entity, mapped.get((entity_name, field), code.column_name(field))) if entity else None
        if col is not None:
            col.references, col.references_column = target, target_col
            col.on_delete = code._on_delete(on_delete) if on_delete else None


def _value(node):
    """A Lark value tree -> plain Python (str, list, dict of named args)."""
    if isinstance(node, Token):
        return str(node)
    if node is None:
        return None
    if node.data == "string":
        return str(node.children[0])[1:-1]
    if node.data in ("number", "name"):
        return str(node.children[0])
    if node.data == "dotted":
        return f"{node.children[0]}.{node.children[1]}"
    if node.data == "call":
        return f"{node.children[0]}()"
    if node.data == "list":
        return [_value(c) for c in node.children if c is not None]
    if node.data == "named_arg":
        return {str(node.children[0]): _value(node.children[1])}
    return None


def _args(attr: Tree) -> tuple[list, dict]:
    args_tree = next((c for c in attr.children if isinstance(c, Tree) and c.data == "args"), None)
    positional, named = [], {}
    for child in args_tree.children if args_tree is not None else []:
        if child is None:
            continue
        value = _value(child)
        if isinstance(value, dict):
            named.update(value)
        else:
            positional.append(value)
    return positional, named


def _prisma_field(reader: _Reader, entity: InferredEntity, line: int, tree: Tree, text: str, relations: dict, mapped: dict) -> None:
    code = _helpers()
    name = str(tree.children[0])
    ftype = tree.children[1]
    type_name = str(ftype.children[0])
    marks = {str(c) for c in ftype.children[1:] if isinstance(c, Token)}
    attrs = [c for c in tree.children[2:] if isinstance(c, Tree) and c.data == "attribute"]
    attr_names = {".".join(str(t) for t in a.children if isinstance(t, Token)): a for a in attrs}
    if "relation" in attr_names or ("[]" in marks and type_name not in _PRISMA_TYPES and type_name.lower() not in reader.enums):
        if "relation" in attr_names:
            _, named = _args(attr_names["relation"])
            fields, refs = named.get("fields") or [], named.get("references") or []
            if isinstance(fields, list) and len(fields) == 1:
                relations[(entity.name, fields[0])] = (
                    type_name,
                    code.column_name(refs[0]) if refs else None,
                    named.get("onDelete"),
                )
        return  # the relation field itself is navigation, not a column
    is_object = type_name not in _PRISMA_TYPES and type_name not in ("Boolean", "Decimal") and tree.children[1].data != "unsupported_type"
    column_name = name
    if "map" in attr_names:
        positional, _ = _args(attr_names["map"])
        if positional and isinstance(positional[0], str):
            column_name = positional[0]
    facts = prisma_facts(tree, text)
    column = InferredColumn(name=code.column_name(column_name), type=None, required=not facts.optional)
    mapped[(entity.name, name)] = column.name
    if facts.primary_key:
        column.primary_key, column.required = True, True
    column.unique = facts.unique
    column.default = facts.default
    comment = text.split("//", 1)[1].lstrip("/").strip() if "//" in text else ""  # `//` and `///`
    if comment:
        column.description = comment
    fresh = not any(c.name == column.name for c in entity.columns)
    column = reader.column(entity, column, line, name)
    if is_object and fresh:
        # an enum (declared before or after) or the back side of a one-to-one relation: settled in `finish`
        reader.object_refs.append((entity, column, type_name, reader.rank))
    if facts.unsupported:
        reader.finding("W341", f"{entity.name}.{column.name}: Prisma Unsupported type is not proposed", line, name)
        return
    raw = facts.raw
    guess = canonical_type(raw, column=column.name)
    if guess.type in ("text", "string") and code.comment_values(comment, column.name):
        guess = canonical_type(enum_type(code.comment_values(comment, column.name)))  # `status String // 'draft' | 'published'`
    if "[]" in marks and guess.type is not None and not guess.type.endswith("[]"):
        guess = canonical_type(raw + "[]")
    reader.typed(entity, column, type_name if guess.type is None else raw, line, guess)


@dataclass(slots=True)
class PrismaFacts:
    """What one Prisma field line says of its column, apart from the model it is in."""

    raw: str  # the type as typemap reads it: the native type (`VarChar(255)`), else Prisma's (`String` -> `string`)
    optional: bool  # `String?`
    many: bool  # `String[]`
    primary_key: bool  # `@id`
    unique: bool  # `@unique`
    default: str | None  # as the notation writes it (`'draft'`, `(now())`), None for what it cannot (`cuid()`, a list)
    unsupported: bool  # `Unsupported("vector")`
    generated: str | None = None  # the SQL of `@default(dbgenerated("gen_random_uuid()"))`, as the notation writes it


def prisma_facts(tree: Tree, text: str) -> PrismaFacts:
    """The column facts of a parsed Prisma field line (`text`, as written)."""
    code = _helpers()
    ftype = tree.children[1]
    type_name = str(ftype.children[0])
    marks = {str(c) for c in ftype.children[1:] if isinstance(c, Token)}
    attrs = {
        ".".join(str(t) for t in a.children if isinstance(t, Token)): a
        for a in tree.children[2:]
        if isinstance(a, Tree) and a.data == "attribute"
    }
    default = generated = None
    if "default" in attrs:
        positional, _ = _args(attrs["default"])
        value = positional[0] if positional else None
        if isinstance(value, str):  # `@default([])`, `@default(["a"])`: a list default, which the notation has no form for
            default = code._default(value if value.endswith("()") else _prisma_literal(value, text))
        sql = _dbgenerated(attrs["default"])
        generated = code._default(sql) if sql is not None else None
    native = next((a for key, a in attrs.items() if key.startswith("db.")), None)
    raw = _PRISMA_TYPES.get(type_name, type_name)
    if native is not None:
        positional, _ = _args(native)
        native_name = ".".join(str(t) for t in native.children if isinstance(t, Token))[3:]
        raw = f"{native_name}({', '.join(str(p) for p in positional)})" if positional else native_name
    unsupported = ftype.data == "unsupported_type"
    return PrismaFacts(raw, "?" in marks, "[]" in marks, "id" in attrs, "unique" in attrs, default, unsupported, generated)


def prisma_cell(cell: str) -> PrismaFacts | None:
    """`String @id @default(cuid())` in a data-model table's type cell: the facts of that Prisma field, or None
    when the cell is not one."""
    if "@" not in cell:
        return None
    try:
        tree = _prisma().parse(f"field {cell.strip()}")
    except LarkError:
        return None
    return prisma_facts(tree, cell) if tree.data == "field" else None


def _dbgenerated(default: Tree) -> str | None:
    """The SQL of `@default(dbgenerated("gen_random_uuid()"))`, or None."""
    args = next((c for c in default.children if isinstance(c, Tree) and c.data == "args"), None)
    call = args.children[0] if args is not None and args.children else None
    if isinstance(call, Tree) and call.data == "call" and str(call.children[0]) == "dbgenerated":
        inner = next((c for c in call.children[1:] if isinstance(c, Tree) and c.data == "args"), None)
        value = _value(inner.children[0]) if inner is not None and inner.children else None
        return value if isinstance(value, str) else None
    return None


def _prisma_literal(value: str, text: str) -> str:
    """`@default("x")` and `@default(ACTIVE)` (an enum value) are both string literals; numbers and booleans stay bare."""
    if re.fullmatch(r"-?\d+(\.\d+)?|true|false", value) and f'"{value}"' not in text:
        return value
    return f"'{value}'"


def _prisma_block_attr(reader: _Reader, entity: InferredEntity, tree: Tree, mapped: dict) -> None:
    code = _helpers()
    kind = str(tree.children[0])
    positional, named = _args(tree)
    fields = positional[0] if positional and isinstance(positional[0], list) else named.get("fields")
    if kind == "map" and positional and isinstance(positional[0], str):
        entity.table = positional[0]
        reader.tables.setdefault(positional[0].lower(), entity.name)
        return
    if not isinstance(fields, list) or not fields:
        return
    names = [mapped.get((entity.name, f), code.column_name(f)) for f in fields if isinstance(f, str)]
    if kind == "id":
        for col in entity.columns:
            if col.name in names:
                col.primary_key, col.required = True, True
    elif kind in ("unique", "index"):
        reader.add_index(entity, names, unique=kind == "unique")


# -- brace-delimited declarations (TypeScript, Go, C#, Java)


def _strip_comment(line: str) -> tuple[str, str]:
    """`code // comment` -> (code, comment), ignoring `//` inside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        elif line.startswith("//", i):
            # `/// <summary>`: C#'s doc comment, its third slash and its XML tags are no words
            return line[:i], re.sub(r"</?(?:summary|remarks|para|value|returns)\s*>", " ", line[i + 2 :].lstrip("/")).strip()
    return line, ""


def _code_only(lines: list[str]) -> list[str]:
    """The lines without their `//` and `/* */` comments, one out per line in, so line numbers hold: a JSDoc
    comment above each member (`/** Slack user id. */`) must not run into the member once lines are joined.
    Quotes are skipped (`'./src/**/*.ts'` opens no comment)."""
    out = []
    in_comment = False
    template = False  # inside a backtick template literal, which may run over lines (`sql\`...\``)
    for line in lines:
        kept, quote, i = [], "`" if template else None, 0
        while i < len(line):
            if in_comment:
                end = line.find("*/", i)
                if end < 0:
                    break
                i, in_comment = end + 2, False
                kept.append(" ")
                continue
            ch = line[i]
            if quote:
                quote = None if ch == quote else quote
            elif ch in "'\"`":
                quote = ch
            elif line.startswith("//", i):
                break
            elif line.startswith("/*", i):
                in_comment, i = True, i + 2
                continue
            kept.append(ch)
            i += 1
        template = quote == "`"
        out.append("".join(kept))
    return out


_MAX_MEMBER = 2_000


def _declarations(lines: list[str], header: re.Pattern) -> list[tuple[int, re.Match, list[tuple[int, str, str]]]]:
    """Declarations whose header matches on one line and whose body runs to
    the matching `}`: (line index, header match, [(line index, code, comment)]).
    Nested braces stay inside one member; block comments are dropped."""
    out = []
    i = 0
    in_block_comment = False
    lines = list(lines)
    for j in range(len(lines) - 1):
        # C# and Allman style: the brace on the next line joins its header
        if lines[j + 1].strip() == "{" and header.match(lines[j].rstrip() + " {"):
            lines[j], lines[j + 1] = lines[j].rstrip() + " {", ""
    while i < len(lines):
        m = header.match(lines[i])
        if not m or "{" not in lines[i][m.end() - 1 :]:
            i += 1
            continue
        start = i
        depth = 0
        members: list[tuple[int, str, str]] = []
        # what follows the `{` on the header line
        rest = lines[i][lines[i].index("{", m.end() - 1) :]
        one_line = re.fullmatch(r"\{(.*)\}\s*;?\s*(//.*)?", rest.strip())
        if one_line and one_line.group(1).count("{") == one_line.group(1).count("}"):
            # `enum Level { Low = 'low', High = 'high' }`: the whole body on the header line
            out.append((i, m, [(i, one_line.group(1).strip(), "")] if one_line.group(1).strip() else []))
            i += 1
            continue
        pending = [(i, rest)]
        leading: list[str] = []  # comment lines since the last member
        i += 1
        done = False
        while pending or i < len(lines):
            if pending:
                index, raw = pending.pop()
            else:
                index, raw = i, lines[i]
                i += 1
            code, comment = _strip_comment(raw)
            if in_block_comment:
                if "*/" in code:
                    leading.append(code.split("*/", 1)[0].strip(" *"))
                    code = code.split("*/", 1)[1]
                    in_block_comment = False
                else:
                    leading.append(code.strip(" *"))
                    continue
            if "/*" in code:
                head, _, tail = code.partition("/*")
                if "*/" in tail:
                    leading.append(tail.split("*/", 1)[0].strip(" *"))
                    code = head + tail.split("*/", 1)[1]
                else:
                    leading.append(tail.strip(" *"))
                    code, in_block_comment = head, True
            if not code.strip() and comment:
                leading.append(comment)  # `// UUID` on its own line: said of the member below
            member_start_depth = depth
            for ch in code:
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
            text = code.strip()[:_MAX_MEMBER]  # a member longer than this is no declaration; the regexes stay cheap
            if member_start_depth == 1 and text:
                # a trailing comment, else the doc comment above (`/** 權限 ID（UUID） */`)
                members.append((index, text, comment or " ".join(c for c in leading if c)[:_MAX_MEMBER]))
                leading = []
            elif member_start_depth > 1 and members and len(members[-1][1]) < _MAX_MEMBER:
                idx, prev, prev_comment = members[-1]
                members[-1] = (idx, prev + " " + text, prev_comment)
            if depth <= 0 and index != start or depth <= 0 and "}" in code:
                done = True
                break
        out.append((start, m, members))
        if not done:
            break
    return out


_TS_HEADER = re.compile(
    r"\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(interface|type|class|enum)\s+([A-Za-z_$][\w$]*)\s*(?:<[^={]*>)?\s*(?:extends\s+(?P<bases>[^{=]+?))?(?:implements\s+[^{=]+?)?\s*=?\s*\{"
)
_TS_ALIAS = re.compile(r"\s*(?:export\s+)?type\s+([A-Za-z_$][\w$]*)\s*=\s*([^{].*?);?\s*(?://.*)?$")
# `userRole = 'admin' | 'editor'` in a sketch without the `type` keyword: quoted values only, so no assignment is read
_LITERAL_ALIAS = re.compile(r"\s*([A-Za-z_$][\w$]*)\s*=\s*((['\"])[^'\"]*\3(?:\s*\|\s*(['\"])[^'\"]*\4)*)\s*;?\s*(?://.*)?$")


# (`profilesSchema.table(...)`, `profilesSchema.enum(...)`: a table or enum of a `pgSchema`)
_DRIZZLE_TABLE = re.compile(r"(?:export\s+)?const\s+(\w+)\s*=\s*(?:(?:pg|mysql|sqlite)Table|\w+\.table)\(\s*['\"](\w+)['\"]\s*,\s*\{")
_DRIZZLE_ENUM = re.compile(r"(?:export\s+)?const\s+(\w+)\s*=\s*(?:(?:pg|mysql)Enum|\w+\.enum)\(\s*['\"](\w+)['\"]\s*,\s*\[([^\]]*)\]")
# Drizzle's column builders, as the SQL type they make (`timestamp` with `withTimezone` is timestamptz)
_DRIZZLE_TYPES = {
    "uuid": "uuid", "text": "text", "varchar": "varchar", "char": "char", "integer": "integer", "int": "integer",
    "serial": "serial", "bigserial": "bigserial", "smallserial": "smallserial", "bigint": "bigint", "smallint": "smallint",
    "boolean": "boolean", "timestamp": "timestamp", "date": "date", "time": "time", "interval": "interval", "json": "json",
    "jsonb": "jsonb", "numeric": "numeric", "decimal": "numeric", "real": "real", "doublePrecision": "double precision",
    "inet": "inet", "bytea": "bytea", "blob": "blob", "tinyint": "tinyint", "mediumint": "mediumint", "datetime": "datetime",
    "double": "double", "float": "float",
}  # fmt: skip


# `{ mode: ... }` of a column builder: what the column holds, whatever SQLite stores it as (`mode: 'date'` only says
# the driver returns a JS Date: the builder's own type stands)
_DRIZZLE_MODES = {"timestamp": "timestamp", "timestamp_ms": "timestamp", "boolean": "boolean", "json": "json", "bigint": "bigint"}


def read_drizzle(reader: _Reader, block: Block) -> None:
    """Drizzle ORM: `export const users = pgTable('users', { id: uuid('id').primaryKey(), ... })`."""
    code = _helpers()
    text = "\n".join(_code_only(block.lines))
    for m in _DRIZZLE_ENUM.finditer(text):
        values = re.findall(r"['\"]([^'\"]+)['\"]", m.group(3))
        if values:
            reader.enums[m.group(1).lower()] = values
            reader.enums[m.group(2).lower()] = values
    position = 0
    while (m := _DRIZZLE_TABLE.search(text, position)) is not None:
        body_start = m.end()
        depth, i = 1, body_start
        while i < len(text) and depth:
            depth += (text[i] == "{") - (text[i] == "}")
            i += 1
        position = i  # the next table starts after this one's body: each character is scanned once
        body = text[body_start : i - 1]
        table = m.group(2)
        line = block.first_line + text.count("\n", 0, m.start())
        entity = reader.entity(
            reader.tables.get(table.lower()) or code.entity_name(table), line, table=table, needle=m.group(1), shape=False
        )
        reader.tables.setdefault(m.group(1).lower(), entity.name)  # `orgs.id` names the const
        offset = body_start
        for part in _split_members(body.replace("\n", " ")):
            where = text.find(part.split(":", 1)[0].strip(), offset)
            offset = max(offset, where)
            _drizzle_column(reader, code, entity, block.first_line + text.count("\n", 0, max(where, body_start)), part)


def _drizzle_column(reader: _Reader, code, entity: InferredEntity, line: int, part: str) -> None:
    m = re.match(r"['\"]?(\w+)['\"]?\s*:\s*(\w+)\s*\(\s*(?:['\"](\w+)['\"]\s*,?\s*)?(\{[^}]*\})?\s*\)(.*)$", part.strip(), re.DOTALL)
    if not m:
        return
    key, builder, name, options, chain = m.group(1), m.group(2), m.group(3), m.group(4) or "", m.group(5)
    col = reader.column(entity, InferredColumn(name=code.column_name(name or key), type=None, required=".notNull()" in chain), line, key)
    if builder.lower() in reader.enums:
        written = enum_type(reader.enums[builder.lower()])  # `status: statusEnum('status')`
    elif builder in _DRIZZLE_TYPES:
        written = _DRIZZLE_TYPES[builder]
        if written == "timestamp" and re.search(r"withTimezone\s*:\s*true", options):
            written = "timestamptz"
        length = re.search(r"\blength\s*:\s*(\d+)", options)
        precision, scale = re.search(r"\bprecision\s*:\s*(\d+)", options), re.search(r"\bscale\s*:\s*(\d+)", options)
        if length:
            written += f"({length.group(1)})"
        elif precision and written == "numeric":
            written += f"({precision.group(1)}, {scale.group(1) if scale else 0})"
    else:
        written = builder
    mode = re.search(r"\bmode\s*:\s*['\"](\w+)['\"]", options)
    if mode and mode.group(1) in _DRIZZLE_MODES:
        written = _DRIZZLE_MODES[mode.group(1)]  # SQLite's `integer('created_at', { mode: 'timestamp' })` holds a Date
        if col.type in code._SQLITE_STORAGE:
            reader.retyped.add(id(col))  # the DDL's SQLite storage class (`created_at INTEGER`) says less than the mode
        reader.moded.add(id(col))
    if builder == "text" and ".primaryKey()" in chain and re.search(r"\$defaultFn\(\s*\(\)\s*=>\s*(?:crypto\.)?randomUUID\(", chain):
        written = "uuid"  # `text('id').primaryKey().$defaultFn(() => crypto.randomUUID())`: a UUID kept as text
    if ".array()" in chain:
        written += "[]"
    reader.typed(entity, col, written, line)
    if ".primaryKey()" in chain:
        col.primary_key = col.required = True
    if ".unique()" in chain:
        col.unique = True
    if re.search(r"\.default(Now|Random)\(\)|\.\$defaultFn\(", chain):
        col.default = (
            "(gen_random_uuid())"
            if re.search(r"defaultRandom|randomUUID\(", chain)
            else "(now())"
            if re.search(r"defaultNow|=>\s*new\s+Date\(\)\s*\)", chain)
            else None
        )
    default = re.search(r"\.default\(\s*('[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?|true|false)\s*\)", chain)
    if default:
        col.default = code._default(default.group(1).replace('"', "'"))
    ref = re.search(r"\.references\(\s*\(\s*\)\s*(?::\s*\w+\s*)?=>\s*(\w+)\.(\w+)\s*(?:,\s*\{([^}]*)\})?", chain)
    if ref:
        col.references, col.references_column = ref.group(1), code.column_name(ref.group(2))
        action = re.search(r"onDelete\s*:\s*['\"]([\w ]+)['\"]", ref.group(3) or "")
        if action:
            col.on_delete = code._on_delete(action.group(1))


def read_typescript(reader: _Reader, block: Block) -> None:
    code = _helpers()
    lines = block.lines
    if re.search(r"(?:Table|Enum|\.table|\.enum)\(", "\n".join(lines[:400])):
        read_drizzle(reader, block)  # a block of `pgEnum`s alone types the tables of the blocks below it
    for index, text in enumerate(lines):
        if re.match(r"\s*(?:export\s+)?type\s+[A-Za-z_$][\w$]*\s*=\s*(?://.*)?$", text):
            # `type AssetStatus =` with one `| 'value'` per line below
            union = []
            for follow in lines[index + 1 : index + 200]:
                value = _strip_comment(follow)[0].strip()
                if not value.startswith("|"):
                    break
                union.append(value)
            text = _strip_comment(text)[0].rstrip() + " " + " ".join(union).lstrip("| ")
        m = _TS_ALIAS.match(text) or _LITERAL_ALIAS.match(text)
        if m:
            guess = canonical_type(m.group(2))
            if guess.values:
                reader.enums[m.group(1).lower()] = guess.values
            elif guess.type is not None and guess.confident:
                reader.aliases[m.group(1).lower()] = guess.type  # `type UserId = string`
    declared = _declarations(lines, _TS_HEADER)
    if not declared:
        _anonymous_object(reader, block)
    for start, header, members in declared:
        kind, name = header.group(1), header.group(2)
        line = block.first_line + start
        if kind == "enum":
            values = []
            for _, text, _ in members:
                for part in text.split(","):
                    mm = re.match(r"\s*([A-Za-z_$][\w$]*)\s*(?:=\s*(['\"])(.*?)\2)?", part)
                    if mm and mm.group(1):
                        values.append(mm.group(3) if mm.group(3) is not None else mm.group(1))
            if values:
                reader.enums[name.lower()] = values
            continue
        fields = []
        decorators: list[str] = []  # TypeORM's `@Column(...)` lines, for the field they stand above
        for index, text, comment in members:
            while text.startswith("@"):
                end = _decorator_end(text)
                decorators.append(text[:end])
                text = text[end:].strip()
            if not text:
                continue
            for part in _split_members(text):
                mm = re.match(
                    r"(?:readonly\s+|public\s+|private\s+|protected\s+|declare\s+)*(['\"]?)([A-Za-z_$][\w$-]*)\1([?!])?\s*:\s*(.+?)[;,]?$",
                    part,
                    re.DOTALL,
                )
                if mm and "(" not in mm.group(2):
                    fields.append((index, mm.group(2), mm.group(3) == "?", mm.group(4).strip(), comment, " ".join(decorators)))
            decorators = []
        above = " ".join(_lines_above(lines, start))
        entity_decorator = re.search(r"@Entity\s*\(\s*(?:['\"](\w+)['\"]|\{[^}]*name\s*:\s*['\"](\w+)['\"][^}]*\})?", above)
        bases = [b.strip() for b in re.split(r",", header.group("bases") or "") if re.fullmatch(r"[A-Za-z_$][\w$]*", b.strip())]
        inherited = [reader.entities[b] for b in bases if b in reader.entities]
        if not fields and not inherited:
            continue
        table = (entity_decorator.group(1) or entity_decorator.group(2)) if entity_decorator else None
        entity_name = code.orm_entity_name(name, table) if entity_decorator else name
        entity = reader.entity(entity_name, line, needle=name, table=table, shape=None if entity_decorator is None else False)
        reason = code._not_stored_reason(name) if entity_decorator is None else None
        variant = next((b for b in bases if len(name) > len(b) and name.startswith(b) and name[len(b)].isupper()), None)
        if reason is None and entity_decorator is None and variant:
            reason = f"it is {variant} with more fields for a view (`{name} extends {variant}`), not a table"
        if reason:
            entity.stored, entity.not_stored_reason = False, reason
        for group in re.finditer(r"@(Index|Unique)\s*\(\s*(?:['\"]\w+['\"]\s*,\s*)?\[([^\]]*)\]", above):
            names = [code.column_name(n) for n in re.findall(r"['\"](\w+)['\"]", group.group(2))]
            if names:
                reader.add_index(entity, names, unique=group.group(1) == "Unique" or "unique: true" in above)
        for base in inherited:  # `interface Task extends Timestamps`: the base's fields first
            for column in base.columns:
                if reader.find_column(entity, column.name) is None:
                    copy = InferredColumn(**{k: getattr(column, k) for k in InferredColumn.__slots__ if k != "evidence"})
                    copy.evidence = list(column.evidence)
                    entity.columns.append(copy)
                    reader.ranks[id(copy)], reader.order[id(copy)] = reader.rank, len(reader.order)
        regions = _not_column_regions(lines, start, [f[0] for f in fields])
        for index, field, optional, type_text, comment, notes in fields:
            region = regions.get(index)
            if region == "all" or region == "objects" and not _scalar_type(type_text):
                continue  # under `// Joined fields`, `// Computed`, `// Relations` (`tasks: Task[]`): no column
            if notes and _typeorm_relation(reader, entity, block.first_line + index, field, type_text, notes):
                continue
            if re.search(r"@(OneToMany|ManyToMany)\b", notes):
                continue  # the other side of a relation
            column = _typeorm_column(notes)
            written = column.get("type_text") or type_text
            col = _typed_member(
                reader, entity, block.first_line + index, field, written, optional, comment, lang="typescript", column=column.get("name")
            )
            if col is not None and notes:
                _typeorm_apply(reader, col, notes, column)


_OBJECT_MEMBER = re.compile(r"\s*(['\"]?)([A-Za-z_$][\w$]*)\1([?!])?\s*:\s*([^,;]+?)\s*[,;]?\s*$")


def _anonymous_object(reader: _Reader, block: Block) -> None:
    """`{ _id: ObjectId, githubId: string, ... }` alone in a block under `### User Entity`: the document's record of
    the entity its heading names, written as an object type with no name of its own."""
    code = _helpers()
    body = [(n, *_strip_comment(line)) for n, line in enumerate(block.lines)]
    written = [(n, text.strip(), comment) for n, text, comment in body if text.strip()]
    if len(written) < 4 or written[0][1] != "{" or written[-1][1].rstrip(";,") != "}" or not block.headings:
        return
    matched = [(n, _OBJECT_MEMBER.fullmatch(text), comment) for n, text, comment in written[1:-1]]
    members = [(n, m, comment) for n, m, comment in matched if m is not None and re.match(r"[A-Za-z_$]", m.group(4))]
    if len(members) < len(matched):
        return  # a nested object, a value (`"Ada"`, `1`), a statement: no record to read
    title = linear_re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", block.headings[-1]).strip(" `*#")
    if W.find(title, W.words()["section_heading_words"]) or W.find(title, W.words()["literal_labels"]):
        return  # `#### Example`, `#### Indexes` under the entity: a sample or an index, no record
    title = re.sub(rf"(?i)\s+(?:{W.alternation('table_suffixes')}|entity|model|document)$", "", title).strip()
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9 ]{0,60}", title):
        return
    name = W.pascal(W.snake(title))
    entity = reader.entity(name, block.first_line + written[0][0], needle=title.split()[0])
    if code._not_stored_reason(name):
        entity.stored, entity.not_stored_reason = False, code._not_stored_reason(name)
    for n, m, comment in members:
        _typed_member(reader, entity, block.first_line + n, m.group(2), m.group(4), m.group(3) == "?", comment, lang="typescript")


def _decorator_end(text: str) -> int:
    """Where the decorator at the start of `text` ends: `@Column({ a: 1 }) name: string` -> after `)`."""
    m = re.match(r"@[\w.]+", text)
    end = m.end() if m else 1
    if text[end : end + 1] != "(":
        return end
    depth = 0
    for i in range(end, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return i + 1
    return len(text)


def _not_column_regions(lines: list[str], start: int, indexes: list[int]) -> dict[int, str]:
    """Member lines under a comment-only line that says they are no columns, up to the next comment-only
    line (a new section): "all" under `// Computed`, `// Joined fields`; "objects" under `// Relations`,
    where only members typed by another class are the relation (`isParent: boolean` stays a column)."""
    from compiler.infer import words as W

    if not indexes:
        return {}
    words = _helpers()._words()["not_column_comments"]
    regions: dict[int, str] = {}
    region: str | None = None
    for index in range(start + 1, min(max(indexes) + 1, len(lines))):
        text = lines[index].strip()
        if text.startswith(("//", "#", "--", "/*")):
            found = W.find(text, words)
            region = None if found is None else "objects" if re.match(r"(?i)relation", found.group(0)) else "all"
        elif region is not None:
            regions[index] = region
    return regions


_PRIMITIVE_TYPES = {"string", "number", "boolean", "bigint", "date", "int", "integer", "float", "double", "long", "bool", "uuid"}


def _scalar_type(type_text: str) -> bool:
    """`string`, `number | null`, `string[]`, `'a' | 'b'`: a value, not another class."""
    parts = [p.strip() for p in type_text.replace("[]", "").split("|") if p.strip() and p.strip() not in ("null", "undefined")]
    return all(p.lower() in _PRIMITIVE_TYPES or p[:1] in ("'", '"') or p[:1].isdigit() for p in parts) if parts else False


def _lines_above(lines: list[str], start: int) -> list[str]:
    """The decorator lines right above a declaration (`@Entity('users')`, `@Index(['a', 'b'])`)."""
    out = []
    for back in range(start - 1, max(start - 12, -1), -1):
        text = lines[back].strip()
        if not text or text.endswith(("}", ";")) and not text.startswith(("@", "})")):
            break
        out.append(text)
    return out[::-1]


def _typeorm_column(notes: str) -> dict:
    """What `@Column(...)` / `@PrimaryGeneratedColumn(...)` say: name, written type."""
    out: dict = {}
    m = re.search(
        r"@(?:Column|PrimaryColumn|PrimaryGeneratedColumn|CreateDateColumn|UpdateDateColumn|DeleteDateColumn)\s*\(([^@]*)\)", notes
    )
    args = m.group(1) if m else ""
    name = re.search(r"\bname\s*:\s*['\"](\w+)['\"]", args)
    if name:
        out["name"] = name.group(1)
    kind = re.match(r"\s*['\"]([\w ]+)['\"]", args) or re.search(r"\btype\s*:\s*['\"]([\w ]+)['\"]", args)
    length = re.search(r"\blength\s*:\s*(\d+)", args)
    precision, scale = re.search(r"\bprecision\s*:\s*(\d+)", args), re.search(r"\bscale\s*:\s*(\d+)", args)
    values = re.search(r"\benum\s*:\s*\[([^\]]*)\]", args)
    if values:
        out["type_text"] = "enum(" + ", ".join(re.findall(r"['\"]([^'\"]+)['\"]", values.group(1))) + ")"
    elif "@PrimaryGeneratedColumn" in notes:
        out["type_text"] = "uuid" if kind and kind.group(1) == "uuid" else "integer"
    elif kind:
        written = kind.group(1)
        if length:
            written += f"({length.group(1)})"
        elif precision:
            written += f"({precision.group(1)}, {scale.group(1) if scale else 0})"
        out["type_text"] = written
    elif re.search(r"@(CreateDateColumn|UpdateDateColumn|DeleteDateColumn)", notes):
        out["type_text"] = "timestamp"
    elif length:
        out["type_text"] = f"varchar({length.group(1)})"
    return out


def _typeorm_apply(reader: _Reader, col: InferredColumn, notes: str, column: dict) -> None:
    code = _helpers()
    if re.search(r"@Primary(Generated)?Column\b", notes):
        col.primary_key = col.required = True
        if "'uuid'" in notes or '"uuid"' in notes:
            col.default = "(gen_random_uuid())"
    if re.search(r"\bnullable\s*:\s*true", notes) or "@DeleteDateColumn" in notes:
        col.required = False
    elif (
        re.search(r"\bnullable\s*:\s*false", notes)
        or re.search(r"@(Column|CreateDateColumn|UpdateDateColumn)\b", notes)
        and col.required is None
    ):
        col.required = True
    if re.search(r"\bunique\s*:\s*true", notes):
        col.unique = True
    if re.search(r"@Index\s*\(\s*(\{[^}]*\})?\s*\)", notes):
        col.indexed = True
    if re.search(r"@(CreateDateColumn|UpdateDateColumn)\b", notes):
        col.default = col.default or "(now())"
    default = re.search(r"\bdefault\s*:\s*('[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?|true|false)", notes)
    if default and col.default is None:
        col.default = code._default(default.group(1).replace('"', "'"))


def _typeorm_relation(reader: _Reader, entity: InferredEntity, line: int, field: str, type_text: str, notes: str) -> bool:
    """`@ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user: User`:
    the foreign key column (named by @JoinColumn, else `<field>Id`), not the object."""
    m = re.search(r"@(ManyToOne|OneToOne)\s*\(\s*\(\s*\)\s*=>\s*(\w+)", notes)
    if not m:
        return False
    if m.group(1) == "OneToOne" and "@JoinColumn" not in notes:
        return True  # the side without the key
    code = _helpers()
    joined = re.search(r"@JoinColumn\s*\(\s*\{[^}]*name\s*:\s*['\"](\w+)['\"]", notes)
    name = code.column_name(joined.group(1) if joined else field + "Id")
    col = reader.find_column(entity, name) or reader.column(entity, InferredColumn(name=name, type=None), line, field)
    col.references = m.group(2)
    col.required = not (re.search(r"\bnullable\s*:\s*true", notes) or "?" in type_text or "null" in type_text)
    action = re.search(r"\bonDelete\s*:\s*['\"]([\w ]+)['\"]", notes)
    if action:
        col.on_delete = code._on_delete(action.group(1))
    if m.group(1) == "OneToOne":
        col.unique = True
    return True


def _split_members(text: str) -> list[str]:
    """`a: string; b: number` -> the members, split at `;` / `,` outside brackets and quotes."""
    return [p.strip() for p in split_top(text, ";,", quotes="'\"`") if p.strip()]


def _typed_member(
    reader: _Reader,
    entity: InferredEntity,
    line: int,
    field: str,
    type_text: str,
    optional: bool,
    comment: str,
    *,
    lang: str,
    column: str | None = None,
) -> InferredColumn | None:
    code = _helpers()
    type_text = type_text.strip()
    base = linear_re.sub(r"\s*\|\s*(null|undefined)\b", "", type_text).strip()
    if base.startswith("{") or base.startswith("Record<") and "unknown" in base:
        guess = canonical_type("json")
        guess.confident = False
        guess.note = "an inline object type is stored as JSON"
    elif base in ("Date", "java.util.Date") and lang in ("typescript", "java"):
        date_only = W.find(comment, _helpers()._words()["date_only_phrases"]) is not None and not re.search(r"(?i)\bnot\b", comment)
        guess = canonical_type("date" if date_only else "timestamptz")  # (`// date-only, no time`)
    else:
        guess = canonical_type(type_text, column=column or field)
        hinted = _comment_type(comment) if guess.type in ("text", "string") else None
        plain = re.fullmatch(r"text|string(\(\d+\))?", guess.type or "")
        listed = code.comment_values(comment, code.column_name(column or field)) if plain else []
        if listed:
            guess = canonical_type(enum_type(listed))  # `/// Poll status: 'Active', 'Closed', 'Deleted'.`
        elif hinted is not None:
            guess = hinted  # `id: string // UUID`, `createdAt: string // ISO 8601`
        elif guess.type in ("text", "string") and re.search(
            r"(?i)\biso[\s-]?8601\b|\biso\b.*\b(date|time)|\btimestamp\b|\bdatetime\b", comment
        ):
            guess = canonical_type("timestamp")  # `created_at: string; // ISO date string`
            guess.confident, guess.note = False, f"a string the comment calls a date: {comment}"
        elif guess.type in ("text", "string") and lang == "typescript" and re.search(r"_at$", code.column_name(column or field)):
            guess = canonical_type("timestamp")  # `createdAt: string` in an API shape: a moment sent as JSON text
            guess.confident, guess.note = False, "a string named as a moment (`*At`)"
    if (
        guess.reference
        and guess.type is None
        and guess.many
        and guess.reference.lower() not in reader.enums
        and guess.reference.lower() not in reader.aliases
        and not W.value_type_name(guess.reference)
    ):
        return None  # `tasks: Task[]`: a collection, the other side of a foreign key (`tags: Tag[]` of an enum stays)
    nullable = optional or bool(guess.nullable) or base != type_text
    col = InferredColumn(name=code.column_name(column or field), type=None, required=not nullable, description=comment)
    fresh = not any(c.name == col.name for c in entity.columns)
    col = reader.column(entity, col, line, field)
    if guess.reference and guess.type is None and fresh:  # a typed column's reference is its foreign key (`uuid FK → users.id`)
        reader.object_refs.append((entity, col, guess.reference, reader.rank))
    reader.typed(entity, col, type_text, line, guess)
    col.required = not nullable
    code.key_said_in_comment(entity, col, comment)  # `id: string; // Primary key`
    said = comment_reference(comment, col.name)
    if said and col.references is None and not guess.reference:
        col.references = said  # `user_id: string; // FK to user_profiles, NOT NULL`
    else:
        reader.maybe_fk.append((entity, col))
    return col


def comment_reference(comment: str, column: str = "") -> str | None:
    """The table a member's comment says it points at (`// FK to user_profiles`, `// references users.id`), or None.
    Words before the name the column is named after describe it (`libraryId // Foreign key to owning library`)."""
    from compiler.infer.datamodel import CJK_LINK_RE, FK_NON_TARGETS, FK_RE, LINK_RE, plain_word_after_ref

    plain = comment.replace("`", "")
    found = (FK_RE.search(plain) or LINK_RE.search(plain) or CJK_LINK_RE.search(plain)) if plain else None
    stem = W.singular(column.removesuffix("_id").split("_")[-1]) if column.endswith("_id") else ""
    target = found.group("target") if found is not None else ""
    if stem and target[:1].islower() and "_" not in target and W.singular(target) != stem:
        # `owning library`, `original library (for return)`: an adjective, then the word the column is named after
        # (not `FK to Category (parent category)` nor `FK to users (owner)`: a name, then a note)
        following = plain[found.end("target") :].split()[:1]
        if following and following[0][:1].isalpha() and W.singular(W.snake(following[0].strip(".,;:"))) == stem:
            return following[0].strip(".,;:")
    if found is None or found.group("target").lower() in FK_NON_TARGETS or plain_word_after_ref(found):
        return None
    return found.group("target")


def _comment_type(comment: str):
    """The type a string member's comment names in its first words or a parenthesis (`// UUID`,
    `// ISO 8601 date`, `/** 權限 ID（UUID） */`), or None."""
    text = comment.strip().translate(str.maketrans({"（": "(", "）": ")"}))
    head = re.split(r"[,;(]|\s[-—–]\s|\.\s", text, maxsplit=1)[0].strip()
    for candidate in [head, *re.findall(r"\(([^()]*)\)", text)]:
        candidate = re.split(r"[,;]", candidate)[0].strip()
        if re.fullmatch(r"([\"'`])[YMDHhmsSTZ:./ -]{4,}\1", candidate):
            candidate = candidate[1:-1]  # (`# "YYYY-MM-DD"`: a date format, quoted; `// "UTC"`, `// "json"` are values)
        if not candidate or len(candidate.split()) > 3:
            continue
        guess = canonical_type(f"string ({candidate})")
        if guess.confident and guess.type not in (None, "text", "string") and not guess.note and not guess.values:
            return guess
    return None


# -- Go


# What an embedded `gorm.Model` declares: (Go field, Go type, tag).
_GORM_MODEL = [
    ("ID", "uint", 'gorm:"primaryKey"'),
    ("CreatedAt", "time.Time", ""),
    ("UpdatedAt", "time.Time", ""),
    ("DeletedAt", "*time.Time", 'gorm:"index"'),
]

# Tags of a struct written as a document: `json:"x,omitempty"` says a field may be absent (`bson`, `db`, `gorm`, `bun`
# say how a database stores it, and then nullability is theirs)
_GO_DOCUMENT_TAGS = frozenset({"json", "yaml", "toml", "mapstructure", "validate", "binding"})

# a data model that says an SQL database keeps its records: a Go field's nullability is then the table's
_SQL_STORE_RE = re.compile(r"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|sqlite3?|sqlx|sql\s+server|mssql|cockroachdb|pgx|CREATE\s+TABLE)\b")

_GO_STRUCT = re.compile(r"\s*type\s+([A-Za-z_]\w*)\s+struct\s*\{")


def read_go(reader: _Reader, block: Block) -> None:
    code = _helpers()
    lines = block.lines
    # `const ( A Kind = "a" ... )`: values of a string type
    current = None
    for text in lines:
        if re.match(r"\s*const\s*\(", text):
            current = {}
            continue
        if current is not None:
            if re.match(r"\s*\)", text):
                for type_name, values in current.items():
                    reader.enums[type_name.lower()] = values
                current = None
                continue
            m = re.match(r"\s*\w+\s+([A-Za-z_]\w*)\s*=\s*\"([^\"]*)\"", text)
            if m:
                current.setdefault(m.group(1), []).append(m.group(2))
    for text in lines:  # `type SeverityLevel int`, `type ActivityType string`: a name for a basic type
        named = re.match(r"\s*type\s+([A-Za-z_]\w*)\s+(\*?[a-z][\w.]*)\s*(?://.*)?$", text)
        if (
            named
            and named.group(1).lower() not in reader.enums
            and (guess := canonical_type(named.group(2))).type is not None
            and guess.confident
        ):
            reader.aliases.setdefault(named.group(1).lower(), guess.type)
    # nullability is a database's, not the JSON's, where GORM is used (`import "gorm.io/gorm"`, a `gorm:` tag) or the
    # data model names an SQL database (`Stored in PostgreSQL via sqlx`)
    sql_kept = any("gorm" in line for line in lines) or _SQL_STORE_RE.search("\n".join(reader.file_lines)) is not None
    for start, header, members in _declarations(lines, _GO_STRUCT):
        name = header.group(1)
        fields = []
        orm = sql_kept  # (or an ORM's model, `gorm.Model` embedded)
        for index, text, comment in members:
            if re.fullmatch(r"\*?gorm\.Model\b.*", text):
                fields.extend((index, *column, "") for column in _GORM_MODEL)  # the embedded ID and timestamps
                orm = True
                continue
            # (`*time.Time`, `[]string`, `[32]byte`, `map[string]interface{}`, `sql.Null[time.Time]`)
            m = re.match(r"([A-Z]\w*)\s+((?:\*|\[\d*\]|map\[[\w.*]+\])*[\w.]+(?:\[[\w.*\[\]]+\])?(?:\{\})?)\s*(`[^`]*`)?", text)
            if m:
                fields.append((index, m.group(1), m.group(2), m.group(3) or "", comment))
        if not fields:
            continue
        # a struct whose only tags are the JSON (or YAML) it is written as: kept as that document (BBolt, a file)
        kept_as_json = not orm and {k for *_, tag, _ in fields for k in re.findall(r"(\w+):\"", tag)} <= _GO_DOCUMENT_TAGS
        entity = reader.entity(name, block.first_line + start, needle=name)
        reason = code._not_stored_reason(name)
        if reason:
            entity.stored, entity.not_stored_reason = False, reason
        for index, field, type_text, tag, comment in fields:
            column = None
            tags = dict(re.findall(r'(\w+):"([^"]*)"', tag))
            gorm = tags.get("gorm", "")
            if tags.get("db") and tags["db"] != "-":
                column = tags["db"].split(",")[0]
            elif "column:" in gorm:
                column = re.search(r"column:([\w]+)", gorm).group(1)
            # a `json` tag names the API field, not the column: the Go name, snake_cased, is what GORM and sqlx use
            if tags.get("db") == "-" or tags.get("gorm") == "-":
                continue
            gorm_type = re.search(r"type:([^;]+)", gorm)
            col = _typed_member(
                reader,
                entity,
                block.first_line + index,
                field,
                gorm_type.group(1) if gorm_type else type_text,
                type_text.startswith("*"),
                comment,
                lang="go",
                column=column,
            )
            if col is None:
                continue
            reader.go_columns.add(id(col))
            low = gorm.lower()
            if "primarykey" in low or "primary_key" in low:
                col.primary_key, col.required = True, True
            if "uniqueindex" in low or re.search(r"(^|;)unique", low):
                col.unique = True
            elif re.search(r"(^|;)index", low):
                col.indexed = True
            if "not null" in low:
                col.required = True
            elif (
                kept_as_json
                and "omitempty" in tags.get("json", "").split(",")[1:]
                and not col.primary_key
                and "required" not in f"{tags.get('validate', '')},{tags.get('binding', '')}".split(",")
            ):
                col.required = False  # a struct kept as JSON (BBolt, a file): a field it omits when empty may be absent


# -- Dart: Drift's table classes

_DRIFT_TABLE = re.compile(r"(?m)^[ \t]*class\s+(?P<cls>[A-Za-z_]\w*)\s+extends\s+Table\s*\{")
_DRIFT_COLUMN = re.compile(
    r"^\s*(?:late\s+final\s+)?\w*Column(?:<[^>]*>)?\s+get\s+(?P<name>\w+)\s*=>\s*(?P<builder>\w+)\s*(?:<(?P<enum>\w+)>)?\s*\(\s*\)(?P<chain>.*)\(\s*\)\s*$",
    re.DOTALL,
)
_DRIFT_TYPES = {
    "integer": "integer", "int64": "bigint", "text": "text", "boolean": "boolean", "dateTime": "timestamp",
    "real": "double", "blob": "bytes", "intEnum": "integer", "textEnum": "text", "sqliteAny": "text",
}  # fmt: skip


def read_drift(reader: _Reader, block: Block) -> None:
    """Drift (Flutter's SQLite ORM): `class TodoItems extends Table { IntColumn get id => integer().autoIncrement()(); }`,
    each getter a column and its builder chain what the column is. The table is the class name in snake_case
    (or its `tableName`), the entity the `@DataClassName` row class (`TodoEntryData` -> TodoEntry)."""
    code = _helpers()
    text = "\n".join(block.lines)
    _read_enums(reader, text)  # `enum NoteState { draft, published }` for `textEnum<NoteState>()`
    classes: dict[str, str] = {}
    found = []
    position = 0
    while (m := _DRIFT_TABLE.search(text, position)) is not None:
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += (text[i] == "{") - (text[i] == "}")
            i += 1
        position = i  # the next table starts after this one's body: each character is scanned once
        body = text[m.end() : i - 1]
        above = text[max(0, text.rfind("\n", 0, max(m.start() - 1, 0)) - 200) : m.start()]
        named = re.search(r"@DataClassName\(\s*['\"](\w+)['\"][^)]*\)\s*(?:@\w+(?:\([^)]*\))?\s*)*$", above)  # right above
        table_name = re.search(r"String\s+get\s+tableName\s*=>\s*['\"](\w+)['\"]", body)
        table = table_name.group(1) if table_name else code.column_name(m.group("cls"))
        name = re.sub(r"(?<=\w)Data$", "", named.group(1)) if named else code.entity_name(table)
        classes[m.group("cls")] = name
        found.append((m, body, name, table))
    for m, body, name, table in found:
        line = block.first_line + text.count("\n", 0, m.start())
        entity = reader.entity(name, line, table=table, needle=m.group("cls"), shape=False)
        offset = m.end()
        masked = code.QUOTED_ON_ONE_LINE_RE.sub(lambda q: "_" * len(q.group(0)), body)
        cuts = [-1, *(n for n, ch in enumerate(masked) if ch == ";"), len(body)]
        for member in (body[a + 1 : b] for a, b in pairwise(cuts)):  # (a `;` in a string is no end)
            start = offset
            offset += len(member) + 1
            plain = re.sub(r"//[^\n]*|/\*.*?\*/", "", member, flags=re.DOTALL)
            column = _DRIFT_COLUMN.match(plain)
            if column is None:
                keys = re.search(r"Set<Column>\s+get\s+primaryKey\s*=>\s*\{([^}]*)\}", plain)
                for key in re.findall(r"\w+", keys.group(1)) if keys else []:
                    found_column = reader.find_column(entity, code.column_name(key))
                    if found_column is not None:
                        found_column.composite_key = found_column.required = True
                continue
            where = start + len(member) - len(member.lstrip())
            _drift_column(reader, code, entity, block.first_line + text.count("\n", 0, where), column, classes)


def _drift_column(reader: _Reader, code, entity: InferredEntity, line: int, m: re.Match, classes: dict[str, str]) -> None:
    chain = " ".join(m.group("chain").split())
    named = re.search(r"\.named\(\s*['\"](\w+)['\"]", chain)
    name = named.group(1) if named else code.column_name(m.group("name"))
    col = reader.column(entity, InferredColumn(name=name, type=None, required=".nullable()" not in chain), line, m.group("name"))
    builder = m.group("builder")
    written = _DRIFT_TYPES.get(builder, builder)
    values = reader.enums.get((m.group("enum") or "").lower())
    if builder == "textEnum" and values:
        written = enum_type(values)  # `textEnum<Status>()`: the enum's names, stored as text
    length = re.search(r"\.withLength\([^)]*\bmax\s*:\s*(\d+)", chain)
    if length and written == "text":
        written = f"varchar({length.group(1)})"
    reader.typed(entity, col, written, line)
    if ".autoIncrement()" in chain:
        col.primary_key = col.required = True
    if ".unique()" in chain:
        col.unique = True
    default = re.search(r"\.withDefault\(\s*(?:const\s+)?(?:Constant\(\s*(?P<value>[^()]*?)\s*\)|(?P<now>currentDateAndTime))", chain)
    if default:
        col.default = "(now())" if default.group("now") else code._default(default.group("value").replace('"', "'"))
    ref = re.search(r"\.references\(\s*(\w+)\s*,\s*#(\w+)(?:[^)]*onDelete\s*:\s*KeyAction\.(\w+))?", chain)
    if ref:
        col.references = classes.get(ref.group(1)) or code.entity_name(code.column_name(ref.group(1)))
        col.references_column = code.column_name(ref.group(2))
        col.on_delete = code._on_delete(ref.group(3)) if ref.group(3) else col.on_delete


# -- C# and Java classes


_CLASS_HEADER = re.compile(
    r"\s*(?:\[[^\]]*\]\s*)*(?:@\w+(?:\([^)]*\))?\s*)*(?:(?:public|private|protected|internal|sealed|abstract|partial|static|final|data)\s+)*(class|record|interface)\s+([A-Za-z_]\w*)[^{;]*\{"
)
_CS_PROPERTY = re.compile(
    r"(?:public|protected|internal|private)?\s*(?:required\s+|virtual\s+|override\s+)*([\w.<>,?\[\] ]+?)\s+([A-Za-z_]\w*)\s*\{\s*get;"
)
_JAVA_FIELD = re.compile(r"(?:private|protected|public)\s+(?:final\s+)?([\w.<>,?\[\] ]+?)\s+([A-Za-z_]\w*)\s*(?:=[^;]*)?;")


_RECORD = re.compile(r"\s*(?:(?:public|internal|sealed)\s+)*(?:data\s+class|record(?:\s+class|\s+struct)?)\s+([A-Za-z_]\w*)\s*\((.*)\)")
# Value types that cannot be null unless written `T?` (C#), and Java primitives.
_NOT_NULL_TYPES = {
    "int",
    "long",
    "short",
    "byte",
    "bool",
    "boolean",
    "double",
    "float",
    "decimal",
    "char",
    "Guid",
    "DateTime",
    "DateTimeOffset",
    "DateOnly",
    "TimeOnly",
    "TimeSpan",
}


_JVM_ENUM = re.compile(r"(?:(?:public|private|internal|protected)\s+)?enum\s+(?:class\s+)?([A-Za-z_]\w*)\s*(?::\s*\w+\s*)?\{([^{}]*)")


def _read_enums(reader: _Reader, text: str) -> None:
    """`enum UserStatus { PENDING, ACTIVE; ... }` (Java, Kotlin, C#, Dart), `enum Level { Low = 1, High = 2 }`: the
    constants, by the enum's name."""
    for m in _JVM_ENUM.finditer(text):
        body = re.sub(r"//[^\n]*|/\*.*?\*/", "", m.group(2).split(";")[0], flags=re.DOTALL)
        values = [v.group(1) for v in re.finditer(r"(?:^|,)\s*(?:\[[^\]]*\]\s*)?([A-Za-z_]\w*)", body)]
        if values:
            reader.enums[m.group(1).lower()] = values


def read_class(reader: _Reader, block: Block) -> None:
    lines = block.lines
    java = block.info in ("java", "kotlin", "kt")
    text = "\n".join(lines)
    _read_enums(reader, text)
    if not java:
        read_ef_config(reader, block)
    for index, text in enumerate(lines):
        m = _RECORD.match(text)
        if m:
            # `public record Author(Guid Id, string Name);`: positional members
            fields = []
            for part in _split_members(m.group(2)):
                p = re.match(r"(?:\[[^\]]*\]\s*)*([\w.<>,?\[\]]+)\s+([A-Za-z_]\w*)$", part.strip())
                if p:
                    fields.append((index, p.group(2), p.group(1), "", ""))
            _class_fields(reader, block, index, m.group(1), fields, "", java)
    declarations = _declarations(lines, _CLASS_HEADER)
    if not declarations and not java:
        _loose_properties(reader, block)
    for start, header, members in declarations:
        kind, name = header.group(1), header.group(2)
        if kind == "interface":
            continue  # repository and service interfaces: methods, no columns
        above = []
        for back in range(start - 1, max(start - 12, -1), -1):
            if not re.match(r"\s*[@\[]", lines[back]):
                break
            above.append(lines[back].strip())
        fields = []
        annotations: list[str] = []
        said = ""  # the doc comment above `[Required]`: said of the property below the attributes
        for index, text, comment in members:
            if text.startswith(("[", "@")):
                annotations.append(text)
                said = said or comment
                continue
            m = _CS_PROPERTY.match(text) or _JAVA_FIELD.match(text)
            if m:
                fields.append((index, m.group(2), m.group(1).strip(), " ".join(annotations), comment or said))
            annotations, said = [], ""
        _class_fields(
            reader,
            block,
            start,
            name,
            _framework_fields(header.group(0), start, fields) if fields else fields,
            " ".join([*above, header.group(0)]),
            java or "@" in header.group(0) or any(a.startswith("@") for a in above),
        )


def _loose_properties(reader: _Reader, block: Block) -> None:
    """`public DateTime? DeletedDate { get; private set; }` with no class around it, under `### WorldEntity (MODIFY)`:
    the properties the section's entity gains. Every line of the block must be one (or a comment or an attribute)."""
    marked = linear_re.search(r"\s*[(（]([^)）]*)[)）]\s*$", block.headings[-1]) if block.headings else None
    if marked is None or not W.says_it_grows(marked.group(1)):
        return  # only under a heading that says the entity changes: `### WorldEntity (MODIFY)`, `(extended)`
    heading = block.headings[-1][: marked.start()].strip(" `*")
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", heading):
        return
    fields = []
    annotations: list[str] = []
    for index, line in enumerate(lines := block.lines):
        text = line.strip()
        if not text or text.startswith(("//", "/*", "*")):
            continue
        if text.startswith("["):
            annotations.append(text)
            continue
        m = _CS_PROPERTY.match(text)
        if m is None:
            return
        if any("NotMapped" in a for a in annotations) or re.search(r"\{\s*get;\s*\}", text):
            annotations = []
            continue  # `[NotMapped]`, `{ get; }`: computed, not kept
        said = " ".join(
            re.sub(r"^\s*///?\s*(?:</?summary>)?", "", back).strip()
            for back in lines[max(index - 3, 0) : index]
            if back.strip().startswith("//")
        )
        fields.append((index, m.group(2), m.group(1).strip(), " ".join(annotations), said.strip()))
        annotations = []
    if fields:
        _class_fields(reader, block, fields[0][0], heading, fields, "", False, changes=True)


_KEYED_BASE = re.compile(r"(?::|\bextends)\s*(?:[\w]+\.)*(?P<base>[A-Za-z_]\w*)\s*<\s*(?P<key>[\w.]+)\s*>")
_KEY_TYPES = {"guid", "uuid", "int", "integer", "long", "string", "short"}


def _framework_fields(header: str, start: int, fields: list) -> list:
    """`class Album : AuditedAggregateRoot<Guid>`: the key the generic base gives (`Id`, a Guid) and the
    columns a known framework base adds (types.json `framework_bases`), before the class's own members."""
    keyed = _KEYED_BASE.search(header)
    if keyed is None or keyed.group("key").rsplit(".", 1)[-1].lower() not in _KEY_TYPES:
        return fields
    own = {f[1].lower() for f in fields}
    bases = framework_bases()
    prefix = max((p for p in bases if keyed.group("base").startswith(p)), key=len, default=None)
    added = [("Id", keyed.group("key"))] + [tuple(pair) for pair in (bases[prefix] if prefix else [])]
    return [(start, member, type_text, "", "") for member, type_text in added if member.lower() not in own] + fields


_EF_OWNER = re.compile(r"(?:Entity|IEntityTypeConfiguration|EntityTypeBuilder)<\s*([A-Za-z_]\w*)\s*>")
_EF_MEMBER = r"\(\s*\w+\s*=>\s*(?:\w+\.)?([A-Za-z_]\w*)\s*\)"  # `(u => u.Email)`
_EF_MEMBERS = r"\(\s*\w+\s*=>\s*new\s*\{([^}]*)\}\s*\)"  # `(x => new { x.A, x.B })`


def read_ef_config(reader: _Reader, block: Block) -> None:
    """EF Core's fluent configuration (`modelBuilder.Entity<User>(e => { e.HasKey(...); ... })`,
    `IEntityTypeConfiguration<User>`): keys, indexes, lengths, required, foreign keys and
    table names. It refines the columns a class declares (in any block: it is applied once the
    file is read); an index on a column no class declares stays on the entity, and nothing else
    about such a column is guessed (the tables beside the configuration have it)."""
    text = "\n".join(block.lines)
    owners = [(m.start(), m.group(1)) for m in _EF_OWNER.finditer(text)]
    if not owners:
        return
    starts = [o[0] for o in owners]
    position = 0
    for raw in text.split(";"):
        begin = position + (len(raw) - len(raw.lstrip()))
        position += len(raw) + 1
        stmt = " ".join(raw.split())
        if not stmt or "=>" not in stmt and "ToTable" not in stmt:
            continue
        inside = _EF_OWNER.findall(stmt)
        index = bisect_right(starts, begin + len(raw)) - 1
        owner = inside[-1] if inside else owners[index][1] if index >= 0 else None
        if owner is None:
            continue
        line = block.first_line + text.count("\n", 0, begin)
        entity = reader.entity(owner, line, needle=owner, shape=False)
        reader.deferred.append(lambda entity=entity, stmt=stmt, line=line: _ef_statement(reader, entity, stmt, line))


def _ef_statement(reader: _Reader, entity: InferredEntity, stmt: str, line: int) -> None:
    code = _helpers()
    table = re.search(r"ToTable\(\s*\"(\w+)\"", stmt)
    if table:
        entity.table = entity.table or table.group(1)
        reader.tables.setdefault(table.group(1).lower(), entity.name)
    for m in re.finditer(r"HasKey" + _EF_MEMBER, stmt):
        col = _ef_column(reader, code, entity, m.group(1), line)
        if col is not None:
            col.primary_key = col.required = True
    for m in re.finditer(r"HasKey" + _EF_MEMBERS, stmt):
        for name in re.findall(r"\.(\w+)", m.group(1)):
            col = _ef_column(reader, code, entity, name, line)
            if col is not None:
                col.composite_key = col.required = True
    for m in re.finditer(r"HasIndex(?:" + _EF_MEMBER + "|" + _EF_MEMBERS + r")((?:\s*\.\s*\w+\([^()]*\))*)", stmt):
        names = [m.group(1)] if m.group(1) else re.findall(r"\.(\w+)", m.group(2) or "")
        for name in names:
            _ef_column(reader, code, entity, name, line)
        reader.add_index(entity, [code.column_name(n) for n in names], unique="IsUnique()" in (m.group(3) or "").replace(" ", ""))
    prop = re.search(r"Property" + _EF_MEMBER + r"((?:\s*\.\s*\w+\((?:[^()]|\([^()]*\))*\))*)", stmt)
    col = _ef_column(reader, code, entity, prop.group(1), line) if prop else None
    if col is not None:
        chain = prop.group(2)
        if re.search(r"IsRequired\(\s*(true)?\s*\)", chain):
            col.required = True
        elif re.search(r"IsRequired\(\s*false\s*\)", chain):
            col.required = False
        column_type = re.search(r"HasColumnType\(\s*\"([^\"]+)\"", chain)
        length = re.search(r"HasMaxLength\(\s*(\d+)\s*\)", chain)
        # the configuration refines what the class says (`string` -> `string(80)`)
        written = (
            column_type.group(1)
            if column_type
            else f"varchar({length.group(1)})"
            if length and col.type in (None, "text", "string")
            else None
        )
        guess = canonical_type(written) if written else None
        if guess is not None and guess.type is not None:
            col.type, col.confident = guess.type, guess.confident
        default = re.search(r"HasDefaultValue(?:Sql)?\(\s*(.+?)\s*\)\s*(?:\.|$)", chain)
        if default and col.default is None:
            col.default = code._default(default.group(1).strip('"') if "Sql" in chain else default.group(1).replace('"', "'"))
    fk = re.search(r"HasForeignKey(?:<\w+>)?" + _EF_MEMBER, stmt)
    col = _ef_column(reader, code, entity, fk.group(1), line) if fk else None
    if col is not None:
        target = re.search(r"HasOne(?:<\s*(\w+)\s*>\s*\(\s*\)|\(\s*\w+\s*=>\s*\w+\.(\w+)\s*\))", stmt)
        if target:
            col.references = target.group(1) or target.group(2)
            col.navigated = target.group(2) is not None
        action = re.search(r"OnDelete\(\s*DeleteBehavior\.(\w+)", stmt)
        if action:
            col.on_delete = code._on_delete(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", action.group(1)))


def _ef_column(reader: _Reader, code, entity: InferredEntity, member: str, line: int) -> InferredColumn | None:
    """The column a class declared for `member`, with this line as evidence; None when no class did."""
    found = reader.find_column(entity, code.column_name(member))
    if found is not None:
        found.evidence.append(reader.evidence(line, member))
    return found


def _class_fields(
    reader: _Reader, block: Block, start: int, name: str, fields: list, class_notes: str, java: bool, changes: bool = False
) -> None:
    """`changes`: properties a section adds to its entity (`_loose_properties`), which the file declares elsewhere."""
    code = _helpers()
    if not fields:
        return
    table = re.search(r"@Table\s*\(\s*name\s*=\s*\"(\w+)\"|\[Table\(\s*\"(\w+)\"", class_notes)
    mapped = bool(re.search(r"@Entity\b|\[Table\(", class_notes))
    table_name = (table.group(1) or table.group(2)) if table else None
    entity_name = code.orm_entity_name(name, table_name) if mapped else name
    # (a section's changes name a table the file declares nowhere, as a CREATE INDEX does: neither shape nor schema)
    entity = reader.entity(
        entity_name, block.first_line + start, needle=name, table=table_name, shape=not (mapped or changes), indexed=changes
    )
    reason = code._not_stored_reason(name)
    if reason:
        entity.stored, entity.not_stored_reason = False, reason
    for index, field, type_text, notes, comment in fields:
        length = re.search(r"(?:MaxLength|StringLength|length\s*=|Size\(max\s*=)\s*\(?\s*(\d+)", notes)
        written = f"varchar({length.group(1)})" if length and re.match(r"(?i)string\??$", type_text) else type_text
        if "@Enumerated" in notes and type_text.lower() not in reader.enums and "ORDINAL" not in notes:
            # an enum stored by name whose constants this file does not list: its name, as text
            written = f"varchar({length.group(1)})" if length else "text"
        java_field = java or "@" in notes
        # C# (nullable reference types): `T?` is nullable, `T` is not. Java: a reference may be null unless said otherwise.
        nullable = type_text.endswith("?") or (java_field and type_text not in _NOT_NULL_TYPES)
        col = _typed_member(
            reader,
            entity,
            block.first_line + index,
            field,
            written,
            nullable,
            comment,
            lang="java" if java_field else "csharp",
            column=None,
        )
        if col is None:
            continue
        if re.search(r"nullable\s*=\s*true", notes):
            col.required = False
        if re.search(r"\[Required\]|@NotNull|@NonNull|nullable\s*=\s*false|optional\s*=\s*false", notes):
            col.required = True
        own_id = field in ("Id", "id") or not java_field and field.lower() == f"{name.lower()}id"  # EF Core: `DocumentId` in Document
        if re.search(r"\[Key\]|@Id\b", notes) or (own_id and not any(c.primary_key for c in entity.columns)):
            col.primary_key, col.required = True, True
        if re.search(r"unique\s*=\s*true|\[Index\(.*IsUnique\s*=\s*true", notes, re.IGNORECASE):
            col.unique = True


# -- Mermaid erDiagram


def read_mermaid(reader: _Reader, block: Block) -> None:
    code = _helpers()
    lines = block.lines
    if not any(re.match(r"\s*erDiagram\b", t) for t in lines[:20]):
        return
    current = None
    relations = []
    for index, text in enumerate(lines):
        line = block.first_line + index
        m = re.match(r"\s*\"?([\w-]+)\"?\s*(?:\[[^\]]*\])?\s*\{\s*$", text)
        if m:
            written = m.group(1)
            # `chefs`: a table's name; `CUSTOMER`: an entity in Mermaid's capitals; `Customer`: as written
            table = written if written.islower() else None
            name = reader.tables.get(written.lower()) or (code.entity_name(written.lower()) if table or written.isupper() else written)
            current = reader.entity(name, line, needle=written, table=table)
            continue
        if current is not None and re.match(r"\s*\}", text):
            current = None
            continue
        if current is not None:
            mm = re.match(
                r"\s*([\w\[\]()]+(?:\([^)]*\))?)\s+([\w]+)\s*((?:[\s,_]*(?:PK|FK|UK)(?=[\s,_\x22]|$))*)\s*(?:\"([^\"]*)\")?", text
            )
            if mm:
                keys = set(re.findall(r"PK|FK|UK", mm.group(3) or ""))
                col = InferredColumn(name=code.column_name(mm.group(2)), type=None, description=mm.group(4) or "")
                col.primary_key = "PK" in keys
                col.unique = "UK" in keys
                if col.primary_key:
                    col.required = True
                col = reader.column(current, col, line, mm.group(2))
                values = [v.strip() for v in (mm.group(4) or "").split("|")]
                if (
                    len(values) > 1
                    and all(re.fullmatch(r"[\w-]{1,40}", v) for v in values)
                    and re.fullmatch(r"text|string(\(\d+\))?", canonical_type(mm.group(1)).type or "")
                ):
                    reader.typed(current, col, enum_type(values), line)  # `text role "admin|manager|observer"`
                else:
                    reader.typed(current, col, mm.group(1), line)
                if "FK" in keys:
                    reader.maybe_fk.append((current, col))
            continue
        r = re.match(r"\s*\"?([\w-]+)\"?\s*[|}o{]{1,2}(?:--|\.\.)[|}o{]{1,2}\s*\"?([\w-]+)\"?", text)
        if r:
            relations.append((r.group(1), r.group(2)))


# -- ASCII-art boxes


# Box-drawing characters read as their ASCII counterparts (one character each: columns stay put).
_BOX = str.maketrans({**dict.fromkeys("┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╭╮╰╯", "+"), **dict.fromkeys("─━═", "-"), **dict.fromkeys("│┃║", "|")})


def read_ascii(reader: _Reader, block: Block) -> None:
    """`+-----+ | users | +-----+ | id (PK) | ... +-----+` (or drawn with
    `┌─┐│└┘`): a box whose first section is a name and whose second lists
    fields. Boxes may stand side by side; each is read between its corners.
    A field without a type stays untyped without a finding: diagrams name
    columns, the tables beside them type them."""
    code = _helpers()
    lines = [line.translate(_BOX) for line in block.lines]
    for index, text in enumerate(lines):
        for m in re.finditer(r"\+[-=]{3,}\+", text):
            left, right = m.start(), m.end() - 1
            above = lines[index - 1] if index else ""
            if above[left : left + 1] == "|":
                continue  # a separator or the bottom of a box, not a top
            sections = _box_sections(lines, index, left, right)
            if len(sections) == 1 and len(sections[0]) > 1 and all(re.match(r"[-*•·]\s", row) for _, row in sections[0][1:]):
                sections = [sections[0][:1], sections[0][1:]]  # `│ users │ - id (PK) │ - email │`: no rule under the name
            if sections and len(sections[0]) > 1 and all(re.fullmatch(r"\(.*\)", row) for _, row in sections[0][1:]):
                sections[0] = sections[0][:1]  # `│ auth.users │ (Supabase) │`: a note under the name
            if len(sections) < 2 or len(sections[0]) != 1:
                continue
            title_line, title = sections[0][0]
            if re.fullmatch(r"(?i)\s*(?:fields?|attributes?|columns?|properties)\s*:\s*", title):
                continue  # `│ Fields: │ - config │`: the list of the box around it, not an entity
            if re.search(r"\w\.\w", title):
                continue  # `auth.users`, `auth.User`: another schema's or framework's table, drawn for its relationships
            named = re.search(r"\((\w+)\s+table\)", title)  # `User (users table)`
            title = re.sub(r"\(.*?\)", "", title)
            title = re.sub(r"[^\w ]", "", title).strip()
            if not re.fullmatch(r"[A-Za-z_]\w*", title):
                continue
            table = named.group(1) if named else title if title.islower() else None  # `users`: a table's name; `User`: an entity's
            entity = reader.entity(code.entity_name(title) if table else title, block.first_line + title_line, needle=title, table=table)
            for i2, inner in sections[1]:
                _box_field(reader, code, entity, block.first_line + i2, inner)


def _box_sections(lines: list[str], top: int, left: int, right: int) -> list[list[tuple[int, str]]]:
    """The rows of the box whose top border spans `left..right` on line `top`,
    cut into sections at its inner borders. A right border one column off
    (hand-drawn boxes) still counts."""
    sections: list[list[tuple[int, str]]] = [[]]
    i = top + 1
    while i < len(lines):
        line = lines[i]
        if line[left : left + 1] not in ("|", "+"):
            break
        edge = next((r for r in (right, right - 1, right + 1) if line[r : r + 1] in ("|", "+")), None)
        if edge is None:
            break
        cell = line[left + 1 : edge]
        if line[left] == "+" and re.fullmatch(r"[-=+]*", cell) and line[edge] == "+":
            if i > top + 1 and not sections[-1] and len(sections) > 1:
                break
            if re.fullmatch(r"[-=]*", cell) and line[left] == "+" and i > top + 1 and sections != [[]] and _bottom(lines, i, left):
                break  # the bottom border
            sections.append([])
        elif re.fullmatch(r"\s*[-=]{3,}\s*", cell):
            sections.append([])  # `│─────│`: a separator drawn inside the box
        elif cell.strip():
            sections[-1].append((i, cell.strip()))
        i += 1
    return [s for s in sections if s]


def _bottom(lines: list[str], i: int, left: int) -> bool:
    below = lines[i + 1] if i + 1 < len(lines) else ""
    return below[left : left + 1] not in ("|", "+")


def _box_field(reader: _Reader, code, entity: InferredEntity, line: int, inner: str) -> None:
    """One row of a box: `id (UUID, PK)`, `email (VARCHAR(255), UNIQUE, NOT NULL)`,
    `user_id (FK → User)`, `id: uuid PK`, or a table constraint `UNIQUE(a, b)`."""
    group = re.fullmatch(r"(?i)(unique|primary\s+key|index)\s*\(([^()]*)\)", inner.strip())
    if group:
        names = [code.column_name(n.strip(' `"')) for n in group.group(2).split(",") if n.strip()]
        if group.group(1).lower().startswith("primary"):
            for col in entity.columns:
                if col.name in names:
                    col.primary_key, col.required = True, True
        else:
            reader.add_index(entity, names, unique=group.group(1).lower() == "unique")
        return
    inner = re.sub(r"^[-*•·]\s+", "", inner)  # `- user_id (FK)`: a field listed as a bullet
    if re.search(r"\w(?:\.\.\.|…)", inner):
        return  # `- email_notif...`: a name cut short to fit the box
    marks = re.match(r"(?i)((?:pk|fk|uq|uk|idx|ix)(?:\s*[,/]\s*(?:pk|fk|uq|uk|idx|ix))*)\s+(?=[A-Za-z_])", inner)
    prefix = marks.group(1).lower() if marks else ""
    if marks:
        inner = inner[marks.end() :]  # `PK  id: UUID`, `FK  user_id: UUID → users.id`
    mm = re.match(r"([A-Za-z_]\w*)\s*:?\s*(.*)$", inner)
    if not mm:
        return
    field, rest = mm.group(1), mm.group(2).strip()
    col = InferredColumn(name=code.column_name(field), type=None)
    col.primary_key = "pk" in prefix
    col.required = True if col.primary_key else None
    col.unique = bool(re.search(r"uq|uk", prefix))
    col.indexed = bool(re.search(r"idx|ix", prefix))
    kept = []
    fk_target = "" if "fk" in prefix else None
    arrow = re.search(r"(?:→|->)\s*([\w.]+)(?:\s*\(([^()]*)\))?", rest)
    if arrow:  # `→ users.id (CASCADE DELETE)`
        fk_target = arrow.group(1).split(".")[0]
        action = (arrow.group(2) or "").lower()
        col.on_delete = next((a for a in ("cascade", "set null", "restrict", "no action", "set default") if a in action), None)
        rest = (rest[: arrow.start()] + rest[arrow.end() :]).strip()
    values = re.search(r"\[([^\[\]]*[|,/][^\[\]]*)\]", rest)
    if values:  # `String(20) [student|teacher|admin]`
        kept_values = [v.strip() for v in re.split(r"[|,/]", values.group(1)) if v.strip()]
        rest = (rest[: values.start()] + rest[values.end() :]).strip()
    rest = linear_re.sub(r"\s*\[[^\[\]]*\]\s*", " ", rest).strip()  # `[SoftDeleteMixin]`: a note
    if rest.startswith("(") and rest.endswith(")") and _balanced_parens(rest[1:-1]):
        rest = rest[1:-1]
    else:
        tail = re.fullmatch(r"(.*?\S)\s+\(([^()]*)\)", rest)
        if tail:  # `String(255) (nullable)`: the type, then notes
            rest = tail.group(1) + ", " + tail.group(2)
    for part in (p.strip() for p in _split_members(rest.replace(";", ","))):
        words = part.split()
        low = part.lower()
        if re.fullmatch(r"(?i)pk|primary(\s+key)?", part):
            col.primary_key, col.required = True, True
        elif re.match(r"(?i)fk\b|references\b|→|->", part):
            fk_target = re.sub(r"(?i)^(fk|references)\s*(→|->|to)?\s*|^(→|->)\s*", "", part).strip() or None
            if fk_target:
                fk_target = re.split(r"[.(\s]", fk_target)[0]
        elif low in ("unique", "uk", "uq") or low.startswith("unique "):
            col.unique = True
        elif low in ("not null", "required", "non-null"):
            col.required = True
        elif low in ("null", "nullable", "optional"):
            col.required = False
        elif low in ("index", "indexed", "idx"):
            col.indexed = True
        elif low.startswith("default"):
            col.default = code._default(re.sub(r"(?i)^default\s*:?\s*", "", part))
        elif len(words) > 1 and all(re.fullmatch(r"(?i)pk|fk|uk|unique|not|null|indexed", w) for w in words):
            col.primary_key |= "pk" in low.split()
            col.unique |= bool({"uk", "unique"} & set(low.split()))
            if "fk" in low.split():
                fk_target = fk_target or ""
        else:
            kept.append(part)
    col = reader.column(entity, col, line, field)
    if fk_target:
        col.references = fk_target
    elif fk_target is not None or not col.references:
        reader.maybe_fk.append((entity, col))
    type_text = ", ".join(kept)
    # `uuid PK FK`: the type's first word, then key marks
    type_text = re.sub(r"(?i)\s+\b(pk|fk|uk)\b.*$", "", type_text)
    if values and kept_values:
        reader.typed(entity, col, enum_type(kept_values), line)
    elif type_text:
        reader.typed(entity, col, type_text, line)
    if col.type is None and col.references is None:
        col.sketched = True  # a name in a box (`- UI Prefs`): no type said, only a sketch


def _balanced_parens(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0
