"""The types of user SQL conditions (checks, partial-index predicates) over
their table's columns, resolved as PostgreSQL resolves them, so that a
condition the database would refuse is refused at build time (E221) rather
than written into schema.sql and a migration that fail:

- a quoted literal compared with a column is read as the column's type
  (`tag <> ':bad'` on a bigint: "invalid input syntax for type bigint");
- a number compared with a column that is not a number, or two columns of
  kinds with no operator between them ("operator does not exist: text > integer");
- pattern operators and string functions on a column that is not text;
- an explicit cast PostgreSQL lacks (`compiler.casts`);
- a CHECK, a WHERE, or an AND/OR/NOT operand that is not a condition.

Deliberately partial: an expression is judged only where the outcome is
certain (the columns' types are known, the literal is plainly no value of
the type); anything else (functions, arithmetic beyond numbers) passes, and
the real-server tests remain the proof. The same judgement runs on every
feature's schema, so a later feature that changes a column's type under an
earlier condition is caught where it makes the change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from compiler import values
from compiler.casts import NUMBERS, STRINGS, castable
from compiler.ir import ColumnType
from compiler.types import INTEGER_TYPES, Scalar

S = Scalar
# Kinds that compare with each other (PostgreSQL's comparison operators, implicit casts included).
_FAMILIES = [NUMBERS, STRINGS, frozenset({S.DATE, S.TIMESTAMP, S.TIMESTAMPTZ}), frozenset({S.TIME, S.INTERVAL})]
_INTEGER = re.compile(r"\s*[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)\s*", re.ASCII)
_NUMBER = re.compile(
    r"\s*[+-]?(?:(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?|nan|inf|infinity)\s*", re.ASCII | re.IGNORECASE
)
_DATE_WORDS = {"epoch", "infinity", "-infinity", "now", "today", "tomorrow", "yesterday", "allballs"}
_BOOLEAN_WORDS = ("true", "false", "yes", "no")


@dataclass(frozen=True)
class Typed:
    """An operand of a known type; `column` when it is a column itself."""

    type: ColumnType
    column: str | None = None


@dataclass(frozen=True)
class Literal:
    """A quoted literal: its type is the other operand's (PostgreSQL's `unknown`)."""

    text: str


@dataclass(frozen=True)
class Problem:
    columns: tuple[str, ...]  # the columns whose types the problem is about
    reason: str


BOOLEAN = ColumnType(scalar=S.BOOLEAN)
INTEGER = ColumnType(scalar=S.INTEGER)
NUMERIC = ColumnType(scalar=S.DECIMAL)
TEXT = ColumnType(scalar=S.TEXT)
TIMESTAMPTZ = ColumnType(scalar=S.TIMESTAMPTZ)


def problems(sql: str, columns: dict[str, ColumnType], enums: dict[str, list[str]]) -> list[Problem]:
    """What PostgreSQL would refuse in the condition `sql` (a regenerated
    check or predicate) over columns of these types; `enums` holds each enum
    type's values."""
    tree = _parse(sql)
    if tree is None:
        return []
    judge = _Judge(columns, enums)
    judge.condition(tree, "the condition")
    return judge.found


def default_problem(sql: str, column: ColumnType, enums: dict[str, list[str]]) -> str | None:
    """Why PostgreSQL would not take the default expression `sql` for a
    column of type `column` ("column is of type bigint but default expression
    is of type timestamp with time zone"), when certain."""
    tree = _parse(sql)
    if tree is None:
        return None
    judge = _Judge({}, enums)
    value = judge.type(tree)
    if judge.found:
        return judge.found[0].reason
    if isinstance(value, Literal):
        why = judge.literal(value.text, column)
        return f"'{value.text}' {why}" if why is not None else None
    if isinstance(value, Typed) and not _assignable(value.type, column):
        return f"`{_sql(tree)}` is a value of type {type_words(value.type)}, which PostgreSQL does not assign to {type_words(column)}"
    return None


