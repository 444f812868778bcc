"""Seed data: deterministic, foreign-key-consistent INSERTs for every table
of a feature's schema (`spec2db seed`).

Every value is generated in Python from the IR and rendered through the one
SQL-literal function (`compiler.emit.postgres.dialect.quote_literal`):

- types and lengths, enum values, NOT NULL;
- CHECK constraints: the expressions (sqlglot trees of the IR's SQL) give
  bounds, lengths, patterns and value lists that values are drawn from; a
  comparison of two columns is repaired after drawing; then every check is
  evaluated on the row in Python, and a row that fails is drawn again;
- primary keys, unique constraints and unique indexes (a partial one as if
  it covered every row, which is stricter), each row drawn again on a clash;
- parents before children (the schema's table order). A foreign key that
  closes a reference cycle is NULL in the INSERT and set by an UPDATE once
  its target rows exist; a self-reference points at an earlier row (or,
  NOT NULL, at its own row).

A check whose values cannot be drawn (a contradiction, a function that
cannot be evaluated here, a time that depends on when the script runs) is a
problem the command reports as a diagnostic, and that table gets no rows:
never an INSERT that fails. The same schema, rows and seed give the same
bytes: every random choice comes from a generator seeded by
(seed, table, row, attempt).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import string
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from compiler.diagnostics import Span
from compiler.emit.postgres.dialect import column_list, quote_ident, quote_literal
from compiler.ir import CheckConstraint, Column, ColumnType, ForeignKey, Schema, Table
from compiler.types import INTEGER_TYPES, TEXT_TYPES, Scalar

DEFAULT_ROWS = 10
ATTEMPTS = 60  # draws of one row before the table stops short
MARKER = "spec2db seed"  # on the first line: a file `spec2db seed` may overwrite

INTEGER_RANGE = {Scalar.SMALLINT: (-(2**15), 2**15 - 1), Scalar.INTEGER: (-(2**31), 2**31 - 1), Scalar.BIGINT: (-(2**63), 2**63 - 1)}
BASE_DATE = dt.date(2026, 1, 1)
# Short text (codes) is drawn from one of these, so a check on its case holds on some draw.
SHORT_ALPHABETS = (string.ascii_lowercase + string.digits, string.ascii_uppercase + string.digits)
# Characters a pattern's classes are filled from (printable, no quotes or spaces).
PATTERN_ALPHABET = string.ascii_lowercase + string.ascii_uppercase + string.digits + "-_.:/+#@"


@dataclass
class Problem:
    span: Span | None
    message: str


@dataclass
class Seed:
    sql: str
    counts: dict[str, int]  # table -> rows inserted (external tables included)
    problems: list[Problem]


def is_seed_file(path) -> bool:
    """Whether `path` is a file `spec2db seed` wrote (so it may be replaced)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return f"`{MARKER}" in handle.readline()
    except OSError:
        return False


def diagnostics(problems: list[Problem]):
    """The problems as diagnostics (lint rule T001's code: what a target cannot do)."""
    from compiler.diagnostics import Diagnostic, Severity

    return [Diagnostic(code="T001", severity=Severity.WARNING, message=p.message, span=p.span) for p in problems]


class Unsupported(Exception):
    """A check the seed cannot draw values for; the message says why."""

    def __init__(self, message: str, column: str | None = None, check: CheckConstraint | None = None) -> None:
        super().__init__(message)
        self.column = column
        self.check = check


# -- what the checks allow ------------------------------------------------------------


@dataclass
class Bounds:
    lo: Decimal | None = None
    lo_strict: bool = False
    hi: Decimal | None = None
    hi_strict: bool = False
    len_lo: int = 0
    len_hi: int | None = None
    patterns: list[tuple[str, int]] = field(default_factory=list)
    choices: list | None = None
    required: bool = False  # `col IS NOT NULL`

    def at_least(self, value: Decimal, strict: bool) -> None:
        if self.lo is None or value > self.lo or (value == self.lo and strict):
            self.lo, self.lo_strict = value, strict

    def at_most(self, value: Decimal, strict: bool) -> None:
        if self.hi is None or value < self.hi or (value == self.hi and strict):
            self.hi, self.hi_strict = value, strict


_FLIP = {"GT": "LT", "GTE": "LTE", "LT": "GT", "LTE": "GTE", "EQ": "EQ"}


@lru_cache(maxsize=4096)
def parse_check(sql: str):
    import sqlglot

    from compiler.sqlexpr import postgres

    return sqlglot.parse_one(sql, read=postgres())


