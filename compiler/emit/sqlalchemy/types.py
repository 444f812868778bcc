"""Python spellings shared by the Alembic, SQLAlchemy and SQLModel emitters.

The one table from `Scalar` to a SQLAlchemy type expression and a Python
annotation, plus the helpers every Python emitter needs: string literals
that no spec text can break out of, and call layout that `ruff format`
leaves as it is (one line when it fits, else one argument per line with a
magic trailing comma).
"""

from __future__ import annotations

import ast
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from compiler import escape
from compiler.emit.postgres.dialect import default_sql
from compiler.ir import ColumnType, Default
from compiler.types import Scalar

LINE_LENGTH = 88  # ruff's default; the layout is also stable at any longer limit


@dataclass(frozen=True)
class PyType:
    expr: str  # SQLAlchemy type expression, `{n}` / `{p}` / `{s}` filled from the column type
    annotation: str  # Python annotation of the mapped attribute
    module: str | None = None  # stdlib module the annotation needs


# Scalar -> (SQLAlchemy type, Python annotation). `sa.` is `import sqlalchemy as sa`,
# `postgresql.` is `from sqlalchemy.dialects import postgresql`.
TYPE_MAPPING: dict[Scalar, PyType] = {
    Scalar.UUID: PyType("sa.Uuid()", "uuid.UUID", "uuid"),
    Scalar.STRING: PyType("sa.String()", "str"),
    Scalar.TEXT: PyType("sa.Text()", "str"),
    Scalar.CHAR: PyType("sa.CHAR()", "str"),
    Scalar.SMALLINT: PyType("sa.SmallInteger()", "int"),
    Scalar.INTEGER: PyType("sa.Integer()", "int"),
    Scalar.BIGINT: PyType("sa.BigInteger()", "int"),
    Scalar.DECIMAL: PyType("sa.Numeric()", "decimal.Decimal", "decimal"),
    Scalar.REAL: PyType("sa.REAL()", "float"),
    Scalar.DOUBLE: PyType("sa.Double[float]()", "float"),  # typed: Double() alone is Double[Unknown] to pyright
    Scalar.BOOLEAN: PyType("sa.Boolean()", "bool"),
    Scalar.DATE: PyType("sa.Date()", "datetime.date", "datetime"),
    Scalar.TIME: PyType("sa.Time()", "datetime.time", "datetime"),
    Scalar.TIMESTAMP: PyType("sa.DateTime()", "datetime.datetime", "datetime"),
    Scalar.TIMESTAMPTZ: PyType("sa.DateTime(timezone=True)", "datetime.datetime", "datetime"),
    Scalar.INTERVAL: PyType("sa.Interval()", "datetime.timedelta", "datetime"),
    Scalar.JSON: PyType("sa.JSON()", "typing.Any", "typing"),
    Scalar.JSONB: PyType("postgresql.JSONB()", "typing.Any", "typing"),
    Scalar.BYTES: PyType("sa.LargeBinary()", "bytes"),
}

# Types whose length/precision changes the expression.
_WITH_LENGTH = {Scalar.STRING: "sa.String({n})", Scalar.CHAR: "sa.CHAR({n})"}
_WITH_PRECISION = {
    Scalar.DECIMAL: "sa.Numeric({p})",
    Scalar.TIME: "postgresql.TIME(precision={p})",
    Scalar.TIMESTAMP: "postgresql.TIMESTAMP(precision={p})",
    Scalar.TIMESTAMPTZ: "postgresql.TIMESTAMP(timezone=True, precision={p})",
    Scalar.INTERVAL: "postgresql.INTERVAL(precision={p})",
}


def sa_type(ctype: ColumnType, enum_expr: str | None = None) -> str:
    """The SQLAlchemy type expression; enum columns pass the enum's expression."""
    if ctype.scalar is Scalar.ENUM:
        base = enum_expr or "sa.String()"
    elif ctype.length is not None and ctype.scalar in _WITH_LENGTH:
        base = _WITH_LENGTH[ctype.scalar].format(n=ctype.length)
    elif ctype.precision is not None and ctype.scalar is Scalar.DECIMAL and ctype.scale is not None:
        base = f"sa.Numeric({ctype.precision}, {ctype.scale})"
    elif ctype.precision is not None and ctype.scalar in _WITH_PRECISION:
        base = _WITH_PRECISION[ctype.scalar].format(p=ctype.precision)
    else:
        base = TYPE_MAPPING[ctype.scalar].expr
    if ctype.array_dims:
        dims = f", dimensions={ctype.array_dims}" if ctype.array_dims > 1 else ""
        base = f"postgresql.ARRAY({base}{dims})"
    return base


