"""Write proposals in the canonical notation and rewrite only the Key Entities section.

Each entity bullet keeps its own lines (its prose is its description); typed
attributes are inserted below it as nested bullets (``  - `name`: type,
modifiers — description``), in place of the nested prose bullets they were
read from. An entity heading gets its attribute bullets after its prose.
Entities only the data model names are added at the end of the section (or
in a new `### Key Entities` section at the end of the Requirements section,
else at the end of the file). Every other byte of the file is kept: line
endings, a BOM, trailing spaces, the lines around.

Every attribute line is parsed by the front end's own grammar before it is
written; a modifier it refuses is left out (W307), so `spec2db build` reads
back exactly what was proposed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from compiler import linear_re
from compiler.diagnostics import Diagnostics, Span
from compiler.frontend import notation
from compiler.frontend.markdown import ENTITY_HEAD_RE, _clean_heading, _markdown
from compiler.frontend.source import Fragment
from compiler.infer.model import InferredColumn, InferredEntity
from compiler.infer.prose import EntityBlock
from compiler.infer.typemap import comparable
from compiler.naming import MAX_IDENTIFIER_BYTES, byte_length

NOT_STORED_MARKER = "*(not stored)*"
EXTENDS_MARKER = "*(extends)*"
EXTERNAL_MARKER = "*(external)*"
TIMESTAMP_DEFAULT_RE = re.compile(
    r"^(now\(\)|now|current_timestamp(\(\))?|datetime\.(utc)?now.*|getdate\(\)|sysdate|func\.now\(\))$", re.IGNORECASE
)
DATE_DEFAULT_RE = re.compile(r"^(today|current_date|date\.today\(\))$", re.IGNORECASE)
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
NAME_RE = re.compile(r"^[^\W\d]\w*$")


@dataclass(slots=True)
class Proposal:
    """What infer does with one entity of a spec."""

    entity: InferredEntity
    block: EntityBlock | None = None  # where it sits in spec.md; None: added
    consumed: list[tuple[int, int, list[str]]] = field(default_factory=list)  # prose items replaced by the attributes
    action: str = "keep"  # "type", "not_stored", "add", "keep"
    lines: list[str] = field(default_factory=list)  # the rendered attribute and entity lines
    marker: str | None = None  # written after the entity's name (`*(extends)*`)
    typed: set[str] = field(default_factory=set)  # columns the spec's own lines type already: kept as written


# A reference target: (name to write after `references`, its key type), or None when unknown.
Resolver = Callable[[str, str | None], tuple[str, str] | None]


def render_attributes(entity: InferredEntity, resolve: Resolver, diags: Diagnostics) -> list[str]:
    """The canonical attribute lines of `entity` (without the bullet and indentation)."""
    lines = []
    key_columns = [c.name for c in entity.columns if c.primary_key or c.composite_key]
    composite = len(key_columns) > 1
    # no key stated and an `id` column: it is the key (spec2db's convention too); say so
    implicit = None if key_columns else next((c for c in entity.columns if c.name == "id" and not c.references), None)
    indexable = set()  # the columns written, which an index or a key group may name
    for column in entity.columns:
        line = _attribute(column, entity, resolve, diags, composite, column is implicit)
        if line is not None:
            lines.append(line)
            if column.type is None or comparable(column.type):
                indexable.add(column.name)
    if composite and all(c in indexable for c in key_columns):
        lines.append("primary key: (" + ", ".join(f"`{c}`" for c in key_columns) + ")")
    lines.extend(_entity_lines(entity, key_columns, indexable))
    targets = [t for t in (resolve(name, None) for name in entity.many_to_many) if t is not None]
    if targets:
        lines.append("relationships: " + "; ".join(f"many to many {name}" for name, _ in targets))
    return lines


def _entity_lines(entity: InferredEntity, key_columns: list[str], indexable: set[str]) -> list[str]:
    """`indexes:` and `unique:` for the groups a source declares, minus what the attributes already imply, and
    minus those that name a column left out (untyped: build would refuse the index, E204) or a json one (E217)."""
    columns = {c.name: c for c in entity.columns if c.name in indexable}
    implied = {(c.name,) for c in entity.columns if c.primary_key or c.unique or c.indexed or c.references}
    implied.add(tuple(key_columns))
    uniques = [g for g in entity.unique_groups if len(g) > 1 and all(n in columns for n in g) and tuple(g) != tuple(key_columns)]
    indexes = [g for g in entity.indexes if g and all(n in columns for n in g) and tuple(g) not in implied and g not in uniques]
    lines = []
    if indexes:
        lines.append(
            "indexes: "
            + ", ".join(f"`{g[0]}`" if len(g) == 1 else "(" + ", ".join(f"`{n}`" for n in g) + ")" for g in _unique_groups(indexes))
        )
    if uniques:
        lines.append("unique: " + ", ".join("(" + ", ".join(f"`{n}`" for n in g) + ")" for g in _unique_groups(uniques)))
    return lines


def _unique_groups(groups: list[list[str]]) -> list[list[str]]:
    seen, out = set(), []
    for group in groups:
        if tuple(group) not in seen:
            seen.add(tuple(group))
            out.append(group)
    return out


def _attribute(
    column: InferredColumn, entity: InferredEntity, resolve: Resolver, diags: Diagnostics, composite: bool, implicit_key: bool = False
) -> str | None:
    at = column.evidence[0].span if column.evidence else Span("<infer>", 1, 1, 1, 1)
    if byte_length(column.name) > MAX_IDENTIFIER_BYTES:
        diags.report("W302", f"{entity.name}.{column.name[:40]}...: a name over {MAX_IDENTIFIER_BYTES} bytes is no column; left out", at)
        return None
    type_text = column.type
    modifiers: list[str] = []
    if column.references:
        target = resolve(column.references, column.references_column)
        if target is None:
            diags.report(
                "W304", f"{entity.name}.{column.name} refers to '{column.references}', which no spec declares; kept as a plain column", at
            )
        else:
            type_text = target[1]
            modifiers.append(f"references {target[0]}")
            if column.on_delete:
                modifiers.append(f"on delete {column.on_delete}")
    if type_text is None:
        return None
    type_text = _enum_checked(type_text)
    is_key = (column.primary_key or implicit_key) and not composite
    if is_key:
        modifiers.insert(0, "primary key")
    elif column.required or (column.composite_key and composite):
        modifiers.insert(0, "required")
    equality = comparable(type_text)  # (no index or unique group on json, E217)
    if column.unique and not is_key and equality:
        modifiers.append("unique")
    if column.indexed and not (is_key or column.unique or column.references) and equality:
        modifiers.append("indexed")
    default = _default(column.default, type_text)
    if default is not None and not is_key:
        modifiers.append(f"default {default}")
    elif column.default not in (None, "autoincrement") and not is_key:
        diags.report("W307", f"{entity.name}.{column.name}: default '{column.default}' cannot be written for {type_text}; left out", at)
    spec = ", ".join([type_text, *modifiers])
    if not _parses(spec):
        spec = ", ".join([type_text, *(m for m in modifiers if _parses(f"{type_text}, {m}"))])
        if not _parses(spec):
            diags.report("W302", f"{entity.name}.{column.name}: type '{type_text}' is not spec2db notation; left out", at)
            return None
    description = _description(column.description)
    return f"`{column.name}`: {spec}" + (f" — {description}" if description else "")


def _parses(spec: str) -> bool:
    diags = Diagnostics()
    parsed = notation.parse(Fragment.single("<infer>", spec, 1, 1), "attribute", diags)
    return parsed is not None and not diags.items


def _enum_checked(type_text: str) -> str:
    """Enum values written so the grammar takes them: names bare, anything else quoted, no repeats. A value that
    cannot be a PostgreSQL enum label (over 63 bytes: a long MIME type) makes the column text, as E210 would refuse it."""
    match = re.fullmatch(r"enum\((.*)\)", type_text, re.DOTALL)
    if not match:
        return type_text
    values, seen = [], set()
    for raw in linear_re.split(r"\s*,\s*", match.group(1)):
        value = raw.strip().strip("'\"`").strip()
        if byte_length(value) > MAX_IDENTIFIER_BYTES or not value.isprintable():
            return "text"
        if not value or value.lower() in seen or "'" in value:
            continue
        seen.add(value.lower())
        values.append(value if NAME_RE.match(value) else f"'{value}'")
    return "enum(" + ", ".join(values) + ")" if values else "text"


def _default(value: str | None, type_text: str) -> str | None:
    """A default the notation can write for this type, or None."""
    if value is None:
        return None
    text = value.strip().strip("`").strip()
    bare = text.strip("'\"")
    while bare.startswith("(") and bare.endswith(")"):
        bare = bare[1:-1].strip()  # `(now())`: SQL's and Prisma's parenthesised expression
    lower = bare.lower()
    base = type_text.split("(")[0].lower()
    if base in ("boolean", "bool"):
        if lower in ("true", "false", "1", "0"):
            return "true" if lower in ("true", "1") else "false"
        return None
    if base in ("integer", "int", "bigint", "smallint"):
        return bare if re.fullmatch(r"-?\d+", bare) else None
    if base in ("decimal", "numeric", "float", "double", "real"):
        return bare if NUMBER_RE.match(bare) else None
    if base in ("timestamp", "timestamptz", "datetime"):
        return "now" if TIMESTAMP_DEFAULT_RE.match(bare) else None
    if base == "date":
        return "today" if DATE_DEFAULT_RE.match(bare) or TIMESTAMP_DEFAULT_RE.match(bare) else None
    if base == "enum":
        values = [v.strip().strip("'") for v in type_text[5:-1].split(",")]
        for candidate in values:
            if candidate.lower() == lower:
                return candidate if NAME_RE.match(candidate) else f"'{candidate}'"
        return None
    if (
        base in ("string", "varchar", "text", "char")
        and text[:1] in ("'", '"')
        and text[-1:] == text[:1]
        and "'" not in bare
        and "\\" not in bare
    ):
        return f"'{bare}'"
    return None


def _description(text: str) -> str:
    text = " ".join(text.replace("**", "").split())
    return text.strip(" —–-")[:300]


# ---------------------------------------------------------------------- the file
def rewrite(
    original: str, proposals: list[Proposal], sections: list[tuple[int, int]], entity_style: str, diags: Diagnostics, path: str
) -> str:
    """`original` with only the Key Entities section changed as `proposals` say."""
    bom = "\ufeff" if original.startswith("\ufeff") else ""
    body = original[len(bom) :]
    if re.search(r"\r(?!\n)", body):
        diags.report("W311", "spec.md has bare CR line endings; not rewritten", Span(path, 1, 1, 1, 1))
        return original
    cr = "\r" if "\r\n" in body else ""
    lines = body.split("\n")
    edits: list[tuple[int, int, list[str]]] = []
    for proposal in proposals:
        block = proposal.block
        if block is None or proposal.action not in ("type", "not_stored"):
            continue
        if block.kind == "paragraph":
            edits.append((block.start, block.end, _paragraph_as_bullet(proposal, lines, cr)))
            continue
        if proposal.action == "not_stored":
            edits.append((block.start, block.start + 1, [_with_marker(lines[block.start], block.kind, cr, NOT_STORED_MARKER)]))
            continue
        if proposal.marker:
            edits.append((block.start, block.start + 1, [_with_marker(lines[block.start], block.kind, cr, proposal.marker)]))
        consumed = [(a, b) for a, b, *_ in proposal.consumed]
        if block.kind == "bullet":
            # a partly typed entity: the new lines go where the first line they replace was, among the typed ones
            # (none replaced: the data model's other columns follow the typed ones)
            first = consumed[0][0] if proposal.typed and consumed else block.end if proposal.typed else block.para_end
            prefix, start, lead = " " * block.indent + "- ", first, []
        else:
            # an entity heading: its attribute bullets replace the prose bullets they were read from, else follow its prose
            prefix, start = "- ", consumed[0][0] if consumed else block.end
            lead = [] if consumed else [cr]
        new = lead + [f"{prefix}{line}{cr}" for line in proposal.lines]
        kept = [lines[n] for n in range(start, block.end) if not any(a <= n < b for a, b in consumed)]
        edits.append((start, block.end, new + kept))
    added = [p for p in proposals if p.action == "add"]
    if added:
        edit = _added(lines, added, sections, entity_style, cr, diags, path)
        if sections and not _reads_all(_applied(lines, [*edits, edit]), added, path):
            # the section ends in a sub-section of prose (`### 10.3 Sample Data` under `## 10. Data Model`), whose
            # bullets are no entities: the new ones go before its first sub-heading, where they are read
            edit = _added(lines, added, sections, entity_style, cr, diags, path, before_sub_headings=True)
        edits.append(edit)
    return bom + "\n".join(_applied(lines, edits))


def _applied(lines: list[str], edits: list[tuple[int, int, list[str]]]) -> list[str]:
    """`lines` with `edits` applied from the end; the added entities go first at a shared position, so they end up
    after the last entity's lines."""
    lines = list(lines)
    order = {id(edit): n for n, edit in enumerate(edits)}
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1], order[id(e)]), reverse=True):
        lines[start:end] = new
    return lines