def _conjuncts(node):
    """The parts of a condition that must each hold (for a row whose columns
    are not NULL): AND's operands, and `x IS NULL OR p`'s `p`."""
    from sqlglot import exp

    if isinstance(node, exp.Paren):
        yield from _conjuncts(node.this)
    elif isinstance(node, exp.And):
        yield from _conjuncts(node.this)
        yield from _conjuncts(node.expression)
    elif isinstance(node, exp.Or):
        left, right = node.this, node.expression
        if _is_null_test(left):
            yield from _conjuncts(right)
        elif _is_null_test(right):
            yield from _conjuncts(left)
    else:
        yield node


def _is_null_test(node) -> bool:
    from sqlglot import exp

    return (
        isinstance(node, exp.Is)
        and isinstance(node.expression, exp.Null)
        and isinstance(node.this, exp.Column)
        and not node.args.get("negate")
    )


def _is_not_null_test(node) -> bool:
    """`x IS NOT NULL`: sqlglot writes it as a negated IS, or NOT around an IS."""
    from sqlglot import exp

    if isinstance(node, exp.Not):
        return _is_null_test(node.this)
    return (
        isinstance(node, exp.Is)
        and isinstance(node.expression, exp.Null)
        and isinstance(node.this, exp.Column)
        and bool(node.args.get("negate"))
    )


def _target(node) -> tuple[str, str] | None:
    """('value', column) for a column, ('length', column) for LENGTH(col) or
    LENGTH(TRIM(col)) (generated text has no spaces to trim)."""
    from sqlglot import exp

    if isinstance(node, exp.Paren):
        return _target(node.this)
    if isinstance(node, exp.Column):
        return "value", node.name
    if isinstance(node, exp.Length):
        inner = node.this.this if isinstance(node.this, exp.Trim) else node.this
        if isinstance(inner, exp.Column):
            return "length", inner.name
    return None


def _number(node) -> Decimal | None:
    from sqlglot import exp

    if isinstance(node, exp.Paren):
        return _number(node.this)
    if isinstance(node, exp.Neg):
        value = _number(node.this)
        return -value if value is not None else None
    if isinstance(node, exp.Literal) and not node.is_string:
        return Decimal(node.this)
    return None


def bounds_of(table: Table) -> dict[str, Bounds]:
    """What each column's checks allow, as far as values can be drawn from it."""
    from sqlglot import exp

    found: dict[str, Bounds] = {}
    for check in table.checks:
        for atom in _conjuncts(parse_check(check.expression)):
            kind = type(atom).__name__
            if kind in _FLIP:
                for left, right, op in ((atom.this, atom.expression, kind), (atom.expression, atom.this, _FLIP[kind])):
                    target, number = _target(left), _number(right)
                    if target is None or number is None:
                        continue
                    bounds = found.setdefault(target[1], Bounds())
                    if target[0] == "value":
                        if op in ("GT", "GTE", "EQ"):
                            bounds.at_least(number, op == "GT")
                        if op in ("LT", "LTE", "EQ"):
                            bounds.at_most(number, op == "LT")
                    else:
                        low = int(number) + (1 if op == "GT" else 0)
                        high = int(number) - (1 if op == "LT" else 0)
                        if op in ("GT", "GTE", "EQ"):
                            bounds.len_lo = max(bounds.len_lo, low)
                        if op in ("LT", "LTE", "EQ"):
                            bounds.len_hi = high if bounds.len_hi is None else min(bounds.len_hi, high)
            elif isinstance(atom, exp.Between) and _target(atom.this):
                target = _target(atom.this)
                low, high = _number(atom.args["low"]), _number(atom.args["high"])
                bounds = found.setdefault(target[1], Bounds())
                if target[0] == "value" and low is not None and high is not None:
                    bounds.at_least(low, False)
                    bounds.at_most(high, False)
            elif isinstance(atom, (exp.RegexpLike, exp.RegexpILike)) and isinstance(atom.this, exp.Column):
                if isinstance(atom.expression, exp.Literal) and atom.expression.is_string:
                    flags = re.IGNORECASE if isinstance(atom, exp.RegexpILike) else 0
                    found.setdefault(atom.this.name, Bounds()).patterns.append((atom.expression.this, flags))
            elif _is_not_null_test(atom):
                column = atom.this.this if isinstance(atom, exp.Not) else atom.this
                found.setdefault(column.name, Bounds()).required = True
            elif (
                isinstance(atom, exp.In) and isinstance(atom.this, exp.Column) and all(isinstance(e, exp.Literal) for e in atom.expressions)
            ):
                values = [e.this if e.is_string else Decimal(e.this) for e in atom.expressions]
                bounds = found.setdefault(atom.this.name, Bounds())
                bounds.choices = values if bounds.choices is None else [v for v in bounds.choices if v in values]
    return found