def type_words(ctype: ColumnType) -> str:
    base = ctype.enum if ctype.scalar is S.ENUM and ctype.enum else ctype.scalar.value
    if ctype.length is not None:
        base += f"({ctype.length})"
    elif ctype.precision is not None:
        base += f"({ctype.precision}{f',{ctype.scale}' if ctype.scale is not None else ''})"
    return base + "[]" * ctype.array_dims


@lru_cache(maxsize=8192)
def _parse(sql: str):
    """The tree of a regenerated condition; None when sqlglot cannot read its
    own output again (an unreserved keyword as a column: `copy ~ '...'`),
    which is then not judged."""
    import sqlglot
    from sqlglot.errors import ParseError, TokenError

    from compiler.sqlexpr import postgres

    try:
        return sqlglot.parse_one(sql, read=postgres())
    except (ParseError, TokenError, RecursionError):
        return None


class _Judge:
    def __init__(self, columns: dict[str, ColumnType], enums: dict[str, list[str]]) -> None:
        self.columns, self.enums = columns, enums
        self.found: list[Problem] = []

    def report(self, operands: tuple, reason: str) -> None:
        named = tuple(o.column for o in operands if isinstance(o, Typed) and o.column is not None)
        self.found.append(Problem(named, reason))

    def condition(self, node, where: str) -> None:
        """`node` stands where PostgreSQL wants a boolean."""
        operand = self.type(node)
        if isinstance(operand, Typed) and (operand.type.scalar is not S.BOOLEAN or operand.type.array_dims):
            self.report((operand,), f"{where} `{_sql(node)}` is {_what(operand)}, not a condition (true or false)")
        elif isinstance(operand, Literal) and (why := self.literal(operand.text, BOOLEAN)) is not None:
            self.report((), f"{where} '{operand.text}' {why}")

    def type(self, node):  # one branch per node kind
        from sqlglot import exp

        if isinstance(node, exp.Paren):
            return self.type(node.this)
        if isinstance(node, exp.Column):
            ctype = self.columns.get(node.name)
            return Typed(ctype, node.name) if ctype is not None else None
        if isinstance(node, exp.Literal):
            if node.is_string:
                return Literal(node.this)
            return Typed(NUMERIC if any(c in node.this for c in ".eE") else INTEGER)
        if isinstance(node, exp.Boolean):
            return Typed(BOOLEAN)
        if isinstance(node, (exp.And, exp.Or)):
            self.condition(node.this, "an operand of AND/OR")
            self.condition(node.expression, "an operand of AND/OR")
            return Typed(BOOLEAN)
        if isinstance(node, exp.Not):
            self.condition(node.this, "the operand of NOT")
            return Typed(BOOLEAN)
        if isinstance(node, (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ, exp.NullSafeNEQ)):
            self.compare(node, self.type(node.this), self.type(node.expression))
            return Typed(BOOLEAN)
        if isinstance(node, exp.Between):
            left = self.type(node.this)
            self.compare(node, left, self.type(node.args["low"]))
            self.compare(node, left, self.type(node.args["high"]))
            return Typed(BOOLEAN)
        if isinstance(node, exp.In) and node.expressions:
            left = self.type(node.this)
            for item in node.expressions:
                self.compare(node, left, self.type(item))
            return Typed(BOOLEAN)
        if isinstance(node, exp.Is):
            self.type(node.this)
            return Typed(BOOLEAN)
        if isinstance(node, (exp.Like, exp.ILike, exp.RegexpLike, exp.RegexpILike, exp.SimilarTo)):
            self.text(node, self.type(node.this))
            self.type(node.expression)
            return Typed(BOOLEAN)
        if isinstance(node, exp.Length):
            operand = self.type(node.this)
            if not (isinstance(operand, Typed) and operand.type.scalar is S.BYTES and not operand.type.array_dims):
                self.text(node, operand)
            return Typed(INTEGER)
        if isinstance(node, (exp.Lower, exp.Upper)):
            self.text(node, self.type(node.this))
            return Typed(TEXT)
        if isinstance(node, (exp.CurrentTimestamp, exp.Localtimestamp)) or _function(node) in ("clock_timestamp", "statement_timestamp"):
            return Typed(TIMESTAMPTZ if not isinstance(node, exp.Localtimestamp) else ColumnType(scalar=S.TIMESTAMP))
        if isinstance(node, exp.CurrentDate):
            return Typed(ColumnType(scalar=S.DATE))
        if isinstance(node, exp.Uuid) or _function(node) == "uuid_generate_v4":
            return Typed(ColumnType(scalar=S.UUID))
        if isinstance(node, exp.DPipe):
            self.type(node.this)
            self.type(node.expression)
            return Typed(TEXT)
        if isinstance(node, exp.Cast):
            return self.cast(node, self.type(node.this))
        if isinstance(node, (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod)):
            left, right = self.type(node.this), self.type(node.expression)
            if all(isinstance(o, Typed) and o.type.scalar in NUMBERS and not o.type.array_dims for o in (left, right)):
                return Typed(NUMERIC)
            return None
        if isinstance(node, exp.Neg):
            operand = self.type(node.this)
            return operand if isinstance(operand, Typed) and operand.type.scalar in NUMBERS else None
        for child in node.iter_expressions():  # not judged itself: judge what it holds
            self.type(child)
        return None

    def compare(self, node, left, right) -> None:
        if left is None or right is None:
            return
        if isinstance(left, Literal) and isinstance(right, Literal):
            return
        if isinstance(left, Literal):
            left, right = right, left
        if any(isinstance(o, Typed) and o.type.scalar is S.JSON and not o.type.array_dims for o in (left, right)):
            other = f"'{right.text}'" if isinstance(right, Literal) else _what(right)
            self.report((left, right), f"`{_sql(node)}` compares {_what(left)} with {other}: json has no comparison operators")
            return
        if isinstance(right, Literal):
            why = self.literal(right.text, left.type)
            if why is not None:
                self.report((left,), f"`{_sql(node)}` compares {_what(left)} with '{right.text}', which {why}")
            return
        if not _comparable(left.type, right.type):
            self.report((left, right), f"`{_sql(node)}` compares {_what(left)} with {_what(right)}, which PostgreSQL cannot compare")

    def text(self, node, operand) -> None:
        if isinstance(operand, Typed) and (operand.type.scalar not in STRINGS or operand.type.array_dims):
            self.report((operand,), f"`{_sql(node)}` applies a text operation to {_what(operand)}")

    def cast(self, node, operand):
        target = _scalar_type(node.to)
        if target is None:
            return None
        if isinstance(operand, Typed) and not castable(operand.type, target):
            self.report((operand,), f"`{_sql(node)}` casts {_what(operand)} to {type_words(target)}, a conversion PostgreSQL lacks")
        elif isinstance(operand, Literal) and (why := self.literal(operand.text, target)) is not None:
            self.report((), f"`{_sql(node)}`: '{operand.text}' {why}")
        return Typed(target)

    def literal(self, text: str, ctype: ColumnType) -> str | None:
        """Why PostgreSQL cannot read `text` as a value of `ctype` (only when certain)."""
        scalar = ctype.scalar
        if ctype.array_dims:
            stripped = text.strip()
            return None if stripped.startswith(("{", "[")) else f"is not an array literal ('{{...}}') of {type_words(ctype)}"
        if scalar in STRINGS:
            return None
        if scalar is S.ENUM:
            known = self.enums.get(ctype.enum or "")
            if known is not None and text not in known:
                return f"is not a value of {type_words(ctype)} ({', '.join(known)})"
            return None
        if scalar in NUMBERS:
            pattern = _INTEGER if scalar in INTEGER_TYPES else _NUMBER
            return None if pattern.fullmatch(text) else f"is not a number of type {scalar.value}"
        if scalar is S.BOOLEAN:
            word = text.strip().lower()
            if word and (any(w.startswith(word) for w in _BOOLEAN_WORDS) or word in ("on", "off", "of", "1", "0")):
                return None
            return "is not a boolean (true, false, yes, no, on, off, 1, 0)"
        if scalar is S.UUID:
            hexes = text.strip().removeprefix("{").removesuffix("}").replace("-", "")
            return None if re.fullmatch(r"[0-9a-fA-F]{32}", hexes) else "is not a UUID"
        if scalar in (S.DATE, S.TIME, S.TIMESTAMP, S.TIMESTAMPTZ, S.INTERVAL):
            if any(c.isdigit() for c in text) or text.strip().lower() in _DATE_WORDS:
                return None
            return f"is not a {scalar.value}"
        if scalar in (S.JSON, S.JSONB, S.BYTES):
            return values.string(text, ctype)
        return None


