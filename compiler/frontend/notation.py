"""The Lark grammar of types, modifiers and entity lines, and its Transformer.

The grammar (`grammar/spec2db.lark`) is built once per process. Each public
function parses one `Fragment` and returns plain values with spans, or
reports a diagnostic at the exact column and returns None.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from compiler.ast import CheckDecl, ColumnGroup, IndexDecl, Literal_, Reference, RelationshipDecl, SqlText, TypeArg, TypeExpr
from compiler.diagnostics import Diagnostics, Span
from compiler.frontend import canonical
from compiler.frontend.source import Fragment, stripped_bounds

STARTS = ["attribute", "type_only", "modifier_list", "index_list", "column_groups", "relationship_list", "sql_expr"]

# What a user should read instead of a terminal's name.
_TERMINAL_WORDS = {
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "SEMICOLON": "';'",
    "DOT": "'.'",
    "EQUAL": "'='",
    "NAME": "a name",
    "SIGNED_NUMBER": "a number",
    "STRING": "a quoted string",
    "ARRAY": "'[]'",
    "ARROW": "'->'",
    "RANGE": "'..'",
    "SQL_WORD": "SQL",
    "QUOTED_IDENT": "a quoted name",
    "WAS": "'was'",
    "FK_EVENT": "'delete' or 'update'",
    "REL_KIND": "'belongs to', 'has many', 'has one' or 'many to many'",
    "UNIQUE_KW": "'unique'",
    "$END": "the end",
}


def _grammar_path() -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "grammar" / "spec2db.lark", here.parent / "grammar" / "spec2db.lark"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("spec2db.lark not found next to the package (is the wheel complete?)")


@lru_cache(maxsize=1)
def keywords() -> frozenset[str]:
    """The words the grammar spells (`required`, `unique`, `references`, ...), lower case: what a near miss in
    the team's words (`requird`) is a typo of."""
    text = _grammar_path().read_text(encoding="utf-8")
    return frozenset(w.lower() for w in re.findall(r'"([A-Za-z][A-Za-z ]*)"i', text))


@lru_cache(maxsize=1)
def parser() -> Lark:
    return Lark(
        _grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        start=STARTS,
        propagate_positions=True,
        maybe_placeholders=False,
        cache=_grammar_cache(),
    )


def _grammar_cache() -> str | bool:
    """Where Lark keeps its analysed grammar between runs (analysing it
    costs about 0.1 s a run; loading it 0.01 s). Lark checks the grammar's
    hash on load and rebuilds a stale or damaged file. The file is a
    pickle, so it lives only in spec2db's private cache folder."""
    import lark

    from compiler.cache import SpecCache

    cache = SpecCache()
    if not cache.trusted():
        return False
    return str(cache.folder / f"grammar-lark-{lark.__version__}.pickle")


def _describe_expected(expected: set[str]) -> str:
    words = sorted({_TERMINAL_WORDS.get(t, f"'{t.lower()}'" if t.isupper() and not t.startswith("__") else t) for t in expected})
    words = [w for w in words if not w.startswith("'__")]
    if not words:
        return ""
    if len(words) > 8:
        return "; expected a modifier or ','"
    return "; expected " + ", ".join(words)


MAX_NESTING = 64  # the tree transformer recurses once per level


def _too_deep(text: str) -> int | None:
    """Offset of the first '(' nested deeper than MAX_NESTING (quotes ignored)."""
    depth = 0
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
            if depth > MAX_NESTING:
                return i
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return None


def first_unbalanced(text: str) -> tuple[int, str] | None:
    """Offset of the first parenthesis without a partner, ignoring quoted text."""
    stack: list[int] = []
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "(":
            stack.append(i)
        elif ch == ")":
            if not stack:
                return i, ")"
            stack.pop()
    if stack:
        return stack[0], "("
    return None


def _parse(fragment: _Offsets, start: str, diags: Diagnostics) -> Tree | None:
    # Backticks mark code in Markdown; blank them so columns stay exact.
    text = fragment.text.replace("`", " ")
    if not text.strip():
        diags.report("E101", f"expected {_START_WORDS[start]}, found nothing", fragment.span())
        return None
    too_deep = _too_deep(text)
    if too_deep is not None:
        diags.report("E101", f"parentheses nested deeper than {MAX_NESTING}", fragment.span(too_deep, too_deep + 1))
        return None
    unbalanced = first_unbalanced(text)
    if unbalanced is not None:
        offset, ch = unbalanced
        what = "'(' is never closed" if ch == "(" else "')' has no matching '('"
        diags.report("E104", f"unbalanced parentheses: {what}", fragment.span(offset, offset + 1))
        return None
    try:
        return parser().parse(text, start=start)
    except UnexpectedInput as exc:
        diags.report("E101", _error_message(exc, text, start), _error_span(exc, fragment, text))
        return None