def _reads_all(lines: list[str], added: list[Proposal], path: str) -> bool:
    """Whether the spec as rewritten declares every added entity, read as build reads it."""
    from compiler.frontend.markdown import parse_spec

    spec = parse_spec(path, "\n".join(lines), Diagnostics())
    read = {_clean_heading(e.name).lower() for e in spec.entities}
    return all(_clean_heading(p.entity.name).lower() in read for p in added)


def _paragraph_as_bullet(proposal: Proposal, lines: list[str], cr: str) -> list[str]:
    """`**User Account**` over a list -> `- **User Account**: <its description>` with the typed attributes,
    then the facts that were not read as attributes, as they were written (nested, `Relationships: has many
    alerts` would be read as an entity line)."""
    block = proposal.block
    marker = f" {NOT_STORED_MARKER}" if proposal.action == "not_stored" else ""
    description = _description(block.decl.description) or f"{block.decl.name}."
    out = [f"- **{block.decl.name}**{marker}: {description}{cr}"] + [f"  - {line}{cr}" for line in proposal.lines]
    consumed = [(a, b) for a, b, *_ in proposal.consumed]
    for a, b in block.nested:
        if (a, b) == block.description_item or (a, b) in consumed:
            continue
        out.extend(lines[a:b])
    return out


def _with_marker(line: str, kind: str, cr: str, marker: str) -> str:
    content = line[:-1] if cr and line.endswith("\r") else line
    if kind == "heading":
        return f"{content.rstrip()} {marker}{cr if line.endswith(chr(13)) else ''}"
    prefix = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", content)
    start = prefix.end() if prefix else 0
    head = ENTITY_HEAD_RE.match(content[start:])
    if head is None:
        return line
    cut = start + head.end()
    return f"{content[:cut]} {marker}{content[cut:]}{cr if line.endswith(chr(13)) else ''}"