def _assignable(value: ColumnType, column: ColumnType) -> bool:
    """PostgreSQL's assignment casts, as far as certain: anything goes into
    text; otherwise the kinds that compare, timestamps into dates and times,
    and json into jsonb and back."""
    if column.scalar in STRINGS and not column.array_dims:
        return True
    if value.array_dims != column.array_dims:
        return False
    pair = {value.scalar, column.scalar}
    moves = ({S.TIMESTAMP, S.TIME}, {S.TIMESTAMPTZ, S.TIME}, {S.JSON, S.JSONB})
    return _comparable(value, column) or column.scalar in STRINGS or pair in moves


def _comparable(a: ColumnType, b: ColumnType) -> bool:
    if a.array_dims != b.array_dims:
        return False
    if a.scalar is S.ENUM or b.scalar is S.ENUM:
        return a.scalar is b.scalar and a.enum == b.enum
    return a.scalar is b.scalar or any(a.scalar in family and b.scalar in family for family in _FAMILIES)


def _scalar_type(datatype) -> ColumnType | None:
    """The spec2db type of a cast's target, when it is one (`::bigint`, `::text[]`)."""
    from sqlglot import exp

    dims = 0
    while isinstance(datatype, exp.DataType) and datatype.this == exp.DataType.Type.ARRAY and datatype.expressions:
        dims += 1
        datatype = datatype.expressions[0]
    if not isinstance(datatype, exp.DataType):
        return None
    T = exp.DataType.Type
    names = {
        T.SMALLINT: S.SMALLINT,
        T.INT: S.INTEGER,
        T.BIGINT: S.BIGINT,
        T.DECIMAL: S.DECIMAL,
        T.FLOAT: S.REAL,
        T.DOUBLE: S.DOUBLE,
        T.TEXT: S.TEXT,
        T.VARCHAR: S.STRING,
        T.CHAR: S.CHAR,
        T.BOOLEAN: S.BOOLEAN,
        T.DATE: S.DATE,
        T.TIME: S.TIME,
        T.TIMESTAMP: S.TIMESTAMP,
        T.TIMESTAMPTZ: S.TIMESTAMPTZ,
        T.INTERVAL: S.INTERVAL,
        T.JSON: S.JSON,
        T.JSONB: S.JSONB,
        T.UUID: S.UUID,
        T.VARBINARY: S.BYTES,
    }
    scalar = names.get(datatype.this)
    return ColumnType(scalar=scalar, array_dims=dims) if scalar is not None else None


def _function(node) -> str | None:
    from sqlglot import exp

    return node.name.lower() if isinstance(node, exp.Anonymous) else None


def _what(operand: Typed) -> str:
    if operand.column is not None:
        return f"`{operand.column}` ({type_words(operand.type)})"
    return f"a value of type {type_words(operand.type)}"


def _sql(node) -> str:
    from compiler.sqlexpr import postgres

    text = node.sql(dialect=postgres())
    return text if len(text) <= 80 else text[:77] + "..."
