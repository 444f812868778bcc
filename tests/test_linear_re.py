"""compiler/linear_re.py gives `re`'s results, in linear time, for every pattern the compiler passes it."""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler import linear_re

COMPILER = Path(__file__).resolve().parent.parent / "compiler"


def _calls() -> list[tuple[str, str, int]]:
    """(function, pattern, flags) of every `linear_re.<function>(r"...")` call in the compiler."""
    found = set()
    for path in COMPILER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "linear_re"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                flags = next((k.value for k in node.keywords if k.arg == "flags"), None)
                flag = getattr(re, flags.attr) if isinstance(flags, ast.Attribute) else 0
                found.add((node.func.attr, node.args[0].value, flag))
    return sorted(found)


CALLS = _calls()
PIECES = [" ", "  ", "\t", "\n", ",", "/", "|", "(", ")", "[", "]", "a", "b", "x", "or", "and", " or ", " and ", "-", "—", "=",
          ".", "`", "null", "→", "->", "etc", "1", "é", "，", "、", "ou", "o", "lub"]  # fmt: skip


def _same(function: str, pattern: str, flags: int, text: str) -> None:
    plain, linear = re.compile(pattern, flags), linear_re.compiled(pattern, flags)
    if function == "split":
        assert linear.split(text) == plain.split(text)
    elif function in ("sub", "subn"):
        assert linear.sub("#", text) == plain.sub("#", text)
    elif function == "findall":
        assert linear.findall(text) == plain.findall(text)
    elif function == "finditer":
        assert [m.span() for m in linear.finditer(text)] == [m.span() for m in plain.finditer(text)]
    else:
        found, expected = linear.search(text), plain.search(text)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))


def test_the_compiler_passes_patterns_that_open_with_spaces():
    assert len(CALLS) >= 40
    assert all(any(re.match(r"\\s[*+]", part) for part in linear_re.alternatives(p)) for _, p, _ in CALLS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_each_pattern_gives_what_re_gives(text):
    for function, pattern, flags in CALLS:
        _same(function, pattern, flags, text)


@pytest.mark.parametrize("function, pattern, flags", CALLS, ids=[f"{f}:{p[:30]}" for f, p, _ in CALLS])
def test_each_pattern_reads_a_long_run_of_spaces_at_once(function, pattern, flags):
    text = "a" + " " * 100_000 + "b" + "\t" * 50_000 + "c"
    started = time.perf_counter()
    _same(function, pattern, flags, text[:2000])
    getattr(linear_re.compiled(pattern, flags), "split" if function == "split" else "sub" if function == "sub" else "findall")(
        *((text,) if function != "sub" else ("#", text))
    )
    assert time.perf_counter() - started < 5  # quadratic: minutes


def test_alternatives_are_split_outside_groups_and_classes():
    assert linear_re.alternatives(r"\s*,\s*(?:or|and)\s+|[|]|\s+x\|") == [r"\s*,\s*(?:or|and)\s+", "[|]", r"\s+x\|"]