def entity_text(proposal: Proposal, style: str, level: int, cr: str) -> list[str]:
    entity = proposal.entity
    description = _description(entity.description) or f"{entity.name} records."
    marker = f" {proposal.marker}" if proposal.marker else ""
    if style == "heading":
        out = [f"{'#' * level} {entity.name}{marker}{cr}", cr, f"{description}{cr}"]
        if proposal.lines:
            out += [cr] + [f"- {line}{cr}" for line in proposal.lines]
        return out
    return [f"- **{entity.name}**{marker}: {description}{cr}"] + [f"  - {line}{cr}" for line in proposal.lines]


def _added(lines, added, sections, style, cr, diags, path, before_sub_headings: bool = False) -> tuple[int, int, list[str]]:
    if sections:
        start, end = sections[0][0] - 1, sections[0][1]
        section_level = _heading_level(lines[start])
        headings = _heading_lines(lines)  # (markdown-it's, so not a `#` comment in a code block)
        if before_sub_headings:
            end = next((n for n in headings if start + 1 <= n < end), end)  # before the first sub-heading
        position = end
        while position > start + 1 and not lines[position - 1].strip():
            position -= 1
        level = section_level + 1
        new: list[str] = []
        if style == "heading" or not _is_list_line(lines[position - 1]):
            new.append(cr)
        for proposal in added:
            text = entity_text(proposal, style, level, cr)
            if style == "heading" and new and new[-1].strip():
                new.append(cr)
            new.extend(text)
        if position in headings:
            new.append(cr)  # (a sub-heading follows)
        return position, position, new
    position, level = _requirements_end(lines)
    diags.report(
        "W310",
        "spec.md has no Key Entities section; added one for the data model's entities",
        Span(path, min(position, len(lines)) or 1, 1, 1, 1),
    )
    new = [cr, f"{'#' * level} Key Entities{cr}", cr]
    for proposal in added:
        new.extend(entity_text(proposal, "bullet", level + 1, cr))
    if position < len(lines):
        new.append(cr)
    elif lines and lines[-1] == "":
        # the file ends with a newline: keep it last
        return len(lines) - 1, len(lines) - 1, new
    return position, position, new


