"""Which column types PostgreSQL converts into which with
`ALTER COLUMN ... TYPE new USING col::new`: its casts (pg_cast) between
spec2db's scalars, plus the I/O conversions to and from string types that
every type has. A changed attribute type whose migration (or its downgrade)
would need a conversion PostgreSQL lacks is refused at build time (E220),
rather than written into a migration that fails.
"""

from __future__ import annotations

from compiler.ir import ColumnType
from compiler.types import Scalar

S = Scalar
STRINGS = frozenset({S.STRING, S.TEXT, S.CHAR})
NUMBERS = frozenset({S.SMALLINT, S.INTEGER, S.BIGINT, S.DECIMAL, S.REAL, S.DOUBLE})

# (from, to) pairs pg_cast holds between different scalars (PostgreSQL 11 or later).
CASTS: frozenset[tuple[Scalar, Scalar]] = frozenset(
    {(a, b) for a in NUMBERS for b in NUMBERS}
    | {(S.BOOLEAN, S.INTEGER), (S.INTEGER, S.BOOLEAN)}
    | {(S.JSON, S.JSONB), (S.JSONB, S.JSON)}
    | {(S.JSONB, b) for b in (NUMBERS | {S.BOOLEAN})}
    | {(S.DATE, S.TIMESTAMP), (S.DATE, S.TIMESTAMPTZ), (S.TIMESTAMP, S.DATE), (S.TIMESTAMPTZ, S.DATE)}
    | {(S.TIMESTAMP, S.TIMESTAMPTZ), (S.TIMESTAMPTZ, S.TIMESTAMP), (S.TIMESTAMP, S.TIME), (S.TIMESTAMPTZ, S.TIME)}
    | {(S.TIME, S.INTERVAL), (S.INTERVAL, S.TIME)}
)


def castable(old: ColumnType, new: ColumnType) -> bool:
    """True when `old::new` is a conversion PostgreSQL has."""
    if old.scalar in STRINGS and old.array_dims == 0 or new.scalar in STRINGS and new.array_dims == 0:
        return True  # I/O conversion: every type reads from and writes to text
    if old.array_dims != new.array_dims:
        return False
    if old.array_dims:  # arrays convert element by element, I/O conversions included
        return castable(old.model_copy(update={"array_dims": 0}), new.model_copy(update={"array_dims": 0}))
    if old.scalar == new.scalar or old.scalar in STRINGS and new.scalar in STRINGS:
        return True
    if S.ENUM in (old.scalar, new.scalar):
        return old.scalar is new.scalar
    return (old.scalar, new.scalar) in CASTS