def column_pairs(table: Table) -> list[tuple[str, str, str]]:
    """(left column, operator, right column) comparisons the checks require."""
    from sqlglot import exp

    pairs = []
    for check in table.checks:
        for atom in _conjuncts(parse_check(check.expression)):
            kind = type(atom).__name__
            if kind in _FLIP and kind != "EQ" and isinstance(atom.this, exp.Column) and isinstance(atom.expression, exp.Column):
                pairs.append((atom.this.name, kind, atom.expression.name))
    return pairs


# -- evaluating a check on a row ---------------------------------------------------------


def evaluate(node, row: dict):
    """The value of a check expression for a row: True, False or None (SQL's
    unknown, which a CHECK accepts). Unsupported for what cannot be computed here."""
    from sqlglot import exp

    if isinstance(node, exp.Paren):
        return evaluate(node.this, row)
    if isinstance(node, exp.Column):
        if node.name not in row:
            raise Unsupported(f"column {node.name} is not in the row")
        return row[node.name]
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else Decimal(node.this)
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.And):
        a, b = evaluate(node.this, row), evaluate(node.expression, row)
        return False if a is False or b is False else None if a is None or b is None else True
    if isinstance(node, exp.Or):
        a, b = evaluate(node.this, row), evaluate(node.expression, row)
        return True if a is True or b is True else None if a is None or b is None else False
    if isinstance(node, exp.Not):
        a = evaluate(node.this, row)
        return None if a is None else not a
    if isinstance(node, exp.Is):
        a = evaluate(node.this, row)
        result = a is None if isinstance(node.expression, exp.Null) else a is bool(node.expression.this)
        return not result if node.args.get("negate") else result
    if type(node).__name__ in _FLIP or isinstance(node, exp.NEQ):
        a, b = _comparable(evaluate(node.this, row), evaluate(node.expression, row))
        if a is None or b is None:
            return None
        return {"GT": a > b, "GTE": a >= b, "LT": a < b, "LTE": a <= b, "EQ": a == b, "NEQ": a != b}[type(node).__name__]
    if isinstance(node, exp.Between):
        value = evaluate(node.this, row)
        low, high = evaluate(node.args["low"], row), evaluate(node.args["high"], row)
        a, lo = _comparable(value, low)
        b, hi = _comparable(value, high)
        return None if None in (a, lo, b, hi) else lo <= a and b <= hi
    if isinstance(node, exp.In):
        value = evaluate(node.this, row)
        if value is None:
            return None
        return any(x == y for x, y in (_comparable(value, evaluate(e, row)) for e in node.expressions))
    if isinstance(node, (exp.RegexpLike, exp.RegexpILike)):
        value, pattern = evaluate(node.this, row), evaluate(node.expression, row)
        if value is None or pattern is None:
            return None
        flags = re.IGNORECASE if isinstance(node, exp.RegexpILike) else 0
        return re.search(pattern, str(value), flags) is not None
    if isinstance(node, exp.Length):
        value = evaluate(node.this, row)
        return None if value is None else Decimal(len(str(value)))
    if isinstance(node, exp.Trim) and not node.args.get("expression") and not node.args.get("position"):
        value = evaluate(node.this, row)
        return None if value is None else str(value).strip(" ")
    if isinstance(node, (exp.Upper, exp.Lower)):
        value = evaluate(node.this, row)
        return None if value is None else (str(value).upper() if isinstance(node, exp.Upper) else str(value).lower())
    if isinstance(node, exp.Coalesce):
        for part in [node.this, *node.expressions]:
            value = evaluate(part, row)
            if value is not None:
                return value
        return None
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul)):
        return _arithmetic(node, evaluate(node.this, row), evaluate(node.expression, row))
    if isinstance(node, exp.Neg):
        value = evaluate(node.this, row)
        return None if value is None else -_numeric(value)
    if isinstance(node, exp.Abs):
        value = evaluate(node.this, row)
        return None if value is None else abs(_numeric(value))
    raise Unsupported(f"cannot evaluate {node.sql(dialect='postgres')}")


def _numeric(value):
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise Unsupported(f"not a number: {value!r}")
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _comparable(a, b):
    """Two values as Python compares them the way PostgreSQL would."""
    if a is None or b is None:
        return a, b
    if isinstance(a, (int, float, Decimal)) and not isinstance(a, bool):
        return _numeric(a), _numeric(b) if not isinstance(b, str) else Decimal(b)
    if isinstance(a, dt.datetime):
        return a, dt.datetime.fromisoformat(b) if isinstance(b, str) else b
    if isinstance(a, dt.date):
        return a, dt.date.fromisoformat(b) if isinstance(b, str) else b
    if isinstance(a, str) and not isinstance(b, str):
        b, a = _comparable(b, a)
        return a, b
    return a, b