def annotation(ctype: ColumnType, enum_class: str | None = None) -> str:
    base = (
        enum_class if ctype.scalar is Scalar.ENUM and enum_class else TYPE_MAPPING.get(ctype.scalar, TYPE_MAPPING[Scalar.STRING]).annotation
    )
    for _ in range(ctype.array_dims):
        base = f"list[{base}]"
    return base


def stdlib_modules(ctype: ColumnType) -> set[str]:
    if ctype.scalar is Scalar.ENUM:
        return set()
    module = TYPE_MAPPING[ctype.scalar].module
    return {module} if module else set()


def server_default(default: Default | None) -> str | None:
    """`sa.text(...)` with the same SQL as schema.sql, so catalogs agree."""
    if default is None:
        return None
    return sql_text(default_sql(default))


# SQLAlchemy's text() reads `:name` as a bind parameter (its own pattern);
# written `\:name`, it is the colon as written.
_BIND = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")
_ESCAPED_BIND = r"\\:\1"


def sql_text(sql: str) -> str:
    """`sa.text(...)` of generated SQL, whose `:word` (inside a string
    literal or a JSON default) SQLAlchemy must not read as a bind
    parameter: the Python-side escaping of SQL text for SQLAlchemy."""
    escaped = _BIND.sub(_ESCAPED_BIND, sql)
    return f"sa.text({py_str(escaped)})"


def sql_str(sql: str) -> str:
    """SQL that SQLAlchemy or Alembic turns into `text()` itself
    (`sa.CheckConstraint("...")`, `op.execute("...")`): the plain string, or
    `sql_text` when it holds a `:word`."""
    return sql_text(sql) if _BIND.search(sql) else py_str(sql)


def uses_name(code: str, name: str) -> bool:
    """Whether generated code names `name` (`Optional[...]`, `postgresql.JSONB`)
    outside its string literals: spec text inside a literal never adds an import."""
    import io
    import tokenize

    if name not in code:
        return False
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(textwrap.dedent(code)).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return True  # cannot tell: import it (an unused import is harmless, a missing one is not)
    return any(t.type == tokenize.NAME and t.string == name for t in tokens)


# -- literals ---------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


@lru_cache(maxsize=16384)
def py_str(value: str) -> str:
    """A Python string literal for any text, in the quotes `ruff format`
    prefers (double, unless that needs more escapes). Checked by parsing it
    back: spec text can never end the literal early. (Cached: names and
    types repeat on every model.)"""
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return '"' + value + '"'  # nothing to escape: the literal is the text in quotes
    quote = "'" if value.count('"') > value.count("'") else '"'
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == quote:
            out.append("\\" + char)
        elif not char.isprintable() or unicodedata.category(char) in ("Zl", "Zp", "Cf", "Cs"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    literal = quote + "".join(out) + quote
    if ast.literal_eval(literal) != value:  # pragma: no cover - a bug here must never reach a file
        raise ValueError(f"cannot write {value!r} as a Python literal")
    return literal


@lru_cache(maxsize=4096)
def py_block(value: str) -> str:
    """A triple-quoted literal for multi-line SQL (a leading newline is
    added, harmless to SQL); falls back to `py_str` for awkward text."""
    text = "\n" + value + "\n"
    if "\\" in value or '"' in value or not value.replace("\n", "").isprintable():
        return py_str(value)
    literal = '"""' + text + '"""'
    if ast.literal_eval(literal) != text:  # pragma: no cover
        return py_str(value)
    return literal


def one_line(text: str | None) -> str:
    """Spec text for a comment or docstring: one line, nothing that could
    close the docstring or start an escape, hidden characters (bidi
    overrides, controls) shown as escapes (their backslash doubled, so the
    docstring holds them as text)."""
    text = " ".join((text or "").split()).replace("\\", "/").replace('"', "'")
    return escape.one_line(text).replace("\\", "\\\\")


def docstring(text: str, indent: str = "") -> str:
    """A docstring of spec text, each paragraph line wrapped at 88 columns."""
    lines = []
    for line in text.split("\n"):
        clean = one_line(line)
        if not clean:
            lines.append("")
            continue
        wrapped = textwrap.wrap(clean, width=LINE_LENGTH - len(indent), break_long_words=False, break_on_hyphens=False)
        lines.extend(wrapped)
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) == 1:
        return f'{indent}"""{lines[0]}"""'
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f'{indent}"""{body.lstrip()}\n{indent}"""'


