"""The logical type vocabulary: every type name the notation accepts.

This is the one place that knows type spellings on the input side. Each
target keeps its own table from `Scalar` to its spelling
(`compiler.emit.postgres.dialect`, `compiler.emit.sqlalchemy.types`).
"""

from __future__ import annotations

from enum import Enum


class Scalar(str, Enum):
    UUID = "uuid"
    STRING = "string"
    TEXT = "text"
    CHAR = "char"
    SMALLINT = "smallint"
    INTEGER = "integer"
    BIGINT = "bigint"
    DECIMAL = "decimal"
    REAL = "real"
    DOUBLE = "double"
    BOOLEAN = "boolean"
    DATE = "date"
    TIME = "time"
    TIMESTAMP = "timestamp"
    TIMESTAMPTZ = "timestamptz"
    INTERVAL = "interval"
    JSON = "json"
    JSONB = "jsonb"
    BYTES = "bytes"
    ENUM = "enum"


# Written name (lower case) -> (scalar, format). A format adds a check.
TYPE_NAMES: dict[str, tuple[Scalar, str | None]] = {
    "uuid": (Scalar.UUID, None),
    "guid": (Scalar.UUID, None),
    "string": (Scalar.STRING, None),
    "str": (Scalar.STRING, None),
    "varchar": (Scalar.STRING, None),
    "text": (Scalar.TEXT, None),
    "char": (Scalar.CHAR, None),
    "smallint": (Scalar.SMALLINT, None),
    "int": (Scalar.INTEGER, None),
    "integer": (Scalar.INTEGER, None),
    "bigint": (Scalar.BIGINT, None),
    "decimal": (Scalar.DECIMAL, None),
    "numeric": (Scalar.DECIMAL, None),
    "real": (Scalar.REAL, None),
    "float": (Scalar.DOUBLE, None),
    "double": (Scalar.DOUBLE, None),
    "bool": (Scalar.BOOLEAN, None),
    "boolean": (Scalar.BOOLEAN, None),
    "date": (Scalar.DATE, None),
    "time": (Scalar.TIME, None),
    "timestamp": (Scalar.TIMESTAMP, None),
    "datetime": (Scalar.TIMESTAMP, None),
    "timestamptz": (Scalar.TIMESTAMPTZ, None),
    "interval": (Scalar.INTERVAL, None),
    "json": (Scalar.JSON, None),
    "jsonb": (Scalar.JSONB, None),
    "bytes": (Scalar.BYTES, None),
    "bytea": (Scalar.BYTES, None),
    "binary": (Scalar.BYTES, None),
    "email": (Scalar.STRING, "email"),
    "url": (Scalar.STRING, "url"),
    "enum": (Scalar.ENUM, None),
}

# Lengths given to format types that are written without one.
FORMAT_LENGTH = {"email": 320, "url": 2048}

# Format checks, as SQL over the column (regenerated through sqlglot like
# any user expression). Deliberately loose: the database guards shape, the
# application validates deliverability.
FORMAT_PATTERN = {
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "url": r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+$",
}

INTEGER_TYPES = {Scalar.SMALLINT, Scalar.INTEGER, Scalar.BIGINT}
NUMERIC_TYPES = INTEGER_TYPES | {Scalar.DECIMAL, Scalar.REAL, Scalar.DOUBLE}
TEXT_TYPES = {Scalar.STRING, Scalar.TEXT, Scalar.CHAR}

MAX_VARCHAR = 10_485_760  # PostgreSQL's limit for varchar(n)
MAX_TEXT_CHARACTERS = 1_073_741_823  # a text value is at most 1 GB
MAX_NUMERIC_PRECISION = 1000


def lookup(name: str) -> tuple[Scalar, str | None] | None:
    return TYPE_NAMES.get(name.lower())
