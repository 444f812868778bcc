"""YAML blocks of data-model.md that describe records by their fields' types, one mapping a record:

    ResumeAttempt:
      attempt_id: "ulid"
      checkpoint_id: "ulid|null"
      trigger: "startup|manual|retry"
      finished_at: "iso-datetime|null"

Read line by line, never loaded: a YAML block is a schema only when a top-level key is a record's name
(`PascalCase`) and most of its fields' values are types (`string`, `int|null`) or closed lists of values
(`startup|manual|retry`). Configuration files and examples (`name: baseline-2025-10-26`) are none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compiler import linear_re
from compiler.infer.model import InferredColumn
from compiler.infer.typemap import canonical_type, enum_type, null_words

if TYPE_CHECKING:
    from compiler.infer.code import Block, _Reader

_RECORD_RE = re.compile(r"(?P<name>[A-Z][A-Za-z0-9]*):\s*(?:#.*)?$")
_FIELD_RE = re.compile(r"[ \t]+(?P<name>[A-Za-z_]\w*):\s*(?P<value>.*)$")
_COMMENT_RE = linear_re.compiled(r"\s+#.*$")
_VALUE_RE = re.compile(r"[a-z][a-z0-9_-]*")
_SCHEMA_SHARE = 0.6  # of a record's fields whose values read as types


def read_yaml(reader: _Reader, block: Block) -> None:
    """The records a type-valued YAML block declares (see the module's docstring)."""
    from compiler.infer.code import column_name

    lines = block.lines
    index = 0
    while index < len(lines):
        record = _RECORD_RE.match(lines[index])
        if record is None:
            index += 1
            continue
        start = index
        fields, index = _fields(lines, index + 1)
        typed = [(column_name(name), line, _type_of(value, column_name(name))) for name, line, value in fields]
        said = sum(guess is not None for (_, _, guess), (_, _, value) in zip(typed, fields, strict=True) if value.strip())
        if said < 2 or said < _SCHEMA_SHARE * len(typed):
            continue  # a configuration or an example: values (or mappings of values), not types
        entity = reader.entity(record.group("name"), block.first_line + start, needle=record.group("name"))
        reader.yaml_decl.add(entity.name)
        for name, line, guess in typed:
            at = block.first_line + line
            column = reader.column(entity, InferredColumn(name=name, type=None), at, name)
            if guess is None:
                continue
            type_text, nullable = guess
            column.type, column.confident = type_text, True
            if column.required is None:
                column.required = not nullable


def _fields(lines: list[str], start: int) -> tuple[list[tuple[str, int, str]], int]:
    """The fields directly under a record's line (one indentation deeper), and where the record ends. A field
    whose value sits on the lines below (a nested mapping or a list) is kept whole, as JSON."""
    fields: list[tuple[str, int, str]] = []
    indent = None
    index = start
    while index < len(lines):
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#"):
            index += 1
            continue
        if not text[:1].isspace():
            break  # the next top-level key
        field = _FIELD_RE.match(text)
        depth = len(text) - len(text.lstrip())
        if indent is None and field is not None:
            indent = depth
        if field is not None and depth == indent:
            fields.append((field.group("name"), index, field.group("value")))
        elif depth == indent:
            return [], index  # `- item` at the fields' depth: a list, not a record's fields
        index += 1
    return fields, index


def _type_of(value: str, name: str) -> tuple[str, bool] | None:
    """(type, nullable) a field's value says, or None when it is a value rather than a type."""
    value = _COMMENT_RE.sub("", value).strip()
    if not value:
        return "json", True  # a nested mapping or list: kept whole
    value = value.strip("\"'").strip()
    parts = [p.strip() for p in value.split("|") if p.strip()]
    real = [p for p in parts if p.lower() not in null_words()]
    nullable = len(real) < len(parts)
    if not real:
        return None
    guesses = [canonical_type(p, column=name) for p in real]
    if len(real) == 1 and guesses[0].type is not None and guesses[0].confident:
        return guesses[0].type, nullable
    if len(real) >= 2 and not any(g.type and g.confident for g in guesses) and all(_VALUE_RE.fullmatch(p) for p in real):
        return enum_type(real), nullable  # `startup|manual|retry`
    if len(real) == 1 and re.fullmatch(r"[a-z]\w*_id", real[0]):
        return "text", nullable  # `artifact_id|null`: another record's id
    return None