# -- call layout --------------------------------------------------------------


def call(function: str, args: list[str], indent: int = 0, prefix: str = "", suffix: str = "") -> str:
    """`function(args)` at column `indent`: on one line when it fits, else one
    argument a line with a trailing comma (which ruff keeps exploded).
    Arguments that are themselves laid out (`nested`) are already indented
    for column `indent + 4`."""
    pad = " " * indent
    flat = f"{pad}{prefix}{function}({', '.join(args)}){suffix}"
    if len(flat) <= LINE_LENGTH and "\n" not in flat:
        return flat
    inner = " " * (indent + 4)
    body = "".join(f"{inner}{arg},\n" for arg in args)
    return f"{pad}{prefix}{function}(\n{body}{pad}){suffix}"


def nested(function: str, args: list[str], indent: int, prefix: str = "") -> str:
    """A call used as an argument that starts at column `indent` (after
    `prefix`, e.g. `name=`); the caller adds the comma and the prefix."""
    return call(function, args, indent, prefix=prefix, suffix=",")[indent + len(prefix) : -1]


def py_list(items: list[str], indent: int = 0) -> str:
    flat = "[" + ", ".join(items) + "]"
    if len(flat) + indent <= LINE_LENGTH:
        return flat
    inner = " " * (indent + 4)
    return "[\n" + "".join(f"{inner}{item},\n" for item in items) + " " * indent + "]"


# -- names --------------------------------------------------------------------


def _reserved_attributes() -> frozenset[str]:
    """Names a model attribute must not take (it is aliased, `type_`, its
    column name kept by `mapped_column("type", ...)`): what the model
    modules import (SQLModel evaluates annotations in the class body, where
    a field `datetime` would hide the module), builtin types the annotations
    name, SQLAlchemy's declarative attributes, pydantic's and SQLModel's
    model attributes, and the methods the templates add."""
    import builtins

    from pydantic import BaseModel

    imported = {"sa", "postgresql", "uuid", "datetime", "decimal", "enum", "typing", "annotations", "TYPE_CHECKING", "Optional"}
    imported |= {"Mapped", "mapped_column", "relationship", "Base", "SQLModel", "Field", "Relationship", "Column"}
    builtin_types = {name for name, value in vars(builtins).items() if isinstance(value, type)} | {"None", "True", "False"}
    declarative = {"metadata", "registry", "query", "__table__", "__tablename__", "__mapper__", "__table_args__", "__mapper_args__"}
    declarative |= {"__abstract__", "__init__", "_sa_registry", "_sa_class_manager", "_sa_instance_state"}
    pydantic = {name for name in dir(BaseModel) if not name.startswith("__")}
    sqlmodel = {"model_config", "model_fields", "sqlmodel_update", "sqlmodel_validate", "from_orm", "parse_obj", "validate", "schema"}
    methods = {"is_deleted", "soft_delete", "restore", "not_deleted"}
    return frozenset(imported | builtin_types | declarative | pydantic | sqlmodel | methods)


RESERVED_ATTRIBUTES = _reserved_attributes()


def attribute_identifier(column: str) -> str:
    """A model attribute for a column: a Python identifier that pydantic
    (SQLModel) does not take for a private attribute and Python does not
    name-mangle, so no leading underscore (`_rev` -> `x_rev`, `2fa_secret`
    -> `x_2fa_secret`); `_unique` then steps around reserved names."""
    from compiler.naming import python_identifier

    name = python_identifier(column)
    return f"x{name}" if name.startswith("_") else name


def member_name(value: str) -> str:
    """An enum member name for a value: `in_progress` -> `IN_PROGRESS`."""
    name = re.sub(r"\W", "_", unicodedata.normalize("NFKC", value), flags=re.ASCII).upper()
    if not name or not (name[0].isalpha()):
        name = f"V_{name}"
    return name


def enum_members(values: list[str]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    members = []
    for value in values:
        name = base = member_name(value)
        n = 2
        while name in seen:
            name = f"{base}_{n}"
            n += 1
        seen.add(name)
        members.append((name, value))
    return members
