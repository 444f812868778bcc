"""The speed-ups that reuse work must not change what comes out.

Parsing is memoized per distinct attribute text (spans relocated per use),
generated statements are parsed back once per shape, and some values are
shared between objects. Each test here would fail if a shortcut leaked one
place's result into another.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.diagnostics import Diagnostics, Span
from compiler.emit.output import EmitError
from compiler.emit.postgres import CheckedShapes, check_statement
from compiler.emit.sqlalchemy.types import py_str
from compiler.frontend import canonical, notation, parse_spec
from tests.test_fuzz import TYPE_TOKENS

SPEC = """# Feature Specification: Memo

## Key Entities

- **Task**: d
  - `a`: string(200), required, default 'x'
  - `b`: string(200), required, default 'x'
    - note
- **Note**: d
  - `a`:   string(200), required, default 'x'
  - `c`: string(200, required
  - `d`: string(200, required
"""


def _parse(text: str = SPEC):
    diags = Diagnostics()
    return parse_spec("specs/001-memo/spec.md", text, diags), diags


def _spans(value) -> list[Span]:
    if isinstance(value, Span):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _spans(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _spans(item)]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in _spans(getattr(value, f.name))]
    return []


def test_same_text_on_different_lines_gets_its_own_spans():
    spec, _ = _parse()
    task, note = spec.entities
    first, second = task.attributes
    assert first.type.span.line == 6 and second.type.span.line == 7
    assert first.modifier_spans["default"].line == 6 and second.modifier_spans["default"].line == 7
    shifted = note.attributes[0]  # the same text two columns further right
    assert shifted.type.span.line == 10
    assert shifted.type.span.col == first.type.span.col + 2
    assert shifted.default.span.col == first.default.span.col + 2


def test_memoized_parse_equals_a_fresh_parse():
    cached, _ = _parse()
    notation._parse_text.cache_clear()
    fresh, _ = _parse()
    assert cached == fresh
    assert _spans(cached) == _spans(fresh)


def test_first_second_and_later_uses_agree():
    """A text met the first time is read where it stands; later uses copy
    the memo. All three must give the same nodes at their own places."""
    notation._SEEN.clear()
    notation._parse_text.cache_clear()
    spec, _ = _parse()
    first, second = spec.entities[0].attributes
    third = spec.entities[1].attributes[0]
    one, two, three = (_spans(a.type) + [a.default.span] for a in (first, second, third))
    assert [(s.line + 1, s.col, s.end_col) for s in one] == [(s.line, s.col, s.end_col) for s in two]
    assert [(s.line + 4, s.col + 2, s.end_col + 2) for s in one] == [(s.line, s.col, s.end_col) for s in three]
    assert (first.type.name, first.type.args[0].value, first.default.value) == (
        third.type.name,
        third.type.args[0].value,
        third.default.value,
    )


def test_results_are_not_shared_between_uses():
    spec, _ = _parse()
    first, second = spec.entities[0].attributes
    assert first.type is not second.type
    assert first.type.args is not second.type.args
    first.type.args.clear()
    first.default.value = "changed"
    again, _ = _parse()
    assert again.entities[0].attributes[0].type.args and again.entities[0].attributes[0].default.value == "x"
    assert second.type.args and second.default.value == "x"


def test_a_repeated_error_is_reported_at_each_place():
    _, diags = _parse()
    e104 = sorted((d.span.line, d.span.col) for d in diags.items if d.code == "E104")
    assert e104 == [(11, 16), (12, 16)]  # the unclosed "(" on each line
    assert {d.span.path for d in diags.items} == {"specs/001-memo/spec.md"}


def test_span_pickles_and_copies_as_itself():
    span = Span(path="p.md", line=3, col=4, end_line=3, end_col=9)
    assert pickle.loads(pickle.dumps(span)) == span and hash(pickle.loads(pickle.dumps(span))) == hash(span)
    assert copy.deepcopy(span) is span


def test_statement_shape_cache_still_rejects_what_differs():
    check_statement('CREATE TABLE "memo_a" ("x" INTEGER NOT NULL);')
    with pytest.raises(EmitError):  # the same shape with a quoting mistake does not tokenize
        check_statement('CREATE TABLE "memo_b ("x" INTEGER NOT NULL);')
    with pytest.raises(EmitError):  # a second statement changes the shape and is parsed
        check_statement('CREATE TABLE "memo_c" ("x" INTEGER NOT NULL); DROP TABLE "memo_a";')
    with pytest.raises(EmitError):
        check_statement("COMMENT ON TABLE \"memo_a\" IS 'it''s'';")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_python_literals_round_trip(value):
    literal = py_str(value)
    assert ast.literal_eval(literal) == value
    assert "\n" not in literal


# ------------------------------------------------------------- the canonical fast path
# The fuzz suite's alphabet of the grammar, plus what only the fast reader must refuse.
_PIECES = [*TYPE_TOKENS, "Task.id", "was", "(was old)", "1..5", "'\\''", "[", "]", "=", "—", "é", "->", "REQUIRED"]


def _lark(text: str, start: str):
    local = Diagnostics()
    offsets = notation._Offsets(text)
    tree = notation._parse(offsets, start, local)
    if tree is None:
        return None
    transformer = notation._transformer()
    transformer.fragment = offsets
    return transformer.transform(tree)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map(" ".join)
    | st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map("".join),
    st.sampled_from(["attribute", "type_only", "modifier_list"]),
)
def test_fast_path_agrees_with_the_grammar(text, start):
    fast = canonical.read(text, start, notation._Offsets(text).span)
    if fast is not None:
        assert fast == _lark(text, start), text


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("string(200), required, default 'x'", "attribute"),
        ("`Item00099`, on delete set null", "attribute"),
        ("enum(draft, active), required, default draft, indexed", "attribute"),
        ("uuid references User.id, not null, pk", "attribute"),
        ("text[][]", "type_only"),
        (", required,, unique", "modifier_list"),
    ],
)
def test_fast_path_takes_the_plain_forms(text, start):
    fast = canonical.read(text, start, notation._Offsets(text).span)
    assert fast is not None and fast == _lark(text, start)


# ------------------------------------------------------------- table order
@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=30), max_size=3), min_size=1, max_size=30))
def test_ordered_tables_skip_the_reordering_unchanged(references):
    """`_dependency_order` returns a list already in dependency order as it
    is; the full ordering must agree (and differ only where it must)."""
    from compiler.ir import Column, ColumnType, ForeignKey, Table
    from compiler.passes.lower import _dependency_order, _reorder
    from compiler.types import Scalar

    column = Column(name="id", type=ColumnType(scalar=Scalar.UUID))
    tables = [
        Table(
            name=f"t{i}",
            entity=f"T{i}",
            columns=[column],
            foreign_keys=[
                ForeignKey(name=f"fk{i}_{r}", columns=["id"], ref_table=f"t{r}", ref_columns=["id"]) for r in refs if r < len(references)
            ],
        )
        for i, refs in enumerate(references)
    ]
    assert [t.name for t in _dependency_order(tables)] == [t.name for t in _reorder(tables)]


def test_checked_shapes_are_bounded():
    shapes = CheckedShapes(limit=3)
    for n in range(3):
        shapes.add((n,))
    assert all((n,) in shapes for n in range(3))
    shapes.add((3,))  # over the limit: the old ones are forgotten, a check is repeated at worst
    assert (3,) in shapes and (0,) not in shapes
