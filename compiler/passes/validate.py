"""Validate pass: checks on the IR as a whole.

Assumes: every feature's Schema from the lower pass.
Guarantees: every identifier a schema creates (tables, columns, enum types,
constraints, indexes, triggers) is non-empty, free of NUL and control
characters, and at most 63 bytes, so PostgreSQL never truncates one
silently (E210); no two tables share a name (E202); no two features share
a number without a unique revision id (W203).
"""

from __future__ import annotations

from compiler.diagnostics import Diagnostics, Span
from compiler.ir import Project, Schema
from compiler.naming import MAX_IDENTIFIER_BYTES, byte_length, python_identifier


def validate(project: Project, diags: Diagnostics) -> None:
    checked: set[int] = set()  # a table unchanged since an earlier feature is the same object
    for schema in project.features:
        _names(schema, diags, checked)
    _revisions(project, diags)


def _revisions(project: Project, diags: Diagnostics) -> None:
    """Revision ids are the feature numbers; folders that share a number
    (resolve ordered them by full name) each get `<number>_<slug>`, so the
    migration chain stays linear and its ids unique."""
    by_number: dict[int, list[Schema]] = {}
    for schema in project.features:
        schema.revision = f"{schema.number:03d}" if schema.number is not None else schema.feature
        if schema.number is not None:
            by_number.setdefault(schema.number, []).append(schema)
    for number, group in by_number.items():
        if len(group) < 2:
            continue
        for schema in group:
            slug = schema.feature.split("-", 1)[1] if "-" in schema.feature else schema.feature
            schema.revision = f"{number:03d}_{python_identifier(slug)}"
        for schema in group[1:]:
            span = Span(path=schema.source, line=1, col=1, end_line=1, end_col=1)
            others = ", ".join(f"'{s.feature}'" for s in group if s is not schema)
            diags.report(
                "W203",
                f"features {others} and '{schema.feature}' share the number {number:03d}; ordered by folder name, "
                f"revision ids {', '.join(s.revision for s in group)} (renumber one folder)",
                span,
            )


def _names(schema: Schema, diags: Diagnostics, checked: set[int]) -> None:
    seen: dict[str, str] = {}
    for table in schema.tables:
        if table.name in seen:
            diags.report("E202", f"entities '{seen[table.name]}' and '{table.entity}' both map to table '{table.name}'", table.source)
        seen[table.name] = table.entity
    for table in schema.tables:
        if id(table) in checked:
            continue
        checked.add(id(table))
        where = table.source
        _identifier(table.name, "table", where, diags)
        for column in table.columns:
            _identifier(column.name, f"column of '{table.name}'", column.source or where, diags)
        named = [table.primary_key] if table.primary_key else []
        named += [*table.foreign_keys, *table.uniques, *table.checks, *table.indexes, *table.triggers]
        for obj in named:
            _identifier(obj.name, f"generated name in '{table.name}'", getattr(obj, "source", None) or where, diags)
    by_name = {t.name: t for t in schema.tables}
    for enum in schema.enums:
        if id(enum) in checked:
            continue
        checked.add(id(enum))
        table = by_name.get(enum.table)
        column = table.column(enum.column) if table else None
        span = column.source if column else None
        _identifier(enum.name, "enum type name", span, diags)
        for value in enum.values:
            if value.isascii() and value.isprintable() and len(value) <= MAX_IDENTIFIER_BYTES:
                continue
            if (hidden := _invisible(value)) is not None:
                diags.report(
                    "E210", f"enum value {value[:40]!r} contains the invisible or bidirectional character U+{ord(hidden):04X}", span
                )
            elif "\x00" in value or byte_length(value) > MAX_IDENTIFIER_BYTES:
                diags.report("E210", f"enum value {value[:40]!r}... is longer than {MAX_IDENTIFIER_BYTES} bytes or has a NUL", span)


def _identifier(name: str, what: str, span: Span | None, diags: Diagnostics) -> None:
    if name.isascii() and name.isprintable() and 0 < len(name) <= MAX_IDENTIFIER_BYTES:
        return  # the common case, without a look at each character
    if not name:
        diags.report("E210", f"{what} has an empty name", span)
    elif any(ord(c) < 32 or ord(c) == 127 for c in name):
        diags.report("E210", f"{what} {name[:40]!r} contains a control character", span)
    elif (hidden := _invisible(name)) is not None:
        diags.report("E210", f"{what} {name[:40]!r} contains the invisible or bidirectional character U+{ord(hidden):04X}", span)
    elif byte_length(name) > MAX_IDENTIFIER_BYTES:
        shown = name if len(name) <= 70 else name[:60] + "..."
        diags.report("E210", f"{what} '{shown}' is {byte_length(name)} bytes; PostgreSQL truncates names to {MAX_IDENTIFIER_BYTES}", span)


def _invisible(name: str) -> str | None:
    """The first format character (zero-width space, bidi marks and
    overrides, BOM: Unicode category Cf) or U+FFFD in `name`: identifiers
    that look like another name are refused (Trojan Source)."""
    import unicodedata

    return next((c for c in name if c == "\ufffd" or unicodedata.category(c) == "Cf"), None)