_START_WORDS = {
    "attribute": "a type",
    "type_only": "a type",
    "modifier_list": "modifiers",
    "index_list": "index columns",
    "column_groups": "column names",
    "relationship_list": "relationships",
    "sql_expr": "an SQL expression",
}


def _error_span(exc: UnexpectedInput, fragment: _Offsets, text: str):
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        start = exc.token.start_pos or 0
        return fragment.span(start, start + len(exc.token))
    if isinstance(exc, UnexpectedCharacters):
        return fragment.span(exc.pos_in_stream, exc.pos_in_stream + 1)
    end = len(text.rstrip())
    return fragment.span(end, end)


def _error_message(exc: UnexpectedInput, text: str, start: str) -> str:
    if isinstance(exc, UnexpectedToken):
        if exc.token.type == "$END":
            return f"unexpected end of {_START_WORDS[start]}" + _describe_expected(exc.expected)
        return f"unexpected '{exc.token}'" + _describe_expected(exc.expected)
    if isinstance(exc, UnexpectedCharacters):
        return f"unexpected character {text[exc.pos_in_stream]!r}" + _describe_expected(exc.allowed or set())
    if isinstance(exc, UnexpectedEOF):
        return f"unexpected end of {_START_WORDS[start]}" + _describe_expected(set(exc.expected))
    return "cannot read this"  # pragma: no cover


def _unquote(token: str) -> str:
    quote = token[0]
    body = token[1:-1]
    if quote == "'":
        return body.replace("''", "'").replace("\\'", "'")
    return body.replace('\\"', '"')


def _renamed(children: list) -> str | None:
    """The old name of a type argument written `value (was old)`."""
    return children[1][1] if len(children) > 1 else None


