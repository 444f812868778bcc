"""A hand-written reader for the canonical attribute forms, in front of Lark.

Most attribute texts are a type and a few plain modifiers
(`string(200), required, default 'x'`). Lark's LALR parser spends about
20 µs per token on them; this reader takes the same text in one regular
expression pass and builds the very values the grammar's transformer
builds, spans included. It knows only the plain forms (types with
arguments and `[]`, required/optional, primary key, unique, indexed,
default with a literal, min/max, references, on delete/update). Anything
else, including every error, returns None and goes to the grammar, which
stays the definition of the notation; tests/test_memo.py checks on
generated texts that both readers agree wherever this one answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from compiler.ast import Literal_, Reference, TypeArg, TypeExpr
from compiler.diagnostics import Span

SpanAt = Callable[[int, int], Span]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>[+-]?\d+(?:\.\d+)?)(?![\w.])
    | (?P<string>'(?:[^'\\]|''|\\.)*'|"(?:[^"\\]|\\.)*")(?!['"])
    | (?P<name>[^\W\d]\w*)
    | (?P<punct>\[\]|[(),.])
    )""",
    re.VERBOSE,
)
_TRAILING_SPACE = re.compile(r"\s*\Z")

# What each plain modifier rule of the grammar means (as the grammar's
# transformer folds it); the spellings are read from the grammar itself.
_FLAG_RULES = {
    "required": ("required", True),
    "optional": ("required", False),
    "primary_key": ("primary_key", True),
    "unique": ("unique", True),
    "indexed": ("indexed", True),
}


@lru_cache(maxsize=1)
def _keywords() -> tuple[dict, dict]:
    """(flags, actions): the keyword spellings of the plain modifiers and of
    the FK actions, by their words, taken from the grammar so that they are
    written in one place (`grammar/spec2db.lark`)."""
    from compiler.frontend.notation import parser

    grammar = parser()
    spelled = {t.name: t.pattern.value.lower() for t in grammar.terminals if t.pattern.type == "str"}
    flags: dict[tuple[str, ...], tuple[str, bool]] = {}
    actions: dict[tuple[str, ...], str] = {}
    for rule in grammar.rules:
        words = tuple(spelled.get(symbol.name) for symbol in rule.expansion)
        if not words or None in words:
            continue
        if rule.origin.name in _FLAG_RULES:
            flags[words] = _FLAG_RULES[rule.origin.name]
        elif rule.origin.name == "action":
            actions[words] = str(rule.alias).replace("_", " ")
    return flags, actions


class _Fallback(Exception):
    """Not a plain form: the grammar reads it."""


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    tokens = []
    pos = 0
    end = len(text)
    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None:
            if _TRAILING_SPACE.match(text, pos):
                break
            raise _Fallback
        kind = match.lastgroup
        start = match.start(kind)
        tokens.append((kind, match.group(kind), start, match.end()))
        pos = match.end()
    return tokens


def _unquote(token: str) -> str:
    body = token[1:-1]
    if token[0] == "'":
        return body.replace("''", "'").replace("\\'", "'")
    return body.replace('\\"', '"')


