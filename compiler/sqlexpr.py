"""User-written SQL (checks, partial-index predicates, default expressions).

Such text is never pasted into output. It is parsed with sqlglot, must be
exactly one scalar expression with no subquery or statement inside, and is
written back from the tree with comments dropped. sqlglot is lenient
(`(1=1); DROP TABLE t` parses as three statements), hence the shape checks.
The real-server tests are the final proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


class SqlExprError(Exception):
    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class NormalizedExpr:
    sql: str
    columns: tuple[str, ...] = ()


MAX_NESTING = 64  # parentheses; real checks use a handful
MAX_LENGTH = 10_000  # characters of one expression
_SIMPLE_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def normalize(text: str, columns: list[str] | None = None) -> NormalizedExpr:
    """Parse `text` as one PostgreSQL expression and regenerate it (cached:
    the same check often stands on many tables and in every later feature)."""
    return _normalize(text, tuple(columns) if columns is not None else None)


@lru_cache(maxsize=8192)
def _normalize(text: str, columns: tuple[str, ...] | None) -> NormalizedExpr:
    """Parse `text` as one PostgreSQL expression and regenerate it.

    With `columns`, every column the expression names must be one of them
    (matched as PostgreSQL would: unquoted names fold to lower case);
    otherwise SqlExprError names the first unknown one.
    """
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ParseError, TokenError

    if "\x00" in text:
        raise SqlExprError("SQL expression contains a NUL character", text.index("\x00"))
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth > MAX_NESTING:
            # sqlglot's parser and generator recurse; refuse before they overflow the stack
            raise SqlExprError(f"SQL expression nests parentheses deeper than {MAX_NESTING}", i)
    if len(text) > MAX_LENGTH:
        raise SqlExprError(f"SQL expression is longer than {MAX_LENGTH} characters")
    try:
        statements = sqlglot.parse(text, read=postgres())
    except RecursionError:
        raise SqlExprError("SQL expression is nested too deeply") from None
    except ParseError as exc:
        err = exc.errors[0] if exc.errors else {}
        raise SqlExprError(f"not a valid SQL expression: {err.get('description', exc)}", _offset(text, err)) from None
    except TokenError as exc:
        raise SqlExprError(f"not a valid SQL expression: {exc}") from None
    statements = [s for s in statements if s is not None and not isinstance(s, exp.Semicolon)]
    if len(statements) != 1:
        raise SqlExprError("expected exactly one SQL expression, found several statements", text.find(";") if ";" in text else 0)
    tree = statements[0]
    forbidden = (
        exp.Query,
        exp.Subquery,
        exp.Command,
        exp.Create,
        exp.Drop,
        exp.Insert,
        exp.Update,
        exp.Delete,
        exp.Alter,
        exp.Block,
        exp.Placeholder,
    )
    if not isinstance(tree, exp.Condition) or isinstance(tree, forbidden) or any(isinstance(n, forbidden) for n in tree.walk()):
        raise SqlExprError("expected a single expression (no statements or subqueries)")
    named: list[str] = []
    for column in tree.find_all(exp.Column):
        if column.table:
            raise SqlExprError(f"column '{column.sql(dialect='postgres')}' must not name a table")
        ident = column.this
        written = ident.name
        actual = _match_column(written, bool(ident.args.get("quoted")), columns)
        if actual is None:
            raise SqlExprError(f"unknown column '{written}'", _find(text, written))
        if actual != written or _needs_quotes(actual):
            column.set("this", exp.to_identifier(actual, quoted=_needs_quotes(actual)))
        if actual not in named:
            named.append(actual)
    for node in list(tree.find_all(exp.CurrentTime)):
        if node.this is None:  # sqlglot writes CURRENT_TIME(), which PostgreSQL cannot parse
            keyword = exp.Var(this="CURRENT_TIME")
            tree = keyword if node is tree else tree
            node.replace(keyword)
    return NormalizedExpr(sql=tree.sql(dialect=postgres(), comments=False), columns=tuple(named))


def _match_column(written: str, quoted: bool, columns: tuple[str, ...] | None) -> str | None:
    if columns is None:
        return written
    if written in columns:
        return written
    if not quoted:
        folded = [c for c in columns if c.lower() == written.lower()]
        if len(folded) == 1:
            return folded[0]
    return None


def _find(text: str, word: str) -> int:
    index = text.find(word)
    return max(index, 0)


def _offset(text: str, err: dict) -> int:
    line, col = err.get("line"), err.get("col")
    if not line or col is None:
        return 0
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + max(0, col - 1)


@lru_cache(maxsize=8192)
def regex_check(column: str, pattern: str) -> str:
    from sqlglot import exp

    return exp.RegexpLike(this=_column(column), expression=exp.Literal.string(pattern)).sql(dialect=postgres())


@lru_cache(maxsize=8192)
def range_check(column: str, minimum: str | None, maximum: str | None) -> str:
    from sqlglot import exp

    parts = []
    if minimum is not None:
        parts.append(exp.GTE(this=_column(column), expression=exp.Literal.number(minimum)))
    if maximum is not None:
        parts.append(exp.LTE(this=_column(column), expression=exp.Literal.number(maximum)))
    return exp.and_(*parts).sql(dialect=postgres())


@lru_cache(maxsize=8192)
def length_check(column: str, low: int | None, high: int | None) -> str:
    from sqlglot import exp

    length = exp.Length(this=_column(column))
    parts = []
    if low is not None:
        parts.append(exp.GTE(this=length.copy(), expression=exp.Literal.number(low)))
    if high is not None:
        parts.append(exp.LTE(this=length.copy(), expression=exp.Literal.number(high)))
    return exp.and_(*parts).sql(dialect=postgres())


@lru_cache(maxsize=1)
def postgres():
    """One sqlglot dialect object: naming it by string builds a new one per call."""
    from sqlglot.dialects.postgres import Postgres

    return Postgres()


def _column(name: str):
    from sqlglot import exp

    return exp.column(exp.to_identifier(name, quoted=_needs_quotes(name)))


def _needs_quotes(name: str) -> bool:
    """As the one SQL-identifier function quotes it: `user` is a column
    only in quotes (bare, it is the current role)."""
    from compiler.emit.postgres.dialect import quote_ident

    return quote_ident(name) != name