class _ToAst(Transformer):
    """Mirrors the grammar: one method per rule or alias. Modifiers become
    `(name, value, span)` triples for the front end to fold into an attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.fragment = _Offsets("")

    def _span(self, node: Any):
        if isinstance(node, Token):
            return self.fragment.span(node.start_pos, node.end_pos)
        return self.fragment.span(node.meta.start_pos, node.meta.end_pos)

    def _meta_span(self, meta):
        return self.fragment.span(meta.start_pos, meta.end_pos)

    def _sql(self, meta, *, inner: bool) -> SqlText:
        start, end = meta.start_pos, meta.end_pos
        if inner:  # drop the group's own parentheses
            start, end = start + 1, end - 1
        piece = self.fragment.slice(start, end).strip()
        return SqlText(text=piece.text, span=piece.span())

    # -- starts
    def attribute(self, children):
        return children

    def modifier_list(self, children):
        return children

    def type_only(self, children):
        return children[0]

    # -- types
    @v_args(meta=True)
    def type_expr(self, meta, children):
        name = children[0]
        args = None
        args_span = None
        dims = 0
        renamed = None
        for child in children[1:]:
            if isinstance(child, tuple) and child[0] == "args":
                args, args_span = child[1], child[2]
            elif isinstance(child, Token) and child.type == "ARRAY":
                dims += 1
            elif isinstance(child, tuple) and child[0] == "renamed_from":
                renamed = child
        expr = TypeExpr(name=str(name), args=args, array_dims=dims, span=self._span(name), args_span=args_span)
        if renamed is not None:
            return ("type_with_rename", expr, renamed)
        return expr

    @v_args(meta=True)
    def type_args(self, meta, children):
        return ("args", list(children), self._meta_span(meta))

    def number_arg(self, children):
        return TypeArg(kind="number", value=str(children[0]), span=self._span(children[0]))

    def name_arg(self, children):
        return TypeArg(kind="name", value=str(children[0]), span=self._span(children[0]), renamed_from=_renamed(children))

    def string_arg(self, children):
        return TypeArg(kind="string", value=_unquote(str(children[0])), span=self._span(children[0]), renamed_from=_renamed(children))

    @v_args(meta=True)
    def rename(self, meta, children):
        return ("renamed_from", str(children[-1]), self._meta_span(meta))

    # -- modifiers
    @v_args(meta=True)
    def required(self, meta, _):
        return ("required", True, self._meta_span(meta))

    @v_args(meta=True)
    def optional(self, meta, _):
        return ("required", False, self._meta_span(meta))

    @v_args(meta=True)
    def primary_key(self, meta, _):
        return ("primary_key", True, self._meta_span(meta))

    @v_args(meta=True)
    def unique(self, meta, _):
        return ("unique", True, self._meta_span(meta))

    @v_args(meta=True)
    def indexed(self, meta, _):
        return ("indexed", True, self._meta_span(meta))

    @v_args(meta=True)
    def default(self, meta, children):
        value = children[-1]
        if isinstance(value, tuple) and value[0] == "sql_group":
            sql = value[1]
            # `default(0)` and `default('x')` are literals in parentheses.
            inner = _single_literal(sql)
            value = inner if inner is not None else sql
        return ("default", value, self._meta_span(meta))

    def number_literal(self, children):
        return Literal_(kind="number", value=str(children[0]), span=self._span(children[0]))

    def string_literal(self, children):
        return Literal_(kind="string", value=_unquote(str(children[0])), span=self._span(children[0]))

    def name_literal(self, children):
        return Literal_(kind="name", value=str(children[0]), span=self._span(children[0]))

    @v_args(meta=True)
    def references(self, meta, children):
        names = [c for c in children if isinstance(c, Token) and c.type == "NAME"]
        column = str(names[1]) if len(names) > 1 else None
        ref = Reference(entity=str(names[0]), column=column, span=self._span(names[0]))
        return ("references", ref, self._meta_span(meta))

    @v_args(meta=True)
    def fk_action(self, meta, children):
        event, action = children
        return ("on_" + str(event).lower(), action, self._meta_span(meta))

    def cascade(self, _):
        return "cascade"

    def restrict(self, _):
        return "restrict"

    def set_null(self, _):
        return "set null"

    def set_default(self, _):
        return "set default"

    def no_action(self, _):
        return "no action"

    @v_args(meta=True)
    def check(self, meta, children):
        sql = children[0][1]
        name = str(children[1]) if len(children) > 1 else None
        return ("check", CheckDecl(expr=sql, name=name), self._meta_span(meta))

    @v_args(meta=True)
    def minimum(self, meta, children):
        return ("minimum", str(children[0]), self._meta_span(meta))

    @v_args(meta=True)
    def maximum(self, meta, children):
        return ("maximum", str(children[0]), self._meta_span(meta))

    @v_args(meta=True)
    def length(self, meta, children):
        low = high = None
        seen_range = False
        for child in children:
            if child.type == "RANGE":
                seen_range = True
            elif seen_range:
                high = str(child)
            else:
                low = str(child)
        return ("length", (low, high), self._meta_span(meta))

    @v_args(meta=True)
    def pattern(self, meta, children):
        return ("pattern", _unquote(str(children[0])), self._meta_span(meta))

    # -- entity lines
    def index_list(self, children):
        return children

    @v_args(meta=True)
    def index_item(self, meta, children):
        unique = any(isinstance(c, Token) and c.type == "UNIQUE_KW" for c in children)
        group = next(c for c in children if isinstance(c, ColumnGroup))
        where = next((c for c in children if isinstance(c, SqlText)), None)
        return IndexDecl(columns=group.columns, unique=unique, where=where, span=self._meta_span(meta))

    @v_args(meta=True)
    def single_index(self, meta, children):
        where = next((c for c in children if isinstance(c, SqlText)), None)
        return IndexDecl(columns=[str(children[0])], where=where, span=self._meta_span(meta))

    @v_args(meta=True)
    def column_group(self, meta, children):
        return ColumnGroup(columns=[str(c) for c in children], span=self._meta_span(meta))

    @v_args(meta=True)
    def where(self, meta, children):
        return children[0]

    def column_groups(self, children):
        groups = []
        for child in children:
            if isinstance(child, Token):
                child = ColumnGroup(columns=[str(child)], span=self._span(child))
            groups.append(child)
        return groups

    def relationship_list(self, children):
        return children

    @v_args(meta=True)
    def relationship(self, meta, children):
        kind = " ".join(str(children[0]).lower().split())
        on_delete = children[2] if len(children) > 2 else None
        return RelationshipDecl(
            kind=kind, target=str(children[1]), on_delete=on_delete, span=self._meta_span(meta), target_span=self._span(children[1])
        )

    def rel_options(self, children):
        return children[0]

    # -- raw SQL: keep the text as written, by position
    @v_args(meta=True)
    def sql_group(self, meta, _children):
        return ("sql_group", self._sql(meta, inner=True))

    @v_args(meta=True)
    def sql_text(self, meta, _children):
        return self._sql(meta, inner=False)

    @v_args(meta=True)
    def sql_expr(self, meta, _children):
        return self._sql(meta, inner=False)


def _single_literal(sql: SqlText) -> Literal_ | None:
    text = sql.text.strip()
    if not text:
        return None
    if text[0] in "'\"" and text[-1] == text[0] and len(text) >= 2 and text[0] not in text[1:-1].replace(text[0] * 2, ""):
        return Literal_(kind="string", value=_unquote(text), span=sql.span)
    try:
        float(text)
        return Literal_(kind="number", value=text, span=sql.span)
    except ValueError:
        pass
    if text.replace("_", "a").isalnum() and not text[0].isdigit():
        return Literal_(kind="name", value=text, span=sql.span)
    return None


class _Offsets:
    """Stands in for a `Fragment` while its text is parsed on its own: a span
    holds raw offsets into the text (`col`, `end_col`), so one parse serves
    every place the same text is written, and `_relocate` maps it back."""

    __slots__ = ("base", "text")

    def __init__(self, text: str, base: int = 0) -> None:
        self.text = text
        self.base = base

    def span(self, start: int = 0, end: int | None = None) -> Span:
        end = len(self.text) if end is None else end
        return Span("", 0, self.base + start, 0, self.base + end)

    def slice(self, start: int, end: int | None = None) -> _Offsets:
        end = len(self.text) if end is None else end
        return _Offsets(self.text[start:end], self.base + start)

    def strip(self) -> _Offsets:
        return self.slice(*stripped_bounds(self.text))


@lru_cache(maxsize=4096)
def _parse_text(text: str, start: str) -> tuple[Any, tuple[tuple[str, str, Span], ...]]:
    """The parse of `text` with offset spans, and the diagnostics it gave.

    Specs repeat the same types and modifiers on line after line
    (`uuid, required`), so this is what makes parsing cost per distinct
    text rather than per attribute."""
    offsets = _Offsets(text)
    plain = canonical.read(text, start, offsets.span)
    if plain is not None:
        return plain, ()
    local = Diagnostics()
    tree = _parse(offsets, start, local)
    if tree is None:
        return None, tuple((d.code, d.message, d.span) for d in local.items)
    transformer = _transformer()
    transformer.fragment = offsets
    return transformer.transform(tree), ()


# Texts met once. The first time, a canonical text is read where it stands
# (no memo entry, no copy): a spec of all-different attributes then costs one
# read per line, not a read and a copy. Bounded; forgetting only costs speed.
_SEEN: set[tuple[str, str]] = set()
_SEEN_MAX = 16_384


_PLAIN = (str, bool, int, type(None))


def _relocate(value: Any, fragment: Fragment) -> Any:
    """A fresh copy of a cached parse result with its spans placed in `fragment`."""
    if fragment.single_line is None:
        return _copy(value, lambda span: fragment.span(span.col, span.end_col))
    path, line, col = fragment.single_line
    size = len(fragment.text)

    def place(span: Span) -> Span:  # Fragment.span for one line, inlined: a parse result holds a dozen spans
        start = min(span.col, size)
        return Span(path, line, col + start, line, col + max(start, min(span.end_col, size)))

    return _copy(value, place)


def copy_spans(value: Any, place) -> Any:
    """`value` (an AST node) copied, each span replaced by `place(span)`."""
    return _copy(value, place)


def _copy(value: Any, place) -> Any:
    """`value` copied through tuples, lists, dicts and AST nodes, each span
    replaced by `place(span)`."""
    kind = type(value)
    if kind is Span:
        return place(value)
    if kind is tuple:
        return tuple([item if type(item) in _PLAIN else _copy(item, place) for item in value])
    if kind is list:
        return [item if type(item) in _PLAIN else _copy(item, place) for item in value]
    if kind is dict:
        return {key: _copy(item, place) for key, item in value.items()}
    if kind in _PLAIN:
        return value
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(getattr(kind, "__dataclass_fields__", ()))
        if not names:
            return value
    copy = object.__new__(kind)
    for name in names:
        item = getattr(value, name)
        setattr(copy, name, item if type(item) in _PLAIN else _copy(item, place))
    return copy


_FIELDS: dict[type, tuple[str, ...]] = {}


def parse(fragment: Fragment, start: str, diags: Diagnostics) -> Any:
    """Parse `fragment` from the grammar rule `start`; None after a diagnostic."""
    key = (fragment.text, start)
    if key not in _SEEN:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        _SEEN.add(key)
        plain = canonical.read(fragment.text, start, fragment.span)
        if plain is not None:
            return plain
    result, problems = _parse_text(*key)
    for code, message, span in problems:
        diags.report(code, message, fragment.span(span.col, span.end_col))
    if result is None:
        return None
    return _relocate(result, fragment)


@lru_cache(maxsize=1)
def _transformer() -> _ToAst:
    # One instance per process: building one per call re-wraps every method.
    return _ToAst()