def _arithmetic(node, a, b):
    from sqlglot import exp

    if a is None or b is None:
        return None
    if (
        isinstance(a, dt.date)
        and not isinstance(a, dt.datetime)
        and isinstance(b, Decimal)
        and b == int(b)
        and not isinstance(node, exp.Mul)
    ):
        days = dt.timedelta(days=int(b))
        return a + days if isinstance(node, exp.Add) else a - days
    a, b = _numeric(a), _numeric(b)
    return a + b if isinstance(node, exp.Add) else a - b if isinstance(node, exp.Sub) else a * b


# -- drawing values ---------------------------------------------------------------------


def from_pattern(pattern: str, flags: int, rng: random.Random, limit: int = 8) -> str:
    """A string that `re.search(pattern)` matches, drawn with `rng`."""
    try:
        import re._parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse  # type: ignore[no-redef]
    try:
        tree = sre_parse.parse(pattern, flags)
    except re.error as exc:
        raise Unsupported(f"pattern {pattern!r}: {exc}") from None
    return "".join(_draw(sre_parse, item, rng, limit) for item in tree)


def _draw(sre, item, rng: random.Random, limit: int) -> str:
    """One element of a parsed pattern (`re._parser`'s opcodes, by name)."""
    op, arg = item
    name = str(op)
    if name == "LITERAL":
        return chr(arg)
    if name in ("NOT_LITERAL", "ANY"):
        pool = [ch for ch in PATTERN_ALPHABET if name == "ANY" or ord(ch) != arg]
        return rng.choice(pool)
    if name == "IN":
        pool = [ch for ch in PATTERN_ALPHABET if _in_class(arg, ch)]
        if not pool:
            raise Unsupported("a character class with no plain character")
        return rng.choice(pool)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = arg
        high = min(high, low + limit) if high != sre.MAXREPEAT else low + limit
        count = rng.randint(low, max(low, min(high, low + 3)))
        return "".join("".join(_draw(sre, part, rng, limit) for part in sub) for _ in range(count))
    if name == "SUBPATTERN":
        sub = arg[-1]
        return "".join(_draw(sre, part, rng, limit) for part in sub)
    if name == "BRANCH":
        alternative = rng.choice(arg[1])
        return "".join(_draw(sre, part, rng, limit) for part in alternative)
    if name == "AT":
        return ""
    if name == "CATEGORY":
        pool = [ch for ch in PATTERN_ALPHABET if _in_class([(op, arg)], ch)]
        return rng.choice(pool)
    raise Unsupported(f"pattern element {name} is not supported")


def _in_class(items, ch: str) -> bool:
    negate = False
    hit = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            hit = hit or ord(ch) == arg
        elif name == "RANGE":
            hit = hit or arg[0] <= ord(ch) <= arg[1]
        elif name == "CATEGORY":
            category = str(arg)
            test = {
                "CATEGORY_DIGIT": ch.isdigit(),
                "CATEGORY_NOT_DIGIT": not ch.isdigit(),
                "CATEGORY_SPACE": ch.isspace(),
                "CATEGORY_NOT_SPACE": not ch.isspace(),
                "CATEGORY_WORD": ch.isalnum() or ch == "_",
                "CATEGORY_NOT_WORD": not (ch.isalnum() or ch == "_"),
            }.get(category)
            if test is None:
                raise Unsupported(f"pattern class {category} is not supported")
            hit = hit or test
        else:
            raise Unsupported(f"pattern class element {name} is not supported")
    return hit != negate


def _text_limit(ctype: ColumnType) -> int | None:
    if ctype.scalar is Scalar.CHAR:
        return ctype.length or 1
    if ctype.scalar is Scalar.STRING:
        return ctype.length
    return None