class _Reader:
    def __init__(self, tokens: list[tuple[str, str, int, int]], span: SpanAt) -> None:
        self.tokens = tokens
        self.i = 0
        self.span = span

    def peek(self, ahead: int = 0) -> tuple[str, str, int, int] | None:
        index = self.i + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, kind: str, text: str | None = None) -> tuple[str, str, int, int]:
        token = self.peek()
        if token is None or token[0] != kind or (text is not None and token[1] != text):
            raise _Fallback
        self.i += 1
        return token

    def word(self) -> str | None:
        token = self.peek()
        return token[1].lower() if token is not None and token[0] == "name" else None

    def words(self, table: dict) -> tuple[Any, int] | None:
        """The entry of `table` the next one or two words spell, and where it ends."""
        first = self.word()
        if first is None:
            return None
        second = self.peek(1)
        if second is not None and second[0] == "name" and (first, second[1].lower()) in table:
            self.i += 2
            return table[(first, second[1].lower())], second[3]
        if (first,) in table:
            self.i += 1
            return table[(first,)], self.tokens[self.i - 1][3]
        return None

    # -- types
    def type_expr(self) -> TypeExpr:
        name = self.take("name")
        if name[1].lower() == "was":
            raise _Fallback
        args = args_span = None
        token = self.peek()
        if token is not None and token[1] == "(":
            open_at = self.take("punct", "(")[2]
            args = []
            while True:
                token = self.peek()
                if token is None:
                    raise _Fallback
                if token[1] == ")" and not args:
                    break
                if token[0] == "number":
                    args.append(TypeArg(kind="number", value=token[1], span=self.span(token[2], token[3])))
                elif token[0] == "name" and token[1].lower() != "was":
                    args.append(TypeArg(kind="name", value=token[1], span=self.span(token[2], token[3])))
                elif token[0] == "string":
                    args.append(TypeArg(kind="string", value=_unquote(token[1]), span=self.span(token[2], token[3])))
                else:
                    raise _Fallback
                self.i += 1
                if self.peek() is not None and self.peek()[1] == ",":
                    self.i += 1
                    continue
                break
            close = self.take("punct", ")")
            args_span = self.span(open_at, close[3])
        dims = 0
        while self.peek() is not None and self.peek()[1] == "[]":
            self.i += 1
            dims += 1
        token = self.peek()
        if token is not None and token[1] == "(":
            raise _Fallback  # `(was old)` or a tolerated spelling
        return TypeExpr(name=name[1], args=args, array_dims=dims, span=self.span(name[2], name[3]), args_span=args_span)

    # -- modifiers
    def modifier(self) -> tuple:
        first = self.peek()
        flag = self.words(_keywords()[0])
        if flag is not None:
            (key, value), end = flag
            return (key, value, self.span(first[2], end))
        word = self.word()
        if word == "default":
            self.i += 1
            literal = self.peek()
            if literal is None:
                raise _Fallback
            kind = {"number": "number", "string": "string", "name": "name"}.get(literal[0])
            if kind is None:
                raise _Fallback
            self.i += 1
            value = _unquote(literal[1]) if kind == "string" else literal[1]
            return ("default", Literal_(kind=kind, value=value, span=self.span(literal[2], literal[3])), self.span(first[2], literal[3]))
        if word in ("min", "max"):
            self.i += 1
            self.take("punct", "(")
            number = self.take("number")
            close = self.take("punct", ")")
            return ("minimum" if word == "min" else "maximum", number[1], self.span(first[2], close[3]))
        if word == "references":
            return self.references()
        if word == "on":
            self.i += 1
            event = self.word()
            if event not in ("delete", "update"):
                raise _Fallback
            self.i += 1
            action = self.words(_keywords()[1])
            if action is None:
                raise _Fallback
            return ("on_" + event, action[0], self.span(first[2], action[1]))
        raise _Fallback

    def references(self) -> tuple:
        keyword = self.take("name")
        entity = self.take("name")
        column = None
        end = entity[3]
        if self.peek() is not None and self.peek()[1] == ".":
            self.i += 1
            column_token = self.take("name")
            column, end = column_token[1], column_token[3]
        reference = Reference(entity=entity[1], column=column, span=self.span(entity[2], entity[3]))
        return ("references", reference, self.span(keyword[2], end))

    def modifiers(self, out: list) -> None:
        """`("," modifier?)*` to the end."""
        while self.peek() is not None:
            self.take("punct", ",")
            token = self.peek()
            if token is None or token[1] == ",":
                continue
            out.append(self.modifier())

    def at_end(self) -> None:
        if self.peek() is not None:
            raise _Fallback


def read(text: str, start: str, span: SpanAt) -> Any:
    """What the grammar would return for `text` from rule `start` (spans made
    with `span(start, end)`), or None when only the grammar can tell."""
    if start not in ("attribute", "type_only", "modifier_list"):
        return None
    try:
        reader = _Reader(_tokens(text.replace("`", " ")), span)
        if not reader.tokens:
            return None
        if start == "type_only":
            result = reader.type_expr()
            reader.at_end()
            return result
        if start == "attribute":
            parts: list = [reader.type_expr()]
            if reader.word() == "references":
                parts.append(reader.references())
            reader.modifiers(parts)
            return parts
        parts = []
        if reader.peek()[1] != ",":
            parts.append(reader.modifier())
        reader.modifiers(parts)
        return parts
    except _Fallback:
        return None
