"""Prisma schema spellings: scalar types, native types, referential actions,
defaults and string literals. The one table per fact for this target."""

from __future__ import annotations

import json
import re

from compiler.ir import ColumnType
from compiler.types import Scalar

# Scalar -> (Prisma type, native type attribute or None when Prisma's default
# native type for that scalar on PostgreSQL is already the right one).
# `{n}` is the length, `{p}`/`{s}` precision and scale, `{p?}` an optional precision.
TYPE_MAPPING: dict[Scalar, tuple[str, str | None]] = {
    Scalar.UUID: ("String", "@db.Uuid"),
    Scalar.STRING: ("String", "@db.VarChar{n?}"),
    Scalar.TEXT: ("String", None),  # text is String's default
    Scalar.CHAR: ("String", "@db.Char{n?}"),
    Scalar.SMALLINT: ("Int", "@db.SmallInt"),
    Scalar.INTEGER: ("Int", None),
    Scalar.BIGINT: ("BigInt", None),
    Scalar.DECIMAL: ("Decimal", "@db.Decimal{ps?}"),  # Prisma's default is decimal(65,30)
    Scalar.REAL: ("Float", "@db.Real"),
    Scalar.DOUBLE: ("Float", None),
    Scalar.BOOLEAN: ("Boolean", None),
    Scalar.DATE: ("DateTime", "@db.Date"),
    Scalar.TIME: ("DateTime", "@db.Time{p?}"),
    Scalar.TIMESTAMP: ("DateTime", "@db.Timestamp{p?}"),  # Prisma's default is timestamp(3)
    Scalar.TIMESTAMPTZ: ("DateTime", "@db.Timestamptz{p?}"),
    Scalar.JSON: ("Json", "@db.Json"),
    Scalar.JSONB: ("Json", None),
    Scalar.BYTES: ("Bytes", None),
}

# Types Prisma has no scalar for: kept as Unsupported("<PostgreSQL type>"),
# which Prisma Migrate creates but Prisma Client cannot read or write.
UNSUPPORTED = {Scalar.INTERVAL}

REFERENTIAL_ACTIONS = {
    "cascade": "Cascade",
    "restrict": "Restrict",
    "set null": "SetNull",
    "set default": "SetDefault",
    "no action": "NoAction",
}

# Spec defaults Prisma spells natively with the same server default as schema.sql.
NATIVE_DEFAULTS = {"now": "now()"}  # CURRENT_TIMESTAMP

# Prisma scalars that take a literal default as written (`@default(0)`, `@default("x")`).
NUMBER_TYPES = {"Int", "BigInt", "Float", "Decimal"}

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

# Names Prisma reserves for models, enums and fields (its scalar types and
# the names Prisma Client generates).
RESERVED = frozenset(
    {"String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes", "Unsupported", "PrismaClient", "Prisma"}
)


def prisma_string(value: str) -> str:
    """A Prisma string literal: JSON's escapes are Prisma's (`\\"`, `\\\\`, `\\n`, `\\uXXXX`)."""
    return json.dumps(value, ensure_ascii=False)


def is_identifier(name: str) -> bool:
    return bool(_IDENTIFIER.match(name)) and name not in RESERVED


def scalar_type(ctype: ColumnType, enum_name: str | None) -> tuple[str, str | None]:
    """(Prisma type without `?`/`[]`, native type attribute or None)."""
    if ctype.scalar is Scalar.ENUM:
        return enum_name or "String", None
    if ctype.scalar in UNSUPPORTED or ctype.array_dims > 1:
        from compiler.emit.postgres.dialect import column_type

        return f"Unsupported({prisma_string(column_type(ctype).lower())})", None
    base, native = TYPE_MAPPING[ctype.scalar]
    if native is None:
        return base, None
    if "{n?}" in native:
        native = native.replace("{n?}", f"({ctype.length})" if ctype.length is not None else "")
    elif "{ps?}" in native:
        args = (
            "" if ctype.precision is None else f"({ctype.precision}, {ctype.scale})" if ctype.scale is not None else f"({ctype.precision})"
        )
        native = native.replace("{ps?}", args)
    elif "{p?}" in native:
        native = native.replace("{p?}", f"({ctype.precision})" if ctype.precision is not None else "")
    return base, native


# Prisma's own constraint names (what it writes when `map:` is left out); a
# name spec2db gives that equals it needs no `map:`. Prisma shortens longer
# default names, so a name over MAX_DEFAULT_NAME bytes is always written out.
DEFAULT_NAMES = {"pk": "{table}_pkey", "unique": "{table}_{columns}_key", "index": "{table}_{columns}_idx", "fk": "{table}_{columns}_fkey"}
MAX_DEFAULT_NAME = 63


def is_default_name(name: str, kind: str, table: str, columns: list[str] = ()) -> bool:
    default = DEFAULT_NAMES[kind].format(table=table, columns="_".join(columns))
    return name == default and len(default.encode()) <= MAX_DEFAULT_NAME