def draw(table: Table, column: Column, bounds: Bounds | None, enums: dict[str, list[str]], i: int, rng: random.Random):
    """One value for `column` in row `i` (never NULL: the caller decides that)."""
    ctype = column.type
    bounds = bounds or Bounds()
    if ctype.array_dims:
        if ctype.array_dims > 1:
            return []
        element = column.model_copy(update={"type": ctype.model_copy(update={"array_dims": 0})})
        return [draw(table, element, None, enums, i, rng) for _ in range(rng.randint(0, 2))]
    scalar = ctype.scalar
    if bounds.choices is not None:
        choices = [c for c in bounds.choices if scalar is not Scalar.ENUM or c in enums.get(ctype.enum or "", [])]
        if not choices:
            raise Unsupported(f"no allowed value for {column.name}")
        value = rng.choice(choices)
        return int(value) if scalar in INTEGER_TYPES and isinstance(value, Decimal) else value
    if scalar is Scalar.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)
    if scalar is Scalar.ENUM:
        return rng.choice(enums[ctype.enum or ""])
    if scalar in INTEGER_TYPES:
        low, high = _range(bounds, Decimal(1), *map(Decimal, INTEGER_RANGE[scalar]))
        return rng.randint(int(low), int(high))
    if scalar is Scalar.DECIMAL:
        scale = ctype.scale if ctype.scale is not None else 2
        digits = (ctype.precision or 12) - scale
        unit = Decimal(1).scaleb(-scale)
        top = Decimal(10) ** digits - unit
        low, high = _range(bounds, unit, -top, top)
        steps = int((high - low) / unit)
        return (low + unit * rng.randint(0, steps)).quantize(unit)
    if scalar in (Scalar.REAL, Scalar.DOUBLE):
        unit = Decimal("0.01")
        low, high = _range(bounds, unit, Decimal(-(10**6)), Decimal(10**6))
        return float(low + unit * rng.randint(0, int((high - low) / unit)))
    if scalar is Scalar.BOOLEAN:
        return rng.random() < 0.5
    if scalar is Scalar.DATE:
        return BASE_DATE + dt.timedelta(days=rng.randint(0, 364))
    if scalar is Scalar.TIME:
        return dt.time(rng.randint(0, 23), rng.choice((0, 15, 30, 45)))
    if scalar in (Scalar.TIMESTAMP, Scalar.TIMESTAMPTZ):
        return dt.datetime.combine(BASE_DATE, dt.time()) + dt.timedelta(seconds=rng.randint(0, 365 * 86400 - 1))
    if scalar is Scalar.INTERVAL:
        return dt.timedelta(minutes=rng.randint(1, 600))
    if scalar in (Scalar.JSON, Scalar.JSONB):
        return {"row": i + 1}
    if scalar is Scalar.BYTES:
        return bytes(rng.getrandbits(8) for _ in range(8))
    if scalar in TEXT_TYPES:
        return _text(table, column, bounds, i, rng)
    raise Unsupported(f"no values for type {scalar.value}")  # pragma: no cover - every scalar is handled


def _range(bounds: Bounds, step: Decimal, floor: Decimal, ceiling: Decimal) -> tuple[Decimal, Decimal]:
    low = None if bounds.lo is None else bounds.lo + (step if bounds.lo_strict else 0)
    high = None if bounds.hi is None else bounds.hi - (step if bounds.hi_strict else 0)
    if low is not None and step == 1:
        low = Decimal(int(low.to_integral_value(rounding="ROUND_CEILING")))
    if high is not None and step == 1:
        high = Decimal(int(high.to_integral_value(rounding="ROUND_FLOOR")))
    if low is None and high is None:
        low, high = Decimal(0), Decimal(1000)
    elif high is None:
        high = low + 1000
    elif low is None:
        low = min(Decimal(0), high) if high >= 0 else high - 1000
    low, high = max(low, floor), min(high, ceiling)
    if high - low > 100_000:
        high = low + 100_000  # plausible magnitudes, however wide the type
    if low > high:
        raise Unsupported("the checks leave no value in range")
    return low, high


def _text(table: Table, column: Column, bounds: Bounds, i: int, rng: random.Random) -> str:
    limit = _text_limit(column.type)
    high = min(x for x in (limit, bounds.len_hi, 10_000) if x is not None)
    low = bounds.len_lo
    if low > high:
        raise Unsupported(f"no length of {column.name} satisfies the checks")
    if bounds.patterns and column.type.format is None:
        pattern, flags = bounds.patterns[0]
        for _ in range(20):
            text = from_pattern(pattern, flags, rng)
            if low <= len(text) <= high:
                return text
        raise Unsupported(f"pattern {pattern!r} gives no text of length {low} to {high}")
    if column.type.format == "email":
        text = f"{table.name}.{i + 1}.{rng.randint(0, 999)}@example.com"
    elif column.type.format == "url":
        text = f"https://example.com/{table.name}/{i + 1}-{rng.randint(0, 999)}"
    else:
        text = f"{snake_words(column.name)} {i + 1}-{rng.randint(0, 999)}"
    if len(text) > high:
        alphabet = rng.choice(SHORT_ALPHABETS)
        text = "".join(rng.choice(alphabet) for _ in range(max(1, min(high, 12))))
    if len(text) < low:
        text += "x" * (low - len(text))
    return text


