"""The fast block reader (`compiler.frontend.blocks`) must give what
markdown-it gives, wherever it answers; elsewhere it must decline."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.common.utils import MD_TRIM_CHARS

from bench.generate import generate
from compiler.frontend import blocks
from tests.test_corpus import FILES, needs_corpus
from tests.test_fuzz import block_reader_agrees, worst_cases

ROOT = Path(__file__).resolve().parent.parent


def test_white_space_is_markdown_its():
    assert set(blocks.TRIM_CHARS) == set(MD_TRIM_CHARS)


def test_synthetic_specs_take_the_fast_path(tmp_path):
    generate(tmp_path, 60, 3)
    specs = sorted(tmp_path.glob("specs/*/spec.md"))
    assert specs and all(block_reader_agrees(p.read_text()) for p in specs)


def test_example_specs_agree_or_decline():
    for path in sorted(ROOT.glob("specs/*/spec.md")):
        block_reader_agrees(path.read_text())


@needs_corpus
def test_corpus_agrees_or_declines():
    answered = [p.name for p in FILES if block_reader_agrees(p.read_text(encoding="utf-8"))]
    assert answered  # some real specs are plain enough


def test_worst_cases_agree_or_decline():
    for text in worst_cases().values():
        block_reader_agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        "- a\nlazy continuation\n",  # a lazy line continues the item
        "para\n---\n",  # setext heading
        "para\n-\n",
        "para\n===\n",
        "- a\n\n    - b\n",  # too deep for a nested item: code inside the item
        "- a\n - b\n",  # odd indent
        "```\n- a\n```\n",
        "| a | b |\n|---|---|\n",
        "a | b\n:-- | --\n",  # a table whose delimiter row starts with ':'
        "a | b\n- | -\n",
        "- a\n  continued\n",
        "\tx\n",
        "x\u00a0\n",
        "[foo\nbar]: /url\n",
        "- - -\n",
        "- --\n",
        "1. one\n",
        "> - a\n",
        "<!-- - a -->\n",
        "####### seven\n",
        "#tag\n",
        "  # indented heading\n",
        "-  two spaces\n",
        "- \n",
    ],
)
def test_declines_what_it_does_not_know(text):
    assert blocks.tokens(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n## Key Entities\n\n- **User**: a\n  - `id`: uuid\n\n- **Task**: b\n",
        "## A ##\n# B #\n#\n## ##\n### x#\n",
        "para one\nstill one\n- item interrupts\n# heading interrupts\npara\n",
        "- a\n  - b\n    - c\n- d\n\n  - e\n\ntext\n",
        "- **bold**: *emph* `code` a | b\n- ``x``\n- 2024-01-01\n- +1\n",
    ],
)
def test_answers_the_plain_forms(text):
    assert block_reader_agrees(text)


# ---------------------------------------------------------------- random documents
_WORDS = ["word", "**User**: a user", "`id`: uuid, primary key", "*emph*", "a | b", "é ü", "x ##", "tail  ", "2024-01-01"]
_SPICY = [
    "***",
    "---",
    "___",
    "- - -",
    "--",
    "-",
    "=",
    "===",
    "1. one",
    "2) two",
    "* star",
    "+ plus",
    "# h",
    "#tag",
    "## closed ##",
    "####### seven",
    "> quote",
    "<div>",
    "<!-- c -->",
    "```",
    "~~~",
    "[x]: /u",
    "[ ] task",
    "[a",
    "b]: /u",
    "\tTab",
    "a\u00a0b",
    "    code",
    "|---|---|",
    ":--",
    "``",
    "` x`",
    "\\# escaped",
]
_TEXT = st.sampled_from(_WORDS + _SPICY)


def _line(kind: str, depth: int, text: str) -> str:
    if kind == "heading":
        return "#" * (depth % 6 + 1) + " " + text
    if kind == "item":
        return "  " * depth + "- " + text
    if kind == "odd":
        return " " * (2 * depth + 1) + "- " + text
    if kind == "blank":
        return " " * depth
    return text


_LINES = st.lists(
    st.tuples(st.sampled_from(["heading", "item", "item", "item", "text", "blank", "blank", "odd"]), st.integers(0, 3), _TEXT),
    max_size=25,
)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
def test_random_documents_agree_or_decline(lines):
    block_reader_agrees("\n".join(_line(*line) for line in lines) + "\n")


# Plain documents by construction: every block the fast reader knows, in
# every order it allows; it must answer, and agree.
_PLAIN_TEXT = st.sampled_from(_WORDS)
_BLOCK = st.one_of(
    st.tuples(st.just("heading"), st.integers(0, 5), _PLAIN_TEXT),
    st.tuples(st.just("paragraph"), st.lists(_PLAIN_TEXT, min_size=1, max_size=3)),
    st.tuples(st.just("list"), st.lists(st.tuples(st.integers(0, 3), _PLAIN_TEXT, st.booleans()), min_size=1, max_size=8)),
)


def _render(block) -> list[str]:
    if block[0] == "heading":
        return [_line("heading", block[1], block[2])]
    if block[0] == "paragraph":
        return list(block[1])
    lines, depth = [], -1
    for wanted, text, blank_before in block[1]:
        depth = min(wanted, depth + 1)
        lines.extend([""] * (blank_before and bool(lines)) + [_line("item", depth, text)])
    return lines


@settings(max_examples=500, deadline=None)
@given(st.lists(_BLOCK, max_size=8))
def test_plain_documents_are_answered_and_agree(document):
    text = "\n\n".join("\n".join(_render(block)) for block in document) + "\n"
    assert block_reader_agrees(text), text
