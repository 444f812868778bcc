"""PostgreSQL spellings: types, defaults, quoting. The one table per fact."""

from __future__ import annotations

import re

from compiler.ir import ColumnType, Default
from compiler.types import Scalar

TYPE_MAPPING: dict[Scalar, str] = {
    Scalar.UUID: "UUID",
    Scalar.STRING: "VARCHAR",
    Scalar.TEXT: "TEXT",
    Scalar.CHAR: "CHAR",
    Scalar.SMALLINT: "SMALLINT",
    Scalar.INTEGER: "INTEGER",
    Scalar.BIGINT: "BIGINT",
    Scalar.DECIMAL: "NUMERIC",
    Scalar.REAL: "REAL",
    Scalar.DOUBLE: "DOUBLE PRECISION",
    Scalar.BOOLEAN: "BOOLEAN",
    Scalar.DATE: "DATE",
    Scalar.TIME: "TIME",
    Scalar.TIMESTAMP: "TIMESTAMP",
    Scalar.TIMESTAMPTZ: "TIMESTAMPTZ",
    Scalar.INTERVAL: "INTERVAL",
    Scalar.JSON: "JSON",
    Scalar.JSONB: "JSONB",
    Scalar.BYTES: "BYTEA",
}

DEFAULTS: dict[str, str] = {
    "uuid": "gen_random_uuid()",
    "now": "CURRENT_TIMESTAMP",
    "current_date": "CURRENT_DATE",
    "null": "NULL",
}

FK_ACTIONS = {"cascade": "CASCADE", "restrict": "RESTRICT", "set null": "SET NULL", "set default": "SET DEFAULT", "no action": "NO ACTION"}

# PostgreSQL's reserved key words (Appendix C, "reserved" and "reserved,
# requires AS"): as bare identifiers they are syntax errors.
RESERVED = frozenset(
    [
        "all",
        "analyse",
        "analyze",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "asymmetric",
        "authorization",
        "binary",
        "both",
        "case",
        "cast",
        "check",
        "collate",
        "collation",
        "column",
        "concurrently",
        "constraint",
        "create",
        "cross",
        "current_catalog",
        "current_date",
        "current_role",
        "current_schema",
        "current_time",
        "current_timestamp",
        "current_user",
        "default",
        "deferrable",
        "desc",
        "distinct",
        "do",
        "else",
        "end",
        "except",
        "false",
        "fetch",
        "for",
        "foreign",
        "freeze",
        "from",
        "full",
        "grant",
        "group",
        "having",
        "ilike",
        "in",
        "initially",
        "inner",
        "intersect",
        "into",
        "is",
        "isnull",
        "join",
        "lateral",
        "leading",
        "left",
        "like",
        "limit",
        "localtime",
        "localtimestamp",
        "natural",
        "not",
        "notnull",
        "null",
        "offset",
        "on",
        "only",
        "or",
        "order",
        "outer",
        "overlaps",
        "placing",
        "primary",
        "references",
        "returning",
        "right",
        "select",
        "session_user",
        "similar",
        "some",
        "symmetric",
        "system_user",
        "table",
        "tablesample",
        "then",
        "to",
        "trailing",
        "true",
        "union",
        "unique",
        "user",
        "using",
        "variadic",
        "verbose",
        "when",
        "where",
        "window",
        "with",
    ]
)

# Not reserved in PostgreSQL, but sqlglot, which checks every generated statement, cannot read them bare
# (`exclude TEXT[]` in a column list starts an exclusion constraint to it). Quoted, they mean the same to both.
# Found by parsing each of PostgreSQL's non-reserved keywords (pg_get_keywords()) in every position the
# emitters write a name (tests/test_hostile.py checks the list stays complete).
PARSER_KEYWORDS = frozenset(["alter", "between", "drop", "exclude", "function", "insert", "revoke", "rollback", "values"])

_BARE = re.compile(r"^[a-z_][a-z0-9_]*$")


def quote_ident(name: str) -> str:
    if _BARE.match(name) and name not in RESERVED and name not in PARSER_KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    # standard_conforming_strings is on (the default since 9.1): only ' needs doubling.
    return "'" + value.replace("'", "''") + "'"


def dollar_quote(body: str) -> str:
    """`body` between dollar quotes whose tag does not occur inside it ($$, else $spec2db1$, ...)."""
    tag, n = "$$", 0
    while tag in body:
        n += 1
        tag = f"$spec2db{n}$"
    return f"{tag}\n{body}\n{tag}"


def column_type(ctype: ColumnType) -> str:
    if ctype.scalar is Scalar.ENUM:
        base = quote_ident(ctype.enum or "")
    else:
        base = TYPE_MAPPING[ctype.scalar]
        if ctype.length is not None and ctype.scalar in (Scalar.STRING, Scalar.CHAR):
            base = f"{base}({ctype.length})"
        elif ctype.precision is not None and ctype.scalar is Scalar.DECIMAL:
            base = f"{base}({ctype.precision}, {ctype.scale})" if ctype.scale is not None else f"{base}({ctype.precision})"
        elif ctype.precision is not None:
            base = f"{base}({ctype.precision})"
    return base + "[]" * ctype.array_dims


def default_sql(default: Default) -> str:
    if default.kind in DEFAULTS:
        return DEFAULTS[default.kind]
    if default.kind in ("string", "enum"):
        return quote_literal(default.value or "")
    if default.kind == "boolean":
        return "TRUE" if default.value == "true" else "FALSE"
    if default.kind == "expression":
        return f"({default.value})"
    return default.value or "NULL"


def column_list(columns: list[str]) -> str:
    return ", ".join(quote_ident(c) for c in columns)