def snake_words(name: str) -> str:
    return name.replace("_", " ").strip() or "value"


# -- the seed ------------------------------------------------------------------------------


@dataclass
class TableRows:
    name: str
    columns: list[str]
    rows: list[dict]
    external: bool = False


def seed(schema: Schema, rows: int = DEFAULT_ROWS, seed_value: int = 0, source: str = "") -> Seed:
    enums = {e.name: e.values for e in schema.enums}
    problems: list[Problem] = []
    filled: dict[str, TableRows] = {}
    for ext in schema.external_tables:
        key = Column(name=ext.key, type=ext.key_type, nullable=False)
        table = Table(name=ext.name, entity=ext.entity, columns=[key])
        generated = []
        seen: set = set()
        for i in range(rows):
            for attempt in range(ATTEMPTS):
                value = draw(table, key, None, enums, i, _rng(seed_value, ext.name, i, attempt))
                if value not in seen:
                    seen.add(value)
                    generated.append({ext.key: value})
                    break
        filled[ext.name] = TableRows(ext.name, [ext.key], generated, external=True)
    updates: list[tuple[Table, ForeignKey, dict, dict]] = []
    for table in schema.tables:
        made, problem = _table_rows(schema, table, rows, seed_value, enums, filled, updates)
        if problem is not None:
            problems.append(problem)
        filled[table.name] = made
    sql = render(schema, filled, updates, rows, seed_value, source)
    return Seed(sql, {name: len(t.rows) for name, t in filled.items()}, problems)


def _rng(seed_value: int, table: str, i: int, attempt: int) -> random.Random:
    return random.Random(f"{seed_value}/{table}/{i}/{attempt}")


def _unique_sets(table: Table) -> list[list[str]]:
    sets = [table.primary_key.columns] if table.primary_key else []
    sets += [u.columns for u in table.uniques]
    sets += [i.columns for i in table.indexes if i.unique]  # a partial one as if it covered every row
    return sets


def _table_rows(schema: Schema, table: Table, rows: int, seed_value: int, enums, filled, updates) -> tuple[TableRows, Problem | None]:
    names = [c.name for c in table.columns]
    empty = TableRows(table.name, names, [])
    bounds = bounds_of(table)
    pairs = column_pairs(table)
    try:
        checks = [(check, parse_check(check.expression)) for check in table.checks]
    except Exception as exc:  # noqa: BLE001 - any parse failure is a reason not to seed
        return empty, Problem(table.source, f"seed: {table.name}: a CHECK does not parse ({exc}); the table gets no rows")
    fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
    deferred = [fk for fk in table.foreign_keys if schema.is_deferred(table, fk)]
    eligible: dict[int, list[int]] = {}  # parent rows whose referenced columns are not NULL, per foreign key
    for fk in table.foreign_keys:
        parent = filled.get(fk.ref_table)
        if fk in deferred or fk.ref_table == table.name:
            if fk in deferred and not all(table.column(c) is None or table.column(c).nullable for c in fk.columns):
                return empty, Problem(
                    fk.source or table.source,
                    f"seed: {table.name}: {fk.name} closes a cycle of NOT NULL references; the table gets no rows",
                )
            continue
        rows_of = parent.rows if parent is not None else []
        eligible[id(fk)] = [k for k, p in enumerate(rows_of) if all(p.get(r) is not None for r in fk.ref_columns)]
        if not eligible[id(fk)] and any(not table.column(c).nullable for c in fk.columns if table.column(c)):
            return empty, Problem(
                fk.source or table.source, f"seed: {table.name}: references {fk.ref_table}, which has no rows; the table gets no rows"
            )
    unique_sets = _unique_sets(table)
    seen: list[set] = [set() for _ in unique_sets]
    free_first: list[int] = []  # parent rows the first foreign key has not used yet
    made: list[dict] = []
    last_error: str | None = None
    failed_check: CheckConstraint | None = None
    for i in range(rows):
        for attempt in range(ATTEMPTS):
            rng = _rng(seed_value, table.name, i, attempt)
            try:
                row = _draw_row(table, bounds, enums, i, rng, fk_columns)
                first = _assign_foreign_keys(table, row, made, filled, deferred, eligible, free_first, attempt, rng)
                _chronology(row, rng)
                _repair(table, row, pairs)
                failed_check = _failed_check(checks, row)
            except Unsupported as exc:
                check = exc.check or next((c for c in table.checks if exc.column in c.columns), None)
                what = f"CHECK {check.name} ({check.expression})" if check else "values"
                return empty, Problem(
                    (check.source if check else None) or table.source,
                    f"seed: {table.name}: cannot draw values for {what}: {exc}; the table gets no rows",
                )
            if failed_check is not None:
                last_error = f"CHECK {failed_check.name} ({failed_check.expression})"
                continue
            keys = [tuple(_hashable(row[c]) for c in s) for s in unique_sets]
            clash = next((n for n, key in enumerate(keys) if None not in key and key in seen[n]), None)
            if clash is not None:
                last_error = f"the unique key ({', '.join(unique_sets[clash])})"
                continue
            for n, key in enumerate(keys):
                if None not in key:
                    seen[n].add(key)
            made.append(row)
            if first is not None:
                free_first.remove(first)
            for fk in deferred:
                updates.append((table, fk, row, {}))
            break
        else:
            span = failed_check.source if failed_check is not None and failed_check.source else table.source
            return TableRows(table.name, names, made), Problem(
                span, f"seed: {table.name}: no row {i + 1} satisfies {last_error} after {ATTEMPTS} draws; the table gets {len(made)} rows"
            )
    return TableRows(table.name, names, made), None