def _heading_lines(lines: list[str]) -> list[int]:
    tokens = _markdown().parse("\n".join(line.rstrip("\r") for line in lines))
    return [t.map[0] for t in tokens if t.type == "heading_open" and t.map]


def _heading_level(line: str) -> int:
    match = re.match(r"^\s{0,3}(#{1,6})\s", line)
    return len(match.group(1)) if match else 2


def _is_list_line(line: str) -> bool:
    return bool(re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line)) or line.startswith((" ", "\t")) and bool(line.strip())


def _requirements_end(lines: list[str]) -> tuple[int, int]:
    """Where a new Key Entities section goes: the end of the Requirements section (as its
    sub-section), else the end of the file (as a `##` section)."""
    text = "\n".join(line.rstrip("\r") for line in lines)
    tokens = _markdown().parse(text)
    headings = [(t.map[0], int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open" and t.map]
    for n, (line, level, content) in enumerate(headings):
        if re.match(
            r"^(functional\s+)?requirements\b|^requisitos\b|^exigences\b|^wymagania\b|^요구\s*사항|^要件",
            _clean_heading(content),
            re.IGNORECASE,
        ):
            if re.match(r"^functional", _clean_heading(content), re.IGNORECASE):
                continue
            end = next((ln for ln, lv, _ in headings[n + 1 :] if lv <= level), len(lines))
            while end > line + 1 and not lines[end - 1].strip():
                end -= 1
            return end, level + 1
    return len(lines), 2