def _hashable(value):
    """A value as a key of a set: arrays and JSON compare by content."""
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return value


def _failed_check(checks, row: dict) -> CheckConstraint | None:
    for check, tree in checks:
        try:
            if evaluate(tree, row) is False:
                return check
        except Unsupported as exc:
            raise Unsupported(str(exc), check=check) from None
    return None


def _draw_row(table: Table, bounds: dict[str, Bounds], enums, i: int, rng: random.Random, fk_columns: set[str]) -> dict:
    row: dict = {}
    for column in table.columns:
        if column.name in fk_columns:
            row[column.name] = None
        elif column.identity:
            row[column.name] = i + 1
        elif column.nullable and rng.random() < 0.25 and not bounds.get(column.name, Bounds()).required:
            row[column.name] = None
        else:
            try:
                row[column.name] = draw(table, column, bounds.get(column.name), enums, i, rng)
            except Unsupported as exc:
                raise Unsupported(f"{column.name}: {exc}", column=column.name) from None
    return row


def _assign_foreign_keys(
    table: Table, row: dict, made: list[dict], filled, deferred, eligible: dict[int, list[int]], free_first: list[int], attempt: int, rng
) -> int | None:
    """Set the row's foreign key columns; returns the parent row index chosen
    for the first foreign key. That one takes the parents in turn, an unused
    one first (one-to-one keys stay distinct, children spread evenly)."""
    first = None
    for n, fk in enumerate(table.foreign_keys):
        nullable = all(table.column(c) is None or table.column(c).nullable for c in fk.columns)
        if fk in deferred:
            continue  # NULL now, an UPDATE once the target rows exist
        if fk.ref_table == table.name:
            if nullable:
                parent = made[rng.randrange(len(made))] if made and rng.random() < 0.75 else None
            else:
                parent = row  # the row's own key: a NOT NULL self-reference starts somewhere
        else:
            parents, usable = filled[fk.ref_table].rows, eligible[id(fk)]
            if not usable or (nullable and rng.random() < 0.25):
                parent = None
            elif n == 0:
                if not free_first:
                    free_first.extend(usable)  # every parent used: a second round
                first = free_first[attempt % len(free_first)]
                parent = parents[first]
            else:
                parent = parents[usable[rng.randrange(len(usable))]]
        for column, ref in zip(fk.columns, fk.ref_columns):
            row[column] = None if parent is None else parent[ref]
    return first


def _chronology(row: dict, rng: random.Random) -> None:
    """A row is updated, or soft-deleted, after it was created."""
    from compiler.naming import SOFT_DELETE_COLUMN
    from compiler.passes.conventions import TIMESTAMP_COLUMNS

    created = row.get(TIMESTAMP_COLUMNS[0])
    if not isinstance(created, dt.datetime):
        return
    for later in (*TIMESTAMP_COLUMNS[1:], SOFT_DELETE_COLUMN):
        value = row.get(later)
        if isinstance(value, dt.datetime) and value < created:
            row[later] = created + dt.timedelta(minutes=rng.randint(0, 30 * 24 * 60))


_STEP = {"GT": 1, "GTE": 0, "LT": -1, "LTE": 0}


def _repair(table: Table, row: dict, pairs: list[tuple[str, str, str]]) -> None:
    """Make `left op right` hold by moving `left` (a column no key depends on)."""
    for left, op, right in pairs:
        a, b = row.get(left), row.get(right)
        if a is None or b is None:
            continue
        if evaluate_pair(a, op, b):
            continue
        column = table.column(left)
        if column is None:
            continue
        step = _STEP[op]
        if isinstance(b, dt.datetime):
            row[left] = b + dt.timedelta(hours=step)
        elif isinstance(b, dt.date):
            row[left] = b + dt.timedelta(days=step)
        elif isinstance(b, Decimal):
            unit = Decimal(1).scaleb(-(column.type.scale or 0)) if column.type.scalar is Scalar.DECIMAL else Decimal(1)
            row[left] = (b + unit * step).quantize(unit) if column.type.scalar is Scalar.DECIMAL else b + unit * step
        elif isinstance(b, (int, float)) and not isinstance(b, bool):
            row[left] = b + step if column.type.scalar in INTEGER_TYPES else b + 0.01 * step


def evaluate_pair(a, op: str, b) -> bool:
    a, b = _comparable(a, b)
    return {"GT": a > b, "GTE": a >= b, "LT": a < b, "LTE": a <= b}[op]


# -- SQL ----------------------------------------------------------------------------------------


def literal(value, ctype: ColumnType) -> str:
    """A value as SQL, through the one SQL-literal function."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(round(value, 2))
    return quote_literal(_text_of(value, ctype))


def _text_of(value, ctype: ColumnType) -> str:
    """The text PostgreSQL reads a value from (an unknown-type literal)."""
    if isinstance(value, list):
        element = ctype.model_copy(update={"array_dims": 0})
        parts = ["NULL" if v is None else '"' + _text_of(v, element).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value]
        return "{" + ",".join(parts) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") + ("+00" if ctype.scalar is Scalar.TIMESTAMPTZ else "")
    if isinstance(value, dt.timedelta):
        return f"{int(value.total_seconds() // 60)} minutes"
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    if isinstance(value, float):
        return repr(round(value, 2))
    return str(value)


def render(schema: Schema, filled: dict[str, TableRows], updates, rows: int, seed_value: int, source: str) -> str:
    types = {t.name: {c.name: c.type for c in t.columns} for t in schema.tables}
    for ext in schema.external_tables:
        types[ext.name] = {ext.key: ext.key_type}
    lines = [
        f"-- Seed data from {source or schema.feature}: {rows} rows per table, seed {seed_value}. Written by `{MARKER}`; run it again to change it.",
        f"-- Feature {schema.feature}. Apply to a database built by this feature's schema.sql.",
        "BEGIN;",
    ]
    for name, table in filled.items():
        if not table.rows:
            lines += ["", f"-- {name}: no rows"]
            continue
        label = f"{name} (external: rows for the keys the seed references; existing rows are kept)" if table.external else name
        lines += ["", f"-- {label}: {len(table.rows)} rows", f"INSERT INTO {quote_ident(name)} ({column_list(table.columns)}) VALUES"]
        values = ["    (" + ", ".join(literal(row[c], types[name][c]) for c in table.columns) + ")" for row in table.rows]
        lines.append(",\n".join(values) + ("\nON CONFLICT DO NOTHING;" if table.external else ";"))
    closing = _cycle_updates(schema, filled, updates, types)
    if closing:
        lines += ["", "-- References that close a cycle, now that their rows exist"] + closing
    sequences = [
        f"SELECT setval(pg_get_serial_sequence({quote_literal(quote_ident(t.name))}, {quote_literal(c.name)}), "
        f"(SELECT max({quote_ident(c.name)}) FROM {quote_ident(t.name)}));"
        for t in schema.tables
        for c in t.columns
        if c.identity and filled[t.name].rows
    ]
    if sequences:
        lines += ["", "-- Identity columns continue after the seeded keys"] + sequences
    lines += ["", "COMMIT;"]
    return "\n".join(lines) + "\n"


def _cycle_updates(schema: Schema, filled, updates, types) -> list[str]:
    statements = []
    position: dict[tuple[str, int], int] = {}
    for table, fk, row, _ in updates:
        parents = filled[fk.ref_table].rows
        if not parents or table.primary_key is None:
            continue
        index = position[(table.name, id(fk))] = position.get((table.name, id(fk)), -1) + 1
        parent = parents[index % len(parents)]
        assignments = ", ".join(
            f"{quote_ident(c)} = {literal(parent[r], types[table.name][c])}" for c, r in zip(fk.columns, fk.ref_columns)
        )
        where = " AND ".join(f"{quote_ident(c)} = {literal(row[c], types[table.name][c])}" for c in table.primary_key.columns)
        statements.append(f"UPDATE {quote_ident(table.name)} SET {assignments} WHERE {where};")
    return statements
